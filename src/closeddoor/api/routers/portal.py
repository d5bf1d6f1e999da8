"""The client portal's API: a client's bearer token, and their own record, consent, contact
preferences, access history, authorizations and accounting of disclosures, upcoming sessions
and intake forms. No route takes a
client id: whose data it is comes from the token alone, and the request models forbid extra
fields, so an id smuggled into a body is refused (422)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict

from fastapi import APIRouter, BackgroundTasks, Request, Response

from closeddoor.api.deps import ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.portal_deps import ClientDep, PortalCredentials
from closeddoor.api.routers.amendments import amendment_out
from closeddoor.api.routers.consent import form_out as consent_form_out
from closeddoor.api.routers.consent import signature_out, signed_text_response
from closeddoor.api.routers.disclosures import (
    PDF,
    authorization_out,
    pdf_response,
    period_sort,
    portal_accounting_out,
)
from closeddoor.api.routers.disclosures import form_out as authorization_form_out
from closeddoor.api.routers.exports import FHIR_RESPONSE, fhir_download
from closeddoor.api.routers.notice import current_out, records_page, status_out
from closeddoor.api.routers.restrictions import restriction_out
from closeddoor.api.schemas.amendments import AmendmentOut, AmendmentRequestIn, DisagreementIn
from closeddoor.api.schemas.auth import (
    PasswordResetConfirmIn,
    PasswordResetIn,
    PasswordResetOut,
    TokenRequest,
    TokenResponse,
)
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.consent import (
    ConsentFormOut,
    ConsentStatusOut,
    PreferencesIn,
    PreferencesOut,
    SignatureIn,
    SignatureOut,
)
from closeddoor.api.schemas.disclosures import (
    AuthorizationFormOut,
    AuthorizationOut,
    AuthorizationSignatureIn,
    PeriodFrom,
    PeriodTo,
    PortalAccountingEntryOut,
)
from closeddoor.api.schemas.notice import (
    AcknowledgmentOut,
    PortalAcknowledgmentIn,
    PortalNoticeOut,
)
from closeddoor.api.schemas.portal import (
    AccessVisitOut,
    PortalAddendumOut,
    PortalAppointmentOut,
    PortalConsentOut,
    PortalNoteOut,
    PortalRecordOut,
)
from closeddoor.api.schemas.restrictions import RestrictionOut, RestrictionRequestIn
from closeddoor.bootstrap import Services
from closeddoor.errors import NotFound
from closeddoor.paging import DEFAULT_LIMIT
from closeddoor.portal.model import AccessVisit, PortalPrincipal, RecordExport, visit_key

router = APIRouter(prefix="/portal", tags=["portal"])
FORMER_STAFF = "a former staff member"


def record_out(export: RecordExport, names: Mapping[str, str],
               amendments: Mapping[str, Sequence[str]] | None = None) -> PortalRecordOut:
    """The client's designated record set as a wire document (also the JSON download), with
    what 164.526 links to each note (`amendments`, by note id; "" for the details)."""
    amendments = amendments or {}
    return PortalRecordOut(
        exported_at=export.exported_at, demographics=export.demographics,
        contacts=export.contacts,
        appointments=[PortalAppointmentOut(
            id=a.appointment_id, starts_at=a.starts_at, duration_minutes=a.duration_minutes,
            modality=a.modality, status=a.status, room=str(a.details.get("room", "")),
            clinician=names.get(a.clinician_id, FORMER_STAFF),
            cpt_code=str(a.details.get("cpt_code", "")),
            icd10_code=str(a.details.get("icd10_code", "")),
            fee_cents=int(a.details.get("fee_cents", 0))) for a in export.appointments],
        progress_notes=[PortalNoteOut(
            id=n.note_id, session_date=n.session_date, format=n.note_format, body=n.body,
            sections=n.sections, author=names.get(n.author_id, FORMER_STAFF),
            signed_at=n.signed_at,
            addenda=[PortalAddendumOut(author=names.get(d.author_id, FORMER_STAFF), body=d.body,
                                       created_at=d.created_at) for d in n.addenda],
            amendments=list(amendments.get(n.note_id, ())))
            for n in export.notes],
        details_amendments=list(amendments.get("", ())),
    )


def visit_out(visit: AccessVisit) -> AccessVisitOut:
    return AccessVisitOut(first_at=visit.first_at, last_at=visit.last_at,
                          staff_name=visit.staff_name, staff_role=visit.staff_role,
                          basis=visit.basis, viewed=list(visit.viewed),
                          stated_reason=visit.stated_reason)


# --- signing in --------------------------------------------------------------------------------
@router.post("/token", response_model=TokenResponse)
def issue_token(body: TokenRequest, request: Request, services: ServicesDep) -> TokenResponse:
    """A client's bearer token (password, plus the TOTP code once two-step sign-in is on)."""
    address = request.client.host if request.client else "unknown"
    signed_in = services.portal.sign_in(body.username, body.password, address=address,
                                        kind="api", totp=body.totp)
    idle = int(services.settings.session_idle_timeout.total_seconds())
    return TokenResponse(access_token=signed_in.token, expires_in_idle_seconds=idle)


RESET_SENT = ("if that user name has a portal account, a link to choose a new password was sent "
              "to the e-mail address on file; it works once, for one hour")


@router.post("/password-reset", status_code=202, response_model=PasswordResetOut)
def request_password_reset(body: PasswordResetIn, services: ServicesDep,
                           later: BackgroundTasks) -> PasswordResetOut:
    """"Forgot password": the same answer, in the same time, whether or not the account exists
    (the lookup, audit and mail run after the answer)."""
    later.add_task(services.portal.password_reset_job(body.username))
    return PasswordResetOut(detail=RESET_SENT)


@router.post("/password-reset/confirmation", status_code=204)
def reset_password(body: PasswordResetConfirmIn, services: ServicesDep) -> Response:
    """Set a new password with the token from the e-mailed link; every session ends."""
    services.portal.reset_password(body.token, body.password)
    return Response(status_code=204)


@router.post("/signout", status_code=204)
def sign_out(services: ServicesDep, client: ClientDep,
             credentials: PortalCredentials) -> Response:
    if credentials is not None:
        services.portal.end_session(credentials.credentials)
    return Response(status_code=204)


# --- the client's own things ----------------------------------------------------------------
@router.get("/me/record", response_model=PortalRecordOut)
def my_record(services: ServicesDep, client: ClientDep) -> PortalRecordOut:
    """Demographics, appointments and signed progress notes with addenda; never
    psychotherapy notes or drafts. Accepted amendments and statements of disagreement go with
    the notes they concern (164.526(c)(1), (d)(5))."""
    return record_out(services.portal.record(client), services.accounts.display_names(),
                      services.amendments.travelling(client.actor, client.client_id))


@router.get("/me/record/fhir", response_class=Response, responses=FHIR_RESPONSE)
def my_record_fhir(services: ServicesDep, client: ClientDep) -> Response:
    """The same record as a FHIR R4 Bundle (right of access, 45 CFR 164.524(c)(2)): never
    psychotherapy notes or drafts; a personal representative's within their scope."""
    export = services.exports.portal_bundle(client.actor, client.client_id)
    return fhir_download(export, "my-record.fhir.json")


@router.get("/me/consent", response_model=PortalConsentOut)
def my_consent(services: ServicesDep, client: ClientDep) -> PortalConsentOut:
    """Consent status, the current form (with the hash a signature must quote) and past
    signatures."""
    actor, client_id = client.actor, client.client_id
    status = services.consent.status(actor, client_id)
    try:
        form: ConsentFormOut | None = consent_form_out(services.consent.form(actor, client_id))
    except NotFound:
        form = None
    first = _my_signatures(services, client)
    return PortalConsentOut(status=ConsentStatusOut.model_validate(asdict(status)), form=form,
                            signatures=first.items, signatures_next_cursor=first.next_cursor)


def _my_signatures(services: Services, client: PortalPrincipal, *, cursor: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> PageOut[SignatureOut]:
    return page_of(services.pager, lambda: services.consent.signatures(client.actor,
                                                                       client.client_id),
                   lambda s: s.signature_id, signature_out, cursor=cursor, limit=limit,
                   sort=f"portal-consent-signatures:{client.client_id}")


@router.get("/me/consent/signatures", response_model=PageOut[SignatureOut])
def my_signatures(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                  limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[SignatureOut]:
    """Your consent signatures, newest first, a page at a time."""
    return _my_signatures(services, client, cursor=cursor, limit=limit)


@router.post("/me/consent/signatures", status_code=201, response_model=Created,
             responses={409: {"description": "the consent text changed since it was shown"}})
def sign_my_consent(body: SignatureIn, services: ServicesDep, client: ClientDep) -> Created:
    return Created(id=services.consent.sign(
        client.actor, client.client_id, version_id=body.version_id,
        text_sha256=body.text_sha256, signer_name=body.signer_name,
        signer_kind=body.signer_kind, guardian_relation=body.guardian_relation))


@router.get("/me/consent/signatures/{signature_id}/text", response_class=Response,
            responses={200: {"content": {"text/plain": {}}}})
def my_signed_text(signature_id: str, services: ServicesDep, client: ClientDep) -> Response:
    """The exact text you signed (UTF-8), to keep: its SHA-256 is the signature's
    `text_sha256`."""
    return signed_text_response(services.consent.signed_text(client.actor, client.client_id,
                                                             signature_id))


@router.get("/me/preferences", response_model=PreferencesOut)
def my_preferences(services: ServicesDep, client: ClientDep) -> PreferencesOut:
    return PreferencesOut(**services.consent.preferences(client.actor,
                                                         client.client_id).to_json())


@router.put("/me/preferences", status_code=204)
def update_my_preferences(body: PreferencesIn, services: ServicesDep,
                          client: ClientDep) -> Response:
    """Replace every answer (anything left out is unanswered or off)."""
    services.consent.update_preferences(client.actor, client.client_id, body.model_dump())
    return Response(status_code=204)


@router.get("/me/access-history", response_model=PageOut[AccessVisitOut])
def my_access_history(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                      limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[AccessVisitOut]:
    """Each time staff opened this chart: who (name and role), when, and why; a page at a
    time."""
    return page_of(services.pager, lambda: services.portal.access_history(client), visit_key,
                   visit_out, cursor=cursor, limit=limit,
                   sort=f"portal-access-history:{client.client_id}")


# --- authorizations and the accounting of disclosures --------------------------------------------
@router.get("/me/authorizations", response_model=PageOut[AuthorizationOut])
def my_authorizations(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                      limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[AuthorizationOut]:
    """The client's authorizations to release information, with their status now, a page at
    a time."""
    return page_of(services.pager, lambda: services.authorizations.list_authorizations(
        client.actor, client.client_id), lambda v: v.authorization_id, authorization_out,
                   cursor=cursor, limit=limit, sort=f"portal-authorizations:{client.client_id}")


@router.get("/me/authorizations/{authorization_id}", response_model=AuthorizationFormOut)
def my_authorization(authorization_id: str, services: ServicesDep,
                     client: ClientDep) -> AuthorizationFormOut:
    return authorization_form_out(services.authorizations.form(
        client.actor, client.client_id, authorization_id))


@router.get("/me/authorizations/{authorization_id}/signed.pdf", response_class=Response,
            responses=PDF)
def my_signed_authorization(authorization_id: str, services: ServicesDep,
                            client: ClientDep) -> Response:
    """The client's copy of the signed authorization (45 CFR 164.508(c)(4))."""
    filename, pdf = services.authorizations.signed_copy(client.actor, client.client_id,
                                                        authorization_id)
    return pdf_response(pdf, filename)


@router.post("/me/authorizations/{authorization_id}/signature", status_code=204)
def sign_my_authorization(authorization_id: str, body: AuthorizationSignatureIn,
                          services: ServicesDep, client: ClientDep) -> Response:
    services.authorizations.sign(client.actor, client.client_id, authorization_id,
                                 text_sha256=body.text_sha256, signer_name=body.signer_name,
                                 signer_kind=body.signer_kind,
                                 guardian_relation=body.guardian_relation)
    return Response(status_code=204)


@router.post("/me/authorizations/{authorization_id}/revocation", status_code=204)
def revoke_my_authorization(authorization_id: str, services: ServicesDep,
                            client: ClientDep) -> Response:
    """Revoke now: nothing more leaves under it from this moment."""
    services.authorizations.revoke(client.actor, client.client_id, authorization_id)
    return Response(status_code=204)


@router.get("/me/disclosures", response_model=PageOut[PortalAccountingEntryOut])
def my_disclosures(services: ServicesDep, client: ClientDep, period_from: PeriodFrom = None,
                   period_to: PeriodTo = None, cursor: CursorQuery = None,
                   limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[PortalAccountingEntryOut]:
    """Every disclosure of the client's records in the period (the last six years unless
    `from`/`to` narrow it), newest first, marking those the law requires in an accounting; a
    page at a time (a cursor belongs to its period)."""
    return page_of(services.pager, lambda: services.oversight.accounting(
        client.actor, client.client_id, period_from=period_from, period_to=period_to).entries,
                   lambda e: e.disclosure_id, portal_accounting_out, cursor=cursor,
                   limit=limit, sort=period_sort("portal-disclosures", client.client_id,
                                                 period_from, period_to))


@router.get("/me/disclosures.pdf", response_class=Response, responses=PDF)
def my_disclosures_pdf(services: ServicesDep, client: ClientDep, period_from: PeriodFrom = None,
                       period_to: PeriodTo = None) -> Response:
    return pdf_response(services.oversight.accounting_pdf(
        client.actor, client.client_id, period_from=period_from, period_to=period_to),
        "accounting-of-disclosures.pdf")


# --- the right to amend (45 CFR 164.526) --------------------------------------------------------
@router.get("/me/amendments", response_model=PageOut[AmendmentOut])
def my_amendments(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                  limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[AmendmentOut]:
    """The client's requests to amend their record, with each answer, a page at a time."""
    today = services.runtime.now().date()
    contact = services.amendments.complaint_contact()
    return page_of(services.pager,
                   lambda: services.amendments.list_requests(client.actor, client.client_id),
                   lambda v: v.amendment_id, lambda v: amendment_out(v, today, contact),
                   cursor=cursor, limit=limit, sort=f"portal-amendments:{client.client_id}")


@router.post("/me/amendments", status_code=201, response_model=Created)
def request_my_amendment(body: AmendmentRequestIn, services: ServicesDep,
                         client: ClientDep) -> Created:
    """Ask to amend a signed progress note (`target` note, `note_id`) or one's details
    (`target` details), saying what should change and why (164.526(b)(1))."""
    return Created(id=services.amendments.ask(client.actor, client.client_id,
                                              body.model_dump()))


@router.get("/me/amendments/{amendment_id}", response_model=AmendmentOut)
def my_amendment(amendment_id: str, services: ServicesDep, client: ClientDep) -> AmendmentOut:
    return amendment_out(services.amendments.get(client.actor, client.client_id, amendment_id),
                         services.runtime.now().date(), services.amendments.complaint_contact())


@router.post("/me/amendments/{amendment_id}/disagreement", status_code=204)
def disagree_with_my_denial(amendment_id: str, body: DisagreementIn, services: ServicesDep,
                            client: ClientDep) -> None:
    """A statement of disagreement with a denial (164.526(d)(1)(ii)); it goes with the record
    in every later disclosure."""
    services.amendments.disagree(client.actor, client.client_id, amendment_id,
                                 body.model_dump())


@router.post("/me/amendments/{amendment_id}/travel", status_code=204)
def ask_my_denial_to_travel(amendment_id: str, services: ServicesDep, client: ClientDep) -> None:
    """Without a statement of disagreement, ask that the request and its denial go with every
    later disclosure of the information (164.526(d)(1)(iii), (d)(5)(ii))."""
    services.amendments.ask_to_travel(client.actor, client.client_id, amendment_id)
# --- requests for restrictions (45 CFR 164.522(a)) ----------------------------------------------
@router.get("/me/restrictions", response_model=PageOut[RestrictionOut])
def my_restrictions(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                    limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[RestrictionOut]:
    """The client's requests to limit what the practice shares, with each answer, a page at
    a time."""
    return page_of(services.pager, lambda: services.restrictions.list_restrictions(
        client.actor, client.client_id), lambda v: v.restriction_id, restriction_out,
                   cursor=cursor, limit=limit, sort=f"portal-restrictions:{client.client_id}")


@router.post("/me/restrictions", status_code=201, response_model=Created)
def request_my_restriction(body: RestrictionRequestIn, services: ServicesDep,
                           client: ClientDep) -> Created:
    """Ask the practice to limit what it shares (164.522(a)(1)(i)), or not to tell the health
    plan about services paid in full (`kind` self_pay, (a)(1)(vi))."""
    return Created(id=services.restrictions.ask(client.actor, client.client_id,
                                                body.model_dump()))


@router.get("/me/restrictions/{restriction_id}", response_model=RestrictionOut)
def my_restriction(restriction_id: str, services: ServicesDep,
                   client: ClientDep) -> RestrictionOut:
    return restriction_out(services.restrictions.get(client.actor, client.client_id,
                                                     restriction_id))


@router.post("/me/restrictions/{restriction_id}/termination", status_code=204)
def end_my_restriction(restriction_id: str, services: ServicesDep, client: ClientDep) -> None:
    """End an agreed restriction, in writing, at once (164.522(a)(2)(i))."""
    services.restrictions.terminate(client.actor, client.client_id, restriction_id, {})


@router.get("/me/notice", response_model=PortalNoticeOut)
def my_notice(services: ServicesDep, client: ClientDep) -> PortalNoticeOut:
    """The Notice of Privacy Practices in effect (with the hash an acknowledgment quotes),
    whether you acknowledged it, and your newest acknowledgments (45 CFR 164.520(c)(3)); the
    rest from `/me/notice/acknowledgments`."""
    actor, client_id = client.actor, client.client_id
    status = services.notice.status(actor, client_id)
    current = services.notice.current()
    first = records_page(services.pager, lambda: services.notice.records(actor, client_id),
                         sort=f"portal-notice-records:{client_id}")
    return PortalNoticeOut(notice=None if current is None else current_out(current),
                           status=status_out(status), records=first.items,
                           records_next_cursor=first.next_cursor)


@router.get("/me/notice/acknowledgments", response_model=PageOut[AcknowledgmentOut])
def my_acknowledgments(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                       limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[AcknowledgmentOut]:
    """Your acknowledgments of the notice, newest first, a page at a time."""
    return records_page(services.pager,
                        lambda: services.notice.records(client.actor, client.client_id),
                        sort=f"portal-notice-records:{client.client_id}", cursor=cursor,
                        limit=limit)


@router.post("/me/notice/acknowledgments", status_code=201, response_model=Created,
             responses={409: {"description": "the notice changed since it was shown"}})
def acknowledge_my_notice(body: PortalAcknowledgmentIn, services: ServicesDep,
                          client: ClientDep) -> Created:
    """Acknowledge that you received the notice shown (its hash binds what you read)."""
    return Created(id=services.notice.acknowledge(client.actor, client.client_id,
                                                  version_id=body.version_id,
                                                  text_sha256=body.text_sha256))

