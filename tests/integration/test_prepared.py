"""Prepared statements (`closeddoor.store.prepared`) answer what `Connection.execute` answers for
the same statement and parameters: the same rows, values of the same types, the same column
names, on SQLite and on PostgreSQL. And the read path's one snapshot (`store.db`)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    bindparam,
    func,
    select,
)

from closeddoor.store.db import (
    kept_write_transaction,
    make_engine,
    one_read_snapshot,
    read_transaction,
)
from closeddoor.store.prepared import MAX_PREPARED_LIST, Prepared
from closeddoor.store.tables import UtcDateTime

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
ROWS = 12  # row-00 ... row-11, and row-nulls


@pytest.fixture
def table(database_url: str) -> Iterator[tuple[Engine, Table]]:
    engine = make_engine(database_url)
    rows = Table(f"prepared_{secrets.token_hex(4)}", MetaData(),
                 Column("id", String(36), primary_key=True), Column("n", Integer),
                 Column("flag", Boolean), Column("at", UtcDateTime), Column("blob", LargeBinary),
                 Column("kind", String(16)))
    rows.create(engine)
    with engine.begin() as conn:
        conn.execute(rows.insert(), [
            {"id": f"row-{i:02}", "n": i, "flag": i % 2 == 0, "at": T0 + timedelta(hours=i),
             "blob": bytes([i]) * 3, "kind": "a" if i % 3 else "b"} for i in range(ROWS)]
            + [{"id": "row-nulls", "n": None, "flag": None, "at": None, "blob": None,
                "kind": None}])
    yield engine, rows
    rows.drop(engine)
    engine.dispose()


def _same(engine: Engine, prepared: Prepared, params: dict[str, Any]) -> list[Any]:
    with read_transaction(engine) as conn:
        expected = conn.execute(prepared.statement, params).all()
        got = prepared.all(conn, params)
    assert [tuple(r) for r in got] == [tuple(r) for r in expected]
    assert [[type(v) for v in r] for r in got] == [[type(v) for v in r] for r in expected]
    assert all(r._fields == e._fields for r, e in zip(got, expected, strict=True))
    return got


def test_rows_types_and_names_match_sqlalchemys_when_a_prepared_select_runs(
        table: tuple[Engine, Table]) -> None:
    engine, rows = table
    labelled = Prepared(select(rows.c.id, rows.c.at.label("when"), rows.c.flag, rows.c.blob)
                        .where(rows.c.at >= bindparam("since"), rows.c.kind == "a")
                        .order_by(rows.c.id))
    found = _same(engine, labelled, {"since": T0 + timedelta(hours=4)})
    assert [r.id for r in found] == ["row-04", "row-05", "row-07", "row-08", "row-10", "row-11"]
    assert found[0].when == T0 + timedelta(hours=4) and found[0].when.tzinfo is not None
    assert found[0]._mapping["flag"] is True
    whole = Prepared(select(rows).where(rows.c.id == bindparam("id")))
    [nulls] = _same(engine, whole, {"id": "row-nulls"})
    assert nulls.n is None and nulls.at is None
    assert _same(engine, whole, {"id": "no-such-row"}) == []


@pytest.mark.parametrize("count", [1, 2, MAX_PREPARED_LIST, MAX_PREPARED_LIST + 1])
def test_in_list_of_any_length_matches_sqlalchemys_when_ids_are_listed(
        table: tuple[Engine, Table], count: int) -> None:
    engine, rows = table
    listed = Prepared(select(rows.c.id, rows.c.n).where(
        rows.c.id.in_(bindparam("ids", expanding=True)), rows.c.flag.is_(True))
        .order_by(rows.c.n))
    ids = [f"row-{i:02}" for i in range(count)] + ["no-such-row"]
    found = _same(engine, listed, {"ids": ids})
    assert [r.n for r in found] == [i for i in range(min(count, ROWS)) if i % 2 == 0]
    # The same statement, asked again with another length, answers for that length.
    assert [r.n for r in _same(engine, listed, {"ids": ["row-03", "row-04"]})] == [4]


def test_missing_parameter_is_refused_and_one_finds_exactly_one_when_prepared(
        table: tuple[Engine, Table]) -> None:
    engine, rows = table
    by_id = Prepared(select(rows.c.id).where(rows.c.id == bindparam("id")))
    with read_transaction(engine) as conn:
        with pytest.raises(KeyError):
            by_id.all(conn, {})
        assert by_id.one(conn, {"id": "row-01"}).id == "row-01"
        with pytest.raises(Exception, match="expected one row, got 0"):
            by_id.one(conn, {"id": "no-such-row"})
        assert by_id.first(conn, {"id": "no-such-row"}) is None


def test_reads_share_one_snapshot_on_sqlite_and_stay_apart_on_postgresql_when_asked(
        table: tuple[Engine, Table]) -> None:
    engine, rows = table
    count = select(func.count()).select_from(rows)
    with one_read_snapshot(engine):
        with read_transaction(engine) as first:
            before = first.execute(count).scalar_one()
        with engine.begin() as writer:  # another connection commits a row meanwhile
            writer.execute(rows.insert().values(id="row-late", n=99))
        with read_transaction(engine) as second:
            during = second.execute(count).scalar_one()
        shared = first is second
    with read_transaction(engine) as after:
        assert after.execute(count).scalar_one() == before + 1
    if engine.dialect.name == "sqlite":
        assert shared and during == before  # one transaction: the snapshot of its first read
    else:
        assert not shared and during == before + 1  # each read its own transaction


def _driver_connection(engine: Engine) -> Any:
    with one_read_snapshot(engine), read_transaction(engine) as conn:
        return conn.connection.dbapi_connection


def test_next_snapshot_sees_every_commit_when_its_connection_is_kept(
        table: tuple[Engine, Table]) -> None:
    engine, rows = table
    if engine.dialect.name != "sqlite":
        pytest.skip("one snapshot, and its kept connection, are SQLite's")
    count = select(func.count()).select_from(rows)
    with one_read_snapshot(engine), read_transaction(engine) as first:
        before = first.execute(count).scalar_one()
        kept = first.connection.dbapi_connection
    with engine.begin() as writer:  # a grant revoked, a session ended: the next read sees it
        writer.execute(rows.insert().values(id="row-late", n=99))
    with one_read_snapshot(engine), read_transaction(engine) as second:
        assert second.connection.dbapi_connection is kept
        assert second.execute(count).scalar_one() == before + 1


def test_kept_connections_are_closed_when_the_engine_is_disposed(
        table: tuple[Engine, Table]) -> None:
    engine, _ = table
    if engine.dialect.name != "sqlite":
        pytest.skip("one snapshot, and its kept connection, are SQLite's")
    kept = _driver_connection(engine)
    with one_read_snapshot(engine), read_transaction(engine) as during:
        open_across = during.connection.dbapi_connection
        engine.dispose()  # a restore replaces the file: no connection of the old pool is reused
    for old in (kept, open_across):
        with pytest.raises(Exception, match="closed"):
            old.execute("SELECT 1")
    fresh = _driver_connection(engine)
    assert fresh is not kept and fresh is not open_across
    assert _driver_connection(engine) is fresh


def test_kept_write_connection_commits_rolls_back_and_is_renewed_when_the_engine_is_disposed(
        table: tuple[Engine, Table]) -> None:
    engine, rows = table
    count = select(func.count()).select_from(rows)
    with kept_write_transaction(engine) as first:
        first.execute(rows.insert().values(id="row-w1", n=1))
        kept = first.connection.dbapi_connection
    with pytest.raises(RuntimeError), kept_write_transaction(engine) as failing:
        failing.execute(rows.insert().values(id="row-w2", n=2))
        raise RuntimeError("the block fails: nothing of it is committed")
    with kept_write_transaction(engine) as again:
        again.execute(rows.insert().values(id="row-w3", n=3))
        reused = again.connection.dbapi_connection is kept
    with read_transaction(engine) as conn:
        assert conn.execute(count).scalar_one() == ROWS + 1 + 2
    engine.dispose()
    with kept_write_transaction(engine) as after:
        renewed = after.connection.dbapi_connection
    if engine.dialect.name == "sqlite":  # kept on SQLite only, and never across a dispose
        assert reused and renewed is not kept
        with pytest.raises(Exception, match="closed"):
            kept.execute("SELECT 1")
