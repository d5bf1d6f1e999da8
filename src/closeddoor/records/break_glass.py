"""Break the glass: emergency, time-limited chart access for a clinician off the care team, with
a stated reason, audited as such and queued for the owner's review."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.clients import demographics_under
from closeddoor.records.model import require_reason
from closeddoor.records.views import BreakGlassView
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import records_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind


class BreakGlassService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def open(self, actor: Actor, client_id: str, reason: Any) -> BreakGlassView:
        """Grant `actor` read access to the chart for the configured time; the reason is sealed
        under the client's key because it may itself be clinical."""
        stated = require_reason(reason)
        rt = self._rt
        grant_id = new_id()
        now = rt.now()
        expires_at = now + rt.settings.break_glass_duration

        def work(conn: Connection, access: Access) -> None:
            repo.insert_break_glass(
                conn,
                id=grant_id,
                client_id=client_id,
                actor_id=actor.actor_id,
                reason_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.BREAK_GLASS, grant_id, "reason",
                    stated.encode(), access,
                ),
                opened_at=now,
                expires_at=expires_at,
            )

        self._gate.write(
            actor,
            Permission.CHART_BREAK_GLASS_OPEN,
            AuditTag.RECORD_BREAK_GLASS_OPEN,
            client_id,
            work,
            resource_id=grant_id,
            minutes=int(rt.settings.break_glass_duration.total_seconds() // 60),
        )
        return BreakGlassView(
            grant_id, client_id, actor.actor_id, stated, now, expires_at, None, None, None
        )

    def active_grant(self, actor: Actor, client_id: str) -> BreakGlassView | None:
        """The actor's own unexpired grant for this client, if any (for the chart's banner).

        Only the grant's times are returned, not the stated reason: the actor wrote it.
        """
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            row = repo.open_grant(conn, client_id, actor.actor_id, rt.now())
        if row is None:
            return None
        return BreakGlassView(row.id, row.client_id, row.actor_id, "", row.opened_at,
                              row.expires_at, row.reviewed_at, row.reviewed_by, None)

    def find_client_for_emergency(self, actor: Actor, full_name: str,
                                  date_of_birth: str) -> str:
        """A clinician off the care team finds the one client matching an exact full name and
        date of birth, to break the glass for. Nothing but the id comes back, and only for an
        exact match; every lookup is audited. Each client the name matches is decided (may this
        clinician see them, or break the glass for them?) and audited, naming them, before
        their date of birth is decrypted."""
        rt = self._rt
        self._gate.require(actor, Permission.CHART_BREAK_GLASS_OPEN,
                           AuditTag.RECORD_CLIENT_SEARCH, audit_allow=False)
        if not full_name.strip() or not date_of_birth.strip():
            raise InvalidInput("full_name and date_of_birth: both required")
        key = rt.keyring.blind_index_key()
        with read_transaction(rt.engine) as conn:
            named = repo.client_ids_by_full_name_index(
                conn, blind_index(key, "full_name", full_name))
        # A match the clinician already sees goes straight to the chart; any other must be one
        # they may break the glass for.
        batch = self._gate.authorize_many(
            actor, (Permission.CHART_DEMOGRAPHICS_READ, Permission.CHART_BREAK_GLASS_OPEN),
            AuditTag.RECORD_CLIENT_SEARCH, named, reason="break-glass-lookup")
        with read_transaction(rt.engine) as conn:
            matches = [
                client_id for client_id, access in batch.allowed.items()
                if demographics_under(conn, rt.keyring, access)["date_of_birth"]
                == date_of_birth.strip()
            ]
        outcome = "allow" if len(matches) == 1 else "deny"
        self._gate.record([rt.entry(actor.actor_id, AuditTag.RECORD_CLIENT_SEARCH, outcome,
                                  client_id=matches[0] if len(matches) == 1 else "",
                                  reason="break-glass-lookup", matches=len(matches))])
        if len(matches) != 1:
            raise NotFound("no single client matches that name and date of birth")
        client_id: str = matches[0]
        return client_id

    def review_queue(self, actor: Actor, *, include_reviewed: bool = False) -> list[BreakGlassView]:
        """Break-glass grants for the owner to review, newest first: one gate decision per
        client shown, each audited naming the client, before any reason is decrypted."""
        self._gate.require(actor, Permission.PRACTICE_REVIEW_MANAGE, AuditTag.PRACTICE_REVIEW_READ,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            rows = repo.break_glass_grants(conn, include_reviewed=include_reviewed)
        batch = self._gate.authorize_many(actor, Permission.PRACTICE_REVIEW_MANAGE,
                                          AuditTag.PRACTICE_REVIEW_READ,
                                          [row.client_id for row in rows], reason="break-glass")
        with read_transaction(rt.engine) as conn:
            return [self._view(conn, row, batch.allowed[row.client_id]) for row in rows
                    if row.client_id in batch.allowed]

    def complete_review(self, actor: Actor, grant_id: str, comment: Any) -> None:
        stated = require_reason(comment, "comment")
        self._gate.require(
            actor,
            Permission.PRACTICE_REVIEW_MANAGE,
            AuditTag.PRACTICE_REVIEW_COMPLETE,
            audit_allow=False,
        )
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            client_id = repo.break_glass_client(conn, grant_id)
        if client_id is None:
            raise NotFound("no such break-glass access")

        def work(conn: Connection, access: Access) -> None:
            if not repo.complete_break_glass_review(
                conn, grant_id,
                reviewed_at=rt.now(),
                reviewed_by=actor.actor_id,
                review_comment_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.BREAK_GLASS, grant_id, "review_comment",
                    stated.encode(), access,
                ),
            ):
                raise ConflictError("this access has already been reviewed")

        self._gate.write(actor, Permission.PRACTICE_REVIEW_MANAGE,
                         AuditTag.PRACTICE_REVIEW_COMPLETE, client_id, work, resource_id=grant_id)

    def _view(self, conn: Connection, row: Any, access: Access) -> BreakGlassView:
        keyring = self._rt.keyring
        reason = keyring.unseal_field(
            conn, row.client_id, RecordKind.BREAK_GLASS, row.id, "reason", row.reason_sealed, access
        ).decode()
        comment = None
        if row.review_comment_sealed is not None:
            comment = keyring.unseal_field(
                conn,
                row.client_id,
                RecordKind.BREAK_GLASS,
                row.id,
                "review_comment",
                row.review_comment_sealed,
                access,
            ).decode()
        return BreakGlassView(
            row.id,
            row.client_id,
            row.actor_id,
            reason,
            row.opened_at,
            row.expires_at,
            row.reviewed_at,
            row.reviewed_by,
            comment,
        )
