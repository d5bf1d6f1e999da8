"""Helpers for the integration tests: the HTTP API, raw SQL (the attacker's view) and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import text
from typer.testing import CliRunner

import closeddoor.setup
from closeddoor.bootstrap import Services
from closeddoor.cli.main import app as cli_app
from closeddoor.server import create_app
from tests.factories import Practice

with warnings.catch_warnings():
    # Starlette asks for `httpx2`; the project still pins `httpx` (pyproject test extra). The
    # warning fires once, at import, so it is silenced for that import alone.
    warnings.filterwarnings(
        "ignore", message="Using `httpx` with `starlette.testclient`", category=UserWarning
    )
    from fastapi.testclient import TestClient

ANONYMOUS = "anonymous"  # no Authorization header
GARBAGE = "garbage"  # a well-formed bearer header with a token the server never issued
GARBAGE_TOKEN = "not-a-token-the-server-issued-0123456789abcdefABCDEF"


@dataclass
class Api:
    """The practice's HTTP API through a TestClient, with one cached token per staff member."""

    client: TestClient
    practice: Practice
    tokens: dict[str, str] = field(default_factory=dict)

    def sign_in(
        self, username: str, password: str | None = None, totp: str | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {
            "username": username,
            "password": self.practice.password if password is None else password,
        }
        if totp is not None:
            body["totp"] = totp
        return self.client.post("/api/v1/auth/token", json=body)

    def token(self, username: str) -> str:
        if username not in self.tokens:
            response = self.sign_in(username)
            assert response.status_code == 200, response.text
            self.tokens[username] = response.json()["access_token"]
        return self.tokens[username]

    def headers(self, who: str) -> dict[str, str]:
        if who == ANONYMOUS:
            return {}
        if who == GARBAGE:
            return {"Authorization": f"Bearer {GARBAGE_TOKEN}"}
        return {"Authorization": f"Bearer {self.token(who)}"}

    def call(self, method: str, path: str, who: str, json: Any = None) -> httpx.Response:
        kwargs: dict[str, Any] = {"headers": self.headers(who)}
        if json is not None:
            kwargs["json"] = json
        return self.client.request(method, f"/api/v1{path}", **kwargs)

    def get(self, path: str, who: str) -> httpx.Response:
        return self.call("GET", path, who)

    def get_all(self, path: str, who: str) -> list[Any]:
        """Every item of a paged list, following `next_cursor` to the end (200 a page)."""
        items: list[Any] = []
        cursor = ""
        joiner = "&" if "?" in path else "?"
        while True:
            page = self.get(f"{path}{joiner}limit=200{cursor}", who)
            assert page.status_code == 200, page.text
            body = page.json()
            items.extend(body["items"])
            if body["next_cursor"] is None:
                return items
            cursor = f"&cursor={body['next_cursor']}"

    def post(self, path: str, who: str, json: Any = None) -> httpx.Response:
        return self.call("POST", path, who, json)

    def put(self, path: str, who: str, json: Any = None) -> httpx.Response:
        return self.call("PUT", path, who, json)

    def delete(self, path: str, who: str) -> httpx.Response:
        return self.call("DELETE", path, who)


@contextmanager
def open_api(practice: Practice, services: Services | None = None) -> Iterator[Api]:
    """The API over the practice's services (or over `services`, e.g. freshly reopened ones).

    Unexpected server errors come back as the 500 answer a real client would get (and that the
    tests inspect), rather than being raised into the test.
    """
    app = create_app(services or practice.services)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, practice)


# --- raw database access: what an attacker (or a careless admin) with the database can do ------
def sql(practice: Practice, statement: str, **params: Any) -> list[Any]:
    """Run one SQL statement in its own transaction; rows for a SELECT, else []."""
    with practice.services.engine.begin() as conn:
        result = conn.execute(text(statement), params)
        return list(result.all()) if result.returns_rows else []


def scalar(practice: Practice, statement: str, **params: Any) -> Any:
    with practice.services.engine.connect() as conn:
        return conn.execute(text(statement), params).scalar_one()


def is_postgres(practice: Practice) -> bool:
    return practice.services.engine.dialect.name == "postgresql"


def drop_audit_guards(practice: Practice) -> None:
    """Drop the triggers that refuse UPDATE/DELETE on the audit tables, as an attacker could."""
    if is_postgres(practice):
        for table in ("audit_events", "audit_checkpoints"):
            sql(practice, f"DROP TRIGGER {table}_refuse_change ON {table}")
        return
    for table in ("audit_events", "audit_checkpoints"):
        for verb in ("update", "delete"):
            sql(practice, f"DROP TRIGGER {table}_refuse_{verb}")


# --- the command line -------------------------------------------------------------------------
@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def cli_environment(database_url: str) -> dict[str, str | None]:
    """What an operator's shell holds: the database URL, nothing test-only (production mode)."""
    return {
        "CLOSEDDOOR_DATABASE_URL": database_url,
        "CLOSEDDOOR_ENV": None,
        "CLOSEDDOOR_FAST_PASSWORD_HASHING": None,
        "CLOSEDDOOR_DATA_DIR": None,
        "CLOSEDDOOR_KEY_DIR": None,
        "COLUMNS": "200",  # keep rich from wrapping the lines the tests read
    }


def invoke_cli(
    database_url: str, *args: str, opened: list[Services] | None = None, close: bool = True
) -> CliResult:
    """`closeddoor <args>` in this process, through Typer's CliRunner.

    Every Services the command opens is appended to `opened` (when given) and, unless `close`
    is false, closed afterwards even when the command left it open, so no connection outlives
    the test.
    """
    opened = [] if opened is None else opened
    real_open, real_initialize = closeddoor.setup.open_services, closeddoor.setup.initialize

    def tracked_open(*args: Any, **kwargs: Any) -> Services:
        opened.append(real_open(*args, **kwargs))
        return opened[-1]

    def tracked_initialize(*args: Any, **kwargs: Any) -> Services:
        opened.append(real_initialize(*args, **kwargs))
        return opened[-1]

    umask = os.umask(0o022)
    os.umask(umask)
    closeddoor.setup.open_services = tracked_open  # type: ignore[assignment]
    closeddoor.setup.initialize = tracked_initialize  # type: ignore[assignment]
    try:
        result = CliRunner().invoke(cli_app, list(args), env=cli_environment(database_url))
    finally:
        closeddoor.setup.open_services = real_open  # type: ignore[assignment]
        closeddoor.setup.initialize = real_initialize  # type: ignore[assignment]
        os.umask(umask)  # the CLI narrows the umask of the process it runs in
        for services in opened if close else ():
            services.close()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


def run_cli(practice: Practice, *args: str) -> CliResult:
    """`closeddoor <args> --data-dir <the practice's folder>`, in this process."""
    return invoke_cli(practice.database_url, *args, "--data-dir", str(practice.settings.data_dir))


def run_cli_process(practice: Practice, *args: str) -> CliResult:
    """The same command as a separate process, exactly as an operator runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    env.update(
        {k: v for k, v in cli_environment(practice.database_url).items() if v is not None}
    )
    completed = subprocess.run(
        [sys.executable, "-m", "closeddoor.cli.main", *args,
         "--data-dir", str(practice.settings.data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)
