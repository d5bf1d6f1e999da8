"""Asking to amend one's record in the portal (45 CFR 164.526): a request to amend a signed
progress note or one's details, with the reason; each request's due date, any extension with its
reason, and the answer. A denial shows its ground, the explanation and the client's rights, with
a form to file a statement of disagreement.

As everywhere in the portal, whose data it is comes from the session alone: no route takes a
client id, and a request id is looked up among the signed-in client's own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.amendments.rules import GROUND_TEXT, denial_rights
from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.web import forms
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
NOTICES = {
    "asked": "Your request is sent. The practice will answer within 60 days.",
    "travels": "Your request and the practice's answer will go with your record whenever the "
               "practice discloses it.",
    "filed": "Your statement of disagreement is linked to your record. It will go with the "
             "record whenever the practice discloses it.",
}


def _page(request: Request, services: Services, session: PortalSession, *, failed: str = "",
          values: dict[str, str] | None = None, error: str = "", notice: str | None = None,
          status_code: int = 200) -> Response:
    client_id = session.principal.client_id
    requests = services.amendments.list_requests(session.actor, client_id)
    # The notes the client may ask about: the signed progress notes of their own record.
    notes = services.portal.record(session.principal).notes
    return portal_render(request, "amendments.html", {
        "requests": requests, "notes": notes, "today": services.runtime.now().date(),
        "ground_text": GROUND_TEXT,
        "rights": denial_rights(services.amendments.complaint_contact()), "failed": failed,
        "values": values or {}, "errors": forms.field_errors(error) if error else {},
        "notice": notice}, session=session, section="amendments", status_code=status_code)


@router.get("/amendments")
def amendments(request: Request, services: ServicesDep, session: PortalPage,
               done: str = "") -> Response:
    return _page(request, services, session, notice=NOTICES.get(done))


@router.post("/amendments")
def ask(request: Request, services: ServicesDep, session: PortalForm,
        form: PostedForm) -> Response:
    values = forms.values(form, ("note_id", "change", "reason"))
    values["target"] = "note" if values["note_id"] else "details"
    try:
        services.amendments.ask(session.actor, session.principal.client_id, values)
    except InvalidInput as exc:
        return _page(request, services, session, failed="new", values=values, error=str(exc),
                     status_code=422)
    return RedirectResponse(f"{PORTAL_PATH}/amendments?done=asked", status_code=303)


@router.post("/amendments/{amendment_id}/disagreement")
def disagree(amendment_id: str, request: Request, services: ServicesDep, session: PortalForm,
             form: PostedForm) -> Response:
    values = forms.values(form, ("statement",))
    try:
        services.amendments.disagree(session.actor, session.principal.client_id, amendment_id,
                                     values)
    except (InvalidInput, ConflictError) as exc:
        return _page(request, services, session, failed=amendment_id, values=values,
                     error=str(exc), status_code=422 if isinstance(exc, InvalidInput) else 409)
    return RedirectResponse(f"{PORTAL_PATH}/amendments?done=filed", status_code=303)


@router.post("/amendments/{amendment_id}/travel")
def ask_to_travel(amendment_id: str, request: Request, services: ServicesDep,
                  session: PortalForm, form: PostedForm) -> Response:
    """164.526(d)(5)(ii): without a statement, the request and the denial go with later
    disclosures when the client asks."""
    try:
        services.amendments.ask_to_travel(session.actor, session.principal.client_id,
                                          amendment_id)
    except ConflictError as exc:
        return _page(request, services, session, failed=amendment_id, error=str(exc),
                     status_code=409)
    return RedirectResponse(f"{PORTAL_PATH}/amendments?done=travels", status_code=303)
