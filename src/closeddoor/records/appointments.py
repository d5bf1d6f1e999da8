"""Use cases for appointments: book (one session or a weekly / every-other-week series),
reschedule or edit (one session or this and the following ones), cancel (late or not, by the
practice's window), mark attended or no-show, and list; each through the gate.

Times, lengths, modality, status and the series stay in the clear for scheduling; the details
(room, CPT, ICD-10, fee, the video link) are sealed, and the room is also kept as a blind index
(a keyed hash of its name) so room clashes and the room calendar work without the name. Every
time comes in and goes out in the practice's zone (`closeddoor.localtime`) and is stored in
UTC. Clashes are checked inside the write transaction under the schedule lock
(`appointment_repository.lock_schedule`), so two bookings cannot both pass. The SQL is in
`closeddoor.store.appointment_repository`; the pure rules in `closeddoor.records.schedule`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Row

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.preferences import Preferences
from closeddoor.crypto import blind_index
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.localtime import to_local, zone, zone_or_utc
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.model import AppointmentStatus, Modality, NewAppointment
from closeddoor.records.schedule import (
    ACTIVE_STATUSES,
    Repeat,
    SeriesRule,
    is_late_cancel,
    occurrences,
    shift_keeping_wall_time,
)
from closeddoor.records.views import AppointmentView
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import appointment_repository as repo
from closeddoor.store import (
    consent_repository,
    intake_repository,
    records_repository,
    reminder_repository,
    restriction_repository,
    staff,
)
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.treatment.problems import listed_codes_under
from closeddoor.types import RecordKind

P = Permission
MAX_LATE_CANCEL_HOURS = 168
SCOPES = ("one", "following")


@dataclass(frozen=True)
class SchedulingSettings:
    time_zone: str
    late_cancel_hours: int


def scheduling_problems(time_zone: str, late_cancel_hours: int) -> list[str]:
    """What is wrong with a zone and a late-cancel window, each naming its field (none: fine)."""
    problems = []
    try:
        zone(time_zone)
    except InvalidInput as exc:
        problems.append(str(exc))
    if not 0 <= late_cancel_hours <= MAX_LATE_CANCEL_HOURS:
        problems.append("late_cancel_hours: a whole number of hours from 0 to 168")
    return problems


class AppointmentService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- the practice's zone and late-cancel window -----------------------------------------------
    def scheduling_settings(self) -> SchedulingSettings:
        with read_transaction(self._rt.engine) as conn:
            return SchedulingSettings(repo.practice_time_zone(conn), repo.late_cancel_hours(conn))

    def practice_zone(self) -> ZoneInfo:
        with read_transaction(self._rt.engine) as conn:
            return zone_or_utc(repo.practice_time_zone(conn))

    def zone_for_client(self, client_id: str) -> ZoneInfo:
        """The zone a portal client reads times in: their own when they chose one, else the
        practice's."""
        with read_transaction(self._rt.engine) as conn:
            own = repo.portal_time_zone(conn, client_id) if client_id else None
            return zone_or_utc(own or repo.practice_time_zone(conn))

    def client_time_zone(self, client_id: str) -> str:
        """The zone the client chose for the portal, or "" (the practice's)."""
        with read_transaction(self._rt.engine) as conn:
            return repo.portal_time_zone(conn, client_id) or ""

    def set_client_time_zone(self, actor: Actor, client_id: str, name: str) -> None:
        """A portal client's own zone for the times the portal shows ("" for the practice's),
        a portal preference: the client for themselves, or their care team."""
        chosen = str(zone(name)) if name.strip() else None

        def work(conn: Connection, _: Access) -> None:
            repo.set_portal_time_zone(conn, client_id, chosen)

        self._gate.write(actor, P.PORTAL_PREFERENCES_WRITE if actor.role is Role.CLIENT
                         else P.CHART_PREFERENCES_WRITE, AuditTag.RECORD_PREFERENCES_UPDATE,
                         client_id, work, resource_id=client_id, setting="time_zone")

    def update_scheduling_settings(self, actor: Actor, time_zone: str,
                                   late_cancel_hours: int) -> None:
        """The owner sets the practice's IANA zone (checked against the zone database) and the
        late-cancel window in hours (0 to 168). Both problems are reported at once."""
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        errors = scheduling_problems(time_zone, late_cancel_hours)
        if errors:
            raise InvalidInput("; ".join(errors))
        name = str(zone(time_zone))
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            entries = []
            if repo.practice_time_zone(conn) != name:
                repo.set_practice_time_zone(conn, name)
                entries.append(rt.entry(actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE, "ok",
                                        setting="time_zone", value=name))
            if repo.late_cancel_hours(conn) != late_cancel_hours:
                repo.set_late_cancel_hours(conn, late_cancel_hours)
                entries.append(rt.entry(actor.actor_id, AuditTag.PRACTICE_SETTINGS_UPDATE, "ok",
                                        setting="late_cancel_hours", value=late_cancel_hours))
            if entries:
                self._gate.record_in(conn, entries)

    # --- booking ----------------------------------------------------------------------------------
    def create_appointment(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        """Book one session, or a series when `repeat` is weekly or fortnightly (with
        `repeat_until` or `repeat_count`). Returns the first session's id. A clash with the
        clinician's, the room's or the client's bookings (or the clinician's time off) is
        refused whole with ConflictError (409)."""
        return self.book(actor, client_id, data)[0]

    def book(self, actor: Actor, client_id: str, data: dict[str, Any]) -> list[str]:
        """`create_appointment`, returning every session's id, in order."""
        rt = self._rt
        where = self.practice_zone()
        appointment = NewAppointment.parse(data, where)
        rule = SeriesRule.parse(data.get("repeat"), data.get("repeat_until"),
                                data.get("repeat_count"))
        if rule.repeat is Repeat.NONE:
            starts = [appointment.starts_at]
        else:
            wall = appointment.wall_time or to_local(appointment.starts_at, where).replace(
                tzinfo=None)
            starts = occurrences(wall, where, rule)
        clinician_id = appointment.clinician_id or (
            actor.actor_id if actor.role in (Role.CLINICIAN, Role.OWNER) else None
        )
        if clinician_id is None:
            raise InvalidInput("clinician_id: choose the clinician when front desk books")
        ids = [new_id() for _ in starts]
        series_id = new_id() if len(starts) > 1 else None
        length = timedelta(minutes=appointment.duration_minutes)

        def work(conn: Connection, access: Access) -> list[str]:
            if not records_repository.is_on_care_team(conn, clinician_id, client_id, rt.now()):
                raise InvalidInput("clinician_id: must be on the client's care team")
            self._require_listed_diagnosis(conn, access, appointment.details.icd10_code)
            if appointment.modality is Modality.TELEHEALTH:
                self._require_telehealth_consent(conn, client_id, access)
            repo.lock_schedule(conn)
            for appointment_id, start in zip(ids, starts, strict=True):
                if appointment.status.value in ACTIVE_STATUSES:
                    self._refuse_clashes(conn, where, start, start + length, clinician_id,
                                         appointment.details.room, client_id, ())
                repo.insert_appointment(
                    conn,
                    id=appointment_id,
                    client_id=client_id,
                    clinician_id=clinician_id,
                    starts_at=start,
                    ends_at=start + length,
                    duration_minutes=appointment.duration_minutes,
                    modality=appointment.modality.value,
                    status=appointment.status.value,
                    room_index=self.room_index(appointment.details.room),
                    series_id=series_id,
                    details_sealed=self._seal_details(conn, client_id, appointment_id,
                                              appointment.details.to_json(), access),
                    created_at=rt.now(),
                )
            return ids

        return self._gate.write(actor, P.CHART_APPOINTMENT_WRITE,
                                AuditTag.RECORD_APPOINTMENT_CREATE, client_id, work,
                                resource_id=ids[0], sessions=len(ids))

    def update_appointment(self, actor: Actor, client_id: str, appointment_id: str,
                           data: dict[str, Any], *, scope: str = "one") -> int:
        """Reschedule or edit a session (`scope` "one"), or it and the rest of its series
        ("following": each keeps its own date, moved by the same local wall-clock change).
        Status is not changed here (see `cancel_appointment`, `set_appointment_status`).
        Returns how many sessions changed."""
        if scope not in SCOPES:
            raise InvalidInput("scope: this session only (one) or this and following")
        rt = self._rt
        where = self.practice_zone()
        changed = NewAppointment.parse(data, where)
        length = timedelta(minutes=changed.duration_minutes)

        def work(conn: Connection, access: Access) -> int:
            row = repo.appointment(conn, client_id, appointment_id)
            if row is None:
                raise NotFound("no such appointment")
            clinician_id = changed.clinician_id or row.clinician_id
            if clinician_id != row.clinician_id and not records_repository.is_on_care_team(
                    conn, clinician_id, client_id, rt.now()):
                raise InvalidInput("clinician_id: must be on the client's care team")
            kept = str(json.loads(rt.keyring.unseal_field(
                conn, client_id, RecordKind.APPOINTMENT, row.id, "details", row.details_sealed,
                access)).get("icd10_code") or "")
            self._require_listed_diagnosis(conn, access, changed.details.icd10_code, kept=kept)
            if changed.modality is Modality.TELEHEALTH:
                self._require_telehealth_consent(conn, client_id, access)
            rows = [row]
            if scope == "following" and row.series_id:
                rows = list(repo.series_from(conn, client_id, row.series_id, row.starts_at))
            repo.lock_schedule(conn)
            moved = {r.id for r in rows}
            for each in rows:
                start = changed.starts_at if each.id == row.id else shift_keeping_wall_time(
                    each.starts_at, changed.starts_at, where, row.starts_at)
                if each.status in ACTIVE_STATUSES:
                    self._refuse_clashes(conn, where, start, start + length, clinician_id,
                                         changed.details.room, client_id, moved)
                repo.update_appointment(
                    conn, client_id, each.id, clinician_id=clinician_id, starts_at=start,
                    ends_at=start + length, duration_minutes=changed.duration_minutes,
                    modality=changed.modality.value,
                    room_index=self.room_index(changed.details.room),
                    details_sealed=self._seal_details(conn, client_id, each.id,
                                              changed.details.to_json(), access),
                    updated_at=rt.now())
            return len(rows)

        return self._gate.write(actor, P.CHART_APPOINTMENT_WRITE,
                                AuditTag.RECORD_APPOINTMENT_UPDATE, client_id, work,
                                resource_id=appointment_id, change="reschedule", scope=scope)

    def cancel_appointment(self, actor: Actor, client_id: str, appointment_id: str, *,
                           scope: str = "one") -> str:
        """Cancel a session (or it and the rest of its series). Inside the practice's
        late-cancel window (or after the start) it is `late_cancelled`, else `cancelled`.
        Returns the status given to the session named."""
        if scope not in SCOPES:
            raise InvalidInput("scope: this session only (one) or this and following")

        def work(conn: Connection, _: Access) -> str:
            return self._cancel_in(conn, client_id, appointment_id, scope)

        return self._gate.write(actor, P.CHART_APPOINTMENT_WRITE,
                                AuditTag.RECORD_APPOINTMENT_UPDATE, client_id, work,
                                resource_id=appointment_id, change="cancel", scope=scope)

    def cancel_for_client(self, actor: Actor, appointment_id: str) -> str:
        """A portal client cancels one of their own sessions: only when the practice allows
        portal cancellation and the session starts outside the late-cancel window (else
        ConflictError saying to call the office, with the window). Audited as
        `portal:appointment:cancel`; the pending reminders leave the outbox."""
        rt = self._rt
        client_id = actor.client_id

        def work(conn: Connection, _: Access) -> str:
            if not intake_repository.portal_cancellation(conn):
                raise ConflictError("cancel: the practice takes cancellations by phone; please "
                                    "call the office")
            row = repo.appointment(conn, client_id, appointment_id)
            if row is None:
                raise NotFound("no such appointment")
            window = repo.late_cancel_hours(conn)
            if row.status == AppointmentStatus.SCHEDULED and is_late_cancel(
                    rt.now(), row.starts_at, window):
                raise ConflictError(f"cancel: this session starts within {window} hours, the "
                                    "practice's late-cancellation window; please call the "
                                    "office to cancel it")
            return self._cancel_in(conn, client_id, appointment_id, "one")

        return self._gate.write(actor, P.PORTAL_APPOINTMENT_CANCEL,
                                AuditTag.PORTAL_APPOINTMENT_CANCEL, client_id, work,
                                resource_id=appointment_id)

    def _cancel_in(self, conn: Connection, client_id: str, appointment_id: str,
                   scope: str) -> str:
        """Cancel inside the caller's transaction: `late_cancelled` inside the practice's
        window (or after the start), else `cancelled`; pending reminders are withdrawn."""
        row = repo.appointment(conn, client_id, appointment_id)
        if row is None:
            raise NotFound("no such appointment")
        if row.status != AppointmentStatus.SCHEDULED:
            already = row.status.replace("_", " ")
            raise ConflictError(f"status: this session is already {already}")
        window = repo.late_cancel_hours(conn)
        now = self._rt.now()
        rows = [row]
        if scope == "following" and row.series_id:
            rows = [r for r in repo.series_from(conn, client_id, row.series_id, row.starts_at)
                    if r.status == AppointmentStatus.SCHEDULED]
        given = ""
        for each in rows:
            status = (AppointmentStatus.LATE_CANCELLED if is_late_cancel(
                now, each.starts_at, window) else AppointmentStatus.CANCELLED).value
            repo.set_appointment_status(conn, client_id, each.id, status, now)
            reminder_repository.withdraw_pending(conn, each.id, now)
            if each.id == row.id:
                given = status
        return given

    def set_appointment_status(self, actor: Actor, client_id: str, appointment_id: str,
                               status: str) -> None:
        """Mark an appointment attended, cancelled, late-cancelled, no-show or scheduled.
        Putting a cancelled session back on the calendar is clash-checked like a booking."""
        try:
            new_status = AppointmentStatus(status)
        except ValueError:
            choices = ", ".join(s.value for s in AppointmentStatus)
            raise InvalidInput(f"status: one of {choices}") from None
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            row = repo.appointment(conn, client_id, appointment_id)
            if row is None:
                raise NotFound("no such appointment")
            if new_status.value in ACTIVE_STATUSES and row.status not in ACTIVE_STATUSES:
                repo.lock_schedule(conn)
                self._refuse_clashes(conn, self._zone_in(conn), row.starts_at,
                                     _ends(row), row.clinician_id, "", client_id,
                                     (row.id,), room_index=row.room_index or "")
            repo.set_appointment_status(conn, client_id, appointment_id, new_status.value,
                                        rt.now())

        self._gate.write(actor, P.CHART_APPOINTMENT_WRITE, AuditTag.RECORD_APPOINTMENT_UPDATE,
                         client_id, work, resource_id=appointment_id, status=new_status.value)

    # --- reading ----------------------------------------------------------------------------------
    def list_appointments(self, actor: Actor, client_id: str) -> list[AppointmentView]:
        access = self._gate.authorize_read(
            actor, P.CHART_APPOINTMENT_READ, AuditTag.RECORD_APPOINTMENT_READ, client_id
        )
        return self.appointments_under(access)

    def get_appointment(self, actor: Actor, client_id: str, appointment_id: str
                        ) -> AppointmentView:
        access = self._gate.authorize_read(
            actor, P.CHART_APPOINTMENT_READ, AuditTag.RECORD_APPOINTMENT_READ, client_id,
            resource_id=appointment_id)
        for view in self.appointments_under(access):
            if view.appointment_id == appointment_id:
                return view
        raise NotFound("no such appointment")

    def appointments_under(self, access: Access) -> list[AppointmentView]:
        """Decrypted appointments, newest first, under the gate's `access` to the client."""
        rt = self._rt
        client_id = access.client_id
        with read_transaction(rt.engine) as conn:
            zone = self._zone_in(conn)
            # 164.522(a)(1)(vi): services the client paid for in full, marked for billing.
            self_paid = restriction_repository.self_pay_periods(conn, client_id)
            return [
                AppointmentView(
                    r.id, r.client_id, r.clinician_id, r.starts_at, r.duration_minutes,
                    r.modality, r.status,
                    json.loads(rt.keyring.unseal_field(conn, client_id, RecordKind.APPOINTMENT,
                                                       r.id, "details", r.details_sealed,
                                                       access)),
                    r.series_id or "",
                    paid_by_client=any(first <= r.starts_at.astimezone(zone).date() <= last
                                       for first, last in self_paid),
                )
                for r in repo.appointments_of(conn, client_id)
            ]

    # --- helpers ----------------------------------------------------------------------------------
    def room_index(self, room: str) -> str | None:
        """The room's blind index (case, accents and spacing folded), None for no room."""
        return blind_index(self._rt.keyring.blind_index_key(), "room", room) if room.strip() \
            else None

    def _zone_in(self, conn: Connection) -> ZoneInfo:
        return zone_or_utc(repo.practice_time_zone(conn))

    def _seal_details(self, conn: Connection, client_id: str, appointment_id: str,
              details: dict[str, Any], access: Access) -> bytes:
        return self._rt.keyring.seal_field(conn, client_id, RecordKind.APPOINTMENT,
                                           appointment_id, "details",
                                           json.dumps(details).encode(), access)

    def _require_listed_diagnosis(self, conn: Connection, access: Access, code: str, *,
                                  kept: str = "") -> None:
        """An appointment's diagnosis is picked from the client's problem list. A code the
        appointment already had (entered as free text before the problem list existed) may
        stay as it is."""
        if not code or code == kept:
            return
        if code not in listed_codes_under(conn, self._rt.keyring, access):
            raise InvalidInput(f"icd10_code: {code} is not on this client's problem list: "
                               "pick a diagnosis from the list, or ask the clinician to add it "
                               "to the problem list first")

    def _require_telehealth_consent(self, conn: Connection, client_id: str,
                                    access: Access) -> None:
        """A video session needs the client's telehealth consent on file, granted (their
        optional consents, consent/preferences.py)."""
        sealed = consent_repository.preferences_sealed(conn, client_id)
        granted = False
        if sealed is not None:
            prefs = Preferences.from_json(json.loads(self._rt.keyring.unseal_field(
                conn, client_id, RecordKind.PREFERENCES, client_id, "preferences", sealed,
                access)))
            granted = prefs.telehealth == "granted"
        if not granted:
            raise InvalidInput("modality: this client has not given telehealth consent — record "
                               "their consent under Consents and preferences, or book in person")

    def _refuse_clashes(self, conn: Connection, where: ZoneInfo, start: datetime,
                        end: datetime, clinician_id: str, room: str, client_id: str,
                        exclude: Any, *, room_index: str = "") -> None:
        """ConflictError naming what the booking clashes with: the clinician (by name), the
        room, this client, or the clinician's time off, with the local times. Never another
        client's name: the one who books may not be allowed to know it."""
        found: list[str] = []
        index = room_index or (self.room_index(room) or "")
        for other in repo.clashes(conn, start, end, clinician_id=clinician_id, room_index=index,
                                  client_id=client_id, statuses=ACTIVE_STATUSES,
                                  exclude=exclude):
            span = _span(other.starts_at, _ends(other), where)
            if other.client_id == client_id:
                found.append(f"this client already has a session {span}")
            elif other.clinician_id == clinician_id:
                found.append(f"{_name(conn, clinician_id)} already has a session {span}")
            else:
                found.append(f"room {room} is booked {span}" if room
                             else f"the room is booked {span}")
        for block in repo.time_off_between(conn, start, end, clinician_id):
            found.append(f"{_name(conn, clinician_id)} is away "
                         f"{_span(block.starts_at, block.ends_at, where)}")
        if found:
            raise ConflictError(f"starts_at: clashes with another booking: {found[0]}"
                                + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""))


def _ends(row: Row[Any]) -> datetime:
    ends: datetime = row.ends_at or row.starts_at + timedelta(minutes=row.duration_minutes)
    return ends


def _span(start: datetime, end: datetime, where: ZoneInfo) -> str:
    a, b = to_local(start, where), to_local(end, where)
    return f"on {a:%a %d %b %Y} from {a:%H:%M} to {b:%H:%M} ({a.tzname()})"


def _name(conn: Connection, user_id: str) -> str:
    row = staff.user(conn, user_id)
    return str(row.display_name) if row is not None else "the clinician"
