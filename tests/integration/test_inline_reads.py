"""Note reads run inline on the event loop (SQLite, `closeddoor.inline`) while many arrive at
once: more than may run inline together wait their turn, every one answers and is audited once,
and the chain verifies. On PostgreSQL the same reads go through the thread pool."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from closeddoor.api import deps
from closeddoor.server import create_app
from tests.factories import ClientFactory, NoteFactory, Practice
from tests.fresh_loop import run_in_fresh_loop
from tests.integration.helpers import Api, sql

READS = 40


@pytest.fixture
def few_slots(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Fewer slots than concurrent reads, so some must wait for one; a fresh limiter per loop.
    monkeypatch.setattr(deps, "INLINE_READS", 3)
    monkeypatch.setattr(deps, "_slots", type(deps._slots)())
    yield


def _allowed_reads(practice: Practice, note_id: str) -> int:
    return int(sql(practice, "SELECT count(*) FROM audit_events WHERE resource_id = :note "
                             "AND outcome = 'allow'", note=note_id)[0][0])


def test_concurrent_note_reads_beyond_the_inline_slots_all_answer_and_are_audited(
        shared_practice: Practice, shared_api: Api, few_slots: None) -> None:
    practice = shared_practice
    client_id = ClientFactory.create(practice, "clinician1")
    note_id = NoteFactory.progress(practice, client_id)
    headers = {"Authorization": f"Bearer {shared_api.token('clinician1')}"}
    app = create_app(practice.services)

    async def read_all() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return list(await asyncio.gather(*(
                client.get(f"/api/v1/clients/{client_id}/notes/{note_id}", headers=headers)
                for _ in range(READS))))

    answers = run_in_fresh_loop(read_all)
    assert [a.status_code for a in answers] == [200] * READS
    assert {a.json()["id"] for a in answers} == {note_id}
    assert _allowed_reads(practice, note_id) == READS
    report = practice.services.practice.verify_audit(practice.actor("owner"))  # raises if broken
    assert report.events_checked == report.last_seq
