"""The client's check-ins in the portal (docs/measures.md): the questionnaires the practice
asked them to complete before a session (PHQ-9, GAD-7, PCL-5), one page each, every question a
group of choices; problems beside their questions, all at once. Whose request it is comes from
the session alone: a request id is looked up among the signed-in client's own.

The page tells everyone, flagged or not, where to turn in a crisis: the answers reach the
practice, not an emergency service, and nobody may be reading them now.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.web import forms
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.routes.measures import answers_from
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
NOTICES = {"sent": "Thank you. Your answers are sent to the practice."}


@router.get("/measures")
def check_ins(request: Request, services: ServicesDep, session: PortalPage,
              done: str = "") -> Response:
    return portal_render(request, "measure_list.html", {
        "requests": services.measures.client_requests(session.principal),
        "notice": NOTICES.get(done)}, session=session, section="measures")


def _form(request: Request, services: Services, session: PortalSession, request_id: str, *,
          answers: list[object] | None = None, error: str = "", status_code: int = 200
          ) -> Response:
    asked = services.measures.client_request(session.principal, request_id)
    return portal_render(request, "measure_form.html", {
        "asked": asked, "spec": asked.definition, "answers": answers or [],
        "errors": forms.field_errors(error) if error else {},
        "error": "Nothing was sent yet: answer each question marked below." if error else None},
        session=session, section="measures", status_code=status_code)


@router.get("/measures/{request_id}")
def check_in(request_id: str, request: Request, services: ServicesDep,
             session: PortalPage) -> Response:
    return _form(request, services, session, request_id)


@router.post("/measures/{request_id}")
def send_check_in(request_id: str, request: Request, services: ServicesDep,
                  session: PortalForm, form: PostedForm) -> Response:
    asked = services.measures.client_request(session.principal, request_id)
    answers = answers_from(form, asked.instrument)
    try:
        services.measures.complete(session.principal, request_id, answers)
    except InvalidInput as exc:
        return _form(request, services, session, request_id, answers=answers, error=str(exc),
                     status_code=422)
    except ConflictError:
        return RedirectResponse(f"{PORTAL_PATH}/measures?done=sent", status_code=303)
    return RedirectResponse(f"{PORTAL_PATH}/measures?done=sent", status_code=303)
