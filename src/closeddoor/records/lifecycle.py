"""Closing a chart: discharge (and reopening), its destruction-due date, and legal holds.

Every use case passes the gate. A discharged chart leaves caseloads (they list active charts) but
stays readable to its care team. The due date is computed once, at discharge, from the client's
date of birth and last service under the practice's retention rule, and stored as a plain date so
the owner's list and `closeddoor retention due` need no clinical data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.clients import demographics_under
from closeddoor.records.model import AppointmentStatus, require_reason
from closeddoor.records.retention import (
    HoldSpan,
    RetentionRule,
    destruction_due_on,
    effective_due_on,
)
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import lifecycle_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
STATUS_ACTIVE = "active"
STATUS_DISCHARGED = "discharged"
_NOT_A_SERVICE = (AppointmentStatus.CANCELLED.value, AppointmentStatus.LATE_CANCELLED.value,
                  AppointmentStatus.NO_SHOW.value, AppointmentStatus.SCHEDULED.value)


@dataclass(frozen=True)
class LegalHoldView:
    hold_id: str
    placed_at: datetime
    placed_by: str
    released_at: datetime | None
    released_by: str | None


@dataclass(frozen=True)
class ChartLifecycle:
    """Where a chart stands: active or discharged (when, due for destruction when), and holds."""

    client_id: str
    status: str
    discharged_on: date | None = None
    last_service_on: date | None = None
    destruction_due_on: date | None = None  # as stored at discharge
    effective_due_on: date | None = None  # with the clock stopped by holds; None while held
    on_hold: bool = False
    holds: tuple[LegalHoldView, ...] = ()


def parse_day(value: Any, name: str, today: date) -> date:
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise InvalidInput(f"{name}: use YYYY-MM-DD") from None
    if day > today:
        raise InvalidInput(f"{name}: must not be in the future")
    return day


def hold_spans(conn: Connection, client_id: str) -> list[HoldSpan]:
    return [HoldSpan(row.placed_at, row.released_at) for row in repo.holds_of(conn, client_id)]


def lifecycle_in(conn: Connection, client_id: str) -> ChartLifecycle:
    """The chart's lifecycle facts (no clinical content), inside the caller's transaction."""
    status = repo.client_status(conn, client_id)
    if status is None:
        raise NotFound("no such client")
    rows = repo.holds_of(conn, client_id)
    holds = tuple(LegalHoldView(r.id, r.placed_at, r.placed_by, r.released_at, r.released_by)
                  for r in rows)
    spans = [HoldSpan(h.placed_at, h.released_at) for h in holds]
    on_hold = any(h.released_at is None for h in holds)
    row = repo.discharge(conn, client_id)
    if row is None:
        return ChartLifecycle(client_id, status, on_hold=on_hold, holds=holds)
    return ChartLifecycle(client_id, status, row.discharged_on, row.last_service_on,
                          row.destruction_due_on, effective_due_on(row.destruction_due_on, spans),
                          on_hold, holds)


class LifecycleService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def lifecycle(self, actor: Actor, client_id: str) -> ChartLifecycle:
        """Where the chart stands, for anyone who may see the chart's demographics."""
        self._gate.authorize_read(actor, P.CHART_DEMOGRAPHICS_READ, AuditTag.RECORD_CLIENT_READ,
                                  client_id, resource_id=client_id)
        with read_transaction(self._rt.engine) as conn:
            return lifecycle_in(conn, client_id)

    def discharge(self, actor: Actor, client_id: str, data: dict[str, Any]) -> date:
        """Close the chart on a date, for a reason; returns its destruction-due date."""
        rt = self._rt
        today = rt.now().date()
        discharged_on = parse_day(data.get("discharged_on"), "discharged_on", today)
        reason = require_reason(data.get("reason"))

        def work(conn: Connection, access: Access) -> date:
            if repo.client_status(conn, client_id) != STATUS_ACTIVE:
                raise ConflictError("this chart is already discharged; reopen it first")
            code = repo.jurisdiction_code(conn)
            facts = load_jurisdiction(code).facts
            rule = RetentionRule(int(facts["records_retention_years"].value),
                                 int(facts["age_of_majority"].value))
            birth = date.fromisoformat(demographics_under(conn, rt.keyring, access)
                                       ["date_of_birth"])
            last = _last_service(conn, client_id, discharged_on)
            due = destruction_due_on(rule, last, birth)
            repo.insert_discharge(
                conn, client_id=client_id, discharged_on=discharged_on,
                reason_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.CLIENT, client_id, "discharge_reason",
                    json.dumps({"reason": reason}).encode(), access),
                last_service_on=last, destruction_due_on=due, jurisdiction=code,
                retention_years=rule.retention_years, discharged_by=actor.actor_id,
                discharged_at=rt.now())
            repo.set_client_status(conn, client_id, STATUS_DISCHARGED)
            return due

        return self._gate.write(actor, P.CHART_CLIENT_DISCHARGE, AuditTag.RECORD_CLIENT_DISCHARGE,
                                client_id, work, resource_id=client_id)

    def discharge_reason(self, actor: Actor, client_id: str) -> str:
        """The discharge reason, for the care team."""
        access = self._gate.authorize_read(actor, P.CHART_CLIENT_DISCHARGE,
                                           AuditTag.RECORD_CLIENT_READ, client_id,
                                           resource_id=client_id)
        with read_transaction(self._rt.engine) as conn:
            row = repo.discharge(conn, client_id)
            sealed = None if row is None else row.reason_sealed
            if sealed is None:
                raise NotFound("this chart is not discharged")
            plain = self._rt.keyring.unseal_field(conn, client_id, RecordKind.CLIENT, client_id,
                                                  "discharge_reason", sealed, access)
        return str(json.loads(plain)["reason"])

    def reopen(self, actor: Actor, client_id: str, data: dict[str, Any]) -> None:
        """Reopen a discharged chart: it is active again and has no due date."""
        reason = require_reason(data.get("reason"))

        def work(conn: Connection, access: Access) -> None:
            if repo.client_status(conn, client_id) != STATUS_DISCHARGED:
                raise ConflictError("this chart is not discharged")
            repo.delete_discharge(conn, client_id)
            repo.set_client_status(conn, client_id, STATUS_ACTIVE)

        # The reason's length is recorded, never its words (it may hold clinical detail).
        self._gate.write(actor, P.CHART_CLIENT_DISCHARGE, AuditTag.RECORD_CLIENT_REOPEN,
                         client_id, work, resource_id=client_id, reason_chars=len(reason))

    # --- legal holds ---------------------------------------------------------------------------
    def place_hold(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        """Stop the retention clock (litigation, a request under review): the owner's, with a
        reason (sealed under the client's key)."""
        rt = self._rt
        reason = require_reason(data.get("reason"))
        hold_id = new_id()

        def work(conn: Connection, access: Access) -> str:
            repo.insert_hold(
                conn, id=hold_id, client_id=client_id, placed_at=rt.now(),
                placed_by=actor.actor_id,
                reason_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.CLIENT, hold_id, "legal_hold_reason",
                    json.dumps({"reason": reason}).encode(), access))
            return hold_id

        return self._gate.write(actor, P.CHART_LEGAL_HOLD_MANAGE, AuditTag.RECORD_LEGAL_HOLD_PLACE,
                                client_id, work, resource_id=hold_id)

    def release_hold(self, actor: Actor, client_id: str, hold_id: str) -> None:
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            if not repo.release_hold(conn, client_id, hold_id, rt.now(), actor.actor_id):
                if not repo.hold_exists(conn, client_id, hold_id):
                    raise NotFound("no such legal hold")
                raise ConflictError("this legal hold was already released")

        self._gate.write(actor, P.CHART_LEGAL_HOLD_MANAGE, AuditTag.RECORD_LEGAL_HOLD_RELEASE,
                         client_id, work, resource_id=hold_id)


def _last_service(conn: Connection, client_id: str, discharged_on: date) -> date:
    """The last date of service on or before discharge: the latest attended appointment or
    note's session date; the discharge date itself when there is none."""
    attended, noted = repo.last_service_days(conn, client_id, _NOT_A_SERVICE)
    days: list[date] = []
    if attended is not None:
        days.append(attended.date() if isinstance(attended, datetime) else
                    date.fromisoformat(str(attended)[:10]))
    if noted is not None:
        days.append(noted if isinstance(noted, date) else date.fromisoformat(str(noted)))
    candidates = [d for d in days if d <= discharged_on]
    return max(candidates) if candidates else discharged_on
