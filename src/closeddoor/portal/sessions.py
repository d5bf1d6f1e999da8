"""The client's upcoming sessions in the portal, in the client's own time zone (their portal
choice, else the practice's), with place or "video session", and cancelling one when the
practice allows it (an owner setting, on by default) and the session is outside the
late-cancel window. Cancelling goes through the appointment service
(`AppointmentService.cancel_for_client`): audited, and its pending reminders leave the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from closeddoor.audit.tags import AuditTag
from closeddoor.gate import Gate
from closeddoor.localtime import to_local
from closeddoor.policy import Actor, Permission
from closeddoor.portal.model import PortalPrincipal
from closeddoor.records.model import AppointmentStatus, Modality
from closeddoor.records.schedule import is_late_cancel
from closeddoor.records.service import ChartService
from closeddoor.runtime import Runtime
from closeddoor.store import appointment_repository, intake_repository
from closeddoor.store.db import read_transaction, write_transaction

P = Permission


@dataclass(frozen=True)
class UpcomingSession:
    appointment_id: str
    starts_at: datetime  # in the client's zone
    ends_at: datetime
    place: str  # the room, "video session", or "" (ask the office)
    clinician: str
    can_cancel: bool


@dataclass(frozen=True)
class Upcoming:
    sessions: list[UpcomingSession]
    cancellation_allowed: bool  # the practice's setting
    late_cancel_hours: int
    zone_name: str


class PortalSessions:
    def __init__(self, runtime: Runtime, gate: Gate, charts: ChartService,
                 names: Callable[[], dict[str, str]]) -> None:
        self._rt = runtime
        self._gate = gate
        self._charts = charts
        self._names = names

    def upcoming(self, principal: PortalPrincipal) -> Upcoming:
        """The signed-in client's own scheduled sessions from now on, soonest first."""
        access = self._gate.authorize_read(principal.actor, P.PORTAL_RECORD_READ,
                                           AuditTag.PORTAL_APPOINTMENT_READ,
                                           principal.client_id)
        where = self._charts.zone_for_client(principal.client_id)
        now = self._rt.now()
        with read_transaction(self._rt.engine) as conn:
            allowed = intake_repository.portal_cancellation(conn)
            window = appointment_repository.late_cancel_hours(conn)
        names = self._names()
        sessions = []
        for view in sorted(self._charts.appointments_under(access), key=lambda v: v.starts_at):
            if view.status != AppointmentStatus.SCHEDULED or view.starts_at < now:
                continue
            start = to_local(view.starts_at, where)
            end = to_local(view.starts_at + timedelta(minutes=view.duration_minutes), where)
            place = "video session" if view.modality == Modality.TELEHEALTH else view.room
            sessions.append(UpcomingSession(
                view.appointment_id, start, end, place,
                names.get(view.clinician_id, ""),
                allowed and not is_late_cancel(now, view.starts_at, window)))
        return Upcoming(sessions, allowed, window, str(where))

    def cancel(self, principal: PortalPrincipal, appointment_id: str) -> str:
        """Cancel one of the client's own sessions (ConflictError inside the window or when
        the practice takes cancellations by phone only; NotFound for another's session)."""
        return self._charts.cancel_for_client(principal.actor, appointment_id)

    # --- the owner's setting ---------------------------------------------------------------------
    def cancellation_allowed(self) -> bool:
        with read_transaction(self._rt.engine) as conn:
            return intake_repository.portal_cancellation(conn)

    def set_cancellation_allowed(self, actor: Actor, allowed: bool) -> None:
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            if intake_repository.portal_cancellation(conn) == allowed:
                return
            intake_repository.set_portal_cancellation(conn, allowed)
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE, "ok",
                setting="portal_cancellation", value=int(allowed))])

