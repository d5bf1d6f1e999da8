"""Snapshots of the database for backups, and loading one into a new database.

SQLite: the online backup API copies a consistent snapshot while the practice keeps serving.
PostgreSQL: `pg_dump` (custom format) inside a REPEATABLE READ transaction whose snapshot it
shares (`--snapshot`), so the counts and audit head written in the manifest are those of the
dump; `pg_restore` loads it into an empty database. Both tools must be installed for
PostgreSQL; their absence is said plainly.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, func, inspect, select, text, update
from sqlalchemy.engine import make_url

from closeddoor.errors import BackupInvalid, ConfigError
from closeddoor.store.lifecycle_repository import delete_client_rows
from closeddoor.store.tables import (
    audit_checkpoints,
    audit_head,
    clients,
    data_keys,
    destruction_requests,
    metadata,
)


@dataclass(frozen=True)
class AuditPosition:
    head_seq: int
    head_hash: str
    checkpoint_seq: int  # 0 when the log has no signed checkpoint
    checkpoint_hash: str
    checkpoint_signature: bytes


@dataclass(frozen=True)
class SnapshotFacts:
    counts: dict[str, int]
    audit: AuditPosition


def facts(conn: Connection) -> SnapshotFacts:
    """Row counts of every table and the audit head with its newest signed checkpoint."""
    counts = {table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
              for table in metadata.sorted_tables}
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    point = conn.execute(select(audit_checkpoints).order_by(audit_checkpoints.c.seq.desc())
                         .limit(1)).one_or_none()
    position = AuditPosition(
        int(head.seq), str(head.hash),
        int(point.seq) if point else 0, str(point.hash) if point else "",
        bytes(point.signature) if point else b"")
    return SnapshotFacts(counts, position)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


# --- taking a snapshot ---------------------------------------------------------------------------
def snapshot_sqlite(engine: Engine, target: Path) -> SnapshotFacts:
    """Copy the live database to `target` (a new file) with SQLite's online backup API, then
    read the facts from the copy, so they describe exactly what was copied."""
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        raw.close()
    _fsync(target)
    return sqlite_file_facts(target)


def sqlite_file_facts(path: Path) -> SnapshotFacts:
    engine = create_engine(f"sqlite:///{path.resolve()}")
    try:
        with engine.connect() as conn:
            return facts(conn)
    finally:
        engine.dispose()


def sqlite_file_is_intact(path: Path) -> bool:
    """PRAGMA integrity_check on a snapshot file (never the live database)."""
    connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return rows == [("ok",)]


def sqlite_file_engine(path: Path) -> Engine:
    return create_engine(f"sqlite:///{path.resolve()}")


def dump_postgres(engine: Engine, target: Path) -> SnapshotFacts:
    """pg_dump of the live database into `target`, sharing one transaction's snapshot with the
    facts read here."""
    tool = _tool("pg_dump")
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot_id = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            found = facts(conn)
            url, env = _libpq(engine)
            result = subprocess.run(  # noqa: S603 (fixed program, arguments are not a shell)
                [tool, "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot_id}", f"--file={target}", f"--dbname={url}"],
                env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ConfigError(f"pg_dump failed (exit {result.returncode}): "
                          f"{_first_line(result.stderr)}")
    _fsync(target)
    return found


def postgres_dump_is_readable(path: Path) -> bool:
    """Whether pg_restore can read the dump's table of contents."""
    result = subprocess.run([_tool("pg_restore"), "--list", str(path)],  # noqa: S603
                            capture_output=True, check=False)
    return result.returncode == 0


# --- loading a snapshot into a new database ----------------------------------------------------
def database_is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not inspect(conn).get_table_names()


def load_sqlite(snapshot: Path, database_url: str) -> None:
    """Copy a snapshot into the (absent or empty) database file the URL names."""
    database = make_url(database_url).database
    if not database:
        raise ConfigError("the SQLite database URL names no file")
    target = Path(database)
    if target.exists() and target.stat().st_size > 0:
        raise ConfigError(f"{target} already exists; restore into a new data folder")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{snapshot.resolve()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.chmod(target, 0o600)
    _fsync(target)


def load_postgres(dump: Path, engine: Engine) -> None:
    """pg_restore a dump into the empty database behind `engine`, in one transaction."""
    tool = _tool("pg_restore")
    if not database_is_empty(engine):
        raise ConfigError("the database CLOSEDDOOR_DATABASE_URL names is not empty; restore "
                          "into a new, empty database")
    url, env = _libpq(engine)
    result = subprocess.run(  # noqa: S603 (fixed program, arguments are not a shell)
        [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={url}", str(dump)], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupInvalid(f"pg_restore could not load the backup (exit {result.returncode}): "
                            f"{_first_line(result.stderr)}")


def create_scratch_database(engine: Engine, name: str) -> str:
    """A new, empty database named `name` on the same PostgreSQL server; its URL."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return engine.url.set(database=name).render_as_string(hide_password=False)


def drop_scratch_database(engine: Engine, name: str) -> None:
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# --- after a restore ---------------------------------------------------------------------------
def clients_present(conn: Connection, client_ids: list[str]) -> list[str]:
    """Which of these clients still have a chart row or a wrapped data key."""
    if not client_ids:
        return []
    found = {row[0] for row in conn.execute(
        select(clients.c.id).where(clients.c.id.in_(client_ids)))}
    found |= {row[0] for row in conn.execute(
        select(data_keys.c.subject_id).where(data_keys.c.subject_id.in_(client_ids)))}
    return sorted(found)


def delete_destroyed_client(conn: Connection, client_id: str) -> None:
    """Delete every row of a client destroyed after the backup (its wrapped key goes through
    the key ring)."""
    delete_client_rows(conn, client_id)


def void_pending_destruction_requests(conn: Connection, pending: str, voided: str
                                      ) -> list[tuple[str, str]]:
    """Close every destruction request still pending in a restored copy: status `voided`, its
    sealed reason cleared. Returns (request id, client id) of each, oldest first."""
    rows = conn.execute(select(destruction_requests.c.id, destruction_requests.c.client_id)
                        .where(destruction_requests.c.status == pending)
                        .order_by(destruction_requests.c.requested_at,
                                  destruction_requests.c.id)).all()
    if rows:
        conn.execute(update(destruction_requests)
                     .where(destruction_requests.c.status == pending)
                     .values(status=voided, reason_sealed=None))
    return [(row.id, row.client_id) for row in rows]


# --- helpers -----------------------------------------------------------------------------------
def postgres_tools_missing() -> list[str]:
    return [name for name in ("pg_dump", "pg_restore") if shutil.which(name) is None]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConfigError(f"{name} is not installed: PostgreSQL backups need pg_dump and "
                          "pg_restore (the postgresql-client package) of the server's version "
                          "or newer")
    return found


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """The database's libpq URL without its password, and an environment holding the password
    (never on a command line other users could read)."""
    url = engine.url
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None, query={})
    return plain.render_as_string(hide_password=False), env


def _first_line(message: str) -> str:
    lines = [line for line in message.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else "no message"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
