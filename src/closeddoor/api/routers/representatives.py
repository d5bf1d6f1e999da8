"""Personal representatives (45 CFR 164.502(g)) and clinicians' minor-consent findings."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.consent import InvitationOut
from closeddoor.api.schemas.representatives import (
    FindingIn,
    FindingOut,
    RefusalIn,
    RepresentativeIn,
    RepresentativeOut,
)
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["representatives"])


@router.get("/clients/{client_id}/representatives", response_model=PageOut[RepresentativeOut])
def list_representatives(client_id: str, services: ServicesDep, actor: ActorDep,
                         cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                         ) -> PageOut[RepresentativeOut]:
    """The client's representatives on file, newest first, a page at a time (never a
    refusal's reason)."""
    return page_of(services.pager,
                   lambda: services.representatives.list_representatives(actor, client_id),
                   lambda r: r.representative_id,
                   lambda r: RepresentativeOut(
                       id=r.representative_id, kind=r.details.kind, name=r.details.name,
                       document_date=r.details.document_date, document=r.details.document,
                       scope=list(r.details.scope), status=r.status, email=r.details.email,
                       portal=r.portal, recorded_at=r.recorded_at,
                       ended_at=r.ended_at, refused_at=r.refused_at),
                   cursor=cursor, limit=limit, sort=f"representatives:{client_id}")


@router.post("/clients/{client_id}/representatives", status_code=201, response_model=Created)
def record_representative(client_id: str, body: RepresentativeIn, services: ServicesDep,
                          actor: ActorDep) -> Created:
    """Record a representative from the document on file; each bad field named in the 422."""
    return Created(id=services.representatives.record(actor, client_id, body.model_dump()))


@router.post("/clients/{client_id}/representatives/{representative_id}/end", status_code=204)
def end_representative(client_id: str, representative_id: str, services: ServicesDep,
                       actor: ActorDep) -> None:
    services.representatives.end(actor, client_id, representative_id)


@router.post("/clients/{client_id}/representatives/{representative_id}/refusal",
             status_code=204)
def refuse_representative(client_id: str, representative_id: str, body: RefusalIn,
                          services: ServicesDep, actor: ActorDep) -> None:
    """The treating clinician's documented 164.502(g)(5) determination; effective at once."""
    services.representatives.refuse(actor, client_id, representative_id, body.model_dump())


@router.post("/clients/{client_id}/representatives/{representative_id}/portal-invitations",
             status_code=201, response_model=InvitationOut)
def invite_representative(client_id: str, representative_id: str, services: ServicesDep,
                          actor: ActorDep) -> InvitationOut:
    """E-mail the representative a single-use link (72 hours) to their own address on file,
    for a portal account of their own (45 CFR 164.502(g)); the answer says where it went
    (masked), never the link."""
    sent = services.portal.invite_representative(actor, client_id, representative_id)
    return InvitationOut(sent_to=sent.sent_to, expires_at=sent.expires_at)


@router.post("/clients/{client_id}/representatives/{representative_id}/portal-revocation",
             status_code=204)
def revoke_representative_portal(client_id: str, representative_id: str,
                                 services: ServicesDep, actor: ActorDep) -> None:
    """Close the representative's own portal account; their sessions end at once."""
    services.representatives.revoke_portal_access(actor, client_id, representative_id)


@router.get("/clients/{client_id}/minor-consent-findings", response_model=PageOut[FindingOut])
def list_findings(client_id: str, services: ServicesDep, actor: ActorDep,
                  cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                  ) -> PageOut[FindingOut]:
    """The clinicians' minor-consent findings for this client, a page at a time."""
    return page_of(services.pager, lambda: services.representatives.findings(actor, client_id),
                   lambda f: f.finding_id,
                   lambda f: FindingOut(id=f.finding_id, jurisdiction=f.jurisdiction,
                                        ground=f.ground, recorded_at=f.recorded_at,
                                        recorded_by=f.recorded_by,
                                        withdrawn_at=f.withdrawn_at),
                   cursor=cursor, limit=limit, sort=f"minor-consent-findings:{client_id}")


@router.post("/clients/{client_id}/minor-consent-findings", status_code=201,
             response_model=Created)
def record_finding(client_id: str, body: FindingIn, services: ServicesDep,
                   actor: ActorDep) -> Created:
    """The clinician's finding that lets a minor consent alone (the practice's law's grounds)."""
    return Created(id=services.representatives.record_finding(actor, client_id,
                                                              body.model_dump()))


@router.post("/clients/{client_id}/minor-consent-findings/{finding_id}/withdrawal",
             status_code=204)
def withdraw_finding(client_id: str, finding_id: str, services: ServicesDep,
                     actor: ActorDep) -> None:
    services.representatives.withdraw_finding(actor, client_id, finding_id)
