"""SQL for scheduling: appointments, blocks of time off, the practice's time zone and
late-cancel window, and a portal client's own zone.

Functions take the caller's `Connection`, so they run inside the transaction the service (or the
gate) opened; they read and write rows and never decide anything. The rules (what clashes, what
is late, who may see whom) live in `closeddoor.records.schedule` and
`closeddoor.records.appointments`. The sealed details go in and come out sealed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, insert, or_, select, update

from closeddoor.store.tables import (
    appointments,
    portal_accounts,
    practice,
    progress_notes,
    time_off,
)

A = appointments.c


# --- the practice's scheduling settings -----------------------------------------------------------
def practice_time_zone(conn: Connection) -> str:
    value = conn.execute(select(practice.c.time_zone)).scalar()
    return str(value or "UTC")


def set_practice_time_zone(conn: Connection, name: str) -> None:
    conn.execute(update(practice).values(time_zone=name))


def late_cancel_hours(conn: Connection) -> int:
    value = conn.execute(select(practice.c.late_cancel_hours)).scalar()
    return int(value if value is not None else 24)


def set_late_cancel_hours(conn: Connection, hours: int) -> None:
    conn.execute(update(practice).values(late_cancel_hours=hours))


def portal_time_zone(conn: Connection, client_id: str) -> str | None:
    value = conn.execute(select(portal_accounts.c.time_zone)
                         .where(portal_accounts.c.client_id == client_id)).scalar()
    return str(value) if value else None


def set_portal_time_zone(conn: Connection, client_id: str, name: str | None) -> None:
    conn.execute(update(portal_accounts).where(portal_accounts.c.client_id == client_id)
                 .values(time_zone=name))


# --- serializing bookings -------------------------------------------------------------------------
def lock_schedule(conn: Connection) -> None:
    """Take the schedule's write lock for the rest of the transaction, so two bookings cannot
    both pass their clash check. PostgreSQL: the practice row FOR UPDATE (a second booking
    waits, then sees the first one's row). SQLite: every write transaction is BEGIN IMMEDIATE
    already, so writers are one at a time."""
    if conn.dialect.name != "sqlite":
        conn.execute(select(practice.c.id).with_for_update())


# --- appointments ---------------------------------------------------------------------------------
def insert_appointment(conn: Connection, **values: Any) -> None:
    conn.execute(insert(appointments).values(**values))


def appointment(conn: Connection, client_id: str, appointment_id: str) -> Row[Any] | None:
    return conn.execute(select(appointments).where(
        A.id == appointment_id, A.client_id == client_id)).first()


def update_appointment(conn: Connection, client_id: str, appointment_id: str,
                       **values: Any) -> bool:
    """False when the client has no such appointment."""
    result = conn.execute(update(appointments).where(
        A.id == appointment_id, A.client_id == client_id).values(**values))
    return result.rowcount == 1


def set_appointment_status(conn: Connection, client_id: str, appointment_id: str,
                           status: str, updated_at: datetime | None = None) -> bool:
    """False when the client has no such appointment."""
    values: dict[str, Any] = {"status": status}
    if updated_at is not None:
        values["updated_at"] = updated_at
    return update_appointment(conn, client_id, appointment_id, **values)


def appointments_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's appointment rows, newest first."""
    return conn.execute(select(appointments).where(A.client_id == client_id)
                        .order_by(A.starts_at.desc())).all()


def is_appointment_of(conn: Connection, appointment_id: str, client_id: str) -> bool:
    return conn.execute(select(A.id).where(
        A.id == appointment_id, A.client_id == client_id)).first() is not None


def series_from(conn: Connection, client_id: str, series_id: str, starts_at: datetime
                ) -> Sequence[Row[Any]]:
    """The sessions of a series starting at or after `starts_at`, in order."""
    return conn.execute(select(appointments).where(
        A.client_id == client_id, A.series_id == series_id, A.starts_at >= starts_at,
    ).order_by(A.starts_at)).all()


def clashes(conn: Connection, starts_at: datetime, ends_at: datetime, *, clinician_id: str,
            room_index: str, client_id: str, statuses: Collection[str],
            exclude: Collection[str] = ()) -> Sequence[Any]:
    """Live bookings overlapping [starts_at, ends_at) for the same clinician, room (when one
    is given, by its blind index) or client. One touching at either end does not overlap."""
    who = [A.clinician_id == clinician_id, A.client_id == client_id]
    if room_index:
        who.append(A.room_index == room_index)
    query = select(A.id, A.client_id, A.clinician_id, A.room_index, A.starts_at, A.ends_at,
                   A.duration_minutes).where(
        A.status.in_(list(statuses)), A.starts_at < ends_at, A.ends_at > starts_at, or_(*who))
    if exclude:
        query = query.where(A.id.not_in(list(exclude)))
    return conn.execute(query.order_by(A.starts_at)).all()


def appointments_between(conn: Connection, start: datetime, end: datetime, *,
                         clinician_id: str | None = None, room_index: str | None = None,
                         client_ids: Collection[str] | None = None) -> Sequence[Any]:
    """Bookings overlapping [start, end), optionally for one clinician, room or set of
    clients, in order (with the sealed details, for the room of those the viewer may see)."""
    query = select(A.id, A.client_id, A.clinician_id, A.room_index, A.starts_at, A.ends_at,
                   A.duration_minutes, A.modality, A.status, A.series_id,
                   A.details_sealed).where(
        A.starts_at < end, A.ends_at > start)
    if clinician_id is not None:
        query = query.where(A.clinician_id == clinician_id)
    if room_index is not None:
        query = query.where(A.room_index == room_index)
    if client_ids is not None:
        query = query.where(A.client_id.in_(list(client_ids)))
    return conn.execute(query.order_by(A.starts_at)).all()


def rooms(conn: Connection) -> str:
    """The practice's rooms as the owner typed them (one a line)."""
    return str(conn.execute(select(practice.c.rooms)).scalar() or "")


def set_rooms(conn: Connection, text: str) -> None:
    conn.execute(update(practice).values(rooms=text or None))


def past_without_signed_note(conn: Connection, clinician_id: str, before: datetime,
                             limit: int = 50) -> Sequence[Any]:
    """The clinician's sessions that started before `before` (scheduled or attended) with no
    signed progress note linked to them, newest first."""
    signed = select(progress_notes.c.appointment_id).where(
        progress_notes.c.status == "signed", progress_notes.c.appointment_id.is_not(None))
    return conn.execute(select(A.id, A.client_id, A.clinician_id, A.room_index, A.starts_at,
                               A.ends_at, A.duration_minutes, A.modality, A.status,
                               A.series_id, A.details_sealed).where(
        A.clinician_id == clinician_id, A.starts_at < before,
        A.status.in_(["scheduled", "attended"]), A.id.not_in(signed),
    ).order_by(A.starts_at.desc()).limit(limit)).all()


# --- time off -------------------------------------------------------------------------------------
def insert_time_off(conn: Connection, **values: Any) -> None:
    conn.execute(insert(time_off).values(**values))


def delete_time_off(conn: Connection, block_id: str) -> Row[Any] | None:
    row = conn.execute(select(time_off).where(time_off.c.id == block_id)).first()
    if row is not None:
        conn.execute(delete(time_off).where(time_off.c.id == block_id))
    return row


def time_off_by_id(conn: Connection, block_id: str) -> Row[Any] | None:
    return conn.execute(select(time_off).where(time_off.c.id == block_id)).first()


def move_time_off(conn: Connection, block_id: str, starts_at: datetime,
                  ends_at: datetime) -> bool:
    moved = conn.execute(update(time_off).where(time_off.c.id == block_id)
                         .values(starts_at=starts_at, ends_at=ends_at))
    return bool(moved.rowcount)


def time_off_between(conn: Connection, start: datetime, end: datetime,
                     user_id: str | None = None) -> Sequence[Row[Any]]:
    query = select(time_off).where(and_(time_off.c.starts_at < end, time_off.c.ends_at > start))
    if user_id is not None:
        query = query.where(time_off.c.user_id == user_id)
    return conn.execute(query.order_by(time_off.c.starts_at)).all()
