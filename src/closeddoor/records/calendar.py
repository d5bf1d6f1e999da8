"""The calendar: day and week views for a clinician (their sessions and time off), a room and
the practice, and a clinician's "today" (today's sessions, past sessions with no signed note).

Who sees what: every client on a view is decided one by one and audited as one list
(`Gate.authorize_many`, tag record:appointment:read, listed "calendar" or "today"). Those the
viewer may see show the client's name; the rest are busy blocks (time, clinician, room; no
client). Nothing here reads notes or the sealed billing details, so front desk sees who and
when and never note content. The practice and room views need `practice:calendar:read`
(owner, front desk). Blocks of time off carry no client and no reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index
from closeddoor.errors import DecryptionFailed, InvalidInput, NotFound, PolicyDenied
from closeddoor.gate import Gate
from closeddoor.localtime import day_bounds, local_today, to_utc
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.clients import demographics_under
from closeddoor.records.schedule import week_start
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import appointment_repository as repo
from closeddoor.store import records_repository, staff
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

P = Permission
SCOPES = ("clinician", "room", "practice")


def room_problem(rooms: list[str]) -> str:
    """What is wrong with the practice's room list ("" when nothing)."""
    if any(len(r) > 60 for r in rooms) or len(rooms) > 50:
        return "rooms: at most 50 rooms, each name at most 60 characters"
    return ""


@dataclass(frozen=True)
class CalendarEntry:
    kind: str  # "session" or "time_off"
    entry_id: str
    starts_at: datetime
    ends_at: datetime
    clinician_id: str
    clinician_name: str
    room: str = ""
    modality: str = ""
    status: str = ""
    client_id: str = ""  # empty for a busy block
    client_name: str = ""

    @property
    def busy_only(self) -> bool:
        return self.kind == "session" and not self.client_id


@dataclass(frozen=True)
class CalendarView:
    scope: str
    target: str
    target_name: str
    first_day: date
    days: list[date]
    entries: list[CalendarEntry]

    def on(self, day: date, zone: Any) -> list[CalendarEntry]:
        start, end = day_bounds(day, zone)
        return [e for e in self.entries if e.starts_at < end and e.ends_at > start]


@dataclass(frozen=True)
class Today:
    view: CalendarView
    unsigned: list[CalendarEntry]


class CalendarService:
    def __init__(self, runtime: Runtime, gate: Gate, zone_of: Any) -> None:
        self._rt = runtime
        self._gate = gate
        self._zone_of = zone_of  # () -> the practice's ZoneInfo

    def view(self, actor: Actor, *, scope: str, target: str = "", day: date | None = None,
             week: bool = False) -> CalendarView:
        """A day (or the Monday-to-Sunday week) of `scope`: "clinician" (`target` a user id,
        the viewer's own when empty), "room" (`target` its name) or "practice"."""
        if actor.role is Role.CLIENT:
            raise PolicyDenied("clients-use-the-portal-only")
        if scope not in SCOPES:
            raise InvalidInput("scope: clinician, room or practice")
        if scope in ("room", "practice") or (target and target != actor.actor_id
                                             and actor.role not in (Role.CLINICIAN,
                                                                    Role.SUPERVISOR)):
            self._gate.require(actor, P.PRACTICE_CALENDAR_READ, AuditTag.RECORD_APPOINTMENT_READ,
                               audit_allow=False)
        zone = self._zone_of()
        first = day or local_today(self._rt.now(), zone)
        if week:
            first = week_start(first)
        days = [first + timedelta(days=i) for i in range(7 if week else 1)]
        start, _ = day_bounds(days[0], zone)
        _, end = day_bounds(days[-1], zone)
        clinician = (target or actor.actor_id) if scope == "clinician" else None
        if scope == "room" and not target:
            raise InvalidInput("room: choose a room")
        index = self._room_index(target) if scope == "room" else None
        with read_transaction(self._rt.engine) as conn:
            rows = repo.appointments_between(conn, start, end, clinician_id=clinician,
                                             room_index=index)
            blocks = repo.time_off_between(conn, start, end, clinician) if scope != "room" \
                else []
            names = staff.display_names(conn)
        if scope == "clinician" and clinician not in names:
            raise InvalidInput("clinician: no such staff member")
        entries = self._entries(actor, rows, names, "calendar",
                                room=target if scope == "room" else "")
        entries += [CalendarEntry("time_off", b.id, b.starts_at, b.ends_at, b.user_id,
                                  names.get(b.user_id, "")) for b in blocks]
        entries.sort(key=lambda e: (e.starts_at, e.clinician_name))
        target_name = {"clinician": names.get(clinician or "", ""), "room": target,
                       "practice": "the practice"}[scope]
        return CalendarView(scope, clinician or target, target_name, first, days, entries)

    def today(self, actor: Actor) -> Today:
        """The viewer's sessions today and their past sessions with no signed note yet."""
        view = self.view(actor, scope="clinician")
        with read_transaction(self._rt.engine) as conn:
            rows = repo.past_without_signed_note(conn, actor.actor_id, self._rt.now())
            names = staff.display_names(conn)
        unsigned = self._entries(actor, rows, names, "today") if rows else []
        return Today(view, [e for e in unsigned if e.client_id])

    def rooms(self) -> list[str]:
        """The practice's rooms (the owner lists them in the settings)."""
        with read_transaction(self._rt.engine) as conn:
            return [r for r in (line.strip() for line in repo.rooms(conn).splitlines()) if r]

    def set_rooms(self, actor: Actor, rooms: list[str]) -> None:
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.PRACTICE_SETTINGS_UPDATE,
                           audit_allow=False)
        clean = list(dict.fromkeys(r.strip() for r in rooms if r.strip()))
        if problem := room_problem(clean):
            raise InvalidInput(problem)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            if repo.rooms(conn) != "\n".join(clean):
                repo.set_rooms(conn, "\n".join(clean))
                self._gate.record_in(conn, [rt.entry(actor.actor_id,
                                                     AuditTag.PRACTICE_SETTINGS_UPDATE, "ok",
                                                     setting="rooms", value=len(clean))])

    def _room_index(self, room: str) -> str:
        return blind_index(self._rt.keyring.blind_index_key(), "room", room)

    def clinicians(self) -> dict[str, str]:
        """Active clinicians and treating owners by id, with their names."""
        with read_transaction(self._rt.engine) as conn:
            return {u.id: u.display_name for u in staff.all_users(conn)
                    if u.is_active and u.role in ("clinician", "owner")}

    # --- time off -----------------------------------------------------------------------------
    def add_time_off(self, actor: Actor, user_id: str, starts: datetime, ends: datetime) -> str:
        """A block of time off (naive times are the practice's local time)."""
        self._gate.require(actor, P.PRACTICE_TIME_OFF_MANAGE, AuditTag.PRACTICE_TIME_OFF_UPDATE,
                           audit_allow=False)
        if actor.role is Role.CLINICIAN and user_id != actor.actor_id:
            rt = self._rt
            self._gate.record([rt.entry(actor.actor_id, AuditTag.PRACTICE_TIME_OFF_UPDATE,
                                        "deny", reason="own-time-off-only", user=user_id)])
            raise PolicyDenied("own-time-off-only")
        zone = self._zone_of()
        begin, finish = to_utc(starts, zone, field="starts_at"), to_utc(ends, zone,
                                                                        field="ends_at")
        if finish <= begin:
            raise InvalidInput("ends_at: after the start")
        block_id = new_id()
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            if records_repository.active_user_role(conn, user_id) is None:
                raise InvalidInput("user_id: no such active staff member")
            repo.insert_time_off(conn, id=block_id, user_id=user_id, starts_at=begin,
                                 ends_at=finish, created_by=actor.actor_id, created_at=rt.now())
            self._gate.record_in(conn, [rt.entry(actor.actor_id,
                                                 AuditTag.PRACTICE_TIME_OFF_UPDATE, "ok",
                                                 resource_id=block_id, user=user_id)])
        return block_id

    def change_time_off(self, actor: Actor, block_id: str, starts: datetime,
                        ends: datetime) -> None:
        """Move a block of time off (naive times are the practice's local time): a
        clinician's own, or anyone's for the owner and front desk."""
        zone = self._zone_of()
        begin, finish = to_utc(starts, zone, field="starts_at"), to_utc(ends, zone,
                                                                        field="ends_at")
        if finish <= begin:
            raise InvalidInput("ends_at: make the end later than the start")
        rt = self._rt
        user_id = self._own_block(actor, block_id)
        with write_transaction(rt.engine) as conn:
            if not repo.move_time_off(conn, block_id, begin, finish):
                raise NotFound("no such time off")
            self._gate.record_in(conn, [rt.entry(actor.actor_id,
                                                 AuditTag.PRACTICE_TIME_OFF_UPDATE, "ok",
                                                 resource_id=block_id, user=user_id,
                                                 change="move")])

    def remove_time_off(self, actor: Actor, block_id: str) -> None:
        """Delete a block of time off: a clinician's own, or anyone's for the owner and front
        desk. Audited (whose block, never why)."""
        rt = self._rt
        user_id = self._own_block(actor, block_id)
        with write_transaction(rt.engine) as conn:
            if repo.delete_time_off(conn, block_id) is None:
                raise NotFound("no such time off")
            self._gate.record_in(conn, [rt.entry(actor.actor_id,
                                                 AuditTag.PRACTICE_TIME_OFF_UPDATE, "ok",
                                                 resource_id=block_id, user=user_id,
                                                 change="remove")])

    def _own_block(self, actor: Actor, block_id: str) -> str:
        """Whose the block is, once the actor may change it; a clinician changing another's
        block is refused and the refusal audited."""
        self._gate.require(actor, P.PRACTICE_TIME_OFF_MANAGE, AuditTag.PRACTICE_TIME_OFF_UPDATE,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            block = repo.time_off_by_id(conn, block_id)
        if block is None:
            raise NotFound("no such time off")
        if actor.role is Role.CLINICIAN and block.user_id != actor.actor_id:
            self._gate.record([rt.entry(actor.actor_id, AuditTag.PRACTICE_TIME_OFF_UPDATE,
                                        "deny", resource_id=block_id,
                                        reason="own-time-off-only", user=block.user_id)])
            raise PolicyDenied("own-time-off-only")
        return str(block.user_id)

    # --- helpers ------------------------------------------------------------------------------
    def _entries(self, actor: Actor, rows: Any, names: dict[str, str], listed: str,
                 room: str = "") -> list[CalendarEntry]:
        """Sessions as entries: the client's name and the room (unsealed from the details)
        for clients the gate allows, busy blocks for the rest (the room only when the view is
        that room's)."""
        client_ids = list(dict.fromkeys(r.client_id for r in rows))
        shown: dict[str, str] = {}
        rooms: dict[str, str] = {}
        if client_ids:
            batch = self._gate.authorize_many(
                actor, (P.CHART_APPOINTMENT_READ, P.CHART_DEMOGRAPHICS_READ),
                AuditTag.RECORD_APPOINTMENT_READ, client_ids, reason=listed)
            rt = self._rt
            with read_transaction(rt.engine) as conn:
                for row in records_repository.sealed_demographics_of(conn, list(batch.allowed)):
                    try:
                        demo = demographics_under(conn, rt.keyring, batch.allowed[row.id],
                                                  row.demographics_sealed)
                    except DecryptionFailed:
                        shown[row.id] = "(name withheld)"
                        continue
                    shown[row.id] = f"{demo['given_name']} {demo['family_name']}"
                for r in rows:
                    if r.client_id in shown:
                        try:
                            details = json.loads(rt.keyring.unseal_field(
                                conn, r.client_id, RecordKind.APPOINTMENT, r.id, "details",
                                r.details_sealed, batch.allowed[r.client_id]))
                            rooms[r.id] = str(details.get("room", ""))
                        except DecryptionFailed:
                            rooms[r.id] = ""
        return [
            CalendarEntry("session", r.id, r.starts_at, r.ends_at, r.clinician_id,
                          names.get(r.clinician_id, ""), rooms.get(r.id, room), r.modality,
                          r.status,
                          r.client_id if r.client_id in shown else "",
                          shown.get(r.client_id, ""))
            for r in rows
        ]
