"""The backup file: an age-encrypted tar holding `manifest.json` and the database snapshot.

Writing goes to a hidden partial file beside the target, fsynced, then renamed over nothing
(the target must not exist) and the folder fsynced: a crash or kill -9 leaves either no backup
or a complete one, never a truncated file under the backup's name (and a truncated age file
fails to decrypt anyway). Reading decrypts into a private scratch folder, takes only the two
expected members, and checks the snapshot's SHA-256 against the manifest.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from closeddoor.backup.manifest import MANIFEST_NAME, SIGNATURE_NAME, Manifest
from closeddoor.crypto.backup_cipher import decrypt_stream, encrypt_stream, looks_like_age
from closeddoor.errors import BackupInvalid, DecryptionFailed

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Opened:
    manifest: Manifest
    manifest_json: bytes  # as signed
    signature: bytes
    payload: Path  # the decrypted snapshot, inside the caller's scratch folder


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def partial_path(out: Path) -> Path:
    return out.parent / f".{out.name}.{os.getpid()}.partial"


def write_backup(out: Path, manifest: Manifest, signature: bytes, payload: Path,
                 scratch: Path, recipient: str) -> int:
    """Write the encrypted backup to `out` atomically; returns its size in bytes."""
    bundle = scratch / "backup.tar"
    with tarfile.open(bundle, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, raw in ((MANIFEST_NAME, manifest.to_json()), (SIGNATURE_NAME, signature)):
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(raw))
        tar.add(payload, arcname=manifest.payload_name, recursive=False)
    partial = partial_path(out)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as target, bundle.open("rb") as source:
            encrypt_stream(source, target, recipient)
            target.flush()
            os.fsync(target.fileno())
        if out.exists():
            raise BackupInvalid(f"{out} already exists; choose a new file name")
        os.rename(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    dir_fd = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return out.stat().st_size


def open_backup(path: Path, identity: Path, scratch: Path) -> Opened:
    """Decrypt and unpack a backup into `scratch`. Raises BackupInvalid saying what is wrong
    (not a backup, cannot be decrypted, damaged, manifest or checksum wrong)."""
    if not path.is_file():
        raise BackupInvalid(f"{path} is not a file")
    if not looks_like_age(path):
        raise BackupInvalid(f"{path} is not a closeddoor backup (not an age-encrypted file)")
    bundle = scratch / "backup.tar"
    try:
        with path.open("rb") as source, bundle.open("wb") as target:
            decrypt_stream(source, target, identity)
    except DecryptionFailed:
        bundle.unlink(missing_ok=True)
        raise BackupInvalid("the backup could not be decrypted: it is damaged or was changed, "
                            "or it was made for another key (check --identity / the key "
                            "folder)") from None
    try:
        with tarfile.open(bundle, "r:") as tar:
            members = {member.name: member for member in tar.getmembers()}
            manifest_member = members.get(MANIFEST_NAME)
            if manifest_member is None or not manifest_member.isfile():
                raise BackupInvalid("the backup holds no manifest")
            handle = tar.extractfile(manifest_member)
            assert handle is not None
            manifest_json = handle.read()
            manifest = Manifest.from_json(manifest_json)
            signature_member = members.get(SIGNATURE_NAME)
            payload_member = members.get(manifest.payload_name)
            if payload_member is None or not payload_member.isfile() or len(members) != 3 or \
                    signature_member is None or not signature_member.isfile():
                raise BackupInvalid("the backup does not hold exactly its manifest, its "
                                    "signature and one database snapshot")
            signature_handle = tar.extractfile(signature_member)
            assert signature_handle is not None
            signature = signature_handle.read(1024)
            payload = scratch / manifest.payload_name
            source_handle = tar.extractfile(payload_member)
            assert source_handle is not None
            fd = os.open(payload, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as target:
                while chunk := source_handle.read(_CHUNK):
                    target.write(chunk)
    except tarfile.TarError:
        raise BackupInvalid("the backup's contents are damaged (not a readable archive)"
                            ) from None
    finally:
        bundle.unlink(missing_ok=True)
    if payload.stat().st_size != manifest.payload_bytes or \
            sha256_of(payload) != manifest.payload_sha256:
        raise BackupInvalid("the database snapshot in the backup does not match the SHA-256 "
                            "its manifest records")
    return Opened(manifest, manifest_json, signature, payload)
