"""Direct reads: the hottest audited reads handled without FastAPI's per-request machinery.

A note read and a chart read take nothing but their path's ids and a bearer token, and answer
through `answer_as_staff` in one trip to the thread pool. For them, FastAPI's request handler
(dependency solving, its own exception wrapper, an exit stack, answer validation) was about a
sixth of the server's GIL time under load (`docs/performance.md`). A route marked with
`@direct_read` keeps its place in the route list, its pattern, its methods and its OpenAPI
entry; only its handling changes: the same two dependencies are called directly and the
endpoint's `Response` is sent as it is. Its exceptions reach the application's exception
middleware, whose handlers are the ones FastAPI's wrapper would have used.

The shape is checked when the route is built, so a marked route that later takes a query
parameter, a body or another dependency fails at start-up instead of losing it silently.
`tests/integration/test_direct_reads.py` compares every answer with FastAPI's own handling.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import Receive, Scope, Send

from closeddoor.api.deps import bearer, get_services

_MARK = "__closeddoor_direct_read__"
Endpoint = TypeVar("Endpoint", bound=Callable[..., Awaitable[Response]])


def direct_read(endpoint: Endpoint) -> Endpoint:
    """Mark an async route taking only `str` path ids, the services and the bearer credentials,
    and answering a `Response`, to be handled directly (see the module's docstring)."""
    setattr(endpoint, _MARK, True)
    return endpoint


def is_direct_read(route: BaseRoute) -> bool:
    return isinstance(route, APIRoute) and getattr(route.endpoint, _MARK, False) is True


_DIRECT_CLASSES: dict[type[APIRoute], type[APIRoute]] = {}


def route_class_for(route_class: type[APIRoute], endpoint: Callable[..., Any]) -> type[APIRoute]:
    """The class to build a route of `endpoint` with: a direct one when it is marked."""
    if not getattr(endpoint, _MARK, False):
        return route_class
    if route_class not in _DIRECT_CLASSES:
        _DIRECT_CLASSES[route_class] = _direct(route_class)
    return _DIRECT_CLASSES[route_class]


def _direct(route_class: type[APIRoute]) -> type[APIRoute]:
    class DirectRead(route_class):  # type: ignore[valid-type,misc]
        __doc__ = route_class.__doc__

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._services_name, self._credentials_name = _checked_shape(self)

        async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
            if scope["method"] not in self.methods:  # FastAPI's own 405
                await super().handle(scope, receive, send)
                return
            request = Request(scope, receive)
            response: Response = await self.endpoint(
                **scope["path_params"],
                **{self._services_name: await get_services(request),
                   self._credentials_name: await bearer(request)})
            await response(scope, receive, send)

    return DirectRead


def _checked_shape(route: APIRoute) -> tuple[str, str]:
    """The parameter names of the services and the credentials, once the route is known to take
    nothing else but `str` path parameters."""
    dependant, methods = route.dependant, route.methods or set()
    where = f"{sorted(methods)} {route.path}"
    extra = (dependant.query_params or dependant.header_params or dependant.cookie_params
             or dependant.body_params or dependant.request_param_name
             or dependant.response_param_name or dependant.background_tasks_param_name)
    if extra or any(p.field_info.annotation is not str for p in dependant.path_params):
        raise TypeError(f"{where}: a direct read takes only str path parameters")
    names = {sub.call: sub.name for sub in dependant.dependencies}
    if set(names) != {get_services, bearer} or len(dependant.dependencies) != 2:
        raise TypeError(f"{where}: a direct read depends on the services and the bearer only")
    if methods != {"GET"}:
        raise TypeError(f"{where}: a direct read answers GET only")
    return str(names[get_services]), str(names[bearer])
