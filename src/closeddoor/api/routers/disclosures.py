"""Releases of information (staff side): a client's authorizations, disclosure requests and
packets, the accounting of disclosures, the owner's review queue and the practice's settings.

Packets and reports answer as PDF downloads whose file names carry ids only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.disclosures import (
    AccountingEntryOut,
    ApprovalIn,
    AuthorizationFormOut,
    AuthorizationIn,
    AuthorizationOut,
    AuthorizationSignatureIn,
    ClientToldIn,
    DisclosureEventOut,
    DisclosureIn,
    DisclosureOut,
    DisclosureSettings,
    LegalBasisOut,
    PeriodFrom,
    PeriodTo,
    PortalAccountingEntryOut,
    ReviewIn,
    SuspensionIn,
    drop_unset,
)
from closeddoor.disclosure.accounting import AccountingEntry
from closeddoor.disclosure.authorization_service import AuthorizationForm, AuthorizationView
from closeddoor.disclosure.service import DisclosureView
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["disclosures"])
PDF: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {}}}}


def pdf_response(pdf: bytes, filename: str) -> Response:
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


def authorization_out(view: AuthorizationView) -> AuthorizationOut:
    terms = view.terms
    return AuthorizationOut(
        id=view.authorization_id, status=view.status,
        categories=[c.value for c in terms.categories], records_from=terms.records_from,
        records_to=terms.records_to, discloser=terms.discloser,
        recipient_name=terms.recipient.name,
        recipient_organization=terms.recipient.organization,
        recipient_contact=terms.recipient.contact, purpose=terms.purpose,
        expires_on=terms.expires_on, expiry_event=terms.expiry_event,
        created_at=view.created_at, signed_at=view.signed_at, sign_method=view.sign_method,
        signer_kind=view.signer_kind, text_sha256=view.text_sha256, revoked_at=view.revoked_at,
        revoke_method=view.revoke_method)


def form_out(form: AuthorizationForm) -> AuthorizationFormOut:
    return AuthorizationFormOut(authorization=authorization_out(form.view), text=form.text,
                                text_sha256=form.sha256, signer_rule=form.signer_rule,
                                signer_reason=form.signer_reason,
                                witness_required=form.witness_required)


def disclosure_out(view: DisclosureView) -> DisclosureOut:
    scope, basis = view.scope, view.legal_basis
    return DisclosureOut(
        id=view.disclosure_id, status=view.status, authority=view.authority,
        authorization_id=view.authorization_id,
        legal_basis=LegalBasisOut(kind=basis.kind.value, title=basis.spec.title,
                                  citation=basis.spec.citation, facts=dict(basis.facts),
                                  justification=basis.justification) if basis else None,
        recipient_name=scope.recipient.name,
        recipient_organization=scope.recipient.organization,
        recipient_contact=scope.recipient.contact,
        categories=[c.value for c in scope.categories], records_from=scope.records_from,
        records_to=scope.records_to, purpose=scope.purpose, requested_at=view.requested_at,
        requested_by=view.requested_by, approved_at=view.approved_at,
        approved_by=view.approved_by, released_at=view.released_at,
        packet_sha256=view.packet_sha256, client_told=view.client_told,
        client_told_at=view.client_told_at, reviewed_at=view.reviewed_at,
        suspended_until=view.suspended_until, suspension_kind=view.suspension_kind,
        channel="oral" if view.is_oral else "packet",
        required_in_accounting=basis is not None and basis.kind.requires_accounting,
        report_to=view.report_due.report_to if view.report_due else "",
        report_due_by=view.report_due.due_by if view.report_due else None,
        events=[DisclosureEventOut(kind=e.kind, occurred_at=e.occurred_at, actor_id=e.actor_id)
                for e in view.events],
        restriction_statement=view.restriction_statement)


def portal_accounting_out(e: AccountingEntry) -> PortalAccountingEntryOut:
    return PortalAccountingEntryOut(**_common(e))


def accounting_out(e: AccountingEntry) -> AccountingEntryOut:
    return AccountingEntryOut(**_common(e), suspended_until=e.suspended_until,
                              client_told=e.client_told)


def period_sort(name: str, client_id: str, period_from: date | None,
                period_to: date | None) -> str:
    """The sort key of an accounting: its client and period, so a cursor of one period is
    refused on another (dates only; they are in the URL already)."""
    return f"{name}:{client_id}:{period_from or ''}:{period_to or ''}"


def _common(e: AccountingEntry) -> dict[str, Any]:
    return {"id": e.disclosure_id, "disclosed_at": e.disclosed_at, "recipient": e.recipient,
            "recipient_contact": e.recipient_contact, "description": e.description,
            "purpose": e.purpose, "authority": e.authority,
            "authorization_id": e.authorization_id,
            "authorization_signed_on": e.authorization_signed_on,
            "required_in_accounting": e.required_in_accounting,
            "channel": "oral" if e.is_oral else "packet"}


# --- authorizations -----------------------------------------------------------------------------
@router.get("/clients/{client_id}/authorizations", response_model=PageOut[AuthorizationOut])
def list_authorizations(client_id: str, services: ServicesDep, actor: ActorDep,
                        cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                        ) -> PageOut[AuthorizationOut]:
    """The client's authorizations, newest first, each with its status now, a page at a
    time."""
    return page_of(services.pager,
                   lambda: services.authorizations.list_authorizations(actor, client_id),
                   lambda v: v.authorization_id, authorization_out, cursor=cursor, limit=limit,
                   sort=f"authorizations:{client_id}")


@router.post("/clients/{client_id}/authorizations", status_code=201, response_model=Created)
def create_authorization(client_id: str, body: AuthorizationIn, services: ServicesDep,
                         actor: ActorDep) -> Created:
    """An unsigned authorization; each missing 164.508(c) element is named in the 422."""
    return Created(id=services.authorizations.create(actor, client_id, drop_unset(body)))


@router.get("/clients/{client_id}/authorizations/{authorization_id}",
            response_model=AuthorizationFormOut)
def get_authorization(client_id: str, authorization_id: str, services: ServicesDep,
                      actor: ActorDep) -> AuthorizationFormOut:
    """The authorization, its exact text and the hash a signature must quote."""
    return form_out(services.authorizations.form(actor, client_id, authorization_id))


@router.get("/clients/{client_id}/authorizations/{authorization_id}/signed.pdf",
            response_class=Response, responses=PDF)
def signed_authorization_pdf(client_id: str, authorization_id: str, services: ServicesDep,
                             actor: ActorDep) -> Response:
    """The signed copy to give the client from the office (45 CFR 164.508(c)(4))."""
    filename, pdf = services.authorizations.signed_copy(actor, client_id, authorization_id)
    return pdf_response(pdf, filename)


@router.post("/clients/{client_id}/authorizations/{authorization_id}/signature",
             status_code=204)
def sign_authorization(client_id: str, authorization_id: str, body: AuthorizationSignatureIn,
                       services: ServicesDep, actor: ActorDep) -> None:
    """Signed in the office, on the text whose hash is quoted (409 if it changed)."""
    services.authorizations.sign(actor, client_id, authorization_id,
                                 text_sha256=body.text_sha256, signer_name=body.signer_name,
                                 signer_kind=body.signer_kind,
                                 guardian_relation=body.guardian_relation,
                                 representative_id=body.representative_id,
                                 witness_name=body.witness_name)


@router.post("/clients/{client_id}/authorizations/{authorization_id}/revocation",
             status_code=204)
def revoke_authorization(client_id: str, authorization_id: str, services: ServicesDep,
                         actor: ActorDep) -> None:
    """Record a written revocation the practice received; effective at once."""
    services.authorizations.revoke(actor, client_id, authorization_id)


@router.post("/clients/{client_id}/authorizations/{authorization_id}/expiry-event",
             status_code=204)
def record_expiry_event(client_id: str, authorization_id: str, services: ServicesDep,
                        actor: ActorDep) -> None:
    services.authorizations.record_expiry_event(actor, client_id, authorization_id)


# --- disclosures and the accounting --------------------------------------------------------------
@router.get("/clients/{client_id}/disclosures", response_model=PageOut[AccountingEntryOut])
def accounting(client_id: str, services: ServicesDep, actor: ActorDep,
               period_from: PeriodFrom = None, period_to: PeriodTo = None,
               cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
               ) -> PageOut[AccountingEntryOut]:
    """The client's accounting of disclosures: every disclosure that left in the period (the
    last six years unless `from`/`to` narrow it; 422 if it reaches further back), newest
    first, a page at a time (a cursor belongs to its period)."""
    return page_of(services.pager, lambda: services.oversight.accounting(
        actor, client_id, period_from=period_from, period_to=period_to).entries,
                   lambda e: e.disclosure_id, accounting_out, cursor=cursor, limit=limit,
                   sort=period_sort("disclosures", client_id, period_from, period_to))


@router.get("/clients/{client_id}/disclosures.pdf", response_class=Response, responses=PDF)
def accounting_pdf(client_id: str, services: ServicesDep, actor: ActorDep,
                   period_from: PeriodFrom = None, period_to: PeriodTo = None) -> Response:
    """The accounting given to the client (recorded as their request: 164.528(c)(2))."""
    return pdf_response(services.oversight.accounting_pdf(
        actor, client_id, period_from=period_from, period_to=period_to),
                        "accounting-of-disclosures.pdf")


@router.get("/clients/{client_id}/disclosure-requests", response_model=PageOut[DisclosureOut])
def list_requests(client_id: str, services: ServicesDep, actor: ActorDep,
                  cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                  ) -> PageOut[DisclosureOut]:
    """Every disclosure of this client, requested, waiting, declined or released, a page at
    a time."""
    return page_of(services.pager,
                   lambda: services.disclosures.list_disclosures(actor, client_id),
                   lambda v: v.disclosure_id, disclosure_out, cursor=cursor, limit=limit,
                   sort=f"disclosure-requests:{client_id}")


@router.post("/clients/{client_id}/disclosures", status_code=201, response_model=DisclosureOut)
def request_disclosure(client_id: str, body: DisclosureIn, services: ServicesDep,
                       actor: ActorDep) -> DisclosureOut:
    """Ask to disclose under an authorization or a legal basis; 403 names why it may not."""
    return disclosure_out(services.disclosures.request(actor, client_id, drop_unset(body)))


@router.get("/clients/{client_id}/disclosures/{disclosure_id}", response_model=DisclosureOut)
def get_disclosure(client_id: str, disclosure_id: str, services: ServicesDep,
                   actor: ActorDep) -> DisclosureOut:
    return disclosure_out(services.disclosures.get(actor, client_id, disclosure_id))


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/approval", status_code=204)
def approve_disclosure(client_id: str, disclosure_id: str, body: ApprovalIn,
                       services: ServicesDep, actor: ActorDep) -> None:
    """The second staff member approves or declines a legal-basis disclosure."""
    services.disclosures.approve(actor, client_id, disclosure_id, approve=body.approve,
                                 comment=body.comment)


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/packet",
             response_class=Response, responses=PDF)
def release_packet(client_id: str, disclosure_id: str, services: ServicesDep,
                   actor: ActorDep) -> Response:
    """The packet leaves: made from exactly the scope, its hash recorded. Asked again, a
    byte-identical copy, or 409 if the records changed meanwhile."""
    packet = services.disclosures.release(actor, client_id, disclosure_id)
    return pdf_response(packet.pdf, packet.filename)


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/client-told", status_code=204)
def record_client_told(client_id: str, disclosure_id: str, body: ClientToldIn,
                       services: ServicesDep, actor: ActorDep) -> None:
    services.disclosures.record_client_told(actor, client_id, disclosure_id, told=body.told,
                                            note=body.note)


@router.post("/clients/{client_id}/disclosures/{disclosure_id}/suspension", status_code=204)
def suspend_in_accounting(client_id: str, disclosure_id: str, body: SuspensionIn,
                          services: ServicesDep, actor: ActorDep) -> None:
    """164.528(a)(2): withhold the entry from the client until a date (owner, if allowed)."""
    services.oversight.suspend_in_accounting(actor, client_id, disclosure_id, until=body.until,
                                             agency=body.agency, statement=body.statement,
                                             form=body.form, official=body.official)


# --- the owner's review and the practice's settings -----------------------------------------
@router.get("/practice/disclosure-reviews", response_model=PageOut[DisclosureOut])
def review_queue(services: ServicesDep, actor: ActorDep, cursor: CursorQuery = None,
                 limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[DisclosureOut]:
    """Legal-basis disclosures awaiting the privacy officer's review, a page at a time."""
    return page_of(services.pager, lambda: services.oversight.review_queue(actor),
                   lambda v: v.disclosure_id, disclosure_out, cursor=cursor, limit=limit,
                   sort="disclosure-reviews")


@router.post("/practice/disclosure-reviews/{disclosure_id}", status_code=204)
def complete_review(disclosure_id: str, body: ReviewIn, services: ServicesDep,
                    actor: ActorDep) -> None:
    services.oversight.complete_review(actor, disclosure_id, body.comment)


@router.get("/settings/disclosures", response_model=DisclosureSettings)
def get_settings(services: ServicesDep, actor: ActorDep) -> DisclosureSettings:
    return DisclosureSettings(**services.oversight.settings(),
                              accounting_fee_notice=services.oversight.fee_notice())


@router.put("/settings/disclosures", status_code=204)
def update_settings(body: DisclosureSettings, services: ServicesDep, actor: ActorDep) -> None:
    for name, value in body.model_dump(exclude={"accounting_fee_notice"}).items():
        services.oversight.update_setting(actor, name, value)
    if body.accounting_fee_notice is not None:
        services.oversight.set_fee_notice(actor, body.accounting_fee_notice)
