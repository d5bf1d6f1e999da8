"""A wrong or damaged key folder is caught at start (issue 10, item 2).

The database records a key check value at `init` (HMAC of a fixed label under a key derived from
the blind-index key, never a key). `serve` and every command that opens the database refuse to
start when the key folder in use gives another value, with a message about the keys and no
traceback. A damaged key file is named, not answered with a JSONDecodeError.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from closeddoor.crypto import LocalKeyFile, key_check_value
from tests.e2e.server import closeddoor_command, free_port
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import cli_environment, run_cli, run_cli_process, scalar, sql

COMMANDS = [
    pytest.param(("audit", "verify"), id="audit-verify"),
    pytest.param(("audit", "checkpoint"), id="audit-checkpoint"),
    pytest.param(("keys", "rotate"), id="keys-rotate"),
    pytest.param(("user", "add", "--username", "synthetic.extra", "--role", "clinician",
                  "--password", "synthetic-extra-passphrase-7310"), id="user-add"),
]


def swap_in_other_practices_keys(practice: Practice, tmp_path: Path) -> None:
    """Replace the practice's key folder with another practice's (same file names)."""
    other = tmp_path / "other-practice-keys"
    LocalKeyFile(other).create(practice_id=str(uuid.uuid4()))
    key_dir = practice.settings.key_dir
    shutil.rmtree(key_dir)
    shutil.copytree(other, key_dir)


def state(practice: Practice) -> tuple[int, int, int, str]:
    """What a command must leave as it was: clients, users, audit head and the key file."""
    return (scalar(practice, "SELECT count(*) FROM clients"),
            scalar(practice, "SELECT count(*) FROM users"),
            scalar(practice, "SELECT seq FROM audit_head"),
            (practice.settings.key_dir / "keys.json").read_text())


def test_init_records_key_check_value_that_is_not_a_key(practice: Practice) -> None:
    keys = practice.services.keys
    stored = scalar(practice, "SELECT key_check FROM practice")
    assert stored == key_check_value(keys, keys.practice_id())
    assert len(stored) == 64
    secrets = [keys.blind_index_key(), keys.kek(1)]
    assert all(stored not in (s.hex(), base64.b64encode(s).decode()) for s in secrets)
    assert all(s.hex() not in stored for s in secrets)


def test_serve_refuses_to_start_when_key_folder_is_another_practices(
    practice: Practice, tmp_path: Path
) -> None:
    ClientFactory.create(practice, "clinician1")
    swap_in_other_practices_keys(practice, tmp_path)
    before = state(practice)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    environment.update(
        {k: v for k, v in cli_environment(practice.database_url).items() if v is not None})
    started = time.monotonic()
    try:
        completed = subprocess.run(
            [*closeddoor_command(), "serve", "--data-dir", str(practice.settings.data_dir),
             "--port", str(free_port())],
            env=environment, capture_output=True, text=True, timeout=30, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("serve started with another practice's key folder")
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output
    assert time.monotonic() - started < 20
    assert "do not belong to this database" in output
    assert str(practice.settings.key_dir) in output.replace("\n", "")
    assert "Traceback" not in output
    assert state(practice) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_command_refuses_and_changes_nothing_when_key_folder_is_another_practices(
    practice: Practice, tmp_path: Path, command: tuple[str, ...]
) -> None:
    swap_in_other_practices_keys(practice, tmp_path)
    before = state(practice)
    result = run_cli(practice, *command)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "do not belong to this database" in result.stderr
    assert state(practice) == before


def test_first_start_records_key_check_when_database_predates_it(
    practice: Practice, tmp_path: Path
) -> None:
    sql(practice, "UPDATE practice SET key_check = NULL")  # as migration 0005 leaves it
    result = run_cli(practice, "audit", "verify")
    assert result.returncode == 0, result.stderr
    keys = practice.services.keys
    assert scalar(practice, "SELECT key_check FROM practice") == key_check_value(
        keys, keys.practice_id())
    swap_in_other_practices_keys(practice, tmp_path)  # from now on, a wrong folder is caught
    assert run_cli(practice, "audit", "verify").returncode == 1


def _rewrite(document: dict[str, object], **changes: object) -> str:
    return json.dumps({**document, **changes})


DAMAGE = {
    "invalid-json": (lambda doc: '{"format": 1, "practice_id": ', "not valid JSON"),
    "missing-field": (lambda doc: json.dumps({k: v for k, v in doc.items() if k != "keks"}),
                      'field "keks" is missing'),
    "bad-base64": (lambda doc: _rewrite(doc, blind_index_key="not base64!!"),
                   'field "blind_index_key" is not valid base64'),
    "short-key": (lambda doc: _rewrite(doc, keks={"1": base64.b64encode(b"short").decode()}),
                  'field "keks.1" is not a 32-byte key'),
    "not-an-object": (lambda doc: "[1, 2, 3]", "not a JSON object"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_command_names_key_file_without_traceback_when_key_file_damaged(
    practice: Practice, damage: str
) -> None:
    key_file = practice.settings.key_dir / "keys.json"
    mangle, problem = DAMAGE[damage]
    key_file.write_text(mangle(json.loads(key_file.read_text())))
    result = run_cli_process(practice, "audit", "verify")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert str(key_file) in output.replace("\n", "")
    assert problem in output.replace("\n", " ")
    assert "Traceback" not in output


def test_command_names_signing_key_file_when_it_is_damaged(practice: Practice) -> None:
    pem = practice.settings.key_dir / "audit-signing.pem"
    pem.write_text("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
    result = run_cli(practice, "audit", "verify")
    assert result.returncode == 1
    assert "audit signing key file" in result.stderr
    assert "damaged" in result.stderr
