"""Fixtures shared by every suite: the databases the integration and migration tests run on.

`database_url` (one fresh database per test) and `module_database_url` (one per test module) are
parametrized over SQLite (a file under the test's temporary folder) and PostgreSQL (a database
with a random name created on the local server and dropped afterwards).

A database starts empty, except where a practice is built on it: `database_url` for a test that
uses the `practice` fixture, and `module_database_url` (every user builds a practice). Those start
as a copy of the migrated schema, made once per session (and per xdist worker) by running the
real migrations: a PostgreSQL template database (`CREATE DATABASE ... TEMPLATE`), a copied
SQLite file. The practice's `initialize` still runs `schema.upgrade`, which finds the copy at
head, as it would have found the database it had just migrated. Tests that need an empty
database (tests/migrations, `closeddoor init` in tests/integration/test_cli.py) get one, since
they do not use `practice`. PostgreSQL params carry
the `postgres` marker, so `-m postgres` / `-m "not postgres"` pick a side; they are skipped, with
the reason, only when no PostgreSQL server answers. The server is 127.0.0.1:5432 (trust auth, as
postgres or root, admin database `test`) unless CLOSEDDOOR_TEST_PG_HOST / _PORT / _DATABASE say
otherwise.
"""

from __future__ import annotations

import os
import queue
import secrets
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from closeddoor.store import schema
from closeddoor.store.db import make_engine

PG_HOST = os.environ.get("CLOSEDDOOR_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("CLOSEDDOOR_TEST_PG_PORT", "5432"))
PG_ADMIN_DATABASE = os.environ.get("CLOSEDDOOR_TEST_PG_DATABASE", "test")
PG_USERS = ("postgres", "root")  # trust auth; whichever role the server knows

DATABASES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _admin_conninfo(user: str) -> str:
    return f"host={PG_HOST} port={PG_PORT} user={user} dbname={PG_ADMIN_DATABASE} connect_timeout=3"


class Dropper:
    """Drops finished tests' PostgreSQL databases on a thread of its own. On PostgreSQL 15 a
    DROP DATABASE waits for a checkpoint (seconds on a busy machine); the next test need not.
    `finish` waits for every drop and raises if one failed."""

    def __init__(self, admin_conninfo: str) -> None:
        self.admin_conninfo = admin_conninfo
        self.names: queue.Queue[str | None] = queue.Queue()
        self.failures: list[str] = []
        self.thread = threading.Thread(target=self._run, name="drop-test-databases", daemon=True)
        self.thread.start()

    def drop(self, name: str) -> None:
        self.names.put(name)

    def _run(self) -> None:
        while (name := self.names.get()) is not None:
            try:
                with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except psycopg.Error as exc:
                self.failures.append(f"{name}: {str(exc).strip().splitlines()[0][:160]}")

    def finish(self) -> None:
        self.names.put(None)
        self.thread.join()
        assert not self.failures, f"test databases left behind: {self.failures}"


@dataclass(frozen=True)
class PostgresServer:
    """The local server as found at session start: a role that may create databases, or why not."""

    user: str | None
    unreachable_reason: str = ""
    dropper: Dropper | None = None

    @property
    def admin_conninfo(self) -> str:
        assert self.user is not None
        return _admin_conninfo(self.user)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    problems = []
    for user in PG_USERS:
        try:
            with psycopg.connect(_admin_conninfo(user), autocommit=True) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            problems.append(f"as {user}: {str(exc).strip().splitlines()[0][:160]}")
            continue
        dropper = Dropper(_admin_conninfo(user))
        yield PostgresServer(user, dropper=dropper)
        dropper.finish()
        return
    yield PostgresServer(None, "; ".join(problems))


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def _postgres_url(server: PostgresServer, name: str) -> str:
    return f"postgresql://{server.user}@{PG_HOST}:{PG_PORT}/{name}"


def _migrate(url: str) -> None:
    """Run the real migrations on the empty database at `url`, then let go of it."""
    engine = make_engine(url)
    try:
        schema.upgrade(engine)
        if url.startswith("sqlite"):
            with engine.connect() as connection:  # everything into the file itself, no -wal
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


@dataclass
class MigratedTemplates:
    """The migrated schema, built on first use: a SQLite file and a PostgreSQL template."""

    directory: Path
    server: PostgresServer
    sqlite_file: Path | None = None
    postgres_name: str | None = None
    _names: list[str] = field(default_factory=list)

    def sqlite(self) -> Path:
        if self.sqlite_file is None:
            path = self.directory / "migrated.db"
            _migrate(_sqlite_url(path))
            self.sqlite_file = path
        return self.sqlite_file

    def postgres(self) -> str:
        if self.postgres_name is None:
            name = f"closeddoor_template_{secrets.token_hex(6)}"
            with psycopg.connect(self.server.admin_conninfo, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            self._names.append(name)
            _migrate(_postgres_url(self.server, name))
            self.postgres_name = name
        return self.postgres_name

    def drop(self) -> None:
        if self._names:
            with psycopg.connect(self.server.admin_conninfo, autocommit=True) as conn:
                for name in self._names:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def migrated_templates(
    tmp_path_factory: pytest.TempPathFactory, postgres_server: PostgresServer
) -> Iterator[MigratedTemplates]:
    templates = MigratedTemplates(tmp_path_factory.mktemp("migrated-template"), postgres_server)
    yield templates
    templates.drop()


@contextmanager
def fresh_database(
    kind: str,
    directory: Path,
    server: PostgresServer,
    templates: MigratedTemplates | None = None,
) -> Iterator[str]:
    """Yield the URL of a new database of `kind`: empty, or a copy of the migrated schema when
    given `templates`. A PostgreSQL one is dropped afterwards."""
    if kind == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "closeddoor.db"
        if templates is not None:
            shutil.copyfile(templates.sqlite(), path)
        yield _sqlite_url(path)
        return
    if server.user is None:
        pytest.skip(
            f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} ({server.unreachable_reason})"
        )
    name = f"closeddoor_test_{secrets.token_hex(6)}"
    template = f' TEMPLATE "{templates.postgres()}"' if templates is not None else ""
    with psycopg.connect(server.admin_conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    try:
        yield _postgres_url(server, name)
    finally:
        assert server.dropper is not None
        server.dropper.drop(name)


@pytest.fixture(params=DATABASES)
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_server: PostgresServer,
    migrated_templates: MigratedTemplates,
) -> Iterator[str]:
    """A database for one test: empty, or already migrated if the test builds its `practice`
    (tests/integration/conftest.py) on it."""
    templates = migrated_templates if "practice" in request.fixturenames else None
    with fresh_database(request.param, tmp_path / "db", postgres_server, templates) as url:
        yield url


@pytest.fixture(scope="module", params=DATABASES)
def module_database_url(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_server: PostgresServer,
    migrated_templates: MigratedTemplates,
) -> Iterator[str]:
    """A migrated database shared by the tests of one module (each builds a practice on it, for
    tests that only read)."""
    directory = tmp_path_factory.mktemp("module-db")
    with fresh_database(request.param, directory, postgres_server, migrated_templates) as url:
        yield url
