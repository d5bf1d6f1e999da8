"""The client's releases of information in the portal: their authorizations (read and sign an
unsigned one, revoke any that is not yet revoked, effective at once) and their accounting of
disclosures, with a PDF copy.

As everywhere in the portal, whose data it is comes from the session alone.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.disclosure.categories import CATEGORY_TITLES
from closeddoor.errors import ConflictError, InvalidInput, join_problems, split_problems
from closeddoor.web.forms import text
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
NOTICES = {
    "signed": "Thank you. Your signature is recorded.",
    "revoked": "Revoked. From this moment nothing more is sent under that authorization.",
}


@router.get("/authorizations")
def authorizations(request: Request, services: ServicesDep, session: PortalPage,
                   done: str = "") -> Response:
    listed = services.authorizations.list_authorizations(session.actor,
                                                         session.principal.client_id)
    return portal_render(request, "authorizations.html",
                         {"authorizations": listed, "titles": CATEGORY_TITLES,
                          "notice": NOTICES.get(done)},
                         session=session, section="releases")


def _authorization_page(request: Request, services: Services, session: PortalSession,
                        authorization_id: str, *, error: str | None = None,
                        entered: dict[str, str] | None = None,
                        status_code: int = 200) -> Response:
    form = services.authorizations.form(session.actor, session.principal.client_id,
                                        authorization_id)
    return portal_render(request, "authorization.html",
                         {"form": form, "entered": entered or {}, "error": error},
                         session=session, section="releases", status_code=status_code)


@router.get("/authorizations/{authorization_id}")
def authorization(authorization_id: str, request: Request, services: ServicesDep,
                  session: PortalPage) -> Response:
    return _authorization_page(request, services, session, authorization_id)


@router.get("/authorizations/{authorization_id}/signed.pdf")
def signed_pdf(authorization_id: str, services: ServicesDep, session: PortalPage) -> Response:
    """The client's copy of the signed authorization (45 CFR 164.508(c)(4))."""
    filename, pdf = services.authorizations.signed_copy(
        session.actor, session.principal.client_id, authorization_id)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@router.post("/authorizations/{authorization_id}/sign")
def sign(authorization_id: str, request: Request, services: ServicesDep, session: PortalForm,
         form: PostedForm) -> Response:
    entered = {name: text(form, name) for name in ("signer_name", "signer_kind",
                                                   "guardian_relation")}
    if text(form, "has_read") != "yes":
        return _authorization_page(request, services, session, authorization_id,
                                   entered=entered, status_code=422,
                                   error="has_read: tick the box to say you have read it")
    try:
        services.authorizations.sign(
            session.actor, session.principal.client_id, authorization_id,
            text_sha256=text(form, "text_sha256"), signer_name=entered["signer_name"],
            signer_kind=entered["signer_kind"] or "client",
            guardian_relation=entered["guardian_relation"])
    except (ConflictError, InvalidInput) as exc:
        return _authorization_page(request, services, session, authorization_id,
                                   entered=entered, error=str(exc),
                                   status_code=status_for(exc))
    return RedirectResponse(f"{PORTAL_PATH}/authorizations?done=signed", status_code=303)


@router.post("/authorizations/{authorization_id}/revoke")
def revoke(authorization_id: str, services: ServicesDep, session: PortalForm) -> Response:
    services.authorizations.revoke(session.actor, session.principal.client_id,
                                   authorization_id)
    return RedirectResponse(f"{PORTAL_PATH}/authorizations?done=revoked", status_code=303)


def period_of(values: dict[str, str]) -> tuple[dict[str, date | None], dict[str, str]]:
    """The accounting's period from the query (`from`, `to`), and a message per bad field."""
    period: dict[str, date | None] = {"period_from": None, "period_to": None}
    errors: dict[str, str] = {}
    for name, key in (("from", "period_from"), ("to", "period_to")):
        raw = values.get(name, "").strip()
        if raw:
            try:
                period[key] = date.fromisoformat(raw)
            except ValueError:
                errors[name] = "use a date such as 2026-03-01"
    return period, errors


def _period_errors(exc: InvalidInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    for part in split_problems(str(exc)):
        name, _, message = part.partition(": ")
        errors[name if name in ("from", "to") else ""] = message or part
    return errors


@router.get("/disclosures")
def disclosures(request: Request, services: ServicesDep, session: PortalPage) -> Response:
    """The accounting for the period the client chooses (the last six years by default;
    45 CFR 164.528(a)(1)); a second one within twelve months shows the fee notice."""
    values = {name: request.query_params.get(name, "") for name in ("from", "to")}
    period, errors = period_of(values)
    report = None
    if not errors:
        try:
            report = services.oversight.accounting(
                session.actor, session.principal.client_id,
                period_from=period["period_from"], period_to=period["period_to"])
        except InvalidInput as exc:
            errors = _period_errors(exc)
    return portal_render(request, "disclosures.html",
                         {"report": report, "values": values, "errors": errors,
                          "query": urlencode({k: v for k, v in values.items() if v})},
                         session=session, section="disclosures",
                         status_code=422 if errors else 200)


@router.get("/disclosures.pdf")
def disclosures_pdf(request: Request, services: ServicesDep, session: PortalPage) -> Response:
    values = {name: request.query_params.get(name, "") for name in ("from", "to")}
    period, errors = period_of(values)
    if errors:
        raise InvalidInput(join_problems(f"{name}: {text}" for name, text in errors.items()))
    pdf = services.oversight.accounting_pdf(session.actor, session.principal.client_id,
                                            period_from=period["period_from"],
                                            period_to=period["period_to"])
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="accounting-of-disclosures.pdf"'})
