"""The client's treatment plan in the portal: the newest revision their clinician signed, its
exact text, and the form to sign it (typing their name, bound to the SHA-256 of the text shown).

As everywhere in the portal, whose plan it is comes from the session alone; a revision id is
looked up among the signed-in client's own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closeddoor.bootstrap import Services
from closeddoor.errors import InvalidInput, PolicyDenied, join_problems
from closeddoor.web import forms
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
NOTICES = {"signed": "Thank you: you signed your treatment plan. It is kept with your record."}


def _page(request: Request, services: Services, session: PortalSession, *, error: str = "",
          notice: str | None = None, status_code: int = 200) -> Response:
    try:
        plan = services.plans.current(session.actor, session.principal.client_id)
        refused = False
    except PolicyDenied:  # a representative without a records scope
        plan, refused = None, True
    return portal_render(request, "plan.html", {
        "plan": plan, "refused": refused, "may_sign": not session.principal.is_representative,
        "errors": forms.field_errors(error) if error else {}, "notice": notice},
        session=session, section="plan", status_code=status_code)


@router.get("/plan")
def plan(request: Request, services: ServicesDep, session: PortalPage,
         done: str = "") -> Response:
    return _page(request, services, session, notice=NOTICES.get(done))


@router.post("/plan/{revision_id}/signature")
def sign(revision_id: str, request: Request, services: ServicesDep, session: PortalForm,
         form: PostedForm) -> Response:
    def call() -> None:
        problems = []  # every problem at once, each beside its field
        if not forms.text(form, "signer_name"):
            problems.append("signer_name: type your full name")
        if forms.text(form, "confirm") != "yes":
            problems.append("confirm: tick the box to say you have read the plan and agree")
        if problems:
            raise InvalidInput(join_problems(problems))
        services.plans.sign(session.actor, session.principal.client_id, revision_id,
                            text_sha256=forms.text(form, "text_sha256"),
                            signer_name=forms.text(form, "signer_name"))

    return forms.submit(call, lambda error, status: _page(request, services, session,
                                                          error=error, status_code=status),
                        f"{PORTAL_PATH}/plan?done=signed")
