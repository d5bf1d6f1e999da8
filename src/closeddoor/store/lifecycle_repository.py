"""SQL for a chart's life after care: discharges, legal holds and destruction requests, and the
deletion of every row of a destroyed client. The rules live in records/lifecycle.py and
records/destruction.py; this module only reads and writes rows in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Table,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from closeddoor.store.tables import (
    appointments,
    clients,
    destruction_requests,
    discharges,
    legal_holds,
    metadata,
    practice,
    progress_notes,
)


# --- charts and discharges ------------------------------------------------------------------------
def client_status(conn: Connection, client_id: str) -> str | None:
    status: str | None = conn.execute(select(clients.c.status).where(clients.c.id == client_id)
                                      ).scalar_one_or_none()
    return status


def set_client_status(conn: Connection, client_id: str, status: str) -> None:
    conn.execute(update(clients).where(clients.c.id == client_id).values(status=status))


def jurisdiction_code(conn: Connection) -> str:
    return str(conn.execute(select(practice.c.jurisdiction)).scalar_one())


def discharge(conn: Connection, client_id: str) -> Row[Any] | None:
    return conn.execute(select(discharges).where(discharges.c.client_id == client_id)).first()


def insert_discharge(conn: Connection, **values: Any) -> None:
    conn.execute(insert(discharges).values(**values))


def delete_discharge(conn: Connection, client_id: str) -> None:
    conn.execute(delete(discharges).where(discharges.c.client_id == client_id))


def discharged_charts(conn: Connection) -> Sequence[Row[Any, Any, Any]]:
    """Every discharged chart's id, discharge date and stored due date, soonest due first."""
    return conn.execute(select(discharges.c.client_id, discharges.c.discharged_on,
                               discharges.c.destruction_due_on)
                        .order_by(discharges.c.destruction_due_on)).all()


def last_service_days(conn: Connection, client_id: str,
                      not_a_service: Sequence[str]) -> tuple[Any, Any]:
    """The latest attended appointment start and the latest note's session date (or None)."""
    attended = conn.execute(select(func.max(appointments.c.starts_at)).where(
        appointments.c.client_id == client_id,
        appointments.c.status.not_in(list(not_a_service)))).scalar()
    noted = conn.execute(select(func.max(progress_notes.c.session_date)).where(
        progress_notes.c.client_id == client_id)).scalar()
    return attended, noted


# --- legal holds ----------------------------------------------------------------------------------
def holds_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    return conn.execute(select(legal_holds).where(legal_holds.c.client_id == client_id)
                        .order_by(legal_holds.c.placed_at)).all()


def all_hold_spans(conn: Connection) -> Sequence[Row[Any, Any, Any]]:
    return conn.execute(select(legal_holds.c.client_id, legal_holds.c.placed_at,
                               legal_holds.c.released_at)).all()


def insert_hold(conn: Connection, **values: Any) -> None:
    conn.execute(insert(legal_holds).values(**values))


def release_hold(conn: Connection, client_id: str, hold_id: str, at: datetime,
                 by: str) -> bool:
    """Release an open hold; False when there is no open hold of that id for the client."""
    return conn.execute(update(legal_holds).where(
        legal_holds.c.id == hold_id, legal_holds.c.client_id == client_id,
        legal_holds.c.released_at.is_(None),
    ).values(released_at=at, released_by=by)).rowcount == 1


def hold_exists(conn: Connection, client_id: str, hold_id: str) -> bool:
    return bool(conn.execute(select(func.count()).where(
        legal_holds.c.id == hold_id, legal_holds.c.client_id == client_id)).scalar_one())


# --- destruction requests -------------------------------------------------------------------------
def pending_requests(conn: Connection, pending: str) -> Sequence[Row[Any]]:
    return conn.execute(select(destruction_requests)
                        .where(destruction_requests.c.status == pending)
                        .order_by(destruction_requests.c.requested_at)).all()


def has_pending_request(conn: Connection, client_id: str, pending: str) -> bool:
    return conn.execute(select(destruction_requests.c.id).where(
        destruction_requests.c.client_id == client_id,
        destruction_requests.c.status == pending)).first() is not None


def insert_request(conn: Connection, **values: Any) -> None:
    conn.execute(insert(destruction_requests).values(**values))


def request(conn: Connection, request_id: str) -> Row[Any] | None:
    return conn.execute(select(destruction_requests)
                        .where(destruction_requests.c.id == request_id)).first()


def decide_request(conn: Connection, request_id: str, pending: str, **values: Any) -> bool:
    """Move a still-pending request on; False when another decision came first."""
    return conn.execute(update(destruction_requests).where(
        destruction_requests.c.id == request_id,
        destruction_requests.c.status == pending).values(**values)).rowcount == 1


def due_on(conn: Connection, client_id: str) -> date | None:
    due: date | None = conn.execute(select(discharges.c.destruction_due_on)
                                    .where(discharges.c.client_id == client_id)).scalar()
    return due


# --- destroying a client's rows -------------------------------------------------------------------
def _client_rows() -> list[tuple[Table, Callable[[str], ColumnElement[bool]]]]:
    """Every table holding rows of one client, children before parents, each with the filter
    for a client id (found through the foreign keys, so a table added later is covered)."""
    reach: dict[Table, Callable[[str], ColumnElement[bool]]] = {
        clients: lambda cid: clients.c.id == cid}
    for table in metadata.sorted_tables:  # parents before children
        if table is clients:
            continue
        links = [(fk.parent, fk.column) for fk in table.foreign_keys if fk.column.table in reach]
        if links:
            def where(cid: str, links: list[Any] = links) -> ColumnElement[bool]:
                return or_(*(child == cid if parent.table is clients else
                             child.in_(select(parent).where(reach[parent.table](cid)))
                             for child, parent in links))
            reach[table] = where
    ordered = [t for t in reversed(metadata.sorted_tables) if t in reach]
    return [(table, reach[table]) for table in ordered]


def delete_client_rows(conn: Connection, client_id: str) -> None:
    """Delete every row that belongs to the client, children first."""
    for table, where in _client_rows():
        conn.execute(delete(table).where(where(client_id)))
