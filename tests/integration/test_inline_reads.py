"""Note reads run inline on the event loop (SQLite, `closeddoor.inline`) while many arrive at
once: more than may run inline together wait their turn, every one answers and is audited once,
and the chain verifies. On PostgreSQL the same reads go through the thread pool. A read whose
session must be touched while another writer holds SQLite's write lock leaves the event loop
free meanwhile."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.pool import QueuePool

from closeddoor.accounts.authn import SESSION_TOUCH_INTERVAL
from closeddoor.api import deps
from closeddoor.bootstrap import build_services
from closeddoor.inline import INLINE_READS
from closeddoor.server import create_app
from closeddoor.store.db import make_engine
from tests.factories import ClientFactory, NoteFactory, Practice
from tests.fresh_loop import run_in_fresh_loop
from tests.integration.helpers import Api, scalar, sql

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


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_session_touch_waits_for_the_write_lock_off_the_event_loop(practice: Practice,
                                                                      api: Api) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    note_id = NoteFactory.progress(practice, client_id)
    headers = {"Authorization": f"Bearer {api.token('clinician1')}"}
    last_seen = "SELECT max(last_seen_at) FROM sessions"
    seen_before = scalar(practice, last_seen)
    practice.clock.advance(SESSION_TOUCH_INTERVAL + timedelta(seconds=1))  # due a touch
    app = create_app(practice.services)
    database = practice.services.engine.url.database
    assert database is not None
    other_writer = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    other_writer.execute("BEGIN IMMEDIATE")  # a long write elsewhere (a bulk import, say)
    ticks: list[float] = []

    async def read_while_locked() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            read = asyncio.ensure_future(
                client.get(f"/api/v1/clients/{client_id}/notes/{note_id}", headers=headers))
            for _ in range(10):  # the loop answers others while the touch waits for the lock
                ticks.append(time.monotonic())
                await asyncio.sleep(0.02)
            assert not read.done()
            other_writer.execute("ROLLBACK")
            return await read

    try:
        answer = run_in_fresh_loop(read_while_locked)
    finally:
        other_writer.close()
    assert answer.status_code == 200 and answer.json()["id"] == note_id
    assert ticks[-1] - ticks[0] < 1.0  # not held up by the lock
    assert scalar(practice, last_seen) > seen_before  # the touch was written, once unlocked


@pytest.mark.parametrize("threads", [1, 8, 256])
def test_the_sqlite_pool_holds_a_connection_per_thread_and_per_inline_read(
        tmp_path: Path, threads: int) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'pool.db'}", worker_threads=threads)
    try:
        # Checking out fewer than this can never wait, so an inline read never blocks the loop.
        assert isinstance(engine.pool, QueuePool)
        assert engine.pool.size() >= threads + INLINE_READS + 1  # + the audit writer
    finally:
        engine.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_served_services_size_their_pool_from_the_thread_setting(practice: Practice) -> None:
    settings = replace(practice.settings, worker_threads=100)
    services = build_services(settings, clock=practice.clock)
    try:
        assert isinstance(services.engine.pool, QueuePool)
        assert services.engine.pool.size() >= 100 + INLINE_READS + 1
    finally:
        services.close()
