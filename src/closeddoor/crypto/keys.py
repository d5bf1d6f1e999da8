"""Key-encryption keys (KEKs) and the other practice secrets, behind a KeyProvider port.

The default provider is a JSON key file created at `init` with 0600 permissions, kept outside the
database. It holds every KEK version (the newest wraps, the version recorded beside a wrapped key
unwraps it; keys are never tried in turn), the blind-index key and, in a file of its own beside
it, the Ed25519 key that signs audit checkpoints.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from closeddoor.crypto import _hazmat
from closeddoor.crypto.envelope import derive_key
from closeddoor.errors import ConfigError, KeyMissing

KEY_FILE_NAME = "keys.json"
SIGNING_KEY_FILE_NAME = "audit-signing.pem"
ANCHOR_FILE_NAME = "audit-anchors.log"  # signed checkpoints, kept outside the database
KEY_FILE_FORMAT = 1
KEY_CHECK_PURPOSE = "key-check"
KEY_CHECK_LABEL = "closeddoor/key-check/v1"


class KeyProvider(Protocol):
    """Where KEKs live: a local file by default, an external KMS behind the same interface."""

    def current_kek_version(self) -> int: ...

    def kek(self, version: int) -> bytes: ...

    def add_kek_version(self) -> int: ...

    def blind_index_key(self) -> bytes: ...

    def audit_signing_key(self) -> bytes: ...


@dataclass(frozen=True)
class _KeyFileContents:
    practice_id: str
    keks: dict[int, bytes]
    current: int
    blind_index_key: bytes


def key_check_value(provider: KeyProvider, practice_id: str) -> str:
    """A value the database keeps to recognise its own key folder: HMAC-SHA256 of a fixed label
    under a subkey derived from the blind-index key. It reveals nothing about any key, yet a
    different key folder (another practice's, or a stale copy from elsewhere) gives another
    value. The blind-index key is used because it never rotates; KEKs do."""
    subkey = derive_key(provider.blind_index_key(), KEY_CHECK_PURPOSE)
    return _hazmat.keyed_hash(subkey, f"{KEY_CHECK_LABEL}|{practice_id}".encode()).hex()


def _parse_key_file(path: Path, text: str) -> _KeyFileContents:
    """The key file's contents, or a ConfigError naming the file and what is wrong with it (never
    a value from it)."""

    def damaged(problem: str) -> ConfigError:
        return ConfigError(f"the key file {path} is damaged: {problem}; restore the key folder "
                           "from its backup")

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise damaged(f"it is not valid JSON (line {exc.lineno})") from None
    if not isinstance(raw, dict):
        raise damaged("it is not a JSON object")
    if raw.get("format") != KEY_FILE_FORMAT:
        raise ConfigError(f"the key file {path} has an unknown format")
    for field, kind in (("practice_id", str), ("keks", dict), ("current", int),
                        ("blind_index_key", str)):
        if not isinstance(raw.get(field), kind):
            raise damaged(f'the field "{field}" is missing or of the wrong type')

    def key(field: str, value: object) -> bytes:
        try:
            decoded = base64.b64decode(str(value), validate=True)
        except (binascii.Error, ValueError):
            raise damaged(f'the field "{field}" is not valid base64') from None
        if len(decoded) != 32:
            raise damaged(f'the field "{field}" is not a 32-byte key')
        return decoded

    keks: dict[int, bytes] = {}
    for version, value in raw["keks"].items():
        if not str(version).isdigit():
            raise damaged(f'the key version "keks.{version}" is not a number')
        keks[int(version)] = key(f"keks.{version}", value)
    if raw["current"] not in keks:
        raise damaged(f'the field "current" names key version {raw["current"]}, which is absent')
    return _KeyFileContents(
        practice_id=raw["practice_id"],
        keks=keks,
        current=raw["current"],
        blind_index_key=key("blind_index_key", raw["blind_index_key"]),
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _write_private(path: Path, data: bytes) -> None:
    """Atomically replace `path` with `data`, readable by the owner alone, durable on return."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class LocalKeyFile:
    """KeyProvider over `keys.json` and `audit-signing.pem` in one private directory."""

    def __init__(self, key_dir: Path) -> None:
        self._dir = key_dir
        self._contents: _KeyFileContents | None = None
        self._stamp: tuple[int, int, int] | None = None  # the key file read into _contents
        self._signing_key: bytes | None = None

    @property
    def path(self) -> Path:
        return self._dir / KEY_FILE_NAME

    @property
    def signing_key_path(self) -> Path:
        return self._dir / SIGNING_KEY_FILE_NAME

    @property
    def anchor_path(self) -> Path:
        return self._dir / ANCHOR_FILE_NAME

    def exists(self) -> bool:
        return self.path.exists()

    def create(self, practice_id: str) -> None:
        """Make the key directory (0700) and its key files (0600); refuses to overwrite."""
        if self.exists():
            raise ConfigError(f"a key file already exists at {self.path}")
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self._dir, 0o700)
        contents = _KeyFileContents(
            practice_id=practice_id,
            keks={1: _hazmat.random_key()},
            current=1,
            blind_index_key=secrets.token_bytes(32),
        )
        self._save(contents)
        _write_private(self.signing_key_path, _hazmat.new_signing_key())

    def practice_id(self) -> str:
        return self._load().practice_id

    def current_kek_version(self) -> int:
        return self._load().current

    def kek(self, version: int) -> bytes:
        try:
            return self._load().keks[version]
        except KeyError:
            raise KeyMissing(
                f"key-encryption key version {version} is not in the key file"
            ) from None

    def add_kek_version(self) -> int:
        contents = self._load()
        version = max(contents.keks) + 1
        updated = _KeyFileContents(
            practice_id=contents.practice_id,
            keks={**contents.keks, version: _hazmat.random_key()},
            current=version,
            blind_index_key=contents.blind_index_key,
        )
        self._save(updated)
        return version

    def blind_index_key(self) -> bytes:
        return self._load().blind_index_key

    def audit_signing_key(self) -> bytes:
        if self._signing_key is None:
            try:
                pem = self.signing_key_path.read_bytes()
            except FileNotFoundError:
                raise KeyMissing("the audit signing key file is missing") from None
            try:
                _hazmat.public_key_bytes(pem)
            except (ValueError, TypeError):
                raise ConfigError(
                    f"the audit signing key file {self.signing_key_path} is damaged (not an "
                    "Ed25519 private key in PEM); restore the key folder from its backup"
                ) from None
            self._signing_key = pem
        return self._signing_key

    def _load(self) -> _KeyFileContents:
        """The key file's contents, re-read when the file changed since it was last read (one
        `stat` when not): `closeddoor keys rotate` in another process adds a KEK version and
        makes it current, and every serving process (several workers, several hosts on one
        shared key folder) must unwrap with it and wrap new keys under it at once, not after a
        restart. The file is only ever replaced whole (`_write_private`), so a new inode or
        size or time stamp means new contents."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise KeyMissing(f"no key file at {self.path}; run `closeddoor init` first") from None
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
        if self._contents is None or stamp != self._stamp:
            try:
                text = self.path.read_text()
            except FileNotFoundError:
                raise KeyMissing(
                    f"no key file at {self.path}; run `closeddoor init` first"
                ) from None
            self._contents = _parse_key_file(self.path, text)
            self._stamp = stamp
        return self._contents

    def _save(self, contents: _KeyFileContents) -> None:
        document = {
            "format": KEY_FILE_FORMAT,
            "practice_id": contents.practice_id,
            "current": contents.current,
            "keks": {str(v): _b64(k) for v, k in sorted(contents.keks.items())},
            "blind_index_key": _b64(contents.blind_index_key),
        }
        _write_private(self.path, json.dumps(document, indent=2).encode())
        self._contents = None  # re-read (and stamped) at the next use
