"""The portal's home (consent status at a glance and what to do next) and the consent form:
read the current version, sign it with a typed name, download it as a PDF.

The form carries the version id and the SHA-256 of exactly the text on the page; the service
refuses the signature if the current text has a different hash (409), and the page is shown
again with the new text.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.consent.render import to_html_fragment, to_pdf
from closeddoor.consent.service import ConsentForm
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.web.forms import text
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
# What just happened, by a fixed key in the query (the query is never echoed).
NOTICES = {
    "welcome": "Welcome. Your account is ready, and you are signed in.",
    "signed": "Thank you. Your signature is recorded, and the practice can see it.",
}


def _current_form(services: Services, session: PortalSession) -> ConsentForm | None:
    try:
        return services.consent.form(session.actor, session.principal.client_id)
    except NotFound:  # the practice has published no form yet
        return None


@router.get("")
def home(request: Request, services: ServicesDep, session: PortalPage,
         done: str = "") -> Response:
    if session.principal.is_representative:
        # A representative's own home: links to what their scope covers, nothing of the
        # client's consent or notice (those stay the client's).
        return portal_render(request, "representative_home.html",
                             {"notice": NOTICES.get(done)}, session=session, section="home")
    status = services.consent.status(session.actor, session.principal.client_id)
    notice_status = services.notice.status(session.actor, session.principal.client_id)
    return portal_render(request, "home.html", {"status": status,
                                                "notice_status": notice_status,
                                                "open_packets": [
                                                    p for p in services.intake.client_packets(
                                                        session.principal) if p.is_open],
                                                "notice": NOTICES.get(done)},
                         session=session, section="home")


def _consent_page(request: Request, services: Services, session: PortalSession, *,
                  error: str | None = None, notice: str | None = None,
                  entered: dict[str, str] | None = None, status_code: int = 200) -> Response:
    client_id = session.principal.client_id
    form = _current_form(services, session)
    # to_html_fragment escapes every value it places in its markup.
    document = Markup(to_html_fragment(form.rendered)) if form else ""  # noqa: S704
    context = {
        "form": form,
        "document": document,
        "status": services.consent.status(session.actor, client_id),
        "signatures": services.consent.signatures(session.actor, client_id),
        "entered": entered or {},
        "error": error,
        "notice": notice,
    }
    return portal_render(request, "consent.html", context, session=session, section="consent",
                         status_code=status_code)


@router.get("/consent")
def consent(request: Request, services: ServicesDep, session: PortalPage,
            done: str = "") -> Response:
    return _consent_page(request, services, session, notice=NOTICES.get(done))


@router.post("/consent/sign")
def sign(request: Request, services: ServicesDep, session: PortalForm,
         form: PostedForm) -> Response:
    # Whose consent this is comes from the session alone; a client_id field would be ignored.
    entered = {name: text(form, name) for name in ("signer_name", "signer_kind",
                                                   "guardian_relation")}
    if text(form, "has_read") != "yes":
        return _consent_page(request, services, session, entered=entered, status_code=422,
                             error="has_read: tick the box to say you have read the form")
    try:
        services.consent.sign(
            session.actor, session.principal.client_id,
            version_id=text(form, "version_id"), text_sha256=text(form, "text_sha256"),
            signer_name=entered["signer_name"], signer_kind=entered["signer_kind"] or "client",
            guardian_relation=entered["guardian_relation"])
    except ConflictError as exc:
        # The text changed while the page was open: show the new text, to be read again.
        return _consent_page(request, services, session, error=str(exc), status_code=409)
    except InvalidInput as exc:
        return _consent_page(request, services, session, entered=entered, error=str(exc),
                             status_code=status_for(exc))
    return RedirectResponse(f"{PORTAL_PATH}/consent?done=signed", status_code=303)


@router.get("/consent/signatures/{signature_id}.txt")
def signed_text(signature_id: str, services: ServicesDep, session: PortalPage) -> Response:
    """The exact text the client signed, as a UTF-8 text file whose SHA-256 is the one signed."""
    signed = services.consent.signed_text(session.actor, session.principal.client_id,
                                          signature_id)
    return Response(signed.text.encode("utf-8"), media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{signed.filename}"'})


@router.get("/consent.pdf")
def consent_pdf(services: ServicesDep, session: PortalPage) -> Response:
    form = services.consent.form(session.actor, session.principal.client_id)
    # The file name carries the version only, never the client's name.
    disposition = f'attachment; filename="consent-v{form.version_number}.pdf"'
    return Response(to_pdf(form.rendered, notice=form.page_notice), media_type="application/pdf",
                    headers={"Content-Disposition": disposition})
