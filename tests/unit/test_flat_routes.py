"""The application's routes, flattened for fast matching, are the same routes as FastAPI's
nested inclusions: same paths, methods, names and order, the same OpenAPI document, and the
same matching answer for every path."""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match, Mount

from closeddoor.api.app import install_api
from closeddoor.flat_routes import HotRoutes, flatten, hot_first
from closeddoor.server import _application_routes
from closeddoor.web import install_web
from closeddoor.web.portal.errors import PortalRoute


def _nested_routes() -> list[BaseRoute]:
    scratch = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    install_api(scratch)
    install_web(scratch)
    return list(scratch.router.routes)


def _app(routes: list[BaseRoute]) -> FastAPI:
    app = FastAPI(title="closeddoor", version="test", openapi_url="/api/v1/openapi.json")
    app.router.routes.extend(routes)
    return app


def _signature(route: BaseRoute) -> tuple[str, str, tuple[str, ...]]:
    if isinstance(route, APIRoute):
        return (route.path, route.name, tuple(sorted(route.methods or ())))
    assert isinstance(route, Mount), type(route)
    return (route.path, str(route.name), ())


@pytest.fixture(scope="module")
def flat() -> list[BaseRoute]:
    return list(_application_routes())


def _scanned(routes: list[BaseRoute]) -> list[BaseRoute]:
    """The routes of the in-order scan: without the hot routes tried before it."""
    return [r for r in routes if not isinstance(r, HotRoutes)]


@pytest.fixture(scope="module")
def nested() -> list[BaseRoute]:
    return _nested_routes()


def test_every_route_is_flat_when_the_application_is_built(flat: list[BaseRoute]) -> None:
    assert isinstance(flat[0], HotRoutes)
    assert all(isinstance(route, APIRoute | Mount) for route in flat[1:])
    assert len(flat) > 300  # the API and the pages, not a subset


def test_note_and_chart_reads_are_tried_first_when_the_application_is_built(
        flat: list[BaseRoute]) -> None:
    hot = flat[0]
    assert isinstance(hot, HotRoutes)
    assert {(r.path, *sorted(r.methods)) for r in hot.routes} == {
        ("/api/v1/clients/{client_id}/notes/{note_id}", "GET"),
        ("/api/v1/clients/{client_id}", "GET")}
    assert all(route in flat[1:] for route in hot.routes)  # still in their places too
    # and named as before: the hot routes leave reverse routing to the scan
    assert _app(flat).url_path_for("get_note", client_id="c", note_id="n") == (
        "/api/v1/clients/c/notes/n")


def test_flat_routes_keep_paths_names_methods_and_order(
        flat: list[BaseRoute], nested: list[BaseRoute]) -> None:
    nested_flattened_by_fastapi = flatten(nested)
    assert [_signature(r) for r in _scanned(flat)] == [
        _signature(r) for r in nested_flattened_by_fastapi]
    api = [r for r in flat if isinstance(r, APIRoute) and r.path.startswith("/api/v1/")]
    assert any(r.path == "/api/v1/clients/{client_id}/notes/{note_id}" for r in api)


def test_portal_pages_keep_their_route_class(flat: list[BaseRoute]) -> None:
    portal_pages = [r for r in flat if isinstance(r, APIRoute) and r.path.startswith("/portal")]
    assert portal_pages
    assert all(isinstance(r, PortalRoute) for r in portal_pages)


def test_openapi_document_is_unchanged_when_routes_are_flat(
        flat: list[BaseRoute], nested: list[BaseRoute]) -> None:
    nested_document = _app(nested).openapi()
    flat_document = _app(flat).openapi()
    assert json.dumps(flat_document, sort_keys=True) == json.dumps(nested_document, sort_keys=True)


def _concrete_path(path_format: str) -> str:
    return re.sub(r"\{[^}:]+:path\}", "a/b", re.sub(r"\{[^}:]+\}", "x1", path_format))


def test_every_route_path_matches_the_same_route_when_routes_are_flat(
        flat: list[BaseRoute], nested: list[BaseRoute]) -> None:
    nested_app, flat_app = _app(nested), _app(flat)
    paths = sorted({_concrete_path(r.path) for r in flat if isinstance(r, APIRoute)})
    for method in ("GET", "POST", "PUT", "DELETE"):
        for path in paths:
            assert _first_match(flat_app, method, path) == _first_match(nested_app, method, path)


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/api/v1/clients/c1/notes/n1"),
    ("PUT", "/api/v1/clients/c1/notes/n1"),
    ("DELETE", "/api/v1/clients/c1/notes/n1"),  # no such method: a partial match (405)
    ("GET", "/api/v1/portal/me/plan"),
    ("GET", "/clients/c1"),
    ("GET", "/portal/sessions"),
    ("GET", "/static/site.css"),
    ("GET", "/no/such/page"),
])
def test_a_path_matches_the_same_route_when_routes_are_flat(
        flat: list[BaseRoute], nested: list[BaseRoute], method: str, path: str) -> None:
    nested_app, flat_app = _app(nested), _app(flat)
    assert _first_match(flat_app, method, path) == _first_match(nested_app, method, path)


def _first_match(app: FastAPI, method: str, path: str
                 ) -> tuple[str, tuple[str, str, tuple[str, ...]] | None]:
    scope = {"type": "http", "method": method, "path": path, "root_path": "",
             "headers": [], "query_string": b"", "app": app}
    partial = None
    for route in app.router.routes:
        match, child_scope = route.matches(dict(scope))
        if match == Match.FULL:
            if isinstance(route, HotRoutes):
                return "full", _signature(child_scope["closeddoor.hot_route"])
            return "full", _leaf_signature(route, scope)
        if match == Match.PARTIAL and partial is None:
            partial = _leaf_signature(route, scope)
    return ("partial", partial) if partial else ("none", None)


def _leaf_signature(route: BaseRoute, scope: dict[str, object]
                    ) -> tuple[str, str, tuple[str, ...]]:
    """The route a nested inclusion resolves to (at its full path), or the route itself."""
    if isinstance(route, APIRoute | Mount):
        return _signature(route)
    _, _, leaf, context = route._match(dict(scope))  # type: ignore[attr-defined]
    while context is None:  # another nested inclusion
        assert leaf is not None
        _, _, leaf, context = leaf._match(dict(scope))
    if context.starlette_route is not None:
        return _signature(context.starlette_route)
    return (context.path, context.name, tuple(sorted(context.methods)))


# --- hot routes first: only where no earlier route could answer the same request ---------------
async def _endpoint() -> None:
    return None


def _route(path: str, *methods: str) -> APIRoute:
    return APIRoute(path, _endpoint, methods=list(methods))


@pytest.mark.parametrize(("earlier", "hoisted"), [
    (_route("/a/{x}/b/{y}", "PUT"), True),  # the same pattern, another method
    (_route("/a/{x}/c/{y}", "GET"), True),  # another literal
    (_route("/a/{x}", "GET"), True),  # shorter
    (_route("/z/{x}/b/{y}", "GET"), True),
    (Mount("/static", routes=[]), True),
    (_route("/a/{x}/b/{y}", "GET"), False),  # the same request
    (_route("/a/one/b/{y}", "GET"), False),  # a literal a parameter could be
    (_route("/a/{rest:path}", "GET"), False),  # a path parameter swallows the rest
    (Mount("/a", routes=[]), False),
    (Mount("", routes=[]), False),
])
def test_hot_route_is_tried_first_only_when_no_earlier_route_could_answer_it(
        earlier: BaseRoute, hoisted: bool) -> None:
    hot = _route("/a/{x}/b/{y}", "GET")
    routes = hot_first([earlier, hot], lambda route: route is hot)
    assert isinstance(routes[0], HotRoutes) is hoisted
    assert routes[-2:] == [earlier, hot]  # every route keeps its place in the scan
