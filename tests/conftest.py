"""Fixtures shared by every suite: the databases the integration and migration tests run on.

`database_url` (one fresh database per test) and `module_database_url` (one per test module) are
parametrized over SQLite (a file under the test's temporary folder) and PostgreSQL (a database
with a random name created on the local server and dropped afterwards). PostgreSQL params carry
the `postgres` marker, so `-m postgres` / `-m "not postgres"` pick a side; they are skipped, with
the reason, only when no PostgreSQL server answers. The server is 127.0.0.1:5432 (trust auth, as
postgres or root, admin database `test`) unless CLOSEDDOOR_TEST_PG_HOST / _PORT / _DATABASE say
otherwise.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

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


@dataclass(frozen=True)
class PostgresServer:
    """The local server as found at session start: a role that may create databases, or why not."""

    user: str | None
    unreachable_reason: str = ""

    @property
    def admin_conninfo(self) -> str:
        assert self.user is not None
        return _admin_conninfo(self.user)


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    problems = []
    for user in PG_USERS:
        try:
            with psycopg.connect(_admin_conninfo(user), autocommit=True) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            problems.append(f"as {user}: {str(exc).strip().splitlines()[0][:160]}")
            continue
        return PostgresServer(user)
    return PostgresServer(None, "; ".join(problems))


@contextmanager
def fresh_database(kind: str, directory: Path, server: PostgresServer) -> Iterator[str]:
    """Yield the URL of an empty database of `kind`; a PostgreSQL one is dropped afterwards."""
    if kind == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{(directory / 'closeddoor.db').resolve()}"
        return
    if server.user is None:
        pytest.skip(
            f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} ({server.unreachable_reason})"
        )
    name = f"closeddoor_test_{secrets.token_hex(6)}"
    with psycopg.connect(server.admin_conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{server.user}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with psycopg.connect(server.admin_conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=DATABASES)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_server: PostgresServer
) -> Iterator[str]:
    """An empty database for one test."""
    with fresh_database(request.param, tmp_path / "db", postgres_server) as url:
        yield url


@pytest.fixture(scope="module", params=DATABASES)
def module_database_url(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_server: PostgresServer,
) -> Iterator[str]:
    """An empty database shared by the tests of one module (for a practice they only read)."""
    directory = tmp_path_factory.mktemp("module-db")
    with fresh_database(request.param, directory, postgres_server) as url:
        yield url
