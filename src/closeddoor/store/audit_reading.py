"""Reading the audit log back: streaming verification of the chain against its signed
checkpoints (in the database and in the anchor file) and its recorded head, and listing events."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, select, text

from closeddoor.audit.chain import (
    GENESIS_HASH,
    ChainedEvent,
    EventRow,
    checkpoint_message,
    restore_message,
    verify_rows,
)
from closeddoor.crypto import verify_checkpoint
from closeddoor.errors import AuditChainBroken
from closeddoor.store.audit_anchors import CHECKPOINT, effective_anchors, read_anchor_lines
from closeddoor.store.audit_rows import COLUMNS, HASH, event_from_row, placeholder
from closeddoor.store.tables import audit_checkpoints, audit_events, audit_head

_VERIFY_BATCH = 1_000  # small batches verify fastest here (cache-friendly) and keep memory flat
_NO_CLIENT = text("audit_events.client_id = ''")


@dataclass(frozen=True)
class VerifyReport:
    events_checked: int
    last_seq: int
    started_after: int  # 0 for a full verification, else the checkpoint it trusted
    checkpoints_checked: int


def verify_chain(conn: Connection, practice_id: str, public_key: bytes,
                 anchor_path: Path | None, *, from_last_checkpoint: bool) -> VerifyReport:
    """See `AuditLog.verify`. Raises AuditChainBroken naming the first bad event or
    checkpoint."""
    query = select(audit_checkpoints).order_by(audit_checkpoints.c.seq)
    if from_last_checkpoint:
        query = select(audit_checkpoints).order_by(audit_checkpoints.c.seq.desc()).limit(1)
    checkpoints = conn.execute(query).all()
    for point in checkpoints:
        message = checkpoint_message(practice_id, point.seq, point.hash)
        if not verify_checkpoint(public_key, point.signature, message):
            raise AuditChainBroken(point.seq, "checkpoint signature is not valid")
    start: tuple[int, str] = (0, GENESIS_HASH)
    if from_last_checkpoint and checkpoints:
        start = (checkpoints[-1].seq, checkpoints[-1].hash)
    expected = {point.seq: point.hash for point in checkpoints if point.seq > start[0]}
    lines = read_anchor_lines(anchor_path)
    for kind, seq, anchored_hash, signature in lines:
        if kind == CHECKPOINT:
            message = checkpoint_message(practice_id, seq, anchored_hash)
            problem = "anchored checkpoint signature is not valid"
        else:
            message = restore_message(practice_id, seq, anchored_hash)
            problem = "the anchor file's restore record has no valid signature"
        if not verify_checkpoint(public_key, signature, message):
            raise AuditChainBroken(seq, problem)
    # A restore record drops the anchors above it that came before it (docs/operations.md).
    for seq, anchored_hash in sorted(effective_anchors(lines).items()):
        if seq > start[0]:
            if expected.get(seq, anchored_hash) != anchored_hash:
                raise AuditChainBroken(seq, "does not match its anchored checkpoint")
            expected[seq] = anchored_hash
    anchor = conn.execute(
        select(audit_events.c.hash).where(audit_events.c.seq == start[0])
    ).scalar_one_or_none()
    if start[0] and anchor != start[1]:
        raise AuditChainBroken(start[0], "does not match its signed checkpoint")
    last = start
    checked = 0
    signed = deque(sorted(expected.items()))  # checkpoints still to meet, in seq order
    for rows in _stream(conn, after=start[0]):
        first_seq = last[0] + 1
        last = verify_rows(rows, after=last)  # so rows[i] holds event first_seq + i
        checked += len(rows)
        while signed and signed[0][0] <= last[0]:
            seq, signed_hash = signed.popleft()
            if rows[seq - first_seq][HASH] != signed_hash:
                raise AuditChainBroken(seq, "does not match its signed checkpoint")
    if signed:
        missing = signed[0][0]
        raise AuditChainBroken(missing, "a signed checkpoint names an event that is gone")
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    if head.seq < last[0]:
        raise AuditChainBroken(head.seq + 1, "the log runs past its recorded head")
    if head.seq > last[0]:
        raise AuditChainBroken(last[0] + 1, "the log ends before its recorded head")
    if head.hash != last[1]:
        raise AuditChainBroken(last[0], "does not match the recorded head")
    return VerifyReport(checked, last[0], start[0], len(checkpoints))


def read_events(conn: Connection, *, limit: int, before: int | None, client_id: str | None,
                tags: Sequence[str], after: int | None = None) -> list[ChainedEvent]:
    """Events newest first, optionally before a seq, of one client, with one of `tags`; with
    `after`, the `limit` events just after that seq instead, oldest first."""
    seq = audit_events.c.seq
    query = select(audit_events).order_by(seq.desc() if after is None else seq).limit(limit)
    if before is not None:
        query = query.where(seq < before)
    if after is not None:
        query = query.where(seq > after)
    if client_id:
        query = query.where(audit_events.c.client_id == client_id)
    elif client_id is not None:  # written out, so the planner may use the partial index
        query = query.where(_NO_CLIENT)  # of practice-wide events (a parameter proves nothing)
    if tags:
        query = query.where(audit_events.c.tag.in_(list(tags)))
    return [event_from_row(row) for row in conn.execute(query)]


def _stream(conn: Connection, after: int) -> Iterator[list[EventRow]]:
    """Stored events in seq order, in batches of plain rows, through the raw DB-API cursor: no
    object is built per event, which is most of what verifying a long log costs."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        f"SELECT {', '.join(COLUMNS)} FROM audit_events WHERE seq > {placeholder(conn)} "  # noqa: S608
        "ORDER BY seq",
        (after,),
    )
    try:
        while rows := cursor.fetchmany(_VERIFY_BATCH):
            yield cast(list[EventRow], rows)
    finally:
        cursor.close()
