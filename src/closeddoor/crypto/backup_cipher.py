"""Backups encrypted with age (https://age-encryption.org/v1) through pyrage, its Python binding.

A backup is encrypted to one X25519 recipient: the practice's backup identity, a file in the
key folder made on first use (`backup-identity.txt`, 0600), or a public key the owner
configures (CLOSEDDOOR_BACKUP_RECIPIENT) whose private half is kept elsewhere. age's payload is
authenticated in 64 KiB chunks with a final-chunk flag, so a changed byte, a swapped chunk or a
truncated file fails to decrypt; every such failure raises the same DecryptionFailed.
"""

from __future__ import annotations

import os
from io import BufferedIOBase
from pathlib import Path

import pyrage
from pyrage import x25519

from closeddoor.errors import ConfigError, DecryptionFailed

BACKUP_IDENTITY_FILE_NAME = "backup-identity.txt"
AGE_MAGIC = b"age-encryption.org/v1\n"


def backup_identity_path(key_dir: Path) -> Path:
    return key_dir / BACKUP_IDENTITY_FILE_NAME


def ensure_backup_identity(key_dir: Path) -> str:
    """The public key (age1...) of the key folder's backup identity, made (0600, fsynced) on
    first use. Refuses a damaged identity file rather than replacing it."""
    path = backup_identity_path(key_dir)
    if not path.exists():
        identity = x25519.Identity.generate()
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, f"# closeddoor backup identity\n{identity}\n".encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(tmp, path)  # fails, rather than overwrites, if another process made one
        tmp.unlink()
        dir_fd = os.open(key_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return str(load_identity(path).to_public())


def load_identity(path: Path) -> x25519.Identity:
    """An age X25519 identity from a file (comment lines allowed), or ConfigError naming it."""
    try:
        lines = [line.strip() for line in path.read_text().splitlines()]
    except FileNotFoundError:
        raise ConfigError(f"no backup identity at {path}") from None
    keys = [line for line in lines if line and not line.startswith("#")]
    try:
        if len(keys) != 1:
            raise ValueError
        return x25519.Identity.from_str(keys[0])
    except (ValueError, pyrage.IdentityError):
        raise ConfigError(f"the backup identity file {path} is damaged (not one age "
                          "X25519 secret key)") from None


def parse_recipient(value: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(value.strip())
    except (ValueError, pyrage.RecipientError):
        raise ConfigError("the backup recipient must be an age X25519 public key "
                          "(age1 followed by 58 letters and digits)") from None


def encrypt_stream(source: BufferedIOBase, target: BufferedIOBase, recipient: str) -> None:
    """Encrypt `source` into `target` for `recipient` (an age1... public key)."""
    pyrage.encrypt_io(source, target, [parse_recipient(recipient)])


def decrypt_stream(source: BufferedIOBase, target: BufferedIOBase, identity_path: Path) -> None:
    """Decrypt `source` into `target`. Raises DecryptionFailed, without details, on a wrong
    identity or a damaged, truncated or tampered file; `target` may then hold a prefix of the
    plaintext, which the caller must throw away."""
    identity = load_identity(identity_path)
    try:
        pyrage.decrypt_io(source, target, [identity])
    except (OSError, pyrage.DecryptError, ValueError):
        raise DecryptionFailed() from None


def looks_like_age(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(AGE_MAGIC)) == AGE_MAGIC
