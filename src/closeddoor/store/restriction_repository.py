"""SQL for requests for restrictions (45 CFR 164.522(a)). Both tables are only ever inserted
into: the database refuses UPDATE and DELETE on them (migration 0016).

Functions take the caller's `Connection`; sealed fields go in and come out sealed. The rules
(what a restriction limits, who may answer or end it, what it stops) live in
`closeddoor.disclosure.restrictions`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, insert, select
from sqlalchemy.exc import IntegrityError

from closeddoor.store.tables import restriction_events, restrictions


def insert_restriction(conn: Connection, **values: Any) -> None:
    conn.execute(insert(restrictions).values(**values))


def restriction(conn: Connection, client_id: str, restriction_id: str) -> Row[Any] | None:
    """The client's request with this id, or None (another client's id is no request of theirs)."""
    return conn.execute(select(restrictions).where(
        restrictions.c.id == restriction_id, restrictions.c.client_id == client_id)).first()


def restrictions_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's requests, newest first."""
    return conn.execute(select(restrictions).where(restrictions.c.client_id == client_id)
                        .order_by(restrictions.c.requested_at.desc())).all()


def events_of(conn: Connection, restriction_ids: Collection[str]) -> Sequence[Row[Any]]:
    """The events of these requests, oldest first."""
    if not restriction_ids:
        return []
    t = restriction_events
    return conn.execute(select(t).where(t.c.restriction_id.in_(list(restriction_ids)))
                        .order_by(t.c.occurred_at, t.c.kind)).all()


def self_pay_periods(conn: Connection, client_id: str) -> list[tuple[date, date]]:
    """The services of the client's self-pay restrictions still in force (asked or agreed, not
    ended by the client): dates only, nothing sealed."""
    t, e = restrictions, restriction_events
    ended = select(e.c.restriction_id).where(e.c.client_id == client_id,
                                             e.c.kind == "terminated")
    rows = conn.execute(select(t.c.services_from, t.c.services_to).where(
        t.c.client_id == client_id, t.c.kind == "self_pay", t.c.id.not_in(ended))).all()
    return [(r.services_from, r.services_to) for r in rows
            if r.services_from is not None and r.services_to is not None]


def insert_event(conn: Connection, **values: Any) -> bool:
    """Append one event; False when its `once_key` was taken (answered or ended already, perhaps
    by a writer racing this one). The savepoint keeps the caller's transaction usable."""
    try:
        with conn.begin_nested():
            conn.execute(insert(restriction_events).values(**values))
    except IntegrityError:
        return False
    return True
