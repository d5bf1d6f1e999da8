"""SQL for intake through the portal: the practice's intake form versions, the packets sent to
clients (answers stay sealed here) and the owner's portal-cancellation setting.

Functions take the caller's `Connection`; the rules live in `closeddoor.intake`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from closeddoor.store.tables import intake_forms, intake_packets, practice


# --- form versions ------------------------------------------------------------------------------
def current_form(conn: Connection) -> Row[Any] | None:
    """The newest published form version (id, number, definition, published_at), or None."""
    return conn.execute(select(intake_forms).order_by(intake_forms.c.number.desc())
                        .limit(1)).first()


def form(conn: Connection, form_id: str) -> Row[Any] | None:
    return conn.execute(select(intake_forms).where(intake_forms.c.id == form_id)).first()


def next_form_number(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(intake_forms.c.number), 0))).scalar()
               or 0) + 1


def insert_form(conn: Connection, **values: Any) -> None:
    conn.execute(insert(intake_forms).values(**values))


# --- packets --------------------------------------------------------------------------------------
_PACKET = (intake_packets, intake_forms.c.number.label("form_number"),
           intake_forms.c.definition)


def insert_packet(conn: Connection, **values: Any) -> None:
    conn.execute(insert(intake_packets).values(**values))


def packet(conn: Connection, client_id: str, packet_id: str) -> Row[Any] | None:
    """One of this client's packets with its form version, or None (also for another
    client's packet: the caller never learns it exists)."""
    return conn.execute(
        select(*_PACKET).join(intake_forms, intake_forms.c.id == intake_packets.c.form_id)
        .where(intake_packets.c.client_id == client_id, intake_packets.c.id == packet_id)
    ).first()


def packets_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's packets, newest first, with their form versions."""
    return conn.execute(
        select(*_PACKET).join(intake_forms, intake_forms.c.id == intake_packets.c.form_id)
        .where(intake_packets.c.client_id == client_id)
        .order_by(intake_packets.c.sent_at.desc(), intake_packets.c.id)
    ).all()


def update_packet(conn: Connection, client_id: str, packet_id: str, **values: Any) -> None:
    conn.execute(update(intake_packets).where(intake_packets.c.client_id == client_id,
                                              intake_packets.c.id == packet_id).values(**values))


# --- the owner's setting -------------------------------------------------------------------------
def portal_cancellation(conn: Connection) -> bool:
    value = conn.execute(select(practice.c.portal_cancellation)).scalar()
    return bool(True if value is None else value)


def set_portal_cancellation(conn: Connection, allowed: bool) -> None:
    conn.execute(update(practice).values(portal_cancellation=allowed))
