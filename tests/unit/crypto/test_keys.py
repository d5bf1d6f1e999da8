from __future__ import annotations

import stat
from pathlib import Path

import pytest

from closeddoor.crypto import LocalKeyFile
from closeddoor.errors import ConfigError, KeyMissing


def test_key_files_private_when_created(tmp_path: Path) -> None:
    keys = LocalKeyFile(tmp_path / "keys")
    keys.create("practice-1")
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    for path in (keys.path, keys.signing_key_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_create_refuses_when_key_file_exists(tmp_path: Path) -> None:
    keys = LocalKeyFile(tmp_path / "keys")
    keys.create("practice-1")
    before = keys.path.read_bytes()
    with pytest.raises(ConfigError):
        LocalKeyFile(tmp_path / "keys").create("practice-2")
    assert keys.path.read_bytes() == before


def test_new_kek_version_becomes_current_and_old_ones_remain_when_rotated(tmp_path: Path) -> None:
    keys = LocalKeyFile(tmp_path / "keys")
    keys.create("practice-1")
    first = keys.kek(1)
    assert keys.add_kek_version() == 2
    reopened = LocalKeyFile(tmp_path / "keys")
    assert reopened.current_kek_version() == 2
    assert reopened.kek(1) == first
    assert reopened.kek(2) != first
    assert reopened.practice_id() == "practice-1"


def test_process_already_open_sees_new_kek_version_when_another_process_rotates(
        tmp_path: Path) -> None:
    serving = LocalKeyFile(tmp_path / "keys")  # a worker that opened the folder before
    serving.create("practice-1")
    assert serving.current_kek_version() == 1
    rotating = LocalKeyFile(tmp_path / "keys")  # `closeddoor keys rotate`, another process
    assert rotating.add_kek_version() == 2
    assert serving.current_kek_version() == 2  # new keys are wrapped under it at once
    assert serving.kek(2) == rotating.kek(2)  # keys re-wrapped under it unwrap at once
    assert serving.kek(1) == rotating.kek(1)


def test_missing_version_is_a_clear_error_when_asked_for(tmp_path: Path) -> None:
    keys = LocalKeyFile(tmp_path / "keys")
    keys.create("practice-1")
    with pytest.raises(KeyMissing, match="version 9"):
        keys.kek(9)


def test_missing_key_file_says_run_init_when_absent(tmp_path: Path) -> None:
    with pytest.raises(KeyMissing, match="closeddoor init"):
        LocalKeyFile(tmp_path / "nowhere").current_kek_version()
