"""A client's personal representatives (45 CFR 164.502(g)) and the clinician's minor-consent
findings, on the staff pages.

The front desk or the care team records a representative from the document on file; the
treating clinician may refuse one on a documented 164.502(g)(5) determination, and records the
finding that lets a minor consent alone where the practice's law has one. The services decide
who may do what; a refused form comes back with what was typed and every problem named.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.records.representatives import KINDS, SCOPES
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart, section
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
NOTICES = {"recorded": "The representative was recorded.", "ended": "The representative's "
           "authority was recorded as ended.", "refused": "The refusal was recorded; this person "
           "can no longer act for the client.", "finding": "The finding was recorded.",
           "withdrawn": "The finding was withdrawn.", "portal-revoked": "The representative's "
           "portal access was revoked; any session of theirs has ended."}
# The fields each form on the page shows its problems beside; a problem naming none of them
# (or a refusal of the whole action) stands at the top.
FORM_FIELDS = {"record": {"kind", "name", "email", "document_date", "document", "scope"},
               "refuse": {"reason"}, "invite": {"email", "representative"},
               "finding": {"ground", "note"}}


def _page(request: Request, services: Services, session: WebSession, client_id: str,
          values: dict[str, Any], *, error: str | None = None, notice: str | None = None,
          status_code: int = 200, **extra: Any) -> Response:
    actor = session.actor
    errors = forms.field_errors(error) if error else {}
    form = str(values.get("form", ""))
    beside = {name: text for name, text in errors.items()
              if name in FORM_FIELDS.get(form, set())}
    error = " ".join(text for name, text in errors.items() if name not in beside) or None
    extra.setdefault("invitation", None)  # where a portal invitation just went, masked
    record = services.charts.get_client(actor, client_id)
    jurisdiction = load_jurisdiction(services.consent.jurisdiction_code())
    context = chart_context(
        services, session, record, "consent", values=values, error=error, notice=notice,
        errors=beside, form=form, representatives=section(
            lambda: services.representatives.list_representatives(actor, client_id)),
        findings=section(lambda: services.representatives.findings(actor, client_id)),
        kinds=list(KINDS.items()), scopes=list(SCOPES.items()),
        grounds=minor_consent_grounds(jurisdiction), jurisdiction=jurisdiction, **extra)
    return render(request, "pages/representatives.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/representatives")
def representatives(client_id: str, request: Request, services: ServicesDep, session: Page,
                    notice: str = "") -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    return _page(request, services, session, client_id, {}, notice=NOTICES.get(notice))


def _done(client_id: str, notice: str) -> Response:
    return RedirectResponse(f"/clients/{client_id}/representatives?notice={notice}",
                            status_code=303)


@router.post("/clients/{client_id}/representatives")
def record_representative(client_id: str, request: Request, services: ServicesDep,
                          session: FormPost, form: PostedForm) -> Response:
    values: dict[str, Any] = forms.values(form, ("kind", "name", "document_date", "document",
                                                 "email"))
    values["scope"] = forms.all_values(form, "scope")
    values["form"] = "record"
    try:
        services.representatives.record(session.actor, client_id, values)
    except InvalidInput as exc:
        return _page(request, services, session, client_id, values, error=str(exc),
                     status_code=422)
    return _done(client_id, "recorded")


@router.post("/clients/{client_id}/representatives/{representative_id}/end")
def end_representative(client_id: str, representative_id: str, request: Request,
                       services: ServicesDep, session: FormPost) -> Response:
    try:
        services.representatives.end(session.actor, client_id, representative_id)
    except ConflictError as exc:
        return _page(request, services, session, client_id, {}, error=str(exc),
                     status_code=409)
    return _done(client_id, "ended")


@router.post("/clients/{client_id}/representatives/{representative_id}/refusal")
def refuse_representative(client_id: str, representative_id: str, request: Request,
                          services: ServicesDep, session: FormPost,
                          form: PostedForm) -> Response:
    values = {"reason": forms.text(form, "reason"), "refusing": representative_id,
              "form": "refuse"}
    try:
        services.representatives.refuse(session.actor, client_id, representative_id, values)
    except (InvalidInput, ConflictError) as exc:
        status = 409 if isinstance(exc, ConflictError) else 422
        return _page(request, services, session, client_id, values, error=str(exc),
                     status_code=status)
    return _done(client_id, "refused")


@router.post("/clients/{client_id}/representatives/{representative_id}/portal-invitation")
def invite_representative(client_id: str, representative_id: str, request: Request,
                          services: ServicesDep, session: FormPost) -> Response:
    """E-mail the representative a link for a portal account of their own (never the
    client's); the page says only where it went, masked."""
    try:
        sent = services.portal.invite_representative(session.actor, client_id,
                                                     representative_id)
    except InvalidInput as exc:
        return _page(request, services, session, client_id,
                     {"inviting": representative_id, "form": "invite"},
                     error=str(exc), status_code=422)
    return _page(request, services, session, client_id, {}, invitation=sent)


@router.post("/clients/{client_id}/representatives/{representative_id}/portal-revocation")
def revoke_representative_portal(client_id: str, representative_id: str,
                                 services: ServicesDep, session: FormPost) -> Response:
    services.representatives.revoke_portal_access(session.actor, client_id, representative_id)
    return _done(client_id, "portal-revoked")


@router.post("/clients/{client_id}/minor-consent-findings")
def record_finding(client_id: str, request: Request, services: ServicesDep,
                   session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("ground", "note"))
    values["form"] = "finding"
    try:
        services.representatives.record_finding(session.actor, client_id, values)
    except InvalidInput as exc:
        return _page(request, services, session, client_id, values, error=str(exc),
                     status_code=422)
    return _done(client_id, "finding")


@router.post("/clients/{client_id}/minor-consent-findings/{finding_id}/withdrawal")
def withdraw_finding(client_id: str, finding_id: str, services: ServicesDep,
                     session: FormPost) -> Response:
    services.representatives.withdraw_finding(session.actor, client_id, finding_id)
    return _done(client_id, "withdrawn")
