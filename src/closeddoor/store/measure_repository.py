"""SQL for outcome measures: requests to complete one, the measures (results sealed), safety
flags and their reviews. Every table only grows (migration 0020 refuses UPDATE).

Functions take the caller's `Connection`; the rules live in `closeddoor.measures`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select

from closeddoor.store.tables import measure_requests, measures, safety_flag_reviews, safety_flags


def insert_request(conn: Connection, **values: Any) -> None:
    conn.execute(insert(measure_requests).values(**values))


def insert_measure(conn: Connection, **values: Any) -> None:
    """A new measure, numbered after the client's last (unique per client: two writers at
    once cannot both take a number)."""
    number = conn.execute(select(func.coalesce(func.max(measures.c.number), 0))
                          .where(measures.c.client_id == values["client_id"])).scalar()
    conn.execute(insert(measures).values(number=int(number or 0) + 1, **values))


def insert_flag(conn: Connection, **values: Any) -> None:
    conn.execute(insert(safety_flags).values(**values))


def insert_review(conn: Connection, **values: Any) -> None:
    conn.execute(insert(safety_flag_reviews).values(**values))


def measures_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's measures, oldest first."""
    return conn.execute(select(measures).where(measures.c.client_id == client_id)
                        .order_by(measures.c.number)).all()


def open_requests(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """Requests no measure has answered yet, oldest first."""
    answered = select(measures.c.request_id).where(measures.c.client_id == client_id,
                                                   measures.c.request_id.is_not(None))
    return conn.execute(select(measure_requests).where(
        measure_requests.c.client_id == client_id, measure_requests.c.id.not_in(answered))
        .order_by(measure_requests.c.requested_at, measure_requests.c.id)).all()


def request(conn: Connection, client_id: str, request_id: str) -> Row[Any] | None:
    """One of this client's requests (None for another client's: the caller never learns it
    exists), with `measure_id` set once answered."""
    return conn.execute(
        select(measure_requests, measures.c.id.label("measure_id"))
        .outerjoin(measures, measures.c.request_id == measure_requests.c.id)
        .where(measure_requests.c.client_id == client_id, measure_requests.c.id == request_id)
    ).first()


def clients_with_open_requests(conn: Connection, client_ids: Collection[str]) -> set[str]:
    """Of these clients, those with a request not yet answered (for the reminder's link)."""
    if not client_ids:
        return set()
    answered = select(measures.c.request_id).where(measures.c.request_id.is_not(None))
    return set(conn.execute(select(measure_requests.c.client_id).where(
        measure_requests.c.client_id.in_(list(client_ids)),
        measure_requests.c.id.not_in(answered))).scalars())


_FLAG = (safety_flags, measures.c.instrument, measures.c.taken_at,
         safety_flag_reviews.c.reviewed_by, safety_flag_reviews.c.reviewed_at)


def _flags() -> Any:
    return (select(*_FLAG).join(measures, measures.c.id == safety_flags.c.measure_id)
            .outerjoin(safety_flag_reviews, safety_flag_reviews.c.flag_id == safety_flags.c.id))


def flags_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's safety flags, newest first, each with its review if any."""
    return conn.execute(_flags().where(safety_flags.c.client_id == client_id)
                        .order_by(safety_flags.c.raised_at.desc(), safety_flags.c.id)).all()


def flag(conn: Connection, client_id: str, flag_id: str) -> Row[Any] | None:
    return conn.execute(_flags().where(safety_flags.c.client_id == client_id,
                                       safety_flags.c.id == flag_id)).first()


def clients_with_open_flags(conn: Connection) -> list[str]:
    """Every client with a flag not yet reviewed (the gate then decides whose the viewer
    may see)."""
    return list(dict.fromkeys(conn.execute(
        select(safety_flags.c.client_id)
        .outerjoin(safety_flag_reviews, safety_flag_reviews.c.flag_id == safety_flags.c.id)
        .where(safety_flag_reviews.c.id.is_(None))
        .order_by(safety_flags.c.raised_at)).scalars()))


def open_flags_of(conn: Connection, client_ids: Collection[str]) -> Sequence[Row[Any]]:
    if not client_ids:
        return []
    return conn.execute(_flags().where(safety_flags.c.client_id.in_(list(client_ids)),
                                       safety_flag_reviews.c.id.is_(None))
                        .order_by(safety_flags.c.raised_at)).all()
