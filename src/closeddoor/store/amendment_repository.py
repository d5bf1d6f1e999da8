"""SQL for amendment requests (45 CFR 164.526).

Functions take the caller's `Connection` and read or write rows; sealed fields go in and come out
sealed. Every state change is a guarded UPDATE (`WHERE status = ...`), so two clinicians answering
at once cannot both win. The rules (who may ask, when, what a denial must say) live in
`closeddoor.amendments`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, insert, or_, select, update

from closeddoor.store.tables import (
    amendment_notices,
    amendment_requests,
    disclosure_events,
    progress_notes,
)

_OPEN = "open"


def insert_request(conn: Connection, **values: Any) -> None:
    conn.execute(insert(amendment_requests).values(**values))


def request(conn: Connection, client_id: str, amendment_id: str) -> Row[Any] | None:
    """The client's request with this id, or None (another client's id is no request of theirs)."""
    return conn.execute(select(amendment_requests).where(
        amendment_requests.c.id == amendment_id,
        amendment_requests.c.client_id == client_id)).first()


def requests_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's requests, newest first."""
    return conn.execute(select(amendment_requests)
                        .where(amendment_requests.c.client_id == client_id)
                        .order_by(amendment_requests.c.requested_at.desc())).all()


def requests_linked_to(conn: Connection, client_id: str, note_ids: Collection[str],
                       *, details: bool) -> Sequence[Row[Any]]:
    """Answered requests of these notes (and, with `details`, of the client's details), oldest
    first: what travels with the record."""
    t = amendment_requests
    linked: ColumnElement[bool] = t.c.note_id.in_(list(note_ids))
    if details:
        linked = or_(linked, t.c.note_id.is_(None))
    return conn.execute(select(t).where(t.c.client_id == client_id, t.c.status != _OPEN, linked)
                        .order_by(t.c.requested_at)).all()


def open_requests(conn: Connection) -> Sequence[Row[Any, Any, Any, Any, Any, Any, Any]]:
    """Every open request in the practice, soonest due first: ids and dates only."""
    t = amendment_requests
    return conn.execute(select(t.c.id, t.c.client_id, t.c.note_id, t.c.requested_at, t.c.due_on,
                               t.c.extended_due_on, t.c.received_via)
                        .where(t.c.status == _OPEN).order_by(t.c.due_on)).all()


def signed_note_date(conn: Connection, client_id: str, note_id: str) -> date | None:
    """The session date of the client's signed progress note, or None when there is no such
    signed note (drafts and other clients' notes are not open to amendment here)."""
    day: date | None = conn.execute(select(progress_notes.c.session_date).where(
        progress_notes.c.id == note_id, progress_notes.c.client_id == client_id,
        progress_notes.c.status == "signed")).scalar_one_or_none()
    return day


def note_dates(conn: Connection, note_ids: Collection[str]) -> dict[str, date]:
    if not note_ids:
        return {}
    rows = conn.execute(select(progress_notes.c.id, progress_notes.c.session_date)
                        .where(progress_notes.c.id.in_(list(note_ids))))
    return {r.id: r.session_date for r in rows}


def extend(conn: Connection, amendment_id: str, *, extended_due_on: date,
           extension_sealed: bytes, extended_by: str, extended_at: datetime) -> bool:
    """Record the one extension; False when the request is answered or already extended."""
    t = amendment_requests
    result = conn.execute(update(t).where(t.c.id == amendment_id, t.c.status == _OPEN,
                                          t.c.extended_due_on.is_(None))
                          .values(extended_due_on=extended_due_on,
                                  extension_sealed=extension_sealed, extended_by=extended_by,
                                  extended_at=extended_at))
    return result.rowcount == 1


def answer(conn: Connection, amendment_id: str, *, status: str, denial_ground: str | None,
           response_sealed: bytes, decided_by: str, decided_at: datetime) -> bool:
    """Accept or deny an open request; False when it was answered already."""
    t = amendment_requests
    result = conn.execute(update(t).where(t.c.id == amendment_id, t.c.status == _OPEN)
                          .values(status=status, denial_ground=denial_ground,
                                  response_sealed=response_sealed, decided_by=decided_by,
                                  decided_at=decided_at))
    return result.rowcount == 1


def file_disagreement(conn: Connection, amendment_id: str, *, disagreement_sealed: bytes,
                      at: datetime) -> bool:
    """The client's statement, once, on a denied request; False otherwise."""
    t = amendment_requests
    result = conn.execute(update(t).where(t.c.id == amendment_id, t.c.status == "denied",
                                          t.c.disagreement_sealed.is_(None))
                          .values(disagreement_sealed=disagreement_sealed, disagreement_at=at))
    return result.rowcount == 1


def rebut(conn: Connection, amendment_id: str, *, rebuttal_sealed: bytes, rebuttal_by: str,
          at: datetime) -> bool:
    """The practice's rebuttal, once, after a statement of disagreement; False otherwise."""
    t = amendment_requests
    result = conn.execute(update(t).where(t.c.id == amendment_id,
                                          t.c.disagreement_sealed.is_not(None),
                                          t.c.rebuttal_sealed.is_(None))
                          .values(rebuttal_sealed=rebuttal_sealed, rebuttal_by=rebuttal_by,
                                  rebuttal_at=at))
    return result.rowcount == 1


def ask_to_travel(conn: Connection, amendment_id: str, *, at: datetime) -> bool:
    """The client's request that a denied request and its denial go with later disclosures
    (164.526(d)(5)(ii)), once and only while no statement of disagreement is filed."""
    t = amendment_requests
    result = conn.execute(update(t).where(t.c.id == amendment_id, t.c.status == "denied",
                                          t.c.disagreement_sealed.is_(None),
                                          t.c.travels_asked_at.is_(None))
                          .values(travels_asked_at=at))
    return result.rowcount == 1


# --- notices of an accepted amendment (164.526(c)(3)) ---------------------------------------------
def insert_notice(conn: Connection, **values: Any) -> None:
    conn.execute(insert(amendment_notices).values(**values))


def notices_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's recorded notices, oldest first."""
    t = amendment_notices
    return conn.execute(select(t).where(t.c.client_id == client_id)
                        .order_by(t.c.sent_on, t.c.recorded_at)).all()


def suspension_events(conn: Connection, disclosure_ids: Collection[str]
                      ) -> Sequence[Row[Any, Any, Any, Any]]:
    """The suspension events (164.528(a)(2)) of these disclosures, oldest first."""
    if not disclosure_ids:
        return []
    t = disclosure_events
    return conn.execute(select(t.c.disclosure_id, t.c.occurred_at, t.c.until, t.c.detail)
                        .where(t.c.disclosure_id.in_(list(disclosure_ids)),
                               t.c.kind == "suspended")
                        .order_by(t.c.occurred_at)).all()
