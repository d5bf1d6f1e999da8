"""Error answers on portal pages, in the portal's own frame (a client never lands on a staff
page with a link to a caseload). Statuses come from closeddoor.api.errors' one table; domain
errors show their own safe message; anything unexpected shows a generic page and a correlation
id, never str(exc)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from closeddoor import errors
from closeddoor.api.errors import status_for
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.session import CsrfRejected, Redirect

log = logging.getLogger("closeddoor.portal")
GENERIC_FAILURE = "Something went wrong and your request was not completed."
CSRF_MESSAGE = ("This form could not be accepted: it has expired or did not come from this site. "
                "Nothing was changed. Go back, reload the page and try again.")
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def portal_error(request: Request, status: int, message: str, *,
                 cid: str | None = None) -> HTMLResponse:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    context = {"title": title, "status": status, "message": message, "correlation_id": cid}
    return portal_render(request, "error.html", context, status_code=status)


def answer_for(request: Request, exc: Exception) -> Response:
    """The portal page for an error raised while answering `request`."""
    if isinstance(exc, CsrfRejected):
        log.warning("portal form refused: csrf token missing or wrong")
        return portal_error(request, 403, CSRF_MESSAGE)
    if isinstance(exc, HTTPException):
        return portal_error(request, exc.status_code, "This page could not be shown.")
    if isinstance(exc, RequestValidationError):
        return portal_error(request, 400, "The request was not valid; go back and try again.")
    if isinstance(exc, errors.ClosedDoorError) and status_for(exc) < 500:
        return portal_error(request, status_for(exc), str(exc))
    cid = uuid.uuid4().hex[:12]
    log.error("portal page failed: %s correlation=%s", type(exc).__name__, cid)
    message = GENERIC_FAILURE
    if isinstance(exc, errors.DecryptionFailed):
        message = "This record could not be decrypted, so it has been withheld."
    status = status_for(exc) if isinstance(exc, errors.ClosedDoorError) else 500
    return portal_error(request, status, message, cid=cid)


class PortalRoute(APIRoute):
    """Every portal route answers its errors with portal pages. Redirects pass through to the
    application's handler (303 See Other)."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except Redirect:
                raise
            except Exception as exc:  # every failure gets a portal page
                return answer_for(request, exc)

        return guarded
