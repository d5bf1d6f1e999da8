"""One flat list of routes for the application, the way FastAPI used to keep them.

FastAPI 0.16x keeps an included router as a nested `_IncludedRouter` and matches a request by
walking every level twice (once to find the branch, once more to handle it). With our ~400
routes three levels deep, that walk was about a quarter of the server's CPU time on an audited
note read (py-spy, `docs/performance.md`). Rebuilding each route at its full path, with the
settings FastAPI itself merged for it (prefix, tags, responses, dependencies, route class),
gives Starlette's plain in-order scan: same routes, same order, same OpenAPI document
(`tests/unit/test_flat_routes.py` compares them), a fraction of the matching work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import routing as fastapi_routing
from fastapi.routing import APIRoute
from starlette import routing as starlette_routing
from starlette.datastructures import URLPath
from starlette.routing import BaseRoute, Match, Mount, NoMatchFound, Route
from starlette.types import Receive, Scope, Send

# Starlette's own reading of a request's path under its root path, as its routes match it.
_route_path: Any = starlette_routing.get_route_path  # type: ignore[attr-defined]
# Private to FastAPI, so looked up, not imported: a FastAPI without it already keeps its
# included routes flat, and then there is nothing to do.
_INCLUDED_ROUTER: Any = getattr(fastapi_routing, "_IncludedRouter", None)


RouteClassFor = Callable[[type[APIRoute], Callable[..., Any]], type[APIRoute]]


def same_class(route_class: type[APIRoute], _endpoint: Callable[..., Any]) -> type[APIRoute]:
    return route_class


def flatten(routes: Iterable[BaseRoute], *, route_class_for: RouteClassFor = same_class,
            ) -> list[BaseRoute]:
    """Every route of `routes`, nested inclusions replaced by the routes they resolve to, in
    matching order. `route_class_for` may specialise the class a route is rebuilt with, given
    its endpoint."""
    flat: list[BaseRoute] = []
    for route in routes:
        if _INCLUDED_ROUTER is None or not isinstance(route, _INCLUDED_ROUTER):
            flat.append(route)
            continue
        for context in route.effective_route_contexts():
            original = context.original_route
            if isinstance(original, APIRoute):
                flat.append(_api_route_at_full_path(original, context, route_class_for))
            else:  # Starlette routes and mounts: FastAPI already built them at their full path
                flat.append(context.starlette_route or original)
    return flat


def _api_route_at_full_path(original: APIRoute, context: Any,
                            route_class_for: RouteClassFor) -> APIRoute:
    # Keeps a router's route_class (the portal pages' PortalRoute), with a quicker refusal.
    route_class = route_class_for(_quick_refusing(type(original)), context.endpoint)
    route = route_class(
        context.path, context.endpoint,
        response_model=context.response_model, status_code=context.status_code,
        tags=context.tags, dependencies=context.dependencies, summary=context.summary,
        description=context.description, response_description=context.response_description,
        responses=context.responses, deprecated=context.deprecated, name=context.name,
        methods=context.methods, operation_id=context.operation_id,
        response_model_include=context.response_model_include,
        response_model_exclude=context.response_model_exclude,
        response_model_by_alias=context.response_model_by_alias,
        response_model_exclude_unset=context.response_model_exclude_unset,
        response_model_exclude_defaults=context.response_model_exclude_defaults,
        response_model_exclude_none=context.response_model_exclude_none,
        include_in_schema=context.include_in_schema, response_class=context.response_class,
        callbacks=context.callbacks, openapi_extra=context.openapi_extra,
        generate_unique_id_function=context.generate_unique_id_function,
        strict_content_type=context.strict_content_type, max_body_size=context.max_body_size,
    )
    return route


_QUICK_CLASSES: dict[type[APIRoute], type[APIRoute]] = {}


def _quick_refusing(route_class: type[APIRoute]) -> type[APIRoute]:
    """`route_class`, refusing a path its pattern does not match before anything else runs.

    Routes are tried in order until one matches: about a hundred tries before a note read's
    route. A FastAPI route's own try looks for a nested inclusion's context (flat routes have
    none) and goes through three layers of calls before Starlette's regular expression refuses
    the path; asking the expression first gives the same answer at a fraction of the cost."""

    def matches(self: APIRoute, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and self.path_regex.match(_route_path(scope)) is None:
            return Match.NONE, {}
        return route_class.matches(self, scope)

    if route_class not in _QUICK_CLASSES:
        _QUICK_CLASSES[route_class] = type(route_class.__name__, (route_class,), {
            "matches": matches, "__doc__": route_class.__doc__})
    return _QUICK_CLASSES[route_class]


# --- hot routes first ----------------------------------------------------------------------------
_HOT_ROUTE = "closeddoor.hot_route"


class HotRoutes(BaseRoute):
    """A few routes tried before the in-order scan: a note read's route is about the
    hundredth, and each try costs a call. Only a full match is taken here, and only for routes
    that no earlier route could also fully match (`hot_first` checks), so the answer is the one
    the scan would give; anything else (a wrong method's 405 included) is left to the scan, which
    still holds every route in its place, as does the OpenAPI document."""

    def __init__(self, routes: list[APIRoute]) -> None:
        self.routes = routes

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        for route in self.routes:
            match, child_scope = route.matches(scope)
            if match == Match.FULL:
                return Match.FULL, {**child_scope, _HOT_ROUTE: route}
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        await scope[_HOT_ROUTE].handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        raise NoMatchFound(name, path_params)  # each route answers for itself in its place


def hot_first(routes: list[BaseRoute], is_hot: Callable[[BaseRoute], bool]) -> list[BaseRoute]:
    """`routes` behind a `HotRoutes` of those `is_hot` picks that no earlier route could also
    answer (the same path and method); none is left out of the list itself."""
    hot = [route for i, route in enumerate(routes)
           if is_hot(route) and isinstance(route, APIRoute)
           and not any(_may_both_answer(earlier, route) for earlier in routes[:i])]
    return [HotRoutes(hot), *routes] if hot else list(routes)


def first_to_answer(routes: list[BaseRoute]) -> HotRoutes | None:
    """The `HotRoutes` among `routes`, when no route before it could answer a request it
    answers (an app's own routes, its OpenAPI document and docs, come before those
    `hot_first` ordered): then a request it fully matches is its to answer, without the scan."""
    for i, route in enumerate(routes):
        if isinstance(route, HotRoutes):
            if any(_may_both_answer(earlier, hot) for earlier in routes[:i]
                   for hot in route.routes):
                return None
            return route
    return None


def _may_both_answer(earlier: BaseRoute, route: APIRoute) -> bool:
    """Whether one request could fully match both routes (erring towards yes)."""
    if isinstance(earlier, Route) and earlier.methods and route.methods \
            and not earlier.methods & route.methods:
        return False
    if isinstance(earlier, Mount):
        theirs = [*_segments(earlier.path.rstrip("/")), _REST]
    elif isinstance(earlier, Route):  # FastAPI's APIRoute is one
        theirs = _segments(earlier.path)
    else:  # a kind of route not known here: it might answer anything
        return True
    mine = _segments(route.path)
    for a, b in zip(mine, theirs, strict=False):
        if a is _REST or b is _REST:
            return True
        if a is not _PARAM and b is not _PARAM and a != b:
            return False
    return len(mine) == len(theirs)


# A `{name}` segment, and a `{name:path}` one (any number of segments); a literal is its text.
_PARAM, _REST = object(), object()


def _segments(path_format: str) -> list[object]:
    return [(_REST if ":path}" in part else _PARAM) if "{" in part else part
            for part in path_format.split("/")[1:]]
