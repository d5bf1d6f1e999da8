"""The checkpoint anchor file: each signed checkpoint appended, once committed, to a file beside
the signing key, outside the database, so whoever can rewrite or empty the tables cannot take
the checkpoints with them. One line per checkpoint: `v1 <seq> <hash> <signature hex>`.

A restore from a backup (closeddoor.backup) that is older than the anchors appends a signed
restore line, `r1 <seq> <hash> <signature hex>`: the database was put back as it was at event
`seq` (whose hash is `hash`), so the anchors above `seq` before that line name events of a
history that the restore replaced; event `seq` itself must still have that hash, and anchors
after the line anchor the restored history as it goes on."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from closeddoor.errors import AuditChainBroken, StorageFull, is_storage_full

CHECKPOINT = "v1"
RESTORE = "r1"


def append_anchor(path: Path, seq: int, event_hash: str, signature: bytes) -> int:
    """Anchor checkpoint `seq` unless the file already anchors it or a later one (fsynced).
    Returns the newest anchored seq. Raises StorageFull when the disk is full."""
    line = f"{CHECKPOINT} {seq} {event_hash} {signature.hex()}\n".encode()
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            # One writer at a time across processes: read the last anchor and append after
            # it under the same lock, so two workers never both anchor the same head.
            fcntl.flock(fd, fcntl.LOCK_EX)
            last = _last_anchored_seq(fd)
            if last < seq:
                os.write(fd, line)
                os.fsync(fd)
                last = seq
        finally:
            os.close(fd)  # closing releases the lock
    except OSError as exc:
        if is_storage_full(exc):
            raise StorageFull() from exc
        raise
    return last


def append_restore_marker(path: Path, seq: int, event_hash: str, signature: bytes) -> None:
    """Record (fsynced) that the database was restored to event `seq`: see the module's
    docstring. Raises StorageFull when the disk is full."""
    line = f"{RESTORE} {seq} {event_hash} {signature.hex()}\n".encode()
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if is_storage_full(exc):
            raise StorageFull() from exc
        raise


def read_anchor_lines(path: Path | None) -> list[tuple[str, int, str, bytes]]:
    """(kind, seq, hash, signature) of every line, oldest first; kind is CHECKPOINT or
    RESTORE."""
    if path is None or not path.exists():
        return []
    lines = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        parts = line.split()
        if len(parts) != 4 or parts[0] not in (CHECKPOINT, RESTORE) or not parts[1].isdigit():
            raise AuditChainBroken(0, f"checkpoint anchor file line {number} is malformed")
        try:
            signature = bytes.fromhex(parts[3])
        except ValueError:
            raise AuditChainBroken(0, f"checkpoint anchor file line {number} is malformed"
                                   ) from None
        lines.append((parts[0], int(parts[1]), parts[2], signature))
    return lines


def effective_anchors(lines: list[tuple[str, int, str, bytes]]) -> dict[int, str]:
    """seq -> hash the database must hold, after each restore line dropped the anchors above
    its seq (and anchored its own seq)."""
    anchored: dict[int, str] = {}
    for kind, seq, event_hash, _signature in lines:
        if kind == RESTORE:
            anchored = {s: h for s, h in anchored.items() if s < seq}
        anchored[seq] = event_hash
    return anchored


def read_anchors(path: Path | None) -> list[tuple[int, str, bytes]]:
    """(seq, hash, signature) of every anchored checkpoint line, oldest first."""
    return [(seq, event_hash, signature)
            for kind, seq, event_hash, signature in read_anchor_lines(path)
            if kind == CHECKPOINT]


def _last_anchored_seq(fd: int) -> int:
    """The seq of the anchor file's last line (0 when empty), reading only the file's tail: the
    file grows by a line per checkpoint, and this runs on every one."""
    size = os.fstat(fd).st_size
    if size == 0:
        return 0
    tail = os.pread(fd, min(size, 4096), max(0, size - 4096)).decode("ascii", "replace")
    lines = tail.splitlines()
    parts = lines[-1].split() if lines else []
    if len(parts) != 4 or parts[0] not in (CHECKPOINT, RESTORE) or not parts[1].isdigit():
        raise AuditChainBroken(0, "the checkpoint anchor file's last line is malformed")
    return int(parts[1])
