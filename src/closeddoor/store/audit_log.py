"""The audit log on the database: appends inside a caller's transaction, group-committed appends
for reads, and signed checkpoints (anchored outside the database by `audit_anchors`). Reading
and verifying the log back is `audit_reading`'s business; `AuditLog` only hands it the keys.

Reads must be audited durably *before* data is returned. One synchronous commit per read would cap
reads at the disk's commit rate, so `record()` hands events to one writer thread that makes every
waiting request's events durable in a single commit, then releases them all. The chain head row is
locked by every writer, so appends stay linear across threads and processes.
"""

from __future__ import annotations

import functools
import logging
import queue
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select

from closeddoor.audit.chain import (
    AuditEntry,
    ChainedEvent,
    checkpoint_message,
    link,
    restore_message,
)
from closeddoor.crypto import checkpoint_public_key, sign_checkpoint
from closeddoor.errors import AuditChainBroken, AuditUnavailable, StorageFull, is_storage_full
from closeddoor.inline import wait_for
from closeddoor.store.audit_anchors import (
    append_anchor,
    append_restore_marker,
    effective_anchors,
    read_anchor_lines,
)
from closeddoor.store.audit_reading import VerifyReport, read_events, verify_chain
from closeddoor.store.audit_rows import COLUMNS, placeholder, row_values
from closeddoor.store.db import kept_write_transaction, write_transaction
from closeddoor.store.tables import audit_checkpoints, audit_head

log = logging.getLogger(__name__)
_BATCH_LIMIT = 1024
# After a group commit of several requests' events (requests are arriving together), the writer
# waits this long for more before the next commit. On fast storage a commit ended before the next
# request got its event queued: batches of 1.7 events at 32 connections, and per commit the
# writer's own CPU (its transaction, the fsync, waking each waiter). After a batch of one (a
# single user), nobody waits for it. Every event is still durable before its request goes on.
_LINGER_S = 0.001


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
            cursor.executemany(sql.insert, [row_values(event) for event in chained])
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
            return wait_for(future, timeout=30)  # an await when the read runs inline
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
        last_batch = 0
        while True:
            batch = [self._queue.get()]
            if last_batch > 1:
                time.sleep(_LINGER_S)
            while len(batch) < _BATCH_LIMIT:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            entries = [entry for pending, _ in batch for entry in pending]
            last_batch = len(batch)
            try:
                with kept_write_transaction(self._engine) as conn:
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
        last = append_anchor(self._anchor_path, seq, event_hash, signature)
        self._anchored_seq = max(self._anchored_seq, last)

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

    def newest_anchor(self) -> int:
        """The highest event seq the anchor file holds this database to (0 when none)."""
        anchored = effective_anchors(read_anchor_lines(self._anchor_path))
        return max(anchored, default=0)

    def mark_restored(self, seq: int, event_hash: str) -> None:
        """Append a signed restore record to the anchor file: this database was put back as it
        was at event `seq` (store/audit_anchors.py says what verification makes of it)."""
        if self._anchor_path is None:
            return
        signature = sign_checkpoint(self._signing_key(),
                                    restore_message(self._practice_id, seq, event_hash))
        append_restore_marker(self._anchor_path, seq, event_hash, signature)
        self._anchored_seq = seq

    def verify_restored(self, seq: int, event_hash: str, scratch: Path) -> VerifyReport:
        """Verify the whole log as `mark_restored(seq, event_hash)` would leave it, on a copy of
        the anchor file in `scratch`, before the real anchor file is changed."""
        copy = scratch / "anchors-as-restored.log"
        if self._anchor_path is not None and self._anchor_path.exists():
            shutil.copyfile(self._anchor_path, copy)
        signature = sign_checkpoint(self._signing_key(),
                                    restore_message(self._practice_id, seq, event_hash))
        append_restore_marker(copy, seq, event_hash, signature)
        public_key = checkpoint_public_key(self._signing_key())
        try:
            with self._engine.connect() as conn:
                return verify_chain(conn, self._practice_id, public_key, copy,
                                    from_last_checkpoint=False)
        finally:
            copy.unlink(missing_ok=True)

    # --- reading back --------------------------------------------------------------------------
    def verify(self, *, from_last_checkpoint: bool = False) -> VerifyReport:
        """Check the whole chain and every checkpoint signature; or, from the last checkpoint,
        only that checkpoint's signature and the events after it, so the cost follows those
        events alone (older events and checkpoints are the full verification's business).

        Raises AuditChainBroken naming the first bad event or checkpoint.
        """
        public_key = checkpoint_public_key(self._signing_key())
        with self._engine.connect() as conn:
            return verify_chain(conn, self._practice_id, public_key, self._anchor_path,
                                from_last_checkpoint=from_last_checkpoint)

    def events(
        self,
        *,
        limit: int = 100,
        before: int | None = None,
        client_id: str | None = None,
        tags: Sequence[str] = (),
        after: int | None = None,
    ) -> list[ChainedEvent]:
        with self._engine.connect() as conn:
            return read_events(conn, limit=limit, before=before, client_id=client_id, tags=tags,
                               after=after)


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
    values = ", ".join([mark] * len(COLUMNS))
    return _AppendSql(
        lock_head=f"SELECT seq, hash FROM audit_head WHERE id = 1{lock}",  # noqa: S608
        insert=f"INSERT INTO audit_events ({', '.join(COLUMNS)}) VALUES ({values})",  # noqa: S608
        move_head=f"UPDATE audit_head SET seq = {mark}, hash = {mark} WHERE id = 1",  # noqa: S608
    )


def _append_sql(conn: Connection) -> _AppendSql:
    return _append_sql_for(conn.dialect.name, placeholder(conn))
