"""Direct reads (`closeddoor.api.direct`), run inline on the event loop on SQLite
(`closeddoor.inline`), answer exactly as FastAPI's own handling of the same routes in the thread
pool: the same status, headers and body, and the same audit events, for the allowed read, every
refusal, a missing or malformed token, an unknown or foreign id, and a method the route does not
answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import Response
from fastapi.testclient import TestClient

from closeddoor.api.deps import BearerDep, ServicesDep
from closeddoor.api.direct import direct_read, route_class_for
from closeddoor.flat_routes import flatten
from closeddoor.server import _application_routes, create_app
from tests.factories import ClientFactory, NoteFactory, Practice
from tests.integration.helpers import GARBAGE_TOKEN, Api, sql

# The headers that differ between any two answers, whoever handles them.
_VARYING = {"date"}


@pytest.fixture(scope="module")
def handled_by_fastapi(shared_practice: Practice) -> Iterator[TestClient]:
    # The plainest handling: FastAPI's own, with the work in the thread pool (not inline on
    # the event loop, as the note and chart reads run on SQLite: `closeddoor.inline`).
    services = replace(shared_practice.services, reads_inline=False)
    with TestClient(create_app(services, direct_reads=False),
                    raise_server_exceptions=False) as client:
        yield client


def _answer(response: httpx.Response) -> tuple[int, dict[str, str], bytes]:
    headers = {k: v for k, v in response.headers.items() if k not in _VARYING}
    return response.status_code, headers, response.content


def _new_events(practice: Practice, after: int) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sql(
        practice, "SELECT actor_id, tag, outcome, client_id, resource_id, reason, details "
                  "FROM audit_events WHERE seq > :after ORDER BY seq", after=after)]


def _head(practice: Practice) -> int:
    return int(sql(practice, "SELECT coalesce(max(seq), 0) FROM audit_events")[0][0])


def test_direct_reads_are_the_note_and_the_chart_when_the_routes_are_built() -> None:
    direct = {(route.path, *sorted(getattr(route, "methods", ())))
              for route in _application_routes() if type(route).__name__ == "DirectRead"}
    assert direct == {("/api/v1/clients/{client_id}/notes/{note_id}", "GET"),
                      ("/api/v1/clients/{client_id}", "GET")}
    assert not any(type(route).__name__ == "DirectRead"
                   for route in _application_routes(direct_reads=False))


def test_every_answer_and_audit_event_matches_fastapis_when_notes_and_charts_are_read(
        shared_practice: Practice, shared_api: Api, handled_by_fastapi: TestClient) -> None:
    practice, api = shared_practice, shared_api
    # Inline on SQLite, in the pool on PostgreSQL: either way against the pool's answers.
    assert practice.services.reads_inline is (practice.services.engine.dialect.name == "sqlite")
    mine = ClientFactory.create(practice, "clinician1")
    theirs = ClientFactory.create(practice, "clinician2")
    note = NoteFactory.progress(practice, mine)
    draft = NoteFactory.progress(practice, mine, sign=False)
    process = NoteFactory.psychotherapy(practice, mine)
    foreign = NoteFactory.progress(practice, theirs, "clinician2")
    token = api.token("clinician1")
    paths = [f"/clients/{mine}/notes/{note}", f"/clients/{mine}/notes/{draft}",
             f"/clients/{mine}/notes/{process}", f"/clients/{mine}/notes/{foreign}",
             f"/clients/{theirs}/notes/{foreign}", f"/clients/{mine}/notes/no-such-note",
             f"/clients/{mine}/notes/%E2%9C%93%20x", f"/clients/{mine}", f"/clients/{theirs}",
             "/clients/no-such-client", f"/clients/{mine}/notes/{'x' * 300}"]
    authorizations = {
        "clinician1": f"Bearer {token}", "lower-case scheme": f"bearer {token}",
        "clinician2": f"Bearer {api.token('clinician2')}",
        "billing": f"Bearer {api.token('billing')}",
        "supervisor": f"Bearer {api.token('supervisor')}",
        "never issued": f"Bearer {GARBAGE_TOKEN}", "basic": "Basic Y2xpbmljaWFuMTp4",
        "bare token": token, "none": None}
    statuses = set()
    for path in paths:
        for who, authorization in authorizations.items():
            for method in ("GET", "HEAD", "POST"):
                headers = {"Authorization": authorization} if authorization else {}
                answers, events = [], []
                for client in (api.client, handled_by_fastapi):
                    head = _head(practice)
                    answers.append(_answer(client.request(method, f"/api/v1{path}",
                                                          headers=headers)))
                    events.append(_new_events(practice, head))
                assert answers[0] == answers[1], (path, who, method)
                assert events[0] == events[1], (path, who, method)
                statuses.add(answers[0][0])
    # The matrix reached the allowed read and every kind of refusal.
    assert {200, 401, 403, 404, 405} <= statuses, statuses


# --- the shape a direct read must have ---------------------------------------------------------
async def _with_query(client_id: str, services: ServicesDep, credentials: BearerDep,
                      limit: int = 5) -> Response:
    return Response()


async def _with_other_dependency(client_id: str, services: ServicesDep, credentials: BearerDep,
                                 extra: str = Depends(lambda: "x")) -> Response:
    return Response()


async def _with_int_id(client_id: int, services: ServicesDep,
                       credentials: BearerDep) -> Response:
    return Response()


@pytest.mark.parametrize(("endpoint", "methods", "words"), [
    (_with_query, ["GET"], "only str path parameters"),
    (_with_other_dependency, ["GET"], "the services and the bearer only"),
    (_with_int_id, ["GET"], "only str path parameters"),
])
def test_direct_read_of_any_other_shape_fails_when_its_route_is_built(
        endpoint: Any, methods: list[str], words: str) -> None:
    router = APIRouter(prefix="/x")
    router.add_api_route("/{client_id}", direct_read(endpoint), methods=methods)
    app = FastAPI()
    app.include_router(router)
    with pytest.raises(TypeError, match=words):
        flatten(app.router.routes, route_class_for=route_class_for)


def test_direct_read_answering_a_post_fails_when_its_route_is_built() -> None:
    async def post_note(client_id: str, services: ServicesDep,
                        credentials: BearerDep) -> Response:
        return Response()

    router = APIRouter(prefix="/x")
    router.add_api_route("/{client_id}", direct_read(post_note), methods=["POST"])
    app = FastAPI()
    app.include_router(router)
    with pytest.raises(TypeError, match="answers GET only"):
        flatten(app.router.routes, route_class_for=route_class_for)
