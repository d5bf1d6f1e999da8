"""HTML answers for errors on the pages. Domain errors show their own safe message; anything
unexpected shows a generic page and a correlation id, never str(exc). Statuses come from the one
table in closeddoor.api.errors, so the pages and the API agree."""

from __future__ import annotations

import logging
import uuid
from http import HTTPStatus

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from closeddoor import errors
from closeddoor.api.errors import status_for
from closeddoor.web.rendering import render
from closeddoor.web.session import Redirect

log = logging.getLogger("closeddoor.web")

GENERIC_FAILURE = "Something went wrong and the request was not completed."
STORAGE_FULL = ("The practice's storage is full; nothing was saved. Ask whoever looks after "
                "the practice's server to free disk space, then try again.")


def correlation_id() -> str:
    return uuid.uuid4().hex[:12]


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def error_page(
    request: Request, status: int, message: str, *, cid: str | None = None
) -> HTMLResponse:
    title = _phrase(status)
    context = {"title": title, "status": status, "message": message, "correlation_id": cid}
    return render(request, "pages/error.html", context, status_code=status)


async def domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.ClosedDoorError)
    status = status_for(exc)
    if status < 500 or isinstance(exc, errors.MailUnavailable):  # fixed, safe phrases
        return error_page(request, status, str(exc))
    cid = correlation_id()
    log.error("page failed: %s correlation=%s", type(exc).__name__, cid)
    message = GENERIC_FAILURE
    if isinstance(exc, errors.DecryptionFailed):
        message = "This record could not be decrypted, so it has been withheld."
    if isinstance(exc, errors.StorageFull):
        message = STORAGE_FULL
    return error_page(request, status, message, cid=cid)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    # The phrase for the status only: a detail string could have been built from anything.
    return error_page(request, exc.status_code, f"{_phrase(exc.status_code)}.")


async def validation_error(request: Request, exc: Exception) -> Response:
    return error_page(request, 400, "The request was not valid; go back and try again.")


async def unexpected_error(request: Request, exc: Exception) -> Response:
    if errors.is_storage_full(exc):  # a full disk met outside a transaction's own translation
        return await domain_error(request, errors.StorageFull())
    cid = correlation_id()
    log.error("unexpected page error: %s correlation=%s", type(exc).__name__, cid)
    return error_page(request, 500, GENERIC_FAILURE, cid=cid)


async def redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Redirect)
    return RedirectResponse(exc.location, status_code=303)


async def csrf_rejected(request: Request, exc: Exception) -> Response:
    log.warning("form refused: csrf token missing or wrong")
    message = (
        "This form could not be accepted: it has expired or did not come from this site. "
        "Nothing was changed. Go back, reload the page and try again."
    )
    return error_page(request, 403, message)
