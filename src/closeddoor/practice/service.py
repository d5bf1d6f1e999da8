"""Setting a practice up, reading and verifying its audit, and rotating its key-encryption key."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass

from closeddoor.audit.chain import ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import KeyProvider, key_check_value
from closeddoor.errors import AuditChainBroken, AuditUnavailable, InvalidInput, StorageFull
from closeddoor.gate import Gate
from closeddoor.names import clean_name
from closeddoor.paging import (
    BACK,
    BAD_CURSOR,
    CURSOR_PURPOSE,
    FORWARD,
    Page,
    Pager,
    check_limit,
)
from closeddoor.policy import Actor, Permission
from closeddoor.runtime import Runtime
from closeddoor.store import practice_repository as repo
from closeddoor.store.audit_reading import VerifyReport
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.keyring import SUBJECT_PRACTICE, StoredKey

ROTATION_BATCH = 500
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RotationReport:
    kek_version: int
    rewrapped: int
    resumed: bool


class PracticeService:
    def __init__(self, runtime: Runtime, gate: Gate, provider: KeyProvider) -> None:
        self._rt = runtime
        self._gate = gate
        self._provider = provider
        self._pager = Pager(runtime.keyring.purpose_key(CURSOR_PURPOSE))

    def create_practice(self, name: str) -> None:
        """First-time setup: the practice row and the practice's own data key (for secrets such
        as TOTP seeds). The key file must already exist."""
        name = clean_name(name, "practice_name", "the practice name", required=True)
        rt = self._rt
        now = rt.now()
        with write_transaction(rt.engine) as conn:
            repo.insert_practice(
                conn, id=rt.practice_id, name=name, mfa_required=False, created_at=now,
                key_check=key_check_value(self._provider, rt.practice_id),
            )
            rt.keyring.create(conn, SUBJECT_PRACTICE, rt.practice_id, now)
            self._gate.record_in(
                conn,
                [
                    rt.entry(
                        "system", AuditTag.KEY_DATA_KEY_CREATE, "ok", resource_id=rt.practice_id
                    )
                ],
            )

    def key_folder_matches(self) -> bool:
        """Whether the key folder in use is the one this database was made with (its key check
        value matches the practice row's). A database made before key checks existed records
        the value now, at its first start. True while there is no practice row yet."""
        rt = self._rt
        expected = key_check_value(self._provider, rt.practice_id)
        with read_transaction(rt.engine) as conn:
            rows = repo.practice_key_checks(conn)
        if not rows:
            return True
        if len(rows) != 1 or rows[0].id != rt.practice_id:
            return False
        if rows[0].key_check is not None:
            return hmac.compare_digest(str(rows[0].key_check), expected)
        with write_transaction(rt.engine) as conn:
            repo.record_missing_key_check(conn, expected)
        log.info("recorded the key folder's check value in the database")
        return True

    def practice_exists(self) -> bool:
        with read_transaction(self._rt.engine) as conn:
            return repo.practice_count(conn) > 0

    # --- audit ---------------------------------------------------------------------------------
    def recent_audit(
        self,
        actor: Actor,
        *,
        limit: int = 100,
        before: int | None = None,
        client_id: str | None = None,
    ) -> list[ChainedEvent]:
        self._gate.require(actor, Permission.PRACTICE_AUDIT_READ, AuditTag.AUDIT_LOG_READ)
        return self._rt.audit.events(limit=limit, before=before, client_id=client_id)

    def audit_page(self, actor: Actor, *, cursor: str | None = None, limit: int | None = None,
                   client_id: str | None = None) -> Page[ChainedEvent]:
        """One page of the audit, newest first (of one client, if given), read by seq on its
        primary key or on `ix_audit_events_client_seq`. The cursor names the filter, so a
        cursor of one client's list is refused on another's."""
        size = check_limit(limit)
        sort = f"audit:{client_id or ''}"
        position = self._pager.decode(cursor, sort, 2)
        direction, seq = FORWARD, None
        if position is not None:
            direction = position[0]
            if direction not in (FORWARD, BACK) or not position[1].isdigit():
                raise InvalidInput(BAD_CURSOR)
            seq = int(position[1])
        self._gate.require(actor, Permission.PRACTICE_AUDIT_READ, AuditTag.AUDIT_LOG_READ)
        if direction == FORWARD:
            events = self._rt.audit.events(limit=size + 1, before=seq, client_id=client_id)
        else:
            events = self._rt.audit.events(limit=size + 1, after=seq, client_id=client_id)
        shown = events[:size]
        if direction == BACK:
            shown.reverse()
        if not shown:
            return Page(shown, None, None)
        more = len(events) > size
        has_next = more if direction == FORWARD else True
        has_prev = seq is not None if direction == FORWARD else more
        return Page(shown,
                    self._pager.encode(sort, [FORWARD, str(shown[-1].seq)]) if has_next else None,
                    self._pager.encode(sort, [BACK, str(shown[0].seq)]) if has_prev else None)

    def verify_audit(self, actor: Actor, *, from_last_checkpoint: bool = False) -> VerifyReport:
        """Verify the chain and record the outcome (a broken chain is recorded, then re-raised)."""
        self._gate.require(
            actor, Permission.PRACTICE_AUDIT_READ, AuditTag.AUDIT_LOG_VERIFY, audit_allow=False
        )
        rt = self._rt
        try:
            report = rt.audit.verify(from_last_checkpoint=from_last_checkpoint)
        except AuditChainBroken as broken:
            # Record the failure if the damaged log still takes appends; either way the caller
            # learns which event broke, never a lesser error in its place.
            try:
                self._gate.record([rt.entry(actor.actor_id, AuditTag.AUDIT_LOG_VERIFY, "fail",
                                          reason="chain-broken", first_bad_event=broken.seq)])
            except (AuditUnavailable, StorageFull):
                log.error("could not record a failed audit verification")
            raise
        self._gate.record(
            [
                rt.entry(
                    actor.actor_id,
                    AuditTag.AUDIT_LOG_VERIFY,
                    "ok",
                    events=report.events_checked,
                    last_event=report.last_seq,
                )
            ]
        )
        if not from_last_checkpoint:
            rt.audit.checkpoint()  # a verified log is signed and anchored outside the database
        return report

    def checkpoint(self, actor: Actor) -> int | None:
        self._gate.require(
            actor, Permission.PRACTICE_AUDIT_READ, AuditTag.AUDIT_CHECKPOINT_SIGN, audit_allow=False
        )
        return self._rt.audit.checkpoint()

    # --- keys ----------------------------------------------------------------------------------
    def rotate_kek(
        self, actor: Actor, progress: Callable[[int, int], None] | None = None
    ) -> RotationReport:
        """Make a new KEK version and re-wrap every data key under it, in committed batches.

        Safe to interrupt: a re-run finds data keys still under an older version and finishes
        the job under the newest KEK instead of starting another rotation.
        """
        self._gate.require(
            actor, Permission.PRACTICE_SETTINGS_MANAGE, AuditTag.KEY_KEK_ROTATE, audit_allow=False
        )
        rt = self._rt
        current = self._provider.current_kek_version()
        with read_transaction(rt.engine) as conn:
            behind = repo.count_wrapped_keys_before(conn, current)
        resumed = behind > 0
        if not resumed:
            current = self._provider.add_kek_version()
        with write_transaction(rt.engine) as conn:
            self._gate.record_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.KEY_KEK_ROTATE,
                        "ok",
                        reason="resume" if resumed else "start",
                        kek_version=current,
                    )
                ],
            )
        with read_transaction(rt.engine) as conn:
            total = repo.count_wrapped_keys_before(conn, current)
        done = 0
        while True:
            with write_transaction(rt.engine) as conn:
                batch = [StoredKey(*row)
                         for row in repo.wrapped_keys_before(conn, current, ROTATION_BATCH)]
                rt.keyring.rewrap(conn, batch, current)  # one statement for the whole batch
            if not batch:
                break
            done += len(batch)
            if progress is not None:
                progress(done, total)
        with write_transaction(rt.engine) as conn:
            self._gate.record_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.KEY_KEK_ROTATE_FINISH,
                        "ok",
                        kek_version=current,
                        rewrapped=done,
                    )
                ],
            )
        return RotationReport(current, done, resumed)
