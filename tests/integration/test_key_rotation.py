"""Rotating the key-encryption key: every data key re-wrapped under the new version, the data
still readable (through services opened afresh, so no cached key helps), and an interrupted
rotation resumed to completion without minting yet another KEK version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

import pyotp
import pytest

from closeddoor.bootstrap import Services
from closeddoor.errors import PolicyDenied
from closeddoor.practice import service as practice_service
from closeddoor.practice.service import RotationReport
from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import open_api, run_cli, sql


@dataclass(frozen=True)
class Written:
    author: str
    client_id: str
    note_id: str
    text: str


@pytest.fixture
def written(practice: Practice) -> list[Written]:
    """Four clients with a note each: with the practice's own key, five data keys."""
    records = []
    for creator in ("clinician1", "clinician1", "clinician2", "clinician2"):
        client_id = ClientFactory.create(practice, creator)
        text = marker("note")
        note_id = NoteFactory.progress(practice, client_id, creator, body=text)
        records.append(Written(creator, client_id, note_id, text))
    return records


def kek_versions_in_use(practice: Practice) -> list[int]:
    return sorted(r[0] for r in sql(practice, "SELECT kek_version FROM data_keys"))


def kek_versions_in_key_file(practice: Practice) -> tuple[set[int], int]:
    document = json.loads((practice.settings.key_dir / "keys.json").read_text())
    return {int(v) for v in document["keks"]}, int(document["current"])


def assert_readable(practice: Practice, services: Services, written: list[Written]) -> None:
    for record in written:
        actor = practice.actor(record.author)
        note = services.notes.get_note(actor, record.client_id, record.note_id)
        assert note.body == record.text


def drop_kek(practice: Practice, version: int) -> None:
    """Take a KEK version out of the key file, as an operator retiring it would."""
    path = practice.settings.key_dir / "keys.json"
    document = json.loads(path.read_text())
    del document["keks"][str(version)]
    path.write_text(json.dumps(document))


def test_data_readable_under_new_kek_when_rotated(
    practice: Practice, written: list[Written]
) -> None:
    assert kek_versions_in_use(practice) == [1] * 5
    report = practice.services.practice.rotate_kek(practice.actor("owner"))
    assert report == RotationReport(kek_version=2, rewrapped=5, resumed=False)
    assert kek_versions_in_use(practice) == [2] * 5
    assert kek_versions_in_key_file(practice) == ({1, 2}, 2)
    # Nothing depends on the old KEK any more: retire it, open afresh, read everything.
    drop_kek(practice, 1)
    reopened = practice.reopen()
    assert_readable(practice, reopened, written)
    with open_api(practice, reopened) as api:
        first = written[0]
        response = api.get(f"/clients/{first.client_id}/notes/{first.note_id}", "clinician1")
        assert response.status_code == 200
        assert response.json()["body"] == first.text
        assert api.get(f"/clients/{first.client_id}", "clinician1").status_code == 200


def test_totp_sign_in_works_when_practice_key_rotated(practice: Practice) -> None:
    accounts = practice.services.accounts
    user_id = practice.user_id("clinician1")
    accounts.begin_totp_enrolment(user_id)
    totp = pyotp.TOTP(accounts.unsafe_totp_secret(user_id))
    accounts.confirm_totp_enrolment(user_id, totp.at(practice.clock.now()))
    practice.services.practice.rotate_kek(practice.actor("owner"))
    drop_kek(practice, 1)
    reopened = practice.reopen()
    practice.clock.advance(timedelta(seconds=30))  # the confirming code is spent
    signed_in = reopened.accounts.sign_in(
        "clinician1", practice.password, address="198.51.100.7", kind="api",
        totp=totp.at(practice.clock.now()),
    )
    assert signed_in.mfa_passed


class Interrupted(Exception):
    pass


def test_rotation_resumes_without_new_kek_when_interrupted(
    practice: Practice, written: list[Written], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(practice_service, "ROTATION_BATCH", 2)
    batches: list[tuple[int, int]] = []

    def stop_after_first_batch(done: int, total: int) -> None:
        batches.append((done, total))
        raise Interrupted

    with pytest.raises(Interrupted):
        practice.services.practice.rotate_kek(
            practice.actor("owner"), progress=stop_after_first_batch
        )
    assert batches == [(2, 5)]
    assert kek_versions_in_use(practice) == [1, 1, 1, 2, 2]  # the first batch committed
    assert kek_versions_in_key_file(practice) == ({1, 2}, 2)
    assert_readable(practice, practice.reopen(), written)  # half-way is still readable

    progress: list[tuple[int, int]] = []
    report = practice.services.practice.rotate_kek(
        practice.actor("owner"), progress=lambda done, total: progress.append((done, total))
    )
    assert report == RotationReport(kek_version=2, rewrapped=3, resumed=True)
    assert progress == [(2, 3), (3, 3)]
    assert kek_versions_in_use(practice) == [2] * 5
    assert kek_versions_in_key_file(practice) == ({1, 2}, 2)  # no third version
    drop_kek(practice, 1)
    assert_readable(practice, practice.reopen(), written)
    reasons = [e.entry.reason for e in practice.services.runtime.audit.events(
        tags=["key:kek:rotate"])]
    assert reasons == ["resume", "start"]  # newest first

    # Once finished, the next rotation is a new one.
    again = practice.services.practice.rotate_kek(practice.actor("owner"))
    assert again == RotationReport(kek_version=3, rewrapped=5, resumed=False)


def test_rotation_refused_when_not_owner(practice: Practice, written: list[Written]) -> None:
    with pytest.raises(PolicyDenied):
        practice.services.practice.rotate_kek(practice.actor("clinician1"))
    assert kek_versions_in_use(practice) == [1] * 5
    assert kek_versions_in_key_file(practice) == ({1}, 1)


def test_cli_rotation_rewraps_every_data_key(practice: Practice, written: list[Written]) -> None:
    result = run_cli(practice, "keys", "rotate")
    assert result.returncode == 0, result.stderr
    assert "rotation finished: key-encryption key version 2, 5 data keys re-wrapped" in (
        result.stdout
    )
    assert kek_versions_in_use(practice) == [2] * 5
    drop_kek(practice, 1)
    assert_readable(practice, practice.reopen(), written)
