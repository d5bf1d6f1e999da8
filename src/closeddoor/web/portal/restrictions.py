"""Asking the practice to limit what it shares, in the portal (45 CFR 164.522(a)): a request
naming whom, for what and which information, or (164.522(a)(1)(vi)) not to tell the health plan
about services paid in full; each request's state and the practice's answer (a refusal with its
reason); ending an agreed restriction, in writing, at once (164.522(a)(2)(i)).

As everywhere in the portal, whose data it is comes from the session alone: no route takes a
client id, and a restriction id is looked up among the signed-in client's own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.disclosure.categories import CATEGORY_TITLES
from closeddoor.disclosure.restrictions import (
    PURPOSE_TITLES,
    RECIPIENT_TITLES,
    REQUEST_FIELDS,
    RecipientKind,
)
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.web import forms
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.session import PostedForm, ServicesDep

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
NOTICES = {
    "asked": "Your request is sent. The practice will tell you here whether it agrees.",
    "ended": "The restriction is ended from today.",
}
FIELDS = REQUEST_FIELDS


def _page(request: Request, services: Services, session: PortalSession, *, failed: str = "",
          values: dict[str, object] | None = None, error: str = "",
          notice: str | None = None, status_code: int = 200) -> Response:
    restrictions = services.restrictions.list_restrictions(session.actor,
                                                          session.principal.client_id)
    return portal_render(request, "restrictions.html", {
        "restrictions": restrictions, "recipients": [
            (k.value, RECIPIENT_TITLES[k]) for k in RecipientKind],
        "purposes": [(p.value, t) for p, t in PURPOSE_TITLES.items()],
        "categories": [(c.value, t) for c, t in CATEGORY_TITLES.items()],
        "failed": failed, "values": values or {},
        "errors": forms.field_errors(error) if error else {}, "notice": notice},
        session=session, section="restrictions", status_code=status_code)


@router.get("/restrictions")
def restrictions(request: Request, services: ServicesDep, session: PortalPage,
                 done: str = "") -> Response:
    return _page(request, services, session, notice=NOTICES.get(done))


@router.post("/restrictions")
def ask(request: Request, services: ServicesDep, session: PortalForm,
        form: PostedForm) -> Response:
    values: dict[str, object] = dict(forms.values(form, FIELDS))
    values["purposes"] = forms.all_values(form, "purposes")
    values["categories"] = forms.all_values(form, "categories")
    try:
        services.restrictions.ask(session.actor, session.principal.client_id, values)
    except InvalidInput as exc:
        return _page(request, services, session, failed="new", values=values, error=str(exc),
                     status_code=422)
    return RedirectResponse(f"{PORTAL_PATH}/restrictions?done=asked", status_code=303)


@router.post("/restrictions/{restriction_id}/termination")
def end(restriction_id: str, request: Request, services: ServicesDep, session: PortalForm,
        form: PostedForm) -> Response:
    try:
        services.restrictions.terminate(session.actor, session.principal.client_id,
                                        restriction_id, {})
    except ConflictError as exc:
        return _page(request, services, session, failed=restriction_id, error=str(exc),
                     status_code=409)
    return RedirectResponse(f"{PORTAL_PATH}/restrictions?done=ended", status_code=303)
