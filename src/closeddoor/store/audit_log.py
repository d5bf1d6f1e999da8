"""The audit log on the database: appends inside a caller's transaction, group-committed appends
for reads, signed checkpoints, and streaming verification.

Reads must be audited durably *before* data is returned. One synchronous commit per read would cap
reads at the disk's commit rate, so `record()` hands events to one writer thread that makes every
waiting request's events durable in a single commit, then releases them all. The chain head row is
locked by every writer, so appends stay linear across threads and processes.
"""

from __future__ import annotations

import fcntl
import functools
import logging
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, insert, select

from closeddoor.audit.chain import (
    GENESIS_HASH,
    AuditEntry,
    ChainedEvent,
    EventRow,
    checkpoint_message,
    link,
    verify_rows,
)
from closeddoor.crypto import checkpoint_public_key, sign_checkpoint, verify_checkpoint
from closeddoor.errors import AuditChainBroken, AuditUnavailable, StorageFull, is_storage_full
from closeddoor.store.db import write_transaction
from closeddoor.store.tables import audit_checkpoints, audit_events, audit_head

log = logging.getLogger(__name__)
_BATCH_LIMIT = 1024
_VERIFY_BATCH = 1_000  # small batches verify fastest here (cache-friendly) and keep memory flat


@dataclass(frozen=True)
class VerifyReport:
    events_checked: int
    last_seq: int
    started_after: int  # 0 for a full verification, else the checkpoint it trusted
    checkpoints_checked: int


class AuditLog:
    def __init__(
        self,
        engine: Engine,
        practice_id: str,
        signing_key: Callable[[], bytes],
        now_iso: Callable[[], str],
        checkpoint_every: int,
        anchor_path: Path | None = None,
    ) -> None:
        self._engine = engine
        # Checkpoints are also appended to this file beside the signing key, outside the
        # database, so whoever can rewrite or empty the tables cannot take the checkpoints too.
        self._anchor_path = anchor_path
        self._anchor_due = False
        self._anchored_seq = 0  # the newest seq this process knows is anchored
        self._practice_id = practice_id
        self._signing_key = signing_key
        self._now_iso = now_iso
        self._checkpoint_every = checkpoint_every
        self._queue: queue.SimpleQueue[
            tuple[Sequence[AuditEntry], Future[list[ChainedEvent]]]] = (
            queue.SimpleQueue()
        )
        self._writer: threading.Thread | None = None
        self._writer_lock = threading.Lock()

    # --- appending -----------------------------------------------------------------------------
    def append_in(self, conn: Connection, entries: Sequence[AuditEntry]) -> list[ChainedEvent]:
        """Append inside the caller's write transaction: the events commit with the data or not
        at all."""
        if not entries:
            return []
        # The hot path of every audited read: plain DB-API calls on the transaction's own
        # connection (no statement building or result wrapping), as few as the chain allows.
        sql = _append_sql(conn)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql.lock_head)
            head = cursor.fetchone()
            if head is None:
                raise AuditChainBroken(0, "the audit log has no head row")
            head_seq, head_hash = int(head[0]), str(head[1])
            chained = link((head_seq, head_hash), entries)
            cursor.executemany(sql.insert, [_values(event) for event in chained])
            last = chained[-1]
            cursor.execute(sql.move_head, (last.seq, last.hash))
        finally:
            cursor.close()
        if last.seq // self._checkpoint_every > head_seq // self._checkpoint_every:
            self._checkpoint_in(conn, last.seq, last.hash)
            self._anchor_due = True  # anchored outside the database once committed
        return chained

    def record(self, entries: Sequence[AuditEntry]) -> list[ChainedEvent]:
        """Append durably before returning (group commit); returns the chained events, in order.
        Raises StorageFull when the database is out of space, AuditUnavailable on any other
        failure."""
        future: Future[list[ChainedEvent]] = Future()
        self._ensure_writer()
        self._queue.put((entries, future))
        try:
            return future.result(timeout=30)
        except StorageFull:
            raise
        except Exception as exc:
            if is_storage_full(exc):
                raise StorageFull() from exc
            raise AuditUnavailable(
                "the audit log could not be written; nothing was returned"
            ) from exc

    def _ensure_writer(self) -> None:
        if self._writer is not None and self._writer.is_alive():
            return
        with self._writer_lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(
                    target=self._write_loop, name="closeddoor-audit-writer", daemon=True
                )
                self._writer.start()

    def _write_loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < _BATCH_LIMIT:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            entries = [entry for pending, _ in batch for entry in pending]
            try:
                with write_transaction(self._engine) as conn:
                    chained = self.append_in(conn, entries)
            except Exception as exc:  # every waiter learns it failed; none gets data
                log.error("audit append failed: %s", type(exc).__name__)
                for _, future in batch:
                    future.set_exception(exc)
                continue
            start = 0
            for pending, future in batch:  # each waiter gets its own events back
                future.set_result(chained[start:start + len(pending)])
                start += len(pending)
            if self._anchor_due:
                self._anchor_due = False
                try:
                    self.checkpoint()
                except Exception as exc:  # the next boundary tries again; reads go on
                    log.error("audit anchor failed: %s", type(exc).__name__)

    # --- checkpoints ---------------------------------------------------------------------------
    def take_anchor_due(self) -> bool:
        """Whether an append crossed a checkpoint boundary since the last call (then clears it):
        the background checkpointer anchors that checkpoint without waiting for its timer."""
        due, self._anchor_due = self._anchor_due, False
        return due

    def checkpoint(self) -> int | None:
        """Sign the current head (no-op on an empty log), then anchor it in the file outside the
        database (after the commit, so the file never names an uncommitted event). Returns the
        checkpointed seq.

        A head that is already anchored is a no-op that takes no write lock, so several workers
        (and their background checkpointers) may all call this without fighting.
        """
        with self._engine.connect() as conn:
            seq = int(conn.execute(select(audit_head.c.seq)).scalar_one())
        if seq == 0:
            return None
        if seq <= self._anchored_seq:
            return seq
        with write_transaction(self._engine) as conn:
            head = conn.execute(select(audit_head.c.seq, audit_head.c.hash).with_for_update()).one()
            signature = conn.execute(
                select(audit_checkpoints.c.signature).where(audit_checkpoints.c.seq == head.seq)
            ).scalar_one_or_none()
            if signature is None:
                signature = self._checkpoint_in(conn, head.seq, head.hash)
        self._anchor(int(head.seq), str(head.hash), bytes(signature))
        return int(head.seq)

    def _anchor(self, seq: int, event_hash: str, signature: bytes) -> None:
        if self._anchor_path is None:
            return
        line = f"v1 {seq} {event_hash} {signature.hex()}\n".encode()
        try:
            fd = os.open(self._anchor_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
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
        self._anchored_seq = max(self._anchored_seq, last)

    def _anchors(self) -> list[tuple[int, str, bytes]]:
        """(seq, hash, signature) of every anchored checkpoint, oldest first."""
        if self._anchor_path is None or not self._anchor_path.exists():
            return []
        anchors = []
        for number, line in enumerate(self._anchor_path.read_text().splitlines(), start=1):
            parts = line.split()
            if len(parts) != 4 or parts[0] != "v1" or not parts[1].isdigit():
                raise AuditChainBroken(0, f"checkpoint anchor file line {number} is malformed")
            anchors.append((int(parts[1]), parts[2], bytes.fromhex(parts[3])))
        return anchors

    def _checkpoint_in(self, conn: Connection, seq: int, event_hash: str) -> bytes:
        signature = sign_checkpoint(
            self._signing_key(), checkpoint_message(self._practice_id, seq, event_hash)
        )
        conn.execute(
            insert(audit_checkpoints).values(
                seq=seq,
                hash=event_hash,
                at=self._now_iso(),
                signature=signature,
            )
        )
        return signature

    # --- verification --------------------------------------------------------------------------
    def verify(self, *, from_last_checkpoint: bool = False) -> VerifyReport:
        """Check the whole chain and every checkpoint signature; or, from the last checkpoint,
        only that checkpoint's signature and the events after it, so the cost follows those
        events alone (older events and checkpoints are the full verification's business).

        Raises AuditChainBroken naming the first bad event or checkpoint.
        """
        public_key = checkpoint_public_key(self._signing_key())
        with self._engine.connect() as conn:
            query = select(audit_checkpoints).order_by(audit_checkpoints.c.seq)
            if from_last_checkpoint:
                query = select(audit_checkpoints).order_by(audit_checkpoints.c.seq.desc()).limit(1)
            checkpoints = conn.execute(query).all()
            for point in checkpoints:
                message = checkpoint_message(self._practice_id, point.seq, point.hash)
                if not verify_checkpoint(public_key, point.signature, message):
                    raise AuditChainBroken(point.seq, "checkpoint signature is not valid")
            start: tuple[int, str] = (0, GENESIS_HASH)
            if from_last_checkpoint and checkpoints:
                start = (checkpoints[-1].seq, checkpoints[-1].hash)
            expected = {point.seq: point.hash for point in checkpoints if point.seq > start[0]}
            for seq, anchored_hash, signature in self._anchors():
                message = checkpoint_message(self._practice_id, seq, anchored_hash)
                if not verify_checkpoint(public_key, signature, message):
                    raise AuditChainBroken(seq, "anchored checkpoint signature is not valid")
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
                    if rows[seq - first_seq][_HASH] != signed_hash:
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

    def events(
        self,
        *,
        limit: int = 100,
        before: int | None = None,
        client_id: str | None = None,
        tags: Sequence[str] = (),
    ) -> list[ChainedEvent]:
        query = select(audit_events).order_by(audit_events.c.seq.desc()).limit(limit)
        if before is not None:
            query = query.where(audit_events.c.seq < before)
        if client_id is not None:
            query = query.where(audit_events.c.client_id == client_id)
        if tags:
            query = query.where(audit_events.c.tag.in_(list(tags)))
        with self._engine.connect() as conn:
            return [_event(row) for row in conn.execute(query)]


def _values(event: ChainedEvent) -> tuple[object, ...]:
    """An event's column values in `_COLUMNS` order."""
    entry = event.entry
    return (
        event.seq,
        entry.at,
        entry.actor_id,
        entry.tag,
        entry.outcome,
        entry.client_id,
        entry.resource_id,
        entry.reason,
        entry.details,
        event.prev_hash,
        event.hash,
    )


def _event(row: object) -> ChainedEvent:
    r = row._mapping  # type: ignore[attr-defined]
    entry = AuditEntry(
        r["at"],
        r["actor_id"],
        r["tag"],
        r["outcome"],
        r["client_id"],
        r["resource_id"],
        r["reason"],
        r["details"],
    )
    return ChainedEvent(int(r["seq"]), entry, r["prev_hash"], r["hash"])


# The audit_events columns in EventRow order; _HASH indexes the event's own hash in a row.
_COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "tag",
    "outcome",
    "client_id",
    "resource_id",
    "reason",
    "details",
    "prev_hash",
    "hash",
)
_HASH = _COLUMNS.index("hash")


def _placeholder(conn: Connection) -> str:
    """The DB-API parameter marker: `?` for sqlite3, `%s` for psycopg."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


@dataclass(frozen=True)
class _AppendSql:
    lock_head: str
    insert: str
    move_head: str


@functools.cache
def _append_sql_for(dialect_name: str, mark: str) -> _AppendSql:
    # SQLite has no row locks: every writer's BEGIN IMMEDIATE already holds the database's
    # write lock. PostgreSQL locks the head row until commit. Only constants go into the text.
    lock = "" if dialect_name == "sqlite" else " FOR UPDATE"
    values = ", ".join([mark] * len(_COLUMNS))
    return _AppendSql(
        lock_head=f"SELECT seq, hash FROM audit_head WHERE id = 1{lock}",  # noqa: S608
        insert=f"INSERT INTO audit_events ({', '.join(_COLUMNS)}) VALUES ({values})",  # noqa: S608
        move_head=f"UPDATE audit_head SET seq = {mark}, hash = {mark} WHERE id = 1",  # noqa: S608
    )


def _append_sql(conn: Connection) -> _AppendSql:
    return _append_sql_for(conn.dialect.name, _placeholder(conn))


def _stream(conn: Connection, after: int) -> Iterator[list[EventRow]]:
    """Stored events in seq order, in batches of plain rows, through the raw DB-API cursor: no
    object is built per event, which is most of what verifying a long log costs."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM audit_events WHERE seq > {_placeholder(conn)} "  # noqa: S608
        "ORDER BY seq",
        (after,),
    )
    try:
        while rows := cursor.fetchmany(_VERIFY_BATCH):
            yield cast(list[EventRow], rows)
    finally:
        cursor.close()


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
