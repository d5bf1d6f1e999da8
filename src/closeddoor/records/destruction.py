"""Destroying a chart at the end of retention: the owner's list of charts due, a request by one
owner, approval by another (never the requester), then crypto-shredding.

Destruction destroys the client's key material outside the database first (store/keyring.py,
crypto/shred.py), so no copy of the database can be read again with today's key folder, then
deletes every row that belongs to the client. The audit keeps a tombstone: the approval event
names the request, the requester, when it was asked and the basis; nothing else of the client
is left but ids in the audit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, DecryptionFailed, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.clients import demographics_under
from closeddoor.records.lifecycle import hold_spans
from closeddoor.records.model import require_reason
from closeddoor.records.retention import (
    DestructionBasis,
    HoldSpan,
    effective_due_on,
    may_destroy,
)
from closeddoor.runtime import Runtime, iso, new_id
from closeddoor.store import lifecycle_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
PENDING = "pending"
DESTROYED = "destroyed"
VOIDED = "voided"  # still pending in a backup that was restored: closed; an owner asks again
WITHHELD = "withheld (cannot be decrypted)"
REFUSALS = {
    "legal-hold": "a legal hold stops destruction; release the hold first",
    "not-discharged": "the chart is not discharged: discharge it first, or give the basis "
                      "created-in-error or court-order",
    "not-yet-due": "the chart is not yet due for destruction: before its due date only the basis "
                   "created-in-error or court-order allows it",
}


@dataclass(frozen=True)
class RequestView:
    request_id: str
    client_id: str
    basis: str
    status: str
    requested_by: str
    requested_at: datetime
    approved_by: str | None
    approved_at: datetime | None


@dataclass(frozen=True)
class DischargedChart:
    client_id: str
    display_name: str  # "" where no name was asked for (the CLI)
    discharged_on: date
    due_on: date | None  # with the clock stopped by legal holds; None while one holds
    on_hold: bool
    is_due: bool
    pending: RequestView | None


@dataclass(frozen=True)
class RetentionOverview:
    charts: list[DischargedChart]
    requests: list[RequestView]  # pending, oldest first

    @property
    def due(self) -> list[DischargedChart]:
        return [chart for chart in self.charts if chart.is_due]


def _view(row: Any) -> RequestView:
    return RequestView(row.id, row.client_id, row.basis, row.status, row.requested_by,
                       row.requested_at, row.approved_by, row.approved_at)


class DestructionService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- what is due ---------------------------------------------------------------------------
    def overview(self, actor: Actor) -> RetentionOverview:
        """Every discharged chart with its due date, names through one audited decision each,
        and the pending requests (the owner's)."""
        self._gate.require(actor, P.PRACTICE_RETENTION_READ, AuditTag.PRACTICE_RETENTION_READ)
        plain = self._overview_at(self._rt.now().date())
        ids = [chart.client_id for chart in plain.charts]
        batch = self._gate.authorize_many(actor, P.CHART_DEMOGRAPHICS_READ,
                                          AuditTag.RECORD_CLIENT_READ, ids, reason="retention")
        names: dict[str, str] = {}
        with read_transaction(self._rt.engine) as conn:
            for client_id, access in batch.allowed.items():
                try:
                    demo = demographics_under(conn, self._rt.keyring, access)
                except DecryptionFailed:
                    names[client_id] = WITHHELD
                    continue
                names[client_id] = f"{demo['family_name']}, {demo['given_name']}"
        charts = [DischargedChart(c.client_id, names.get(c.client_id, WITHHELD), c.discharged_on,
                                  c.due_on, c.on_hold, c.is_due, c.pending)
                  for c in plain.charts]
        return RetentionOverview(charts, plain.requests)

    def due_for_operator(self, actor: Actor) -> RetentionOverview:
        """The same list without names, for `closeddoor retention due` (ids and dates only)."""
        self._gate.require(actor, P.PRACTICE_RETENTION_READ, AuditTag.PRACTICE_RETENTION_READ)
        return self._overview_at(self._rt.now().date())

    def _overview_at(self, today: date) -> RetentionOverview:
        with read_transaction(self._rt.engine) as conn:
            pending = [_view(r) for r in repo.pending_requests(conn, PENDING)]
            by_client = {view.client_id: view for view in pending}
            rows = repo.discharged_charts(conn)
            spans: dict[str, list[Any]] = {}
            for hold in repo.all_hold_spans(conn):
                spans.setdefault(hold.client_id, []).append(hold)
        charts = []
        for row in rows:
            holds = [HoldSpan(h.placed_at, h.released_at) for h in spans.get(row.client_id, [])]
            due = effective_due_on(row.destruction_due_on, holds)
            charts.append(DischargedChart(row.client_id, "", row.discharged_on, due,
                                          due is None, due is not None and due <= today,
                                          by_client.get(row.client_id)))
        return RetentionOverview(charts, pending)

    # --- request and approve -------------------------------------------------------------------
    def request(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        """An owner asks for a chart's destruction on a basis from the closed list, with a
        reason (sealed under the client's key: it goes with the chart)."""
        rt = self._rt
        basis = DestructionBasis.parse(data.get("basis"))
        reason = require_reason(data.get("reason"))
        request_id = new_id()

        def work(conn: Connection, access: Access) -> str:
            if repo.has_pending_request(conn, client_id, PENDING):
                raise ConflictError("a destruction request for this chart is already waiting "
                                    "for approval")
            self._check(conn, client_id, basis)
            repo.insert_request(
                conn, id=request_id, client_id=client_id, basis=basis.value, status=PENDING,
                requested_by=actor.actor_id, requested_at=rt.now(),
                reason_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.CLIENT, request_id, "destruction_reason",
                    json.dumps({"reason": reason}).encode(), access))
            return request_id

        return self._gate.write(actor, P.CHART_DESTRUCTION_REQUEST,
                                AuditTag.RECORD_DESTRUCTION_REQUEST, client_id, work,
                                resource_id=request_id, basis=basis.value)

    def request_reason(self, actor: Actor, request_id: str) -> str:
        """A pending request's reason, for the owners deciding it."""
        found = self._pending(request_id)
        access = self._gate.authorize_read(actor, P.CHART_DESTRUCTION_REQUEST,
                                           AuditTag.RECORD_CLIENT_READ, found.client_id,
                                           resource_id=request_id)
        with read_transaction(self._rt.engine) as conn:
            row = repo.request(conn, request_id)
            if row is None or row.reason_sealed is None:
                raise NotFound("no such destruction request")
            sealed = row.reason_sealed
            plain = self._rt.keyring.unseal_field(conn, found.client_id, RecordKind.CLIENT,
                                                  request_id, "destruction_reason", sealed,
                                                  access)
        return str(json.loads(plain)["reason"])

    def approve(self, actor: Actor, request_id: str) -> None:
        """A second owner approves: the client's key is destroyed, its rows deleted, and the
        audit keeps the tombstone. The requester may not approve their own request."""
        rt = self._rt
        found = self._pending(request_id)
        client_id = found.client_id

        def work(conn: Connection, access: Access) -> None:
            if not repo.decide_request(conn, request_id, PENDING, status=DESTROYED,
                                       reason_sealed=None, approved_by=actor.actor_id,
                                       approved_at=rt.now()):
                raise ConflictError("this request was already decided")
            self._check(conn, client_id, DestructionBasis(found.basis))
            rt.keyring.destroy(conn, client_id)  # outside the database, at once
            repo.delete_client_rows(conn, client_id)
            self._gate.record_in(conn, [rt.entry(actor.actor_id, AuditTag.KEY_DATA_KEY_DESTROY,
                                                 "ok", client_id=client_id,
                                                 resource_id=request_id)])

        self._gate.write(actor, P.CHART_DESTRUCTION_APPROVE, AuditTag.RECORD_CLIENT_DESTROY,
                         client_id, work, resource_id=request_id,
                         is_author=found.requested_by == actor.actor_id, basis=found.basis,
                         requested_by=found.requested_by,
                         requested_at=iso(found.requested_at))

    def _pending(self, request_id: str) -> RequestView:
        with read_transaction(self._rt.engine) as conn:
            row = repo.request(conn, request_id)
        if row is None:
            raise NotFound("no such destruction request")
        if row.status != PENDING:
            raise ConflictError("this request was already decided")
        return _view(row)

    def _check(self, conn: Connection, client_id: str, basis: DestructionBasis) -> None:
        due = repo.due_on(conn, client_id)
        refused = may_destroy(basis, due, hold_spans(conn, client_id), self._rt.now().date())
        if refused:
            raise ConflictError(REFUSALS[refused])
