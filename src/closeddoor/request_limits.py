"""Request body limits, enforced before anything reads a body (pure ASGI middleware).

A body larger than its route accepts is refused with 413 before it is read: a declared
Content-Length over the limit is answered at once (nothing is read, and the server stops reading
the socket), and a chunked body is counted as it streams and cut off at the limit. The check runs
before sign-in, so an anonymous caller cannot make the server hold a large body in memory.

Limits follow nginx's default (`client_max_body_size 1m`): 1 MiB for every route, 4 MiB for the
few that legitimately carry long text (notes and addenda, de-identified excerpts, consent
template drafts), whose own field limits (100,000 characters a note, 40 sections of 20,000 a
template) fit with room for UTF-8, JSON escapes and form encoding.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from closeddoor.web.errors import error_page

MiB = 1024 * 1024
DEFAULT_BODY_LIMIT = 1 * MiB
LONG_TEXT_BODY_LIMIT = 4 * MiB

# Routes (API and pages) that take long free text; every other route gets the default.
LONG_TEXT_ROUTES = re.compile(
    r"^(/api/v1)?/clients/[^/]+/(notes(/[^/]+){0,2}|psychotherapy-notes|excerpts(/[^/]+)?)$"
    r"|^(/api/v1/consent|/practice/consent)/(versions|drafts)(/[^/]+)?$"
)


def body_limit_for(path: str) -> int:
    """The largest body, in bytes, that a request to `path` may carry."""
    return LONG_TEXT_BODY_LIMIT if LONG_TEXT_ROUTES.match(path) else DEFAULT_BODY_LIMIT


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes its limit. An HTTPException, so FastAPI's
    body parsing lets it through (anything else it turns into a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body is larger than this route accepts (at most {limit} "
                              "bytes)")


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length before we run
    return None


class BodySizeLimit:
    """Refuse request bodies over `limit_for(path)` with 413, without reading them whole."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int] = body_limit_for) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, receive, send, limit)
            return

        received = 0
        too_large = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, too_large
            if too_large:  # the app asked again after being told: give it nothing more
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                return  # whatever the app made of the cut-off body, the answer is 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(BodyTooLarge):  # answered below, once the app has stopped
            await self.app(scope, counted_receive, watched_send)
        if too_large and not started:
            await _refuse(scope, receive, send, limit)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    message = f"the body is larger than this route accepts (at most {limit} bytes)"
    # The unread rest of the body makes the connection unusable for another request.
    headers = {"Connection": "close"}
    response: Response
    if scope["path"] == "/api" or scope["path"].startswith("/api/"):
        response = JSONResponse({"detail": message}, status_code=413, headers=headers)
    else:
        response = error_page(Request(scope), 413, "The submitted form is too large.")
        response.headers.update(headers)
    await response(scope, receive, send)
