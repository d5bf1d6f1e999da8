"""The direct reads' shorter stack (`closeddoor.server.ClosedDoorApp`) answers a failure, a
refusal and a body exactly as the whole stack does, and is taken only by a GET without a body.
`tests/integration/test_direct_reads.py` compares the allowed reads and their audit."""

from __future__ import annotations

import logging
from contextlib import nullcontext
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from closeddoor.errors import PolicyDenied
from closeddoor.policy import Actor, Role
from closeddoor.request_limits import LONG_TEXT_BODY_LIMIT
from closeddoor.server import ClosedDoorApp, create_app

MARKER = "Zephyrine-Marker-Quokka"
NOTE = "/api/v1/clients/c1/notes/n1"


class _Notes:
    def get_note(self, actor: Actor, client_id: str, note_id: str) -> Any:
        if note_id == "n1":
            raise RuntimeError(f"boom with {MARKER}")
        raise PolicyDenied("not-on-care-team")


class _SignedInClinician:
    """Accounts that take any bearer token for one signed-in clinician."""

    def resolve_session(self, token: str, kind: str) -> Any:
        user = SimpleNamespace(actor=Actor("u1", Role.CLINICIAN))
        return SimpleNamespace(user=user, mfa_passed=True, mfa_enrolment_required=False)


def _client(*, direct_reads: bool) -> TestClient:
    services = SimpleNamespace(notes=_Notes(), accounts=_SignedInClinician(),
                               reads_inline=False, one_read_snapshot=nullcontext)
    return TestClient(create_app(services, direct_reads=direct_reads),  # type: ignore[arg-type]
                      raise_server_exceptions=False)


def _answer(response: httpx.Response) -> tuple[int, dict[str, str], Any]:
    headers = {k: v for k, v in response.headers.items() if k not in ("date", "content-length")}
    body = response.json()
    body.pop("correlation_id", None)  # new for every failure
    return response.status_code, headers, body


def _lane_taken(client: TestClient) -> bool:
    app = client.app
    assert isinstance(app, ClosedDoorApp)
    return app._direct_lane is not None  # built at the first request that takes it


@pytest.mark.parametrize(("path", "headers", "status"), [
    (NOTE, {"Authorization": "Bearer synthetic-token"}, 500),
    ("/api/v1/clients/c1/notes/n2", {"Authorization": "Bearer synthetic-token"}, 403),
    (NOTE, {}, 401),
])
def test_answer_matches_the_whole_stacks_when_a_direct_read_fails_or_is_refused(
        path: str, headers: dict[str, str], status: int,
        caplog: pytest.LogCaptureFixture) -> None:
    lane, whole = _client(direct_reads=True), _client(direct_reads=False)
    with caplog.at_level(logging.DEBUG):
        answers = [_answer(client.get(path, headers=headers)) for client in (lane, whole)]
    assert answers[0] == answers[1]
    assert answers[0][0] == status
    assert answers[0][1]["cache-control"] == "no-store"  # the security headers are there
    assert MARKER not in caplog.text
    assert _lane_taken(lane)


def test_whole_stack_answers_when_a_direct_reads_get_carries_a_body() -> None:
    lane, whole = _client(direct_reads=True), _client(direct_reads=False)
    headers = {"Authorization": "Bearer synthetic-token",
               "Content-Length": str(LONG_TEXT_BODY_LIMIT + 1)}
    answers = [_answer(client.get(NOTE, headers=headers)) for client in (lane, whole)]
    assert answers[0] == answers[1]
    assert answers[0][0] == 413
    assert not _lane_taken(lane)


@pytest.mark.parametrize("method", ["HEAD", "POST", "DELETE"])
def test_whole_stack_answers_when_a_direct_reads_path_is_asked_another_way(method: str) -> None:
    lane, whole = _client(direct_reads=True), _client(direct_reads=False)
    answers = [client.request(method, NOTE, headers={"Authorization": "Bearer synthetic-token"})
               for client in (lane, whole)]
    assert answers[0].status_code == answers[1].status_code == 405
    assert not _lane_taken(lane)
