"""The checkpoint anchor file: each signed checkpoint appended, once committed, to a file beside
the signing key, outside the database, so whoever can rewrite or empty the tables cannot take
the checkpoints with them. One line per checkpoint: `v1 <seq> <hash> <signature hex>`."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from closeddoor.errors import AuditChainBroken, StorageFull, is_storage_full


def append_anchor(path: Path, seq: int, event_hash: str, signature: bytes) -> int:
    """Anchor checkpoint `seq` unless the file already anchors it or a later one (fsynced).
    Returns the newest anchored seq. Raises StorageFull when the disk is full."""
    line = f"v1 {seq} {event_hash} {signature.hex()}\n".encode()
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


def read_anchors(path: Path | None) -> list[tuple[int, str, bytes]]:
    """(seq, hash, signature) of every anchored checkpoint, oldest first."""
    if path is None or not path.exists():
        return []
    anchors = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        parts = line.split()
        if len(parts) != 4 or parts[0] != "v1" or not parts[1].isdigit():
            raise AuditChainBroken(0, f"checkpoint anchor file line {number} is malformed")
        anchors.append((int(parts[1]), parts[2], bytes.fromhex(parts[3])))
    return anchors


def _last_anchored_seq(fd: int) -> int:
    """The seq of the anchor file's last line (0 when empty), reading only the file's tail: the
    file grows by a line per checkpoint, and this runs on every one."""
    size = os.fstat(fd).st_size
    if size == 0:
        return 0
    tail = os.pread(fd, min(size, 4096), max(0, size - 4096)).decode("ascii", "replace")
    lines = tail.splitlines()
    parts = lines[-1].split() if lines else []
    if len(parts) != 4 or parts[0] != "v1" or not parts[1].isdigit():
        raise AuditChainBroken(0, "the checkpoint anchor file's last line is malformed")
    return int(parts[1])
