"""`closeddoor serve --workers N` (issue 16): several processes on one PostgreSQL keep every
guarantee one process gives. Real `closeddoor serve` processes on free ports, as an operator
runs them: "A" is `--workers 2` (two processes on one socket) and "B" a separate single-process
server on the same database and folder, as a second host behind a load balancer would be. What
one process learns (a failed sign-in, a sign-out, an audit append) holds in every other.

On SQLite, `--workers 2` is refused with a message that says why and what to do.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MigratedTemplates, PostgresServer, fresh_database
from tests.e2e.server import closeddoor_command, free_port
from tests.factories import ClientFactory, NoteFactory, Practice, PracticeFactory
from tests.integration.helpers import cli_environment, run_cli, scalar, sql
from tests.integration.test_audit_checkpoints import wait_for
from tests.integration.test_key_folder import state, swap_in_other_practices_keys

pytestmark = pytest.mark.postgres

API = "/api/v1"
THREADS, READS_PER_THREAD = 8, 25


@dataclass(frozen=True)
class Served:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def _environment(practice: Practice) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    environment.update(
        {k: v for k, v in cli_environment(practice.database_url).items() if v is not None})
    return environment


@contextmanager
def serving(practice: Practice, log: Path, *options: str) -> Iterator[Served]:
    """`closeddoor serve <options>` on the practice, until it announces itself; stopped (SIGINT,
    as Ctrl+C) afterwards."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*closeddoor_command(), "serve", "--data-dir", str(practice.settings.data_dir),
             "--port", str(port), *options],
            env=_environment(practice), stdout=output, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: "closeddoor serving" in log.read_text()
                        or process.poll() is not None, 120), log.read_text()
        assert process.poll() is None, log.read_text()
        yield Served(f"http://127.0.0.1:{port}", process, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def call(url: str, method: str, path: str, token: str = "", body: object = None
         ) -> tuple[int, object]:
    request = urllib.request.Request(  # noqa: S310 - a local URL
        f"{url}{API}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}))
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        return exc.code, None


def sign_in(url: str, username: str, password: str) -> tuple[int, str]:
    status, body = call(url, "POST", "/auth/token",
                        body={"username": username, "password": password})
    return status, body["access_token"] if isinstance(body, dict) else ""


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def head(practice: Practice) -> int:
    return int(scalar(practice, "SELECT seq FROM audit_head WHERE id = 1"))


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory, postgres_server: PostgresServer,
             migrated_templates: MigratedTemplates) -> Iterator[Practice]:
    """One practice on PostgreSQL (clients with signed notes) for the whole module."""
    work = tmp_path_factory.mktemp("workers")
    with fresh_database("postgresql", work / "db", postgres_server, migrated_templates) as url:
        built = PracticeFactory.create(url, work / "data")
        for _ in range(3):
            client = ClientFactory.create(built, "clinician1")
            NoteFactory.progress(built, client, "clinician1")
        yield built
        built.close()


@pytest.fixture(scope="module")
def servers(practice: Practice, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[Served, Served]]:
    """A: `serve --workers 2`; B: a plain `serve`, another "host" on the same database."""
    logs = tmp_path_factory.mktemp("serve-logs")
    with serving(practice, logs / "a.log", "--workers", "2") as a, \
            serving(practice, logs / "b.log") as b:
        yield a, b


def note_paths(url: str, token: str) -> list[str]:
    status, clients = call(url, "GET", "/clients?limit=200", token)  # lists come in pages
    assert status == 200 and clients["next_cursor"] is None
    paths = []
    for client in clients["items"]:
        status, notes = call(url, "GET", f"/clients/{client['id']}/notes?limit=200", token)
        assert status == 200 and notes["next_cursor"] is None
        paths += [f"/clients/{client['id']}/notes/{note['id']}" for note in notes["items"]]
    assert paths
    return paths


def test_two_workers_announce_once_and_run_as_two_processes_each_with_its_own_log(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, _ = servers
    assert a.log.read_text().count("closeddoor serving") == 1
    assert "with 2 worker processes" in a.log.read_text()
    assert len(children(a.process.pid)) == 2
    for number in (1, 2):  # one rotating file each: two processes never rotate one file
        log = practice.settings.log_dir / f"closeddoor-worker{number}.log"
        assert "Application startup complete" in log.read_text()


def test_audit_chain_stays_one_chain_when_two_workers_append_concurrently(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, b = servers
    status, token = sign_in(a.url, "clinician1", practice.password)
    assert status == 200
    paths = note_paths(a.url, token)
    before = head(practice)
    assert call(a.url, "GET", paths[0], token)[0] == 200
    per_read = head(practice) - before
    assert per_read >= 1  # a read is audited before its data returns
    failures: list[object] = []
    start = head(practice)

    def reader(offset: int) -> None:
        for i in range(READS_PER_THREAD):
            server = b if (offset + i) % 4 == 0 else a  # mostly A's two workers, some B
            status, note = call(server.url, "GET", paths[(offset + i) % len(paths)], token)
            if status != 200 or not isinstance(note, dict):
                failures.append(status)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    # Each 200 came back only after its event was durable: the events are all there now.
    assert head(practice) - start == THREADS * READS_PER_THREAD * per_read
    assert scalar(practice, "SELECT count(*) FROM audit_events") == head(practice)
    assert scalar(practice, "SELECT count(DISTINCT seq) FROM audit_events") == head(practice)
    served_head = head(practice)
    result = run_cli(practice, "audit", "verify")  # (itself audited: one event more)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"last event {served_head}" in result.stdout.replace("\n", " ")


def test_sign_in_lockout_reached_through_one_process_holds_in_every_other(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, b = servers
    limit = practice.settings.login_failures_per_account
    for _ in range(limit):  # through A's workers, whichever takes each connection
        assert sign_in(a.url, "billing", "not-the-password")[0] == 401
    # The right password now: refused by the other host, and by both of A's workers.
    assert sign_in(b.url, "billing", practice.password)[0] == 429
    for _ in range(6):
        assert sign_in(a.url, "billing", practice.password)[0] == 429


def test_session_signed_out_through_one_process_is_refused_by_every_other(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, b = servers
    status, token = sign_in(b.url, "clinician2", practice.password)
    assert status == 200
    for _ in range(4):
        assert call(a.url, "GET", "/clients", token)[0] == 200
    assert call(b.url, "POST", "/auth/signout", token)[0] == 204
    assert call(b.url, "GET", "/clients", token)[0] == 401
    for _ in range(8):  # enough connections that both of A's workers answer some
        assert call(a.url, "GET", "/clients", token)[0] == 401


def test_key_rotation_by_another_process_is_used_at_once_by_every_serving_process(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, b = servers
    untouched = ClientFactory.create(practice, "clinician1")  # no server has its key cached
    rotated = run_cli(practice, "keys", "rotate")
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    current = int(scalar(practice, "SELECT max(kek_version) FROM data_keys"))
    assert scalar(practice, "SELECT kek_version FROM data_keys WHERE subject_id = :s",
                  s=untouched) == current
    status, token = sign_in(a.url, "clinician1", practice.password)
    assert status == 200
    for served in (a, b, a):  # unwrapped under the new KEK, by processes opened before it
        assert call(served.url, "GET", f"/clients/{untouched}", token)[0] == 200
    status, created = call(a.url, "POST", "/clients", token, ClientFactory.data())
    assert status == 201 and isinstance(created, dict)
    # Wrapped under the new KEK by a process that started before the rotation, not the old one.
    assert scalar(practice, "SELECT kek_version FROM data_keys WHERE subject_id = :s",
                  s=created["id"]) == current
    assert call(b.url, "GET", f"/clients/{created['id']}", token)[0] == 200


def test_read_refused_by_every_process_when_audit_append_fails(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, b = servers
    status, token = sign_in(a.url, "clinician1", practice.password)
    assert status == 200
    paths = note_paths(a.url, token)
    before = head(practice)
    # Every insert into the audit log now fails, as a broken or full database would.
    sql(practice, "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$")
    sql(practice, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
                  "FOR EACH ROW EXECUTE FUNCTION refuse_audit()")
    try:
        for served in (a, b, a, a, b, a):  # both of A's workers, and B
            status, body = call(served.url, "GET", paths[0], token)
            assert status == 503 and body is None  # fail closed: no note
    finally:
        sql(practice, "DROP TRIGGER refuse_audit ON audit_events")
        sql(practice, "DROP FUNCTION refuse_audit()")
    assert head(practice) == before
    assert call(a.url, "GET", paths[0], token)[0] == 200  # and serving goes on


def test_worker_that_dies_while_serving_is_replaced(
        practice: Practice, servers: tuple[Served, Served]) -> None:
    a, _ = servers
    first, second = children(a.process.pid)
    os.kill(first, signal.SIGKILL)
    assert wait_for(lambda: len(children(a.process.pid)) == 2
                    and first not in children(a.process.pid), 60), a.log.read_text()
    assert second in children(a.process.pid)
    assert "worker 1 stopped unexpectedly" in a.log.read_text() or \
        "worker 2 stopped unexpectedly" in a.log.read_text()
    status, token = sign_in(a.url, "supervisor", practice.password)
    assert status == 200
    for _ in range(6):
        assert call(a.url, "GET", "/clients", token)[0] == 200


def test_clean_stop_anchors_the_final_head_of_both_workers(
        practice: Practice, tmp_path: Path) -> None:
    with serving(practice, tmp_path / "serve.log", "--workers", "2") as served:
        status, token = sign_in(served.url, "owner", practice.password)
        assert status == 200
        for _ in range(4):
            assert call(served.url, "GET", "/audit/events", token)[0] == 200
        workers = children(served.process.pid)
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=60) == 0, served.log.read_text()
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    anchors = practice.services.keys.anchor_path.read_text().splitlines()
    assert int(anchors[-1].split()[1]) == head(practice)  # nothing left unanchored
    assert run_cli(practice, "audit", "verify").returncode == 0


def test_workers_refuse_to_start_with_the_reason_when_key_folder_is_another_practices(
        tmp_path: Path, postgres_server: PostgresServer,
        migrated_templates: MigratedTemplates) -> None:
    with fresh_database("postgresql", tmp_path / "db", postgres_server, migrated_templates) as url:
        other = PracticeFactory.create(url, tmp_path / "data")
        try:
            swap_in_other_practices_keys(other, tmp_path)
            before = state(other)
            port = free_port()
            result = subprocess.run(
                [*closeddoor_command(), "serve", "--data-dir", str(other.settings.data_dir),
                 "--port", str(port), "--workers", "2"],
                env=_environment(other), capture_output=True, text=True, timeout=300)
            output = result.stdout + result.stderr
            assert result.returncode == 1, output
            assert "do not belong to this database" in output
            assert "serving" not in result.stdout and "Traceback" not in output
            assert state(other) == before  # nothing was changed, no worker started
            with socket.socket() as probe:  # and the address was let go
                probe.bind(("127.0.0.1", port))
        finally:
            other.close()


def test_workers_stop_themselves_when_their_parent_is_killed(
        practice: Practice, tmp_path: Path) -> None:
    with serving(practice, tmp_path / "serve.log", "--workers", "2") as served:
        workers = children(served.process.pid)
        assert len(workers) == 2
        served.process.kill()  # SIGKILL: the parent cannot pass anything on
        served.process.wait()
        assert wait_for(lambda: not any(Path(f"/proc/{pid}").exists() and
                                        "zombie" not in _state(pid) for pid in workers), 60)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return "zombie"


@pytest.mark.parametrize("workers", ["2", "3"])
def test_sqlite_refuses_several_workers_with_the_reason_and_what_to_do(
        tmp_path: Path, workers: str) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    data = tmp_path / "data"
    subprocess.run([*closeddoor_command(), "init", "--data-dir", str(data), "--practice-name",
                    "Synthetic Practice"], check=True, env=environment, capture_output=True,
                   timeout=120)
    port = free_port()
    result = subprocess.run(
        [*closeddoor_command(), "serve", "--data-dir", str(data), "--port", str(port),
         "--workers", workers],
        env=environment | {"COLUMNS": "200"}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert f"--workers {workers} needs PostgreSQL" in message
    assert "SQLite" in message and "leave out --workers" in message
    assert "CLOSEDDOOR_DATABASE_URL" in message
    assert "serving" not in result.stdout
    with socket.socket() as probe:  # nothing was left listening
        probe.bind(("127.0.0.1", port))
