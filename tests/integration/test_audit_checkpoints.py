"""Automatic checkpoints (issue 10, item 1): the newest audit events cannot be cut off unnoticed.

Checkpoints are signed and anchored outside the database at start-up, while serving (every
interval, and as soon as appends cross an N-event boundary) and at a clean shutdown, so deleting
the newest events and moving `audit_head` and `audit_checkpoints` to match is caught by
`closeddoor audit verify`. The contract is tested against a real `closeddoor serve` process.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from closeddoor.audit.chain import AuditEntry
from closeddoor.store.checkpointer import AuditCheckpointer
from closeddoor.store.db import write_transaction
from tests.e2e.server import closeddoor_command, free_port
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import cli_environment, drop_audit_guards, run_cli, scalar, sql


def head(practice: Practice) -> int:
    return int(scalar(practice, "SELECT seq FROM audit_head WHERE id = 1"))


def anchored(practice: Practice) -> list[int]:
    path = practice.services.keys.anchor_path
    if not path.exists():
        return []
    return [int(line.split()[1]) for line in path.read_text().splitlines()]


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def cut_newest_events(practice: Practice, count: int) -> int:
    """Delete the newest `count` events and every checkpoint past them, and move the head to the
    event left last, as someone holding the database (not the key folder) could. Returns the
    first event cut."""
    first_cut = head(practice) - count + 1
    drop_audit_guards(practice)
    sql(practice, "DELETE FROM audit_events WHERE seq >= :s", s=first_cut)
    sql(practice, "DELETE FROM audit_checkpoints WHERE seq >= :s", s=first_cut)
    last_hash = scalar(practice, "SELECT hash FROM audit_events WHERE seq = :s", s=first_cut - 1)
    sql(practice, "UPDATE audit_head SET seq = :s, hash = :h", s=first_cut - 1, h=last_hash)
    return first_cut


@contextmanager
def serving(
    practice: Practice, log: Path, **env: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`closeddoor serve` on the practice's folder in a separate process, as an operator runs
    it; yields (base URL, process). Killed afterwards if the test did not stop it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    environment.update(
        {k: v for k, v in cli_environment(practice.database_url).items() if v is not None})
    environment.update(env)
    port = free_port()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*closeddoor_command(), "serve", "--data-dir", str(practice.settings.data_dir),
             "--port", str(port)], env=environment, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        def is_up() -> bool:
            assert server.poll() is None, log.read_text()
            try:
                with urllib.request.urlopen(f"{url}/signin", timeout=2) as response:  # noqa: S310
                    return bool(response.status == 200)
            except OSError:
                return False

        assert wait_for(is_up, 60), log.read_text()
        yield url, server
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def sign_in_and_read_audit(url: str, practice: Practice) -> None:
    """A few audited requests: a sign-in and a read of the audit log."""
    body = json.dumps({"username": "owner", "password": practice.password}).encode()
    request = urllib.request.Request(f"{url}/api/v1/auth/token", data=body,  # noqa: S310
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local URL
        token = json.loads(response.read())["access_token"]
    read = urllib.request.Request(f"{url}/api/v1/audit/events",  # noqa: S310
                                  headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(read, timeout=30) as response:  # noqa: S310 - local URL
        assert response.status == 200


def test_verify_fails_when_newest_events_cut_after_clean_serve_shutdown(
    practice: Practice, tmp_path: Path
) -> None:
    ClientFactory.create(practice, "clinician1")  # events the last run left unanchored
    left_by_last_run = head(practice)
    with serving(practice, tmp_path / "serve.log") as (url, server):
        assert wait_for(lambda: left_by_last_run in anchored(practice), 10), "no start-up anchor"
        sign_in_and_read_audit(url, practice)
        served = head(practice)
        assert served > left_by_last_run
        server.send_signal(signal.SIGTERM)
        # uvicorn shuts down (lifespan included), then re-raises the signal it caught.
        assert server.wait(timeout=30) in (0, -signal.SIGTERM), (tmp_path / "serve.log").read_text()
    assert anchored(practice)[-1] == head(practice) == served  # the final head, anchored
    first_cut = cut_newest_events(practice, 3)
    result = run_cli(practice, "audit", "verify")
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"audit chain BROKEN at event {first_cut}" in result.stderr


def test_anchor_follows_head_within_interval_when_serving(practice: Practice) -> None:
    checkpointer = AuditCheckpointer(practice.services.runtime.audit, timedelta(seconds=1))
    checkpointer.start()
    try:
        ClientFactory.create(practice, "clinician1")
        latest = head(practice)
        assert wait_for(lambda: bool(anchored(practice)) and anchored(practice)[-1] >= latest, 5)
    finally:
        checkpointer.stop()
    first_cut = cut_newest_events(practice, 2)  # a crash now would lose nothing anchored
    assert run_cli(practice, "audit", "verify").returncode == 2
    assert first_cut <= latest


def test_anchor_made_without_waiting_for_timer_when_appends_cross_event_boundary(
    practice: Practice,
) -> None:
    services = practice.reopen(dataclasses.replace(practice.settings, audit_checkpoint_every=5))
    audit = services.runtime.audit
    checkpointer = AuditCheckpointer(audit, timedelta(hours=1))
    checkpointer.start()
    try:
        start = head(practice)
        assert anchored(practice)[-1] == start  # the start-up checkpoint
        entry = AuditEntry("2026-03-02T15:00:00", "system", "audit:log:read", "ok")
        with write_transaction(services.engine) as conn:  # a service's own write transaction
            audit.append_in(conn, [entry] * 6)
        assert wait_for(lambda: anchored(practice)[-1] == start + 6, 5), anchored(practice)
    finally:
        checkpointer.stop()


def test_checkpoint_is_noop_when_head_already_anchored_by_another_worker(
    practice: Practice,
) -> None:
    first, second = practice.reopen(), practice.reopen()  # two workers on one database
    seq = first.runtime.audit.checkpoint()
    assert second.runtime.audit.checkpoint() == seq
    assert first.runtime.audit.checkpoint() == seq
    assert anchored(practice) == [seq]
    assert scalar(practice, "SELECT count(*) FROM audit_checkpoints") == 1


def test_checkpointer_survives_failed_checkpoint_when_anchor_file_unwritable(
    practice: Practice, caplog: pytest.LogCaptureFixture
) -> None:
    anchors = practice.services.keys.anchor_path
    anchors.mkdir()  # a folder where the file should be: every anchor attempt fails
    checkpointer = AuditCheckpointer(practice.services.runtime.audit, timedelta(seconds=1))
    checkpointer.start()
    checkpointer.stop()
    assert "audit checkpoint (start-up) failed: IsADirectoryError" in caplog.text
    assert "audit checkpoint (shutdown) failed" in caplog.text
