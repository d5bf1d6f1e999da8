"""The hottest API reads (a note, a chart, a page of the client list, a page of the audit)
resolve the caller's token and run their use case in one trip to the thread pool.

A context variable set while the token is resolved is still set when the use case runs only if
both ran in the same call: every trip to the thread pool starts from a fresh copy of the event
loop's context. (Two trips could land on the same worker thread, so thread ids would not tell.)
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

import pytest

from tests.factories import ClientFactory, NoteFactory, Practice
from tests.integration.helpers import Api

_resolved_here: ContextVar[bool] = ContextVar("resolved_here", default=False)


@pytest.fixture
def seen(shared_practice: Practice, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the use cases that ran in the same call as the token's resolution."""
    services, found = shared_practice.services, []
    resolve = services.accounts.resolve_session

    def resolve_and_mark(*args: Any, **kwargs: Any) -> Any:
        _resolved_here.set(True)
        return resolve(*args, **kwargs)

    def watched(name: str, use_case: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if _resolved_here.get():
                found.append(name)
            return use_case(*args, **kwargs)
        return run

    monkeypatch.setattr(services.accounts, "resolve_session", resolve_and_mark)
    for holder, name in ((services.notes, "get_note"), (services.charts, "get_client"),
                         (services.charts, "list_clients_page"),
                         (services.practice, "audit_page"),
                         (services.notes, "list_progress_notes")):
        monkeypatch.setattr(holder, name, watched(name, getattr(holder, name)))
    return found


def test_hot_reads_resolve_the_token_and_read_in_one_call(
        shared_api: Api, shared_practice: Practice, seen: list[str]) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    note_id = NoteFactory.progress(shared_practice, client_id)
    for path, who in ((f"/clients/{client_id}/notes/{note_id}", "clinician1"),
                      (f"/clients/{client_id}", "clinician1"),
                      ("/clients", "clinician1"),
                      ("/audit/events", "owner")):
        assert shared_api.get(path, who).status_code == 200, path
    assert seen == ["get_note", "get_client", "list_clients_page", "audit_page"]


def test_other_reads_still_resolve_the_token_in_a_call_of_its_own(
        shared_api: Api, shared_practice: Practice, seen: list[str]) -> None:
    """The positive control: a route that takes the signed-in actor as a dependency runs its
    use case in a second trip, so the mark is not seen there."""
    client_id = ClientFactory.create(shared_practice, "clinician1")
    assert shared_api.get(f"/clients/{client_id}/notes", "clinician1").status_code == 200
    assert seen == []
