"""Outcome measures as use cases: the care team enters a measure in session or asks the client
to complete one in the portal before a session; the client completes it; everyone allowed reads
the client's measures and their trend; a PHQ-9 answered above 0 on question 9 raises a safety
flag for the treating care team at once, shown on their home page and the chart until one of
them records a review.

Results (answers, score, band, flag) are sealed under the client's key (`RecordKind.MEASURE`)
and read only through the gate: `chart:measure:read` (the care team, supervisors, break-glass;
never billing or the owner as such), `chart:measure:write` (the treating care team) and the
client's own `portal:measure:fill`. Audit events hold ids and the instrument's name, never an
answer or a score.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, DecryptionFailed, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.measures.model import (
    DEFINITIONS,
    Change,
    Definition,
    Result,
    definition,
    reliable_change,
    score,
)
from closeddoor.policy import Actor, Permission, Role
from closeddoor.portal.model import PortalPrincipal
from closeddoor.records.clients import demographics_under
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import measure_repository as repo
from closeddoor.store import records_repository
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
T = AuditTag
SESSION = "session"  # entered by the clinician (in session, or through the API)
PORTAL = "portal"  # completed by the client in the portal


@dataclass(frozen=True)
class MeasureView:
    measure_id: str
    client_id: str
    instrument: str
    taken_at: datetime
    entered_by: str
    source: str
    answers: tuple[int, ...]
    score: int
    severity: str
    safety_flag: bool


@dataclass(frozen=True)
class RequestView:
    request_id: str
    client_id: str
    instrument: str
    requested_at: datetime
    requested_by: str
    definition: Definition


@dataclass(frozen=True)
class FlagView:
    flag_id: str
    client_id: str
    measure_id: str
    instrument: str
    raised_at: datetime
    reviewed_by: str
    reviewed_at: datetime | None
    client_name: str = ""  # on the home page only

    @property
    def is_open(self) -> bool:
        return self.reviewed_at is None


@dataclass(frozen=True)
class Trend:
    """One instrument's measures for one client, oldest first, with reliable change from the
    first to the latest and the goal's target score when the caller has one."""

    definition: Definition
    points: tuple[MeasureView, ...]
    target: int | None

    @property
    def change(self) -> Change | None:
        if len(self.points) < 2:
            return None
        return reliable_change(self.definition, self.points[0].score, self.points[-1].score)

    @property
    def band_from_first(self) -> tuple[int, int] | None:
        """Scores between these two (exclusive) are within measurement error of the first."""
        if not self.points:
            return None
        first, step = self.points[0].score, self.definition.reliable_change
        return first - step, first + step


class MeasureService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- the care team ----------------------------------------------------------------------
    def record(self, actor: Actor, client_id: str, instrument: str,
               answers: Sequence[object]) -> MeasureView:
        """Enter a completed measure (in session). Answers are checked before the gate is
        asked (InvalidInput naming each problem; nothing is recorded)."""
        result = score(instrument, answers)
        measure_id = new_id()
        return self._gate.write(
            actor, P.CHART_MEASURE_WRITE, T.RECORD_MEASURE_CREATE, client_id,
            lambda conn, access: self._insert(conn, access, actor.actor_id, measure_id,
                                              result, SESSION, None),
            resource_id=measure_id, instrument=result.instrument.value)

    def request(self, actor: Actor, client_id: str, instrument: str) -> str:
        """Ask the client to complete a measure in the portal before a session. Their next
        reminder carries a neutral link (docs/measures.md)."""
        spec = definition(instrument)
        request_id = new_id()
        rt = self._rt

        def work(conn: Connection, _: Access) -> str:
            if any(r.instrument == spec.instrument.value
                   for r in repo.open_requests(conn, client_id)):
                raise ConflictError(f"instrument: the client already has a {spec.instrument} "
                                    "waiting to be completed")
            repo.insert_request(conn, id=request_id, client_id=client_id,
                                instrument=spec.instrument.value, requested_by=actor.actor_id,
                                requested_at=rt.now())
            return request_id

        return self._gate.write(actor, P.CHART_MEASURE_WRITE, T.RECORD_MEASURE_REQUEST,
                                client_id, work, resource_id=request_id,
                                instrument=spec.instrument.value)

    def measures(self, actor: Actor, client_id: str) -> list[MeasureView]:
        """The client's measures, oldest first."""
        access = self._gate.authorize_read(actor, P.CHART_MEASURE_READ, T.RECORD_MEASURE_READ,
                                           client_id)
        with read_transaction(self._rt.engine) as conn:
            return [self._view(conn, row, access) for row in repo.measures_of(conn, client_id)]

    def measures_under(self, access: Access) -> list[MeasureView]:
        """The client's measures, oldest first, under a decision already taken and audited
        (a record export: docs/operations.md)."""
        with read_transaction(self._rt.engine) as conn:
            return [self._view(conn, row, access)
                    for row in repo.measures_of(conn, access.client_id)]

    def trend(self, actor: Actor, client_id: str, instrument: str,
              target: int | None = None) -> Trend:
        """One instrument's measures with reliable change and an optional target score."""
        spec = definition(instrument)
        points = tuple(m for m in self.measures(actor, client_id)
                       if m.instrument == spec.instrument.value)
        return _trend(spec, points, target)

    def trends(self, actor: Actor, client_id: str, target: int | None = None) -> list[Trend]:
        """Every instrument's trend from one read (one audited decision), in name order."""
        taken = self.measures(actor, client_id)
        return [_trend(spec, tuple(m for m in taken if m.instrument == spec.instrument.value),
                       target)
                for spec in sorted(DEFINITIONS.values(), key=lambda d: d.instrument.value)]

    def pending_requests(self, actor: Actor, client_id: str) -> list[RequestView]:
        """What the client was asked to complete and has not yet (the chart shows it)."""
        self._gate.authorize_read(actor, P.CHART_MEASURE_READ, T.RECORD_MEASURE_READ, client_id)
        with read_transaction(self._rt.engine) as conn:
            return [_request_view(row) for row in repo.open_requests(conn, client_id)]

    def flags(self, actor: Actor, client_id: str) -> list[FlagView]:
        """The client's safety flags, newest first, reviewed or not."""
        self._gate.authorize_read(actor, P.CHART_MEASURE_READ, T.RECORD_SAFETY_FLAG_READ,
                                  client_id)
        with read_transaction(self._rt.engine) as conn:
            return [_flag_view(row) for row in repo.flags_of(conn, client_id)]

    def review_flag(self, actor: Actor, client_id: str, flag_id: str) -> None:
        """A treating clinician records that they reviewed the flag (and, where needed, wrote
        or updated a safety plan in a progress note). Once per flag (ConflictError)."""
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            row = repo.flag(conn, client_id, flag_id)
            if row is None:
                raise NotFound("no such safety flag")
            if row.reviewed_at is not None:
                raise ConflictError("this safety flag was already reviewed")
            repo.insert_review(conn, id=new_id(), client_id=client_id, flag_id=flag_id,
                               reviewed_by=actor.actor_id, reviewed_at=rt.now())

        self._gate.write(actor, P.CHART_MEASURE_WRITE, T.RECORD_SAFETY_FLAG_REVIEW, client_id,
                         work, resource_id=flag_id)

    def open_flags_for(self, actor: Actor) -> list[FlagView]:
        """The home page: open flags of the clients this actor treats now (on their care
        team). Nobody else's home page asks: billing and supervisors get an empty list
        without a query."""
        if actor.role not in (Role.CLINICIAN, Role.OWNER):
            return []
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            candidates = repo.clients_with_open_flags(conn)
        if not candidates:
            return []
        batch = self._gate.authorize_many(actor, P.CHART_MEASURE_WRITE,
                                          T.RECORD_SAFETY_FLAG_READ, candidates, reason="today")
        names: dict[str, str] = {}
        with read_transaction(rt.engine) as conn:
            for row in records_repository.sealed_demographics_of(conn, list(batch.allowed)):
                try:
                    demo = demographics_under(conn, rt.keyring, batch.allowed[row.id],
                                              row.demographics_sealed)
                    names[row.id] = f"{demo['given_name']} {demo['family_name']}"
                except DecryptionFailed:
                    names[row.id] = "(name withheld)"
            rows = repo.open_flags_of(conn, list(batch.allowed))
        return [_flag_view(row, names.get(row.client_id, "")) for row in rows]

    # --- the client, in the portal ----------------------------------------------------------
    def client_requests(self, principal: PortalPrincipal) -> list[RequestView]:
        """The measures the signed-in client was asked to complete and has not yet."""
        self._gate.authorize_read(principal.actor, P.PORTAL_MEASURE_FILL, T.PORTAL_MEASURE_READ,
                                  principal.client_id)
        with read_transaction(self._rt.engine) as conn:
            return [_request_view(row) for row in repo.open_requests(conn, principal.client_id)]

    def client_request(self, principal: PortalPrincipal, request_id: str) -> RequestView:
        """One open request of the signed-in client's. Another client's, or one already
        answered, is NotFound / ConflictError."""
        self._gate.authorize_read(principal.actor, P.PORTAL_MEASURE_FILL, T.PORTAL_MEASURE_READ,
                                  principal.client_id, resource_id=request_id)
        with read_transaction(self._rt.engine) as conn:
            row = _open_request(conn, principal.client_id, request_id)
        return _request_view(row)

    def complete(self, principal: PortalPrincipal, request_id: str,
                 answers: Sequence[object]) -> str:
        """The client's answers to one request. Checked first (InvalidInput naming each
        question); answered once (ConflictError). Returns the measure's id."""
        client_id = principal.client_id
        measure_id = new_id()

        def work(conn: Connection, access: Access) -> str:
            instrument = _open_request(conn, client_id, request_id).instrument
            # Bad answers change nothing, the audit included (the gate rolls back).
            self._insert(conn, access, principal.actor.actor_id, measure_id,
                         score(instrument, answers), PORTAL, request_id)
            return measure_id

        return self._gate.write(principal.actor, P.PORTAL_MEASURE_FILL, T.PORTAL_MEASURE_CREATE,
                                client_id, work, resource_id=measure_id, request=request_id)

    # --- helpers ----------------------------------------------------------------------------
    def _insert(self, conn: Connection, access: Access, actor_id: str, measure_id: str,
                result: Result, source: str, request_id: str | None) -> MeasureView:
        rt = self._rt
        now = rt.now()
        client_id = access.client_id
        sealed = rt.keyring.seal_field(conn, client_id, RecordKind.MEASURE, measure_id, "result",
                                       json.dumps(_result_json(result)).encode(), access)
        repo.insert_measure(conn, id=measure_id, client_id=client_id,
                            instrument=result.instrument.value, taken_at=now,
                            entered_by=actor_id, source=source, request_id=request_id,
                            result_sealed=sealed)
        if result.safety_flag:
            # At once, in the same transaction: the flag exists exactly when the measure does.
            flag_id = new_id()
            repo.insert_flag(conn, id=flag_id, client_id=client_id, measure_id=measure_id,
                             raised_at=now)
            self._gate.record_in(conn, [rt.entry(
                actor_id, T.RECORD_SAFETY_FLAG_RAISE, "ok", client_id=client_id,
                resource_id=flag_id, reason="phq-9-item-9", measure=measure_id)])
        return MeasureView(measure_id, client_id, result.instrument.value, now, actor_id,
                           source, result.answers, result.score, result.severity,
                           result.safety_flag)

    def _view(self, conn: Connection, row: Row[Any], access: Access) -> MeasureView:
        data = json.loads(self._rt.keyring.unseal_field(
            conn, row.client_id, RecordKind.MEASURE, row.id, "result", row.result_sealed,
            access))
        return MeasureView(row.id, row.client_id, row.instrument, row.taken_at, row.entered_by,
                           row.source, tuple(int(a) for a in data["answers"]),
                           int(data["score"]), str(data["severity"]), bool(data["safety_flag"]))


def _trend(spec: Definition, points: tuple[MeasureView, ...], target: int | None) -> Trend:
    """A trend; a target outside the instrument's range is dropped (never drawn)."""
    if target is not None and not 0 <= target <= spec.highest_score:
        target = None
    return Trend(spec, points, target)


def _result_json(result: Result) -> dict[str, Any]:
    return {"answers": list(result.answers), "score": result.score,
            "severity": result.severity, "safety_flag": result.safety_flag}


def _open_request(conn: Connection, client_id: str, request_id: str) -> Row[Any]:
    row = repo.request(conn, client_id, request_id)
    if row is None:
        raise NotFound("no such questionnaire")
    if row.measure_id is not None:
        raise ConflictError("this questionnaire was already completed; thank you")
    return row


def _request_view(row: Row[Any]) -> RequestView:
    return RequestView(row.id, row.client_id, row.instrument, row.requested_at,
                       row.requested_by, definition(row.instrument))


def _flag_view(row: Row[Any], name: str = "") -> FlagView:
    return FlagView(row.id, row.client_id, row.measure_id, row.instrument, row.raised_at,
                    row.reviewed_by or "", row.reviewed_at, name)
