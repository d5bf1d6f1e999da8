"""Informed consent (staff side): the owner's versions and jurisdiction; per client the status,
the form, signatures, optional consents and contact preferences, and portal invitations.

The services decide who may do what; these routes parse, call and map. Nothing here puts a
client's name in a URL, and no answer holds an invitation's link or token: it goes only to the
client's own e-mail address.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.consent import (
    ConsentDocumentIn,
    ConsentFormOut,
    ConsentSectionOut,
    ConsentStatusOut,
    InvitationOut,
    JurisdictionIn,
    JurisdictionOut,
    PreferencesIn,
    PreferencesOut,
    RenderedSectionOut,
    SignatureIn,
    SignatureOut,
)
from closeddoor.api.schemas.consent_review import (
    ConsentVersionDetailOut,
    ConsentVersionReviewedOut,
    ReviewIn,
    jurisdiction_review_out,
    review_fields,
)
from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import known_codes
from closeddoor.consent.model import Block
from closeddoor.consent.render import to_pdf
from closeddoor.consent.service import ConsentForm, SignatureView, SignedText
from closeddoor.errors import InvalidInput
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["consent"])
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "the current form as a PDF"}}


@contextmanager
def consent_input() -> Iterator[None]:
    """A template or jurisdiction the practice submitted is bad input (422), not a server fault.
    ConsentError messages name sections, facts and codes only, never client data."""
    try:
        yield
    except ConsentError as exc:
        raise InvalidInput(str(exc)) from None


def blocks_text(blocks: tuple[Block, ...]) -> str:
    """Paragraphs separated by blank lines; list items as `- item` lines."""
    return "\n\n".join(block.items[0] if block.kind == "paragraph"
                       else "\n".join(f"- {item}" for item in block.items)
                       for block in blocks)


# --- the practice's consent versions (owner) ---------------------------------------------------
@router.get("/consent/versions", response_model=PageOut[ConsentVersionReviewedOut])
def list_versions(services: ServicesDep, actor: ActorDep, cursor: CursorQuery = None,
                  limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[ConsentVersionReviewedOut]:
    """Every version with its review record, a page at a time; `is_stale` marks a published
    version whose text changed since (the practice's name or the law's facts): clients cannot
    sign it any more."""
    return page_of(services.pager, lambda: services.consent.list_versions(actor),
                   lambda v: v.version_id,
                   lambda v: ConsentVersionReviewedOut.model_validate({
                       "id": v.version_id, "number": v.number, "status": v.status,
                       "created_at": v.created_at, "published_at": v.published_at,
                       **review_fields(v)}),
                   cursor=cursor, limit=limit, sort="consent-versions")


@router.post("/consent/versions", status_code=201, response_model=Created)
def create_draft(services: ServicesDep, actor: ActorDep) -> Created:
    """A new draft, starting from the current published text."""
    return Created(id=services.consent.create_draft(actor))


@router.get("/consent/versions/{version_id}", response_model=ConsentVersionDetailOut)
def get_version(version_id: str, services: ServicesDep, actor: ActorDep
                ) -> ConsentVersionDetailOut:
    """The version's template, its review record, and the practice's jurisdiction facts with
    their review status and each fact's review note: what the reviewer should look at."""
    template = services.consent.version_template(actor, version_id)
    summary = services.consent.version(actor, version_id)
    return ConsentVersionDetailOut.model_validate({
        "id": version_id, "number": summary.number, "status": summary.status,
        "name": template.name, "title": template.title, "intro": template.intro,
        "sections": [ConsentSectionOut(key=s.key, title=s.title, body=s.body,
                                       citations=list(s.citations)) for s in template.sections],
        **review_fields(summary),
        "jurisdiction": jurisdiction_review_out(services.consent.jurisdiction_review(actor))})


@router.put("/consent/versions/{version_id}", status_code=204)
def update_draft(version_id: str, body: ConsentDocumentIn, services: ServicesDep,
                 actor: ActorDep) -> None:
    """Replace a draft's whole text; a published version answers 409."""
    with consent_input():
        services.consent.update_draft(actor, version_id, body.model_dump())


@router.post("/consent/versions/{version_id}/review", status_code=204,
             responses={409: {"description": "the text changed since it was shown"}})
def record_review(version_id: str, body: ReviewIn, services: ServicesDep,
                  actor: ActorDep) -> None:
    """Record who reviewed the draft's text and when; `text_sha256` is the preview's hash of
    the text they reviewed. Editing the draft afterwards clears the review."""
    with consent_input():
        services.consent.record_review(actor, version_id, reviewed_by=body.reviewed_by,
                                       reviewed_on=body.reviewed_on,
                                       text_sha256=body.text_sha256)


@router.post("/consent/versions/{version_id}/publish", status_code=204,
             responses={403: {"description": "no review of this text is recorded"}})
def publish(version_id: str, services: ServicesDep, actor: ActorDep) -> None:
    """Make a reviewed draft current; clients who signed an older version then need to
    consent again. Refused (403, `consent-version-not-reviewed`) until a review of the text it
    renders to now is recorded."""
    with consent_input():
        services.consent.publish(actor, version_id)


# The jurisdiction is printed on every consent form, so any staff member may read it; only the
# owner changes it (practice:consent:manage), and a change means every client consents again.
@router.get("/settings/jurisdiction", response_model=JurisdictionOut)
def get_jurisdiction(services: ServicesDep, actor: ActorDep) -> JurisdictionOut:
    return JurisdictionOut(code=services.consent.jurisdiction_code(),
                           known_codes=list(known_codes()))


@router.put("/settings/jurisdiction", status_code=204)
def set_jurisdiction(body: JurisdictionIn, services: ServicesDep, actor: ActorDep) -> None:
    with consent_input():
        services.consent.set_jurisdiction(actor, body.code)


# --- one client's consent -------------------------------------------------------------------------
@router.get("/clients/{client_id}/consent", response_model=ConsentStatusOut)
def consent_status(client_id: str, services: ServicesDep, actor: ActorDep) -> ConsentStatusOut:
    status = services.consent.status(actor, client_id)
    return ConsentStatusOut.model_validate(asdict(status))


@router.get("/clients/{client_id}/consent/form", response_model=ConsentFormOut)
def consent_form(client_id: str, services: ServicesDep, actor: ActorDep) -> ConsentFormOut:
    """The current version as the client reads it, and the hash a signature must quote."""
    return form_out(services.consent.form(actor, client_id))


def form_out(form: ConsentForm) -> ConsentFormOut:
    """A consent form on the wire: the text by section, and the hash a signature must quote."""
    rendered = form.rendered
    return ConsentFormOut.model_validate({
        "version_id": form.version_id, "version_number": form.version_number,
        "text_sha256": rendered.sha256, "signer_rule": form.signer_rule,
        "jurisdiction_code": rendered.jurisdiction_code,
        "jurisdiction_name": rendered.jurisdiction_name, "title": rendered.title,
        "intro": blocks_text(rendered.intro),
        "sections": [RenderedSectionOut(key=s.key, title=s.title, text=blocks_text(s.blocks),
                                        citations=list(s.citations))
                     for s in rendered.sections],
        "canonical_text": rendered.canonical_text})


@router.get("/clients/{client_id}/consent/form.pdf", response_class=Response,
            responses=PDF_RESPONSE)
def consent_form_pdf(client_id: str, services: ServicesDep, actor: ActorDep) -> Response:
    form = services.consent.form(actor, client_id)
    # The file name carries the version only: never the client's name.
    disposition = f'attachment; filename="consent-v{form.version_number}.pdf"'
    return Response(to_pdf(form.rendered, notice=form.page_notice), media_type="application/pdf",
                    headers={"Content-Disposition": disposition})


@router.post("/clients/{client_id}/consent/signatures", status_code=201, response_model=Created,
             responses={409: {"description": "the consent text changed since it was shown"}})
def sign_consent(client_id: str, body: SignatureIn, services: ServicesDep,
                 actor: ActorDep) -> Created:
    """Sign in the office: the hash must be that of the current text, else 409 and nothing
    is stored."""
    return Created(id=services.consent.sign(
        actor, client_id, version_id=body.version_id, text_sha256=body.text_sha256,
        signer_name=body.signer_name, signer_kind=body.signer_kind,
        guardian_relation=body.guardian_relation, representative_id=body.representative_id))


@router.get("/clients/{client_id}/consent/signatures/{signature_id}/text",
            response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def signed_text(client_id: str, signature_id: str, services: ServicesDep,
                actor: ActorDep) -> Response:
    """The exact text a signature binds (UTF-8; its SHA-256 is the signature's text_sha256)."""
    return signed_text_response(services.consent.signed_text(actor, client_id, signature_id))


def signed_text_response(signed: SignedText) -> Response:
    return Response(signed.text.encode("utf-8"), media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{signed.filename}"',
                             "X-Content-SHA256": signed.text_sha256})


def signature_out(s: SignatureView) -> SignatureOut:
    return SignatureOut(id=s.signature_id, version_number=s.version_number,
                        jurisdiction=s.jurisdiction, text_sha256=s.text_sha256,
                        signed_at=s.signed_at, method=s.method, signer_kind=s.signer_kind,
                        signer_name=s.signer_name, guardian_relation=s.guardian_relation)


@router.get("/clients/{client_id}/consent/signatures", response_model=PageOut[SignatureOut])
def list_signatures(client_id: str, services: ServicesDep, actor: ActorDep,
                    cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                    ) -> PageOut[SignatureOut]:
    """The client's consent signatures, a page at a time."""
    return page_of(services.pager, lambda: services.consent.signatures(actor, client_id),
                   lambda s: s.signature_id, signature_out, cursor=cursor, limit=limit,
                   sort=f"consent-signatures:{client_id}")


# --- optional consents and contact preferences -------------------------------------------------
@router.get("/clients/{client_id}/preferences", response_model=PreferencesOut)
def get_preferences(client_id: str, services: ServicesDep, actor: ActorDep) -> PreferencesOut:
    return PreferencesOut(**services.consent.preferences(actor, client_id).to_json())


@router.put("/clients/{client_id}/preferences", status_code=204)
def update_preferences(client_id: str, body: PreferencesIn, services: ServicesDep,
                       actor: ActorDep) -> None:
    services.consent.update_preferences(actor, client_id, body.model_dump())


# --- the client portal ----------------------------------------------------------------------------
@router.post("/clients/{client_id}/portal-invitations", status_code=201,
             response_model=InvitationOut)
def invite_to_portal(client_id: str, services: ServicesDep, actor: ActorDep) -> InvitationOut:
    """E-mail the client a single-use link (72 hours) at their address on file; any earlier
    unused link stops working. The answer says where it went (masked), never the link."""
    sent = services.portal.invite(actor, client_id)
    return InvitationOut(sent_to=sent.sent_to, expires_at=sent.expires_at)
