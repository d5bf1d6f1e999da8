"""The client's intake forms and upcoming sessions in the portal.

Intake: one page per section; "Save draft" keeps the answers on the page, "Save and continue"
saves them and opens the next page, "Submit" (on the last page) saves and locks them. Problems
stand beside their fields, all at once, each naming the field and how to fix it; problems on
other pages are listed with a link to each. Sessions: the client's own upcoming sessions in
their zone, with Cancel when the practice allows it and the session is outside the
late-cancel window. Whose data it is comes from the session alone: a packet or appointment id
is looked up among the signed-in client's own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.intake.errors import IntakeProblems
from closeddoor.intake.model import YES_NO, FieldKind
from closeddoor.web import forms
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
STATUS_WORDS = {"sent": "Not started", "draft": "Started, not sent yet",
                "submitted": "Sent to the practice", "reviewed": "Sent to the practice"}
NOTICES = {
    "saved": "Your answers on this page are saved. You can come back and finish later.",
    "submitted": "Thank you. Your answers are sent to the practice and can no longer be "
                 "changed here.",
    "cancelled": "Your session is cancelled. The practice has been told.",
}


# --- intake
@router.get("/intake")
def intake_list(request: Request, services: ServicesDep, session: PortalPage,
                done: str = "") -> Response:
    packets = services.intake.client_packets(session.principal)
    return portal_render(request, "intake_list.html", {
        "packets": packets, "status_words": STATUS_WORDS, "notice": NOTICES.get(done)},
        session=session, section="intake")


def _form_page(request: Request, services: Services, session: PortalSession, packet_id: str,
               page: str, *, values: dict[str, str] | None = None,
               errors: dict[str, str] | None = None, notice: str | None = None,
               status_code: int = 200) -> Response:
    view = services.intake.client_packet(session.principal, packet_id)
    pages = view.form.pages()
    keys = [p.key for p in pages]
    index = keys.index(page) if page in keys else 0
    current = pages[index]
    errors = errors or {}
    here = {f.key for f in current.fields}
    elsewhere = [(pages[i], [errors[f.key] for f in p.fields if f.key in errors])
                 for i, p in enumerate(pages) if p.key != current.key]
    return portal_render(request, "intake_form.html", {
        "packet": view, "pages": pages, "page": current, "index": index,
        "answers": {**view.answers, **(values or {})},
        "errors": {k: v for k, v in errors.items() if k in here},
        "elsewhere": [(p, found) for p, found in elsewhere if found],
        "kinds": FieldKind, "yes_no": YES_NO, "notice": notice,
        "is_last": index == len(pages) - 1}, session=session, section="intake",
        status_code=status_code)


@router.get("/intake/{packet_id}")
def intake_form(packet_id: str, request: Request, services: ServicesDep, session: PortalPage,
                page: str = "", done: str = "") -> Response:
    return _form_page(request, services, session, packet_id, page, notice=NOTICES.get(done))


@router.post("/intake/{packet_id}")
def intake_save(packet_id: str, request: Request, services: ServicesDep, session: PortalForm,
                form: PostedForm) -> Response:
    page = forms.text(form, "page")
    action = forms.text(form, "action")
    view = services.intake.client_packet(session.principal, packet_id)
    keys = [p.key for p in view.form.pages()]
    posted = {f.key: forms.text(form, f.key) for f in view.form.fields() if f.key in form}
    try:
        if action == "submit":
            services.intake.submit(session.principal, packet_id, page, posted)
            return RedirectResponse(f"{PORTAL_PATH}/intake?done=submitted", status_code=303)
        services.intake.save_draft(session.principal, packet_id, page, posted)
    except IntakeProblems as exc:
        return _form_page(request, services, session, packet_id, page, values=posted,
                          errors=exc.fields, status_code=422)
    except (ConflictError, InvalidInput) as exc:
        return _form_page(request, services, session, packet_id, page, values=posted,
                          errors={"": str(exc)}, status_code=status_for(exc))
    if action == "next" and page in keys and keys.index(page) + 1 < len(keys):
        following = keys[keys.index(page) + 1]
        return RedirectResponse(f"{PORTAL_PATH}/intake/{packet_id}?page={following}",
                                status_code=303)
    if action == "back" and page in keys and keys.index(page) > 0:
        before = keys[keys.index(page) - 1]
        return RedirectResponse(f"{PORTAL_PATH}/intake/{packet_id}?page={before}",
                                status_code=303)
    return RedirectResponse(f"{PORTAL_PATH}/intake/{packet_id}?page={page}&done=saved",
                            status_code=303)


# --- upcoming sessions
def _sessions_page(request: Request, services: Services, session: PortalSession, *,
                   error: str = "", notice: str | None = None,
                   status_code: int = 200) -> Response:
    upcoming = services.portal_sessions.upcoming(session.principal)
    return portal_render(request, "sessions.html", {
        "upcoming": upcoming, "error": error, "notice": notice}, session=session,
        section="sessions", status_code=status_code)


@router.get("/sessions")
def sessions(request: Request, services: ServicesDep, session: PortalPage,
             done: str = "") -> Response:
    return _sessions_page(request, services, session, notice=NOTICES.get(done))


@router.post("/sessions/{appointment_id}/cancel")
def cancel(appointment_id: str, request: Request, services: ServicesDep, session: PortalForm,
           form: PostedForm) -> Response:
    if forms.text(form, "confirm") != "yes":
        return _sessions_page(request, services, session, status_code=422,
                              error="confirm: tick the box to confirm that you want to cancel")
    try:
        services.portal_sessions.cancel(session.principal, appointment_id)
    except (ConflictError, InvalidInput) as exc:
        return _sessions_page(request, services, session, error=str(exc),
                              status_code=status_for(exc))
    return RedirectResponse(f"{PORTAL_PATH}/sessions?done=cancelled", status_code=303)
