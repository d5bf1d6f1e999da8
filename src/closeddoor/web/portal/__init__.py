"""The client portal's pages under /portal: accepting an invitation, signing in, the consent
form, the client's own record, contact choices, who opened the chart, authorizations and
disclosures, corrections (amendment requests) and two-step sign-in.

Clients are their own principal type (closeddoor.portal): these pages read only the portal
cookie and resolve it only through PortalService.resolve, and no route takes a client id: the
record shown is always the signed-in client's own.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.web.portal import (
    amendments,
    auth,
    choices,
    consent,
    intake,
    measures,
    notice,
    plan,
    record,
    releases,
    restrictions,
)
from closeddoor.web.portal.errors import PortalRoute, portal_error
from closeddoor.web.portal.session import HOME, PORTAL_PATH

fallback = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)


@fallback.get("/{path:path}")
def no_such_page(request: Request, path: str) -> Response:
    """Any other /portal address: a portal page, not a staff one (`/portal/` is home)."""
    if not path:
        return RedirectResponse(HOME, status_code=303)
    return portal_error(request, 404, "There is no such page in the portal.")


def portal_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth, consent, notice, record, choices, releases, amendments, intake,
                   restrictions, measures, plan):
        router.include_router(module.router)
    router.include_router(fallback)  # last: it matches every other /portal path
    return router
