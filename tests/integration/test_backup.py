"""Encrypted backups, restore and restore drills (issue 17) on SQLite and PostgreSQL: the file
holds no plaintext and is not a bare database, a restore serves the same note and its audit
verifies, a destruction after the backup is re-applied, a tampered or foreign backup is
refused, the drill is recorded, and kill -9 mid-backup leaves nothing that passes for one."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.audit.tags import AuditTag
from closeddoor.config import Settings, sqlite_url
from closeddoor.crypto.backup_cipher import ensure_backup_identity
from closeddoor.errors import ConfigError, ConflictError
from closeddoor.setup import open_services
from tests.conftest import PostgresServer, fresh_database
from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import cli_environment, invoke_cli, open_api, run_cli
from tests.integration.test_destruction import add_second_owner, request

PG_TOOLS_MISSING = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]


@pytest.fixture(autouse=True)
def _pg_tools(request: pytest.FixtureRequest) -> None:
    """PostgreSQL backups need pg_dump and pg_restore; without them only those tests skip."""
    if PG_TOOLS_MISSING and "postgresql" in request.node.name:
        pytest.skip(f"{', '.join(PG_TOOLS_MISSING)} not installed (postgresql-client)")


@pytest.fixture
def new_database(practice: Practice, tmp_path: Path,
                 postgres_server: PostgresServer) -> Iterator[tuple[str, Path]]:
    """An empty database of the practice's kind and a new data folder to restore into."""
    folder = tmp_path / "restored"
    if practice.database_url.startswith("sqlite"):
        yield sqlite_url(folder), folder
        return
    with fresh_database("postgresql", tmp_path / "unused", postgres_server) as url:
        yield url, folder


def chart(practice: Practice) -> tuple[str, str, str, str]:
    """A client (with a synthetic family name) and a signed note; (client, name, note, body)."""
    name = marker("family")
    client_id = ClientFactory.create(practice, "clinician1", family_name=name)
    body = marker("notebody")
    return client_id, name, NoteFactory.progress(practice, client_id, body=body), body


def backup(practice: Practice, out: Path) -> None:
    result = run_cli(practice, "backup", "create", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr


def restore(practice: Practice, file: Path, url: str, folder: Path) -> tuple[int, str]:
    result = invoke_cli(url, "backup", "restore", str(file), "--data-dir", str(folder),
                        "--key-dir", str(practice.settings.key_dir))
    return result.returncode, result.stdout + result.stderr


def restored_settings(practice: Practice, url: str, folder: Path) -> Settings:
    return dataclasses.replace(practice.settings, data_dir=folder, database_url=url.replace(
        "postgresql://", "postgresql+psycopg://"), key_dir=practice.settings.key_dir)


def test_backup_holds_no_plaintext_nor_keys_when_created(practice: Practice,
                                                         tmp_path: Path) -> None:
    _, name, _, body = chart(practice)
    out = tmp_path / "practice.backup"
    backup(practice, out)

    data = out.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert not data.startswith(b"SQLite format 3")
    assert b"SQLite format 3" not in data and b"PGDMP" not in data
    for plain in (name, body, name.lower(), body.upper()):
        assert plain.encode() not in data
    key_file = (practice.settings.key_dir / "keys.json").read_text()
    assert b"blind_index_key" not in data and key_file.encode() not in data
    assert (practice.settings.key_dir / "backup-identity.txt").stat().st_mode & 0o077 == 0
    checked = run_cli(practice, "backup", "verify", str(out))
    assert checked.returncode == 0, checked.stderr
    assert "backup good" in checked.stdout


def test_restore_serves_the_same_note_when_round_tripped(
        practice: Practice, tmp_path: Path, new_database: tuple[str, Path]) -> None:
    client_id, _, note_id, body = chart(practice)
    out = tmp_path / "practice.backup"
    backup(practice, out)
    url, folder = new_database

    code, output = restore(practice, out, url, folder)

    assert code == 0, output
    assert "row counts match" in output
    services = open_services(restored_settings(practice, url, folder), clock=practice.clock)
    try:
        with open_api(practice, services) as api:
            answer = api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1")
            assert answer.status_code == 200, answer.text
            assert body in answer.text
            assert api.get(f"/clients/{client_id}/notes/{note_id}", "billing"
                           ).status_code in (403, 404)
    finally:
        services.close()
    verified = invoke_cli(url, "audit", "verify", "--data-dir", str(folder))
    assert verified.returncode != 0  # without the key folder it cannot open the practice
    env_verified = _audit_verify_with_keys(practice, url, folder)
    assert env_verified.returncode == 0, env_verified.stdout + env_verified.stderr


def _audit_verify_with_keys(practice: Practice, url: str, folder: Path
                            ) -> subprocess.CompletedProcess[str]:
    """`CLOSEDDOOR_KEY_DIR=KEYS closeddoor audit verify --data-dir NEW`, as an operator runs it."""
    env = {k: v for k, v in {**os.environ, **cli_environment(url)}.items() if v is not None}
    env["CLOSEDDOOR_KEY_DIR"] = str(practice.settings.key_dir)
    return subprocess.run([sys.executable, "-m", "closeddoor.cli.main", "audit", "verify",
                           "--data-dir", str(folder)], env=env, capture_output=True, text=True,
                          check=False, timeout=120)


def test_destruction_after_the_backup_reapplied_when_restored(
        practice: Practice, tmp_path: Path, new_database: tuple[str, Path]) -> None:
    add_second_owner(practice)
    destroyed_id, _, destroyed_note, body = chart(practice)
    kept_id, _, kept_note, kept_body = chart(practice)
    out = tmp_path / "practice.backup"
    backup(practice, out)
    with open_api(practice) as api:
        request_id = request(api, destroyed_id).json()["request_id"]
        assert api.post(f"/destruction-requests/{request_id}/approval",
                        "owner2").status_code == 204
    url, folder = new_database

    code, output = restore(practice, out, url, folder)

    assert code == 0, output
    assert "re-applied 1 destruction" in output and destroyed_id in output
    assert "OLDER than the practice's audit anchors" in output
    services = open_services(restored_settings(practice, url, folder), clock=practice.clock)
    try:
        with open_api(practice, services) as api:
            gone = api.get(f"/clients/{destroyed_id}/notes/{destroyed_note}", "clinician1")
            assert gone.status_code in (404, 410)
            assert body not in gone.text
            kept = api.get(f"/clients/{kept_id}/notes/{kept_note}", "clinician1")
            assert kept.status_code == 200 and kept_body in kept.text
        events = services.runtime.audit.events(
            tags=[AuditTag.BACKUP_DESTRUCTION_REAPPLY.value])
        assert [event.entry.client_id for event in events] == [destroyed_id]
    finally:
        services.close()
    assert _audit_verify_with_keys(practice, url, folder).returncode == 0


def test_verify_refuses_when_the_backup_is_tampered_truncated_or_foreign(
        practice: Practice, tmp_path: Path) -> None:
    chart(practice)
    out = tmp_path / "practice.backup"
    backup(practice, out)
    good = out.read_bytes()
    cases = {
        "flipped": good[:len(good) // 2] + bytes([good[len(good) // 2] ^ 1])
        + good[len(good) // 2 + 1:],
        "truncated": good[:-100],
        "not-a-backup": b"SQLite format 3\x00" + good[16:],
    }
    for label, content in cases.items():
        bad = tmp_path / f"{label}.backup"
        bad.write_bytes(content)
        result = run_cli(practice, "backup", "verify", str(bad))
        assert result.returncode == 2, label
        assert "NOT usable" in result.stderr, label
    other = tmp_path / "other-keys"
    other.mkdir()
    ensure_backup_identity(other)  # another key: the backup was not made for it
    foreign = invoke_cli(practice.database_url, "backup", "verify", str(out),
                         "--identity", str(other / "backup-identity.txt"))
    assert foreign.returncode == 2
    assert "could not be decrypted" in foreign.stderr


def test_restore_refused_when_the_key_folder_is_another_practices(
        practice: Practice, tmp_path: Path, new_database: tuple[str, Path]) -> None:
    out = tmp_path / "practice.backup"
    backup(practice, out)
    stranger = tmp_path / "stranger"
    assert invoke_cli(sqlite_url(stranger), "init", "--data-dir", str(stranger)).returncode == 0
    url, folder = new_database
    result = invoke_cli(url, "backup", "restore", str(out), "--data-dir", str(folder),
                        "--key-dir", str(stranger / "keys"), "--identity",
                        str(practice.settings.key_dir / "backup-identity.txt"))
    assert result.returncode == 1
    assert "another practice" in result.stderr


def test_drill_recorded_and_shown_when_run(practice: Practice, tmp_path: Path) -> None:
    chart(practice)
    folder = tmp_path / "backups"
    folder.mkdir()
    assert practice.services.backups.last_successful_drill() is None
    backup(practice, folder / "monday.backup")
    anchors_before = (practice.settings.key_dir / "audit-anchors.log").read_text()

    result = run_cli(practice, "backup", "drill", "--backups", str(folder))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore drill passed" in result.stdout
    assert practice.services.backups.last_successful_drill() is not None
    for folder_used in (practice.settings.data_dir, practice.settings.key_dir):
        assert [p.name for p in folder_used.iterdir() if p.name.startswith(".drill-")] == []
    # The drill used a copy of the key folder: the practice's anchors are as they were.
    assert (practice.settings.key_dir / "audit-anchors.log").read_text().startswith(
        anchors_before)
    assert "r1 " not in (practice.settings.key_dir / "audit-anchors.log").read_text()
    # A drill on a damaged backup fails, is recorded as failed, and leaves the last success.
    (folder / "tuesday.backup").write_bytes(b"age-encryption.org/v1\n" + b"\x00" * 64)
    failed = run_cli(practice, "backup", "drill", "--backups", str(folder))
    assert failed.returncode == 2 and "FAILED" in failed.stderr
    outcomes = [e.entry.outcome for e in practice.services.runtime.audit.events(
        tags=[AuditTag.BACKUP_DRILL_RUN.value])]
    assert outcomes[:2] == ["fail", "ok"]
    assert run_cli(practice, "audit", "verify").returncode == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_kill_during_backup_leaves_no_file_that_passes_for_one(practice: Practice,
                                                               tmp_path: Path) -> None:
    chart(practice)
    with practice.services.engine.begin() as conn:  # bulk, so the backup takes a while
        conn.exec_driver_sql("CREATE TABLE padding (blob BLOB)")
        for _ in range(40):
            conn.exec_driver_sql("INSERT INTO padding VALUES (randomblob(2000000))")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "practice.backup"
    env = {k: v for k, v in {**os.environ, **cli_environment(practice.database_url)}.items()
           if v is not None}
    process = subprocess.Popen(
        [sys.executable, "-m", "closeddoor.cli.main", "backup", "create", "--data-dir",
         str(practice.settings.data_dir), "--out", str(out)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    killed_mid_write = False
    while time.monotonic() < deadline and process.poll() is None:
        partial = [p for p in out_dir.iterdir() if p.name.endswith(".partial")]
        if partial and partial[0].stat().st_size > 0:
            process.send_signal(signal.SIGKILL)
            killed_mid_write = True
            break
        time.sleep(0.001)
    process.wait(timeout=60)
    assert killed_mid_write, "the backup finished before it could be killed"
    assert not out.exists()
    leftovers = list(out_dir.iterdir())
    assert all(p.name.startswith(".") for p in leftovers)  # hidden; a drill never picks them
    for leftover in leftovers:
        result = run_cli(practice, "backup", "verify", str(leftover))
        assert result.returncode == 2
    assert list(practice.settings.data_dir.glob(".backup-*"))  # the killed run's scratch copy
    # The next backup clears what the killed one left (its process is gone), then succeeds.
    backup(practice, out)
    assert [p.name for p in out_dir.iterdir()] == [out.name]
    assert not list(practice.settings.data_dir.glob(".backup-*"))
    assert run_cli(practice, "backup", "verify", str(out)).returncode == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_verify_refuses_a_forged_backup_when_made_with_the_public_key(practice: Practice,
                                                                      tmp_path: Path) -> None:
    """age says nothing of who encrypted a file: someone holding only the public key rewrites a
    backup (here, the practice's name) and re-encrypts it. The manifest's signature, by the
    practice's audit key, is what gives it away."""
    import hashlib
    import io
    import json
    import sqlite3
    import tarfile

    import pyrage
    from pyrage import x25519

    out = tmp_path / "practice.backup"
    backup(practice, out)
    identity_text = (practice.settings.key_dir / "backup-identity.txt").read_text()
    identity = x25519.Identity.from_str(identity_text.splitlines()[-1].strip())
    bundle = pyrage.decrypt(out.read_bytes(), [identity])
    members: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(bundle)) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            assert handle is not None
            members[member.name] = handle.read()
    snapshot = tmp_path / "snapshot.db"
    snapshot.write_bytes(members["database.sqlite3"])
    with sqlite3.connect(snapshot) as conn:
        conn.execute("UPDATE practice SET name = 'Forged practice (synthetic)'")
    forged_db = snapshot.read_bytes()
    manifest = json.loads(members["manifest.json"])
    manifest.update(payload_sha256=hashlib.sha256(forged_db).hexdigest(),
                    payload_bytes=len(forged_db))
    members["manifest.json"] = json.dumps(manifest).encode()
    members["database.sqlite3"] = forged_db
    forged_tar = io.BytesIO()
    with tarfile.open(fileobj=forged_tar, mode="w") as tar:
        for name, raw in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    forged = tmp_path / "forged.backup"
    forged.write_bytes(pyrage.encrypt(forged_tar.getvalue(), [identity.to_public()]))

    result = run_cli(practice, "backup", "verify", str(forged))

    assert result.returncode == 2
    assert "not signed by this practice's audit key" in result.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_audit_verify_fails_when_the_restore_record_is_forged(
        practice: Practice, tmp_path: Path, new_database: tuple[str, Path]) -> None:
    out = tmp_path / "practice.backup"
    backup(practice, out)
    assert run_cli(practice, "audit", "verify").returncode == 0  # anchors past the backup
    url, folder = new_database
    code, output = restore(practice, out, url, folder)
    assert code == 0 and "OLDER" in output, output
    anchors = practice.settings.key_dir / "audit-anchors.log"
    lines = anchors.read_text().splitlines()
    restore_lines = [i for i, line in enumerate(lines) if line.startswith("r1 ")]
    assert len(restore_lines) == 1
    kind, seq, event_hash, signature = lines[restore_lines[0]].split()
    # A restore record claimed to an earlier event, with the signature it had: refused.
    lines[restore_lines[0]] = f"{kind} {int(seq) - 1} {event_hash} {signature}"
    anchors.write_text("\n".join(lines) + "\n")

    result = _audit_verify_with_keys(practice, url, folder)

    assert result.returncode == 2
    assert "restore record" in result.stderr


@pytest.mark.parametrize("cause", ["disk-full", "file-exists"])
def test_failed_backup_recorded_as_a_failure_without_content_when_create_fails(
        practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cause: str) -> None:
    from closeddoor.backup import service as backup_service

    chart(practice)
    out = tmp_path / f"{marker('path')}.backup"
    if cause == "disk-full":
        def full(*args: object, **kwargs: object) -> int:
            raise OSError(errno.ENOSPC, f"No space left on device: {out}")
        monkeypatch.setattr(backup_service, "write_backup", full)
        expected: type[Exception] = OSError
    else:
        out.write_text("an earlier file")
        expected = ConfigError
    with pytest.raises(expected):
        practice.services.backups.create(SYSTEM_ACTOR, out)

    events = practice.services.runtime.audit.events(
        tags=[AuditTag.BACKUP_ARCHIVE_CREATE.value])
    assert [e.entry.outcome for e in reversed(events)] == ["allow", "fail"]
    failed = events[0].entry
    assert failed.reason == ("os-error:ENOSPC" if cause == "disk-full" else "config-error")
    assert out.name not in str(failed) and str(tmp_path) not in str(failed)
    assert (not out.exists()) if cause == "disk-full" else out.read_text() == "an earlier file"
    assert list(out.parent.glob(f".{out.name}.*")) == []
    verified = run_cli(practice, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_pending_destruction_requests_voided_and_listed_when_restored(
        practice: Practice, tmp_path: Path, new_database: tuple[str, Path]) -> None:
    add_second_owner(practice)
    destroyed_id, _, _, _ = chart(practice)
    waiting_id, _, _, _ = chart(practice)
    with open_api(practice) as api:
        destroyed_request = request(api, destroyed_id).json()["request_id"]
        waiting_request = request(api, waiting_id).json()["request_id"]
    out = tmp_path / "practice.backup"
    backup(practice, out)  # both requests pending in the backup
    with open_api(practice) as api:
        assert api.post(f"/destruction-requests/{destroyed_request}/approval",
                        "owner2").status_code == 204
    url, folder = new_database

    code, output = restore(practice, out, url, folder)

    assert code == 0, output
    assert f"VOIDED 1 destruction request(s) still pending in the backup: {waiting_request}" \
        in output
    assert f"closed 1 destruction request(s) whose chart was destroyed after the backup: " \
           f"{destroyed_request}" in output
    services = open_services(restored_settings(practice, url, folder), clock=practice.clock)
    try:
        overview = services.destruction.overview(practice.actor("owner"))
        assert overview.requests == []  # nothing waits for a second owner's approval
        with pytest.raises(ConflictError):  # the old request cannot destroy the chart now
            services.destruction.approve(practice.actor("owner2"), waiting_request)
        assert services.charts.get_client(practice.actor("clinician1"), waiting_id)
        events = services.runtime.audit.events(
            tags=[AuditTag.BACKUP_DESTRUCTION_REQUEST_VOID.value])
        assert sorted((e.entry.resource_id, e.entry.reason) for e in events) == sorted(
            [(destroyed_request, "client-destroyed"), (waiting_request, "ask-again")])
        # An owner may ask again (and a second owner approve) as before.
        again = services.destruction.request(practice.actor("owner"), waiting_id, {
            "basis": "created-in-error", "reason": "Synthetic: asked again after restore."})
        services.destruction.approve(practice.actor("owner2"), again)
    finally:
        services.close()
    assert _audit_verify_with_keys(practice, url, folder).returncode == 0
