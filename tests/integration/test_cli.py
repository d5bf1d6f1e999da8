"""The operator's commands against each database: `init` makes files only their owner can read,
`user add` applies the password policy, and the practice it makes works over the API."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from closeddoor.bootstrap import Services
from tests.integration.helpers import invoke_cli

PASSWORD = "juniper-compass-lantern-61"


def invoke(database_url: str, *args: str) -> tuple[int, str]:
    result = invoke_cli(database_url, *args)
    return result.returncode, result.stdout + result.stderr


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_makes_folder_and_files_private(database_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, output = invoke(database_url, "init", "--data-dir", str(data),
                          "--practice-name", "CLI practice (test)")
    assert code == 0, output
    code, output = invoke(database_url, "user", "add", "--username", "owner", "--role", "owner",
                          "--password", PASSWORD, "--data-dir", str(data))
    assert code == 0, output
    assert mode(data) == 0o700
    assert mode(data / "keys") == 0o700
    for key_file in ("keys.json", "audit-signing.pem"):
        assert mode(data / "keys" / key_file) == 0o600
    if database_url.startswith("sqlite"):
        database = Path(database_url.removeprefix("sqlite:///"))
        for path in (database, *database.parent.glob(database.name + "-*")):
            assert mode(path) & 0o077 == 0, path  # database, -wal and -shm: owner only


def test_init_refuses_to_overwrite_an_existing_folder(database_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert invoke(database_url, "init", "--data-dir", str(data))[0] == 0
    keys_before = (data / "keys" / "keys.json").read_bytes()
    code, output = invoke(database_url, "init", "--data-dir", str(data))
    assert code != 0
    assert "already initialized" in output
    assert (data / "keys" / "keys.json").read_bytes() == keys_before


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short-pass-1", "at least 15"), ("1qaz2wsx3edc4rfv", "too common"),
     ("newowner-newowner-1", "user name")],
    ids=["too-short", "common", "username-derived"],
)
def test_user_add_refuses_weak_password_naming_it(
    database_url: str, tmp_path: Path, password: str, problem: str
) -> None:
    data = tmp_path / "data"
    assert invoke(database_url, "init", "--data-dir", str(data))[0] == 0
    code, output = invoke(database_url, "user", "add", "--username", "newowner", "--role",
                          "owner", "--password", password, "--data-dir", str(data))
    assert code == 1
    assert "password:" in output
    assert problem in output
    assert password not in output


def test_user_add_closes_its_database_connections_when_refused(
    database_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    assert invoke(database_url, "init", "--data-dir", str(data))[0] == 0
    opened: list[Services] = []
    result = invoke_cli(database_url, "user", "add", "--username", "newowner", "--role", "owner",
                        "--password", "short-pass-1", "--data-dir", str(data),
                        opened=opened, close=False)
    assert result.returncode == 1
    assert len(opened) == 1
    left_open = opened[0].engine.pool.checkedin()  # a disposed engine's pool holds none
    opened[0].close()
    assert left_open == 0
