"""Key-encryption keys (KEKs) and the other practice secrets, behind a KeyProvider port.

The default provider is a JSON key file created at `init` with 0600 permissions, kept outside the
database. It holds every KEK version (the newest wraps, the version recorded beside a wrapped key
unwraps it; keys are never tried in turn), the blind-index key and, in a file of its own beside
it, the Ed25519 key that signs audit checkpoints.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from closeddoor.crypto import _hazmat
from closeddoor.errors import ConfigError, KeyMissing

KEY_FILE_NAME = "keys.json"
SIGNING_KEY_FILE_NAME = "audit-signing.pem"
ANCHOR_FILE_NAME = "audit-anchors.log"  # signed checkpoints, kept outside the database
KEY_FILE_FORMAT = 1


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
                self._signing_key = self.signing_key_path.read_bytes()
            except FileNotFoundError:
                raise KeyMissing("the audit signing key file is missing") from None
        return self._signing_key

    def _load(self) -> _KeyFileContents:
        if self._contents is None:
            try:
                raw = json.loads(self.path.read_text())
            except FileNotFoundError:
                raise KeyMissing(
                    f"no key file at {self.path}; run `closeddoor init` first"
                ) from None
            if raw.get("format") != KEY_FILE_FORMAT:
                raise ConfigError("the key file has an unknown format")
            self._contents = _KeyFileContents(
                practice_id=raw["practice_id"],
                keks={int(v): base64.b64decode(k) for v, k in raw["keks"].items()},
                current=int(raw["current"]),
                blind_index_key=base64.b64decode(raw["blind_index_key"]),
            )
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
        self._contents = contents
