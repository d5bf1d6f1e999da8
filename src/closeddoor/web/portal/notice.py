"""The portal's Notice of Privacy Practices: read the notice in effect, download it as a PDF
(45 CFR 164.520(c)(3), the electronic notice), and acknowledge receiving it with one click that
binds the SHA-256 of exactly the text on the page (164.520(c)(2)(ii)). Whose acknowledgment it
is comes from the session alone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.web.forms import text
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.routes.notice import document_html, notice_pdf_response
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)


def _notice_page(request: Request, services: Services, session: PortalSession, *,
                 error: str | None = None, notice: str | None = None,
                 status_code: int = 200) -> Response:
    client_id = session.principal.client_id
    current = services.notice.current()
    context = {"version": current, "document": document_html(current) if current else None,
               "status": services.notice.status(session.actor, client_id),
               "records": services.notice.records(session.actor, client_id),
               "error": error, "notice": notice}
    return portal_render(request, "notice.html", context, session=session, section="notice",
                         status_code=status_code)


@router.get("/notice")
def notice(request: Request, services: ServicesDep, session: PortalPage,
           done: str = "") -> Response:
    return _notice_page(request, services, session, notice=(
        "Thank you. Your acknowledgment is recorded." if done == "acknowledged" else None))


@router.get("/notice.pdf")
def notice_pdf(services: ServicesDep, session: PortalPage) -> Response:
    current = services.notice.current()
    if current is None:
        raise NotFound("the practice has not published a notice of privacy practices yet")
    return notice_pdf_response(current)


@router.post("/notice/acknowledge")
def acknowledge(request: Request, services: ServicesDep, session: PortalForm,
                form: PostedForm) -> Response:
    if text(form, "has_read") != "yes":
        return _notice_page(request, services, session, status_code=422,
                            error="has_read: tick the box to say you received the notice")
    try:
        services.notice.acknowledge(session.actor, session.principal.client_id,
                                    version_id=text(form, "version_id"),
                                    text_sha256=text(form, "text_sha256"))
    except (ConflictError, InvalidInput) as exc:
        return _notice_page(request, services, session, error=str(exc),
                            status_code=status_for(exc))
    return RedirectResponse(f"{PORTAL_PATH}/notice?done=acknowledged", status_code=303)
