"""A full disk (issue 10, item 8): 503 naming the cause, nothing half-written, and a plain
`audit verify` report with its own exit code.

The disk is filled by simulation: on SQLite, every new connection gets `PRAGMA max_page_count`
set to the database's current size (after a VACUUM leaves no free space in its pages), so any
write needing a page fails with SQLITE_FULL, as on a full disk; on PostgreSQL, triggers on every
table raise SQLSTATE 53100 (disk_full), what the server raises when it cannot extend a file.
"""

from __future__ import annotations

import errno
import html
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError

import closeddoor.setup
from closeddoor.audit.tags import AuditTag
from closeddoor.errors import StorageFull, is_storage_full
from closeddoor.store.db import make_engine
from closeddoor.store.tables import metadata
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import is_postgres, open_api, run_cli, scalar, sql
from tests.web.helpers import Browser, visible_text

TABLES = sorted(metadata.tables)
MESSAGE = "the practice's storage is full; nothing was saved"
# A note too long for the free space left in any page: its write needs new pages, so it always
# meets the full disk (a small row might still fit in a page's last free bytes).
LONG_BODY = "Synthetic session summary sentence for the full-disk test. " * 1_000


def counts(practice: Practice) -> dict[str, int]:
    return {t: scalar(practice, f"SELECT count(*) FROM {t}") for t in TABLES}


def _full(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    pages = cursor.execute("PRAGMA page_count").fetchone()[0]
    cursor.execute(f"PRAGMA max_page_count = {pages}")
    cursor.close()


def _limit_sqlite(engine: Engine) -> None:
    """Every new connection of `engine` may not grow the database past its present size."""
    event.listen(engine, "connect", _full)


@contextmanager
def storage_full(practice: Practice, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make the practice's database full for the block: its own engine and any engine a CLI
    command opens meanwhile; afterwards space is back."""
    engine = practice.services.engine
    if is_postgres(practice):
        sql(practice, "CREATE FUNCTION closeddoor_test_disk_full() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'could not extend file: No space left on device' "
            "USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql")
        for table in TABLES:
            sql(practice, f"CREATE TRIGGER {table}_disk_full BEFORE INSERT OR UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION closeddoor_test_disk_full()")
        try:
            yield
        finally:
            for table in TABLES:
                sql(practice, f"DROP TRIGGER {table}_disk_full ON {table}")
            sql(practice, "DROP FUNCTION closeddoor_test_disk_full()")
        return
    engine.dispose()
    raw = engine.raw_connection()  # outside SQLAlchemy's BEGIN: VACUUM runs in no transaction
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
    finally:
        raw.close()
    engine.dispose()
    _limit_sqlite(engine)
    real_make_engine = closeddoor.setup.make_engine

    def full_engine(url: str, **kwargs: Any) -> Engine:
        made = real_make_engine(url, **kwargs)
        _limit_sqlite(made)
        return made

    monkeypatch.setattr(closeddoor.setup, "make_engine", full_engine)
    # Fill the audit log's last page, legitimately: every request is audited, so from here on
    # every request needs a new page, as on a disk full to the last byte.
    audit, runtime = practice.services.runtime.audit, practice.services.runtime
    for _ in range(1_000):
        try:
            audit.record([runtime.entry("system", AuditTag.AUDIT_LOG_READ, "ok")])
        except StorageFull:
            break
    else:
        raise AssertionError("the audit log never filled its last page")
    try:
        yield
    finally:
        monkeypatch.setattr(closeddoor.setup, "make_engine", real_make_engine)
        event.remove(engine, "connect", _full)
        engine.dispose()


def assert_intact_and_unchanged(practice: Practice, before: dict[str, int]) -> None:
    """Same rows as before (bar the checkpoint a test server signs as it shuts down, once
    space is back), and a chain that verifies."""
    after = counts(practice)
    assert after.pop("audit_checkpoints") - before["audit_checkpoints"] in (0, 1)
    assert after == {t: n for t, n in before.items() if t != "audit_checkpoints"}
    result = run_cli(practice, "audit", "verify")
    assert result.returncode == 0, result.stdout + result.stderr


def test_api_answers_503_naming_storage_and_saves_nothing_when_storage_full(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    with open_api(practice) as api:
        api.token("clinician1")
        with storage_full(practice, monkeypatch):
            before = counts(practice)
            created = api.post(f"/clients/{client_id}/notes", "clinician1", json={
                "kind": "progress", "format": "free", "body": LONG_BODY, "sign": False})
            read = api.get(f"/clients/{client_id}", "clinician1")  # audited first, so refused
            after = counts(practice)
        for response in (created, read):
            assert response.status_code == 503, response.text
            assert response.json()["detail"] == MESSAGE
            assert "synthetic" not in response.text.lower()
    assert after == before
    assert_intact_and_unchanged(practice, before)


def test_page_answers_503_naming_storage_when_storage_full(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    browser = Browser(practice.services)
    with browser.http:
        assert browser.sign_in("clinician1", practice.password).status_code == 200
        with storage_full(practice, monkeypatch):
            before = counts(practice)
            response = browser.post(f"/clients/{client_id}/notes/new", {
                "format": "free", "body": LONG_BODY, "session_date": "2026-03-02",
                "action": "save"})
            after = counts(practice)
        assert response.status_code == 503, response.text
        page = html.unescape(visible_text(response.text))
        assert "The practice's storage is full; nothing was saved." in page
        assert "Synthetic session" not in response.text
    assert after == before
    assert_intact_and_unchanged(practice, before)


def test_audit_verify_exits_3_with_plain_message_when_storage_full(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    with storage_full(practice, monkeypatch):
        before = counts(practice)
        result = run_cli(practice, "audit", "verify")  # a traceback would raise here
    assert result.returncode == 3, result.stdout + result.stderr
    assert MESSAGE in result.stderr
    assert "Free disk space" in result.stderr.replace("\n", " ")
    assert_intact_and_unchanged(practice, before)


def test_audit_checkpoint_names_storage_when_anchor_file_cannot_grow(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os as real_os

    def no_space(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("closeddoor.store.audit_anchors.os.write", no_space)
    result = run_cli(practice, "audit", "checkpoint")
    monkeypatch.setattr("closeddoor.store.audit_anchors.os.write", real_os.write)
    assert result.returncode == 1
    assert MESSAGE in result.stderr


# --- telling a full disk from other failures -------------------------------------------------
def _sqlite_full_error() -> sqlite3.OperationalError:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA max_page_count = 2")
        conn.execute("INSERT INTO t SELECT zeroblob(100000)")
    except sqlite3.OperationalError as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("SQLite did not fill up")


def _wrapped(orig: BaseException) -> OperationalError:
    return OperationalError("INSERT ...", {}, orig)


FULL = {
    "oserror-enospc": lambda: OSError(errno.ENOSPC, "No space left on device"),
    "oserror-edquot": lambda: OSError(errno.EDQUOT, "Disk quota exceeded"),
    "sqlite-full": _sqlite_full_error,
    "sqlalchemy-sqlite-full": lambda: _wrapped(_sqlite_full_error()),
    "psycopg-disk-full": lambda: psycopg.errors.DiskFull("could not extend file"),
    "sqlalchemy-psycopg-disk-full": lambda: _wrapped(psycopg.errors.DiskFull("no space")),
    "domain-error": StorageFull,
}
NOT_FULL = {
    "oserror-eacces": lambda: OSError(errno.EACCES, "Permission denied"),
    "sqlite-locked": lambda: sqlite3.OperationalError("database is locked"),
    "psycopg-other": lambda: psycopg.errors.UniqueViolation("duplicate key"),
    "value-error": lambda: ValueError("database or disk is full"),  # words alone are not enough
}


@pytest.mark.parametrize("name", list(FULL))
def test_storage_full_recognised_when_driver_reports_it(name: str) -> None:
    error = FULL[name]()
    if name == "domain-error":
        error.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    assert is_storage_full(error)


@pytest.mark.parametrize("name", list(NOT_FULL))
def test_storage_full_not_claimed_when_error_is_another(name: str) -> None:
    assert not is_storage_full(NOT_FULL[name]())


def test_sqlite_full_error_simulation_is_real_sqlite_full(tmp_path: Any) -> None:
    """The simulation above is the genuine article: SQLite's own SQLITE_FULL (code 13)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'probe.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x)"))
    engine.dispose()
    _limit_sqlite(engine)
    with pytest.raises(OperationalError) as raised, engine.begin() as conn:
        conn.execute(text("INSERT INTO t SELECT zeroblob(100000)"))
    assert raised.value.orig.sqlite_errorcode == 13  # type: ignore[union-attr]
    engine.dispose()
