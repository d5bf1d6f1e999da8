"""The web application: the JSON API and the HTML pages on one FastAPI app."""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

from anyio import to_thread
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from closeddoor import __version__
from closeddoor.api import errors as api_errors
from closeddoor.api.app import install_api, install_api_errors
from closeddoor.api.direct import is_direct_read, route_class_for
from closeddoor.bootstrap import Services
from closeddoor.config import Settings
from closeddoor.errors import ClosedDoorError
from closeddoor.flat_routes import HotRoutes, first_to_answer, flatten, hot_first, same_class
from closeddoor.request_limits import BodySizeLimit
from closeddoor.web import errors as web_errors
from closeddoor.web import install_web, install_web_errors

log = logging.getLogger("closeddoor.server")

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# One year, subdomains included: what the HSTS preload list asks of a site (hstspreload.org).
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy-header handling: believed only from the configured proxies. uvicorn's own
    default trusts 127.0.0.1, which would let any local process pick the address it is
    throttled under."""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.trusted_proxies)}


class GuardedResponses:
    """Pure ASGI middleware: security headers on every response, and an answer for any
    unexpected exception here, so it never reaches the server's own error logging (which
    would write its message, possibly built from request data, to the log).

    HSTS goes on answers to https requests (the scheme as uvicorn gives it, after its trusted
    proxy handling of X-Forwarded-Proto) and, when the practice's public URL is https, on every
    answer: a browser only heeds it over https, and a plain-http hop behind the proxy must not
    drop it."""

    def __init__(self, app: ASGIApp, *, https_everywhere: bool = False) -> None:
        self.app = app
        self.https_everywhere = https_everywhere

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if self.https_everywhere or scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        except Exception as exc:
            if started:  # too late to answer; the connection just ends
                log.error("response failed midway: %s", type(exc).__name__)
                return
            request = Request(scope)
            handler = (api_errors.unexpected_error if is_api_path(request.url.path)
                       else web_errors.unexpected_error)
            response = await handler(request, exc)
            await response(scope, receive, send_guarded)


class ClosedDoorApp(FastAPI):
    """FastAPI, with the direct reads (`closeddoor.api.direct`) sent down a shorter stack.

    A GET without a body whose path a direct read fully matches gets the same exception
    handling, security headers and route as through the whole stack, without the layers that
    do nothing for it: request telemetry (off, see `create_app`), FastAPI's body limit (none is
    set) and ours (there is no body), the exit stack FastAPI keeps for uploaded files, and the
    route scan (the direct reads' `HotRoutes` is its first entry). Every other request, a
    direct read's path with another method or with a body included, takes the whole stack.
    Under load those layers and their wrappers around `send` were about a tenth of the
    server's time per read (docs/performance.md). `tests/integration/test_direct_reads.py`
    compares the answers with FastAPI's own handling, `tests/unit/test_direct_lane.py` the
    error answers."""

    _direct_lane: tuple[HotRoutes, ASGIApp] | None = None
    _no_direct_lane = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not _has_body(scope):
            direct = self._direct_lane or self._build_direct_lane()
            if direct is not None:
                hot, lane = direct
                match, child_scope = hot.matches(scope)
                if match is Match.FULL:
                    # What Starlette and its router put in the scope on the way to the route.
                    scope["app"], scope["router"], scope["route"] = self, self.router, hot
                    scope.update(child_scope)
                    await lane(scope, receive, send)
                    return
        await super().__call__(scope, receive, send)

    def _build_direct_lane(self) -> tuple[HotRoutes, ASGIApp] | None:
        """The direct reads and the whole stack's layers that act on them, in the same order;
        built at the first request, when every handler and middleware is in place (as Starlette
        builds its own stack). None when they must take the whole stack: a root path to
        apply, or a route before them that could answer their requests."""
        hot = None if self.root_path or self._no_direct_lane else first_to_answer(
            self.router.routes)
        if hot is None:
            self._no_direct_lane = True
            return None
        error_handler = None
        handlers: dict[Any, Any] = {}
        for key, value in self.exception_handlers.items():
            if key in (500, Exception):
                error_handler = value
            else:
                handlers[key] = value
        app: ASGIApp = ExceptionMiddleware(hot.handle, handlers=handlers, debug=self.debug)
        for middleware in reversed(self.user_middleware):
            factory: Any = middleware.cls
            if factory is not BodySizeLimit:  # nothing to limit without a body
                app = factory(app, *middleware.args, **middleware.kwargs)
        self._direct_lane = hot, ServerErrorMiddleware(app, handler=error_handler,
                                                       debug=self.debug)
        return self._direct_lane


def _has_body(scope: Scope) -> bool:
    return any(name in (b"content-length", b"transfer-encoding") for name, _ in scope["headers"])


def create_app(services: Services, *, direct_reads: bool = True,
               worker_threads: int | None = None) -> FastAPI:
    """The application. `direct_reads=False` gives the hottest reads FastAPI's own handling
    (see `closeddoor.api.direct`): the reference their answers are compared with.
    `worker_threads` sizes the thread pool for blocking work while serving (anyio's default,
    40, when None)."""
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Signs and anchors the audit head at start-up, while serving and at a clean shutdown,
        # so the newest events cannot be cut off unnoticed (see store/checkpointer.py).
        if worker_threads is not None:
            to_thread.current_default_thread_limiter().total_tokens = worker_threads
        checkpointer = services.audit_checkpointer()
        await run_in_threadpool(checkpointer.start)
        try:
            yield
        finally:
            await run_in_threadpool(checkpointer.stop)

    app = ClosedDoorApp(
        lifespan=lifespan,
        title="closeddoor",
        version=__version__,
        description="Records for psychotherapy practices, behind one policy gate and an audit.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        # No request telemetry: a span would carry the path's client and record ids out of the
        # process, and the check for a configured provider costs every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.services = services

    # Added last, runs first: GuardedResponses wraps everything, the body limit sits inside it
    # (so a 413 carries the security headers) and before any route reads a body.
    app.add_middleware(BodySizeLimit)
    app.add_middleware(GuardedResponses, https_everywhere=_public_url_is_https(services))
    app.router.routes.extend(_application_routes(direct_reads))
    install_api_errors(app)
    install_web_errors(app)
    _dispatch_errors_by_path(app)
    return app


@lru_cache(maxsize=2)
def _application_routes(direct_reads: bool = True) -> tuple[BaseRoute, ...]:
    """The API and page routes, built once per process and shared by every app it creates.

    Including a router makes FastAPI analyse each route's signature and models again, about a
    second of CPU for ours, for every app (each test builds one). The routes hold nothing of an
    app or a practice: handlers reach the services through `request.app.state`. The one thing a
    route keeps of the app it was built on is `dependency_overrides`, which closeddoor does not
    use. They are flattened to one level (see `closeddoor.flat_routes`), the reads marked
    `@direct_read` built as direct ones and tried first, unless `direct_reads` is false.
    """
    scratch = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    install_api(scratch)
    install_web(scratch)
    routes = flatten(scratch.router.routes,
                     route_class_for=route_class_for if direct_reads else same_class)
    return tuple(hot_first(routes, is_direct_read) if direct_reads else routes)


def _public_url_is_https(services: Services) -> bool:
    # CLOSEDDOOR_PUBLIC_URL (Settings.public_url) may be absent, in older settings or fakes.
    public_url = getattr(getattr(services, "settings", None), "public_url", None)
    return isinstance(public_url, str) and public_url.lower().startswith("https://")


ErrorHandler = Callable[[Request, Exception], Awaitable[Response]]
AnyHandler = Callable[[Request, Any], Response | Awaitable[Response]]


def is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _dispatch_errors_by_path(app: FastAPI) -> None:
    """JSON error answers for /api paths (the handlers install_api registered), HTML pages for
    every other path (closeddoor.web.errors)."""
    web_handlers: dict[type[Exception], ErrorHandler] = {
        ClosedDoorError: web_errors.domain_error,
        RequestValidationError: web_errors.validation_error,
        StarletteHTTPException: web_errors.http_error,  # FastAPI's HTTPException is a subclass
    }
    for error_type, web_handler in web_handlers.items():
        api_handler: AnyHandler = app.exception_handlers[error_type]
        app.add_exception_handler(error_type, _by_path(api_handler, web_handler))


def _by_path(api_handler: AnyHandler, web_handler: ErrorHandler) -> ErrorHandler:
    async def handle(request: Request, exc: Exception) -> Response:
        if not is_api_path(request.url.path):
            return await web_handler(request, exc)
        response = api_handler(request, exc)
        return await response if inspect.isawaitable(response) else response

    return handle
