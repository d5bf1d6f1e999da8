"""SQL for reminders: the practice's reminder settings, the appointments a reminder is due for,
and the outbox (queue, claim, record the outcome).

Functions take the caller's `Connection`. The rules (what is due, what a message says, quiet
hours, back-off) live in `closeddoor.reminders`; nothing here holds content or an address.
Appointments are only read here (the calendar and booking code owns their writes).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from closeddoor.store.tables import appointments, clients, practice, reminder_outbox

PENDING = "pending"
SENDING = "sending"


# --- the practice's settings ----------------------------------------------------------------------
def practice_settings(conn: Connection) -> Row[Any]:
    """The practice row (name, reminder settings, and its time zone once one is kept)."""
    return conn.execute(select(practice)).one()


def set_practice_settings(conn: Connection, **values: Any) -> None:
    conn.execute(update(practice).values(**values))


# --- appointments (read only) ---------------------------------------------------------------------
def scheduled_between(conn: Connection, after: datetime, until: datetime
                      ) -> Sequence[Row[Any, Any, Any]]:
    """Scheduled appointments of active clients starting in (after, until]: id, client_id,
    starts_at (the clear scheduling columns only)."""
    return conn.execute(
        select(appointments.c.id, appointments.c.client_id, appointments.c.starts_at)
        .join(clients, clients.c.id == appointments.c.client_id)
        .where(appointments.c.status == "scheduled", clients.c.status == "active",
               appointments.c.starts_at > after, appointments.c.starts_at <= until)
        .order_by(appointments.c.starts_at)
    ).all()


def appointment_now(conn: Connection, appointment_id: str
                    ) -> Row[Any, Any, Any, Any, Any] | None:
    """The appointment as it stands: starts_at, modality, status, details_sealed, and the
    client's status; None when it is gone."""
    return conn.execute(
        select(appointments.c.starts_at, appointments.c.modality, appointments.c.status,
               appointments.c.details_sealed, clients.c.status.label("client_status"))
        .join(clients, clients.c.id == appointments.c.client_id)
        .where(appointments.c.id == appointment_id)
    ).first()


# --- the outbox -----------------------------------------------------------------------------------
def queue(conn: Connection, **values: Any) -> bool:
    """Add an outbox row unless one with the same (appointment, channel, kind, start) exists.
    True when added. Runs in its own savepoint so a concurrent run's row only skips this one."""
    exists = conn.execute(select(reminder_outbox.c.id).where(
        reminder_outbox.c.appointment_id == values["appointment_id"],
        reminder_outbox.c.channel == values["channel"],
        reminder_outbox.c.kind == values["kind"],
        reminder_outbox.c.starts_at == values["starts_at"])).first()
    if exists is not None:
        return False
    try:
        with conn.begin_nested():
            conn.execute(insert(reminder_outbox).values(**values))
    except IntegrityError:
        return False  # another run queued it a moment ago: the unique key keeps one
    return True


def ready(conn: Connection, now: datetime, stale_before: datetime, limit: int
          ) -> Sequence[Row[Any]]:
    """Rows that may be claimed: pending and due, or `sending` under a claim older than
    `stale_before` (its run died)."""
    return conn.execute(
        select(reminder_outbox).where(or_(
            and_(reminder_outbox.c.state == PENDING, reminder_outbox.c.next_attempt_at <= now),
            and_(reminder_outbox.c.state == SENDING, reminder_outbox.c.claimed_at < stale_before),
        )).order_by(reminder_outbox.c.next_attempt_at).limit(limit)
    ).all()


def claim(conn: Connection, row: Row[Any], token: str, now: datetime) -> bool:
    """Take `row` for this run: a compare-and-set on the state (and claim) it was read with,
    so of two runs at once exactly one succeeds."""
    result = conn.execute(update(reminder_outbox).where(
        reminder_outbox.c.id == row.id,
        reminder_outbox.c.state == row.state,
        reminder_outbox.c.claim.is_(None) if row.claim is None
        else reminder_outbox.c.claim == row.claim,
    ).values(state=SENDING, claim=token, claimed_at=now, updated_at=now))
    return result.rowcount == 1


def finish(conn: Connection, outbox_id: str, token: str, **values: Any) -> bool:
    """Record the outcome of a claimed row (state, attempts, next_attempt_at, reason); False
    when this run no longer holds the claim."""
    result = conn.execute(update(reminder_outbox).where(
        reminder_outbox.c.id == outbox_id, reminder_outbox.c.claim == token,
        reminder_outbox.c.state == SENDING,
    ).values(claim=None, claimed_at=None, **values))
    return result.rowcount == 1


def outbox_of(conn: Connection, appointment_id: str) -> Sequence[Row[Any]]:
    return conn.execute(select(reminder_outbox).where(
        reminder_outbox.c.appointment_id == appointment_id)
        .order_by(reminder_outbox.c.created_at, reminder_outbox.c.channel)).all()


def withdraw_pending(conn: Connection, appointment_id: str, now: datetime) -> int:
    """Take a cancelled appointment's pending reminders out of the queue (state `stale`,
    reason `cancelled`): they are never sent. Returns how many."""
    result = conn.execute(update(reminder_outbox).where(
        reminder_outbox.c.appointment_id == appointment_id,
        reminder_outbox.c.state == PENDING).values(state="stale", reason="cancelled",
                                                   updated_at=now))
    return int(result.rowcount)
