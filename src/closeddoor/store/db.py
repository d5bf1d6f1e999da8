"""Engines and transactions. Durability: SQLite in WAL with synchronous=FULL; PostgreSQL with
synchronous_commit=on. Writers on SQLite take the write lock up front (BEGIN IMMEDIATE)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event

from closeddoor.config import DEFAULT_WORKER_THREADS
from closeddoor.errors import StorageFull, is_storage_full
from closeddoor.inline import INLINE_READS

WRITE = {"closeddoor_write": True}


# Connections beyond the worker threads and the inline reads: the audit writer, the checkpointer,
# the background jobs.
SQLITE_SPARE_CONNECTIONS = 16


def make_engine(database_url: str, *, worker_threads: int = DEFAULT_WORKER_THREADS,
                **kwargs: Any) -> Engine:
    """The engine. On SQLite its pool holds a connection for every worker thread and every
    read parked inline on the event loop, and some to spare: a checkout there must never wait,
    for it would block the loop that the parked reads need to finish."""
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url,
            pool_size=worker_threads + INLINE_READS + SQLITE_SPARE_CONNECTIONS,
            max_overflow=16,
            pool_timeout=30,
            connect_args={"timeout": 30, "check_same_thread": False},
            **kwargs,
        )
        _configure_sqlite(engine)
        return engine
    engine = create_engine(
        database_url, pool_size=20, max_overflow=20, pool_pre_ping=True, **kwargs
    )

    @event.listens_for(engine, "connect")
    def _durable(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = on")
        dbapi_connection.commit()

    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        is_write = connection.get_execution_options().get("closeddoor_write", False)
        # Straight to the driver: every request opens several transactions, and this skips
        # SQLAlchemy's statement machinery (the transaction it tracks is the same one).
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None
        dbapi_connection.execute("BEGIN IMMEDIATE" if is_write else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that commits only if the block finishes; the audit append rides in it.

    Raises StorageFull (after the rollback) when the database is out of space.
    """
    with _storage_full_as_domain_error(), engine.connect() as connection:
        connection = connection.execution_options(**WRITE)
        with connection.begin():
            yield connection


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    shared = _SHARED_READ.get()
    if shared is not None and shared[0] is engine:  # inside `one_read_snapshot`
        yield shared[1]
        return
    # A read can need space too (SQLite's temporary files, PostgreSQL's work files).
    with _storage_full_as_domain_error(), engine.connect() as connection, connection.begin():
        yield connection


_SHARED_READ: ContextVar[tuple[Engine, Connection] | None] = ContextVar("shared_read",
                                                                        default=None)


@contextmanager
def one_read_snapshot(engine: Engine) -> Iterator[None]:
    """On SQLite, every `read_transaction` of the block (in this context: its thread, or its
    inline run, `closeddoor.inline`) shares one transaction, so one snapshot: the reads of one
    audited request (its session, the facts the gate decides on, the record) cost one
    transaction instead of four. A write in the block goes through its
    own connection as always, and the block's reads do not see it: use this only around work
    that never reads back what it wrote. On PostgreSQL each read keeps its own transaction: a
    connection held across the audit wait would tie up the pool.

    The connection is kept open for the next snapshot (`_KeptConnections`): each block still
    begins its own transaction, so it sees everything committed before it began."""
    if engine.dialect.name != "sqlite" or _SHARED_READ.get() is not None:
        yield
        return
    kept = _KeptConnections.of(engine, write=False)
    pool, connection = kept.take()
    try:
        # A read can need space too (SQLite's temporary files).
        with _storage_full_as_domain_error(), connection.begin():
            token = _SHARED_READ.set((engine, connection))
            try:
                yield
            finally:
                _SHARED_READ.reset(token)
    finally:
        kept.give_back(pool, connection)


@contextmanager
def kept_write_transaction(engine: Engine) -> Iterator[Connection]:
    """`write_transaction` on a connection kept open for the next one, on SQLite: for the
    audit writer, one thread that commits every few milliseconds under load. Elsewhere (a
    PostgreSQL connection is checked before each use) the same as `write_transaction`."""
    if engine.dialect.name != "sqlite":
        with write_transaction(engine) as connection:
            yield connection
        return
    kept = _KeptConnections.of(engine, write=True)
    pool, connection = kept.take()
    try:
        with _storage_full_as_domain_error(), connection.begin():
            yield connection
    finally:
        kept.give_back(pool, connection)


class _KeptConnections:
    """SQLite connections kept open between transactions: up to one for each inline read
    (their read snapshots), or one for writing (the audit writer's).

    Checking a connection out of SQLAlchemy's pool and closing it again cost more than the
    two reads of a note's snapshot (about 75 of 95 µs per snapshot, in one thread). A pooled
    connection stays open between checkouts anyway; this keeps it checked out instead. Each
    is kept with the pool it came from: once the engine is disposed (a restore replaces the
    database file), a connection of the old pool is closed, never used again, and those kept
    are closed when it happens. One in use is not kept meanwhile, so no other thread touches
    it."""

    _by_engine: WeakKeyDictionary[Engine, dict[bool, _KeptConnections]] = WeakKeyDictionary()

    def __init__(self, engine: Engine, *, write: bool) -> None:
        self._engine = engine
        self._write = write
        self._limit = 1 if write else INLINE_READS
        self._idle: list[tuple[Any, Connection]] = []

    @classmethod
    def of(cls, engine: Engine, *, write: bool) -> _KeptConnections:
        kinds = cls._by_engine.get(engine)
        if kinds is None:
            kinds = cls._by_engine[engine] = {}

            def close_all(_engine: Engine) -> None:
                for kept in kinds.values():
                    kept.close_all()

            event.listen(engine, "engine_disposed", close_all)
        kept = kinds.get(write)
        if kept is None:
            kept = kinds[write] = cls(engine, write=write)
        return kept

    def take(self) -> tuple[Any, Connection]:
        while True:
            try:
                pool, connection = self._idle.pop()  # atomic: threads may share the list
            except IndexError:
                pool = self._engine.pool  # read first: a dispose in between discards it
                connection = self._engine.connect()
                if self._write:
                    connection = connection.execution_options(**WRITE)
                return pool, connection
            if self._is_current(pool, connection):
                return pool, connection
            _discard(connection)

    def give_back(self, pool: Any, connection: Connection) -> None:
        if not self._is_current(pool, connection):
            _discard(connection)
        elif len(self._idle) < self._limit:
            self._idle.append((pool, connection))
        else:
            connection.close()  # back to the pool

    def close_all(self) -> None:
        while True:
            try:
                _, connection = self._idle.pop()
            except IndexError:
                return
            _discard(connection)

    def _is_current(self, pool: Any, connection: Connection) -> bool:
        return pool is self._engine.pool and not connection.closed \
            and not connection.invalidated and not connection.in_transaction()


def kept_idle(engine: Engine) -> int:
    """How many connections are kept open between transactions (checked out of the pool, in
    no transaction): a test that counts the pool's checked-out connections leaves them out."""
    return sum(len(kept._idle) for kept in _KeptConnections._by_engine.get(engine, {}).values())


def _discard(connection: Connection) -> None:
    """Close the driver's connection now, not when its (perhaps disposed) pool is collected."""
    if not connection.closed:
        connection.invalidate()
        connection.close()


@contextmanager
def _storage_full_as_domain_error() -> Iterator[None]:
    try:
        yield
    except StorageFull:
        raise
    except Exception as exc:  # raw driver errors too: the audit append uses the DB-API cursor
        if is_storage_full(exc):
            raise StorageFull() from exc
        raise
