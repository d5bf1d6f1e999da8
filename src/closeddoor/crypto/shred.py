"""Per-client secrets kept outside the database, and the list of destroyed clients.

A client's data key is wrapped under a key derived from BOTH the KEK and a random per-client
secret that lives in the key folder (`subjects/<client id>`, 0600), never in the database.
Destroying a client (crypto-shredding) first appends its id to `destroyed-subjects.log` (an
append-only list the keyring enforces), then overwrites and unlinks the secret file. After that
no copy of the database, not even one taken before the destruction, can unwrap the client's data
key with today's key folder: the secret it needs no longer exists anywhere but in old backups of
the key folder (docs/adr/0003-crypto-shredding.md says how to keep those honest).

Every process's key cache consults the list before it serves a cached key: one `stat` of the list
file per read (its size and modification time are the version stamp), and a re-read only when the
stamp moved, so a destruction in one worker is seen by every other worker on its next read.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from pathlib import Path
from typing import Protocol

from closeddoor.errors import ConfigError, InvalidInput, KeyDestroyed

SUBJECT_DIR_NAME = "subjects"
DESTROYED_LIST_NAME = "destroyed-subjects.log"
SECRET_BYTES = 32
_SUBJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")  # UUIDs; never a path

Stamp = tuple[int, int, int] | None


class SubjectSecrets(Protocol):
    """Where per-client secrets live: the local key folder by default, a KMS behind the same
    interface (one key per client, scheduled for deletion)."""

    def create(self, subject_id: str) -> bytes: ...

    def secret(self, subject_id: str) -> bytes: ...

    def destroy(self, subject_id: str) -> None: ...

    def is_destroyed(self, subject_id: str) -> bool: ...

    def destroyed(self) -> frozenset[str]: ...


def _checked(subject_id: str) -> str:
    if not _SUBJECT_ID.match(subject_id):
        raise InvalidInput("subject id: letters, digits and hyphens only")
    return subject_id


class LocalSubjectSecrets:
    """SubjectSecrets in the key folder: one file per client, one append-only destroyed list."""

    def __init__(self, key_dir: Path) -> None:
        self._dir = key_dir / SUBJECT_DIR_NAME
        self._list = key_dir / DESTROYED_LIST_NAME
        self._lock = threading.Lock()
        self._stamp: Stamp = None
        self._destroyed: frozenset[str] = frozenset()

    @property
    def destroyed_list_path(self) -> Path:
        return self._list

    def _path(self, subject_id: str) -> Path:
        return self._dir / _checked(subject_id)

    def create(self, subject_id: str) -> bytes:
        """A fresh secret for a new subject, durable on disk (0600) before it is returned. A
        secret already there is returned as it is, never replaced: a key may depend on it (e.g.
        one left by a re-wrap whose transaction rolled back, which a re-run then uses)."""
        path = self._path(subject_id)
        if self.is_destroyed(subject_id):
            raise KeyDestroyed()
        if path.exists():
            return self.secret(subject_id)
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret = secrets.token_bytes(SECRET_BYTES)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, secret)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(self._dir)
        return secret

    def secret(self, subject_id: str) -> bytes:
        """The subject's secret; KeyDestroyed when it was destroyed (or is gone)."""
        if self.is_destroyed(subject_id):
            raise KeyDestroyed()
        try:
            secret = self._path(subject_id).read_bytes()
        except FileNotFoundError:
            raise KeyDestroyed() from None
        if len(secret) != SECRET_BYTES:
            raise ConfigError("a client secret in the key folder is damaged; restore the key "
                              "folder from its backup")
        return secret

    def destroy(self, subject_id: str) -> None:
        """List the subject as destroyed (durably, first), then overwrite and remove its secret.
        Idempotent: destroying twice is the same as once."""
        path = self._path(subject_id)
        if not self.is_destroyed(subject_id):
            self._list.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self._list, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, f"{subject_id}\n".encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return
        # Overwriting is best effort on copy-on-write file systems and SSDs (see the ADR);
        # unlinking is what the keyring relies on.
        fd = os.open(path, os.O_WRONLY)
        try:
            os.write(fd, b"\0" * size)
            os.fsync(fd)
        finally:
            os.close(fd)
        path.unlink()
        _fsync_dir(self._dir)

    def is_destroyed(self, subject_id: str) -> bool:
        """Whether the subject is on the destroyed list: one stat, a re-read only on change."""
        stamp = self._current_stamp()
        if stamp != self._stamp:
            self._reload(stamp)
        return subject_id in self._destroyed

    def destroyed(self) -> frozenset[str]:
        """Every subject on the destroyed list (a restore re-applies them to an older copy)."""
        stamp = self._current_stamp()
        if stamp != self._stamp:
            self._reload(stamp)
        return self._destroyed

    def _current_stamp(self) -> Stamp:
        try:
            st = os.stat(self._list)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _reload(self, stamp: Stamp) -> None:
        with self._lock:
            try:
                text = self._list.read_text()
            except FileNotFoundError:
                text = ""
            self._destroyed = frozenset(line.strip() for line in text.splitlines()
                                        if line.strip())
            self._stamp = stamp


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
