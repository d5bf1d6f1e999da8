"""Per-client secrets and the destroyed list (crypto/shred.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from closeddoor.crypto.shred import LocalSubjectSecrets
from closeddoor.errors import InvalidInput, KeyDestroyed

CLIENT = "6f1c2d3e-0000-4000-8000-000000000001"


def test_secret_private_and_gone_when_destroyed(tmp_path: Path) -> None:
    secrets = LocalSubjectSecrets(tmp_path)
    made = secrets.create(CLIENT)
    path = tmp_path / "subjects" / CLIENT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secrets.secret(CLIENT) == made
    secrets.destroy(CLIENT)
    secrets.destroy(CLIENT)  # idempotent
    assert not path.exists()
    with pytest.raises(KeyDestroyed):
        secrets.secret(CLIENT)
    with pytest.raises(KeyDestroyed):
        secrets.create(CLIENT)  # a destroyed id never gets a key again


def test_destruction_seen_when_made_by_another_instance(tmp_path: Path) -> None:
    mine, theirs = LocalSubjectSecrets(tmp_path), LocalSubjectSecrets(tmp_path)
    mine.create(CLIENT)
    assert not mine.is_destroyed(CLIENT)
    theirs.destroy(CLIENT)
    assert mine.is_destroyed(CLIENT)


@pytest.mark.parametrize("bad", ["../keys.json", "a/b", "", ".hidden"])
def test_subject_id_refused_when_it_could_name_a_path(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InvalidInput):
        LocalSubjectSecrets(tmp_path).create(bad)


def test_existing_secret_kept_when_created_again(tmp_path: Path) -> None:
    secrets = LocalSubjectSecrets(tmp_path)
    first = secrets.create(CLIENT)
    assert secrets.create(CLIENT) == first  # never replaced: a wrapped key may depend on it
