"""SQL for the problem list, treatment plan revisions and signatures, and the goals a progress
note names. Functions take the caller's `Connection`; sealed fields go in and come out sealed.
Revisions and signatures are only ever inserted (migration 0021 refuses UPDATE on them).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from closeddoor.store.tables import (
    note_goals,
    problems,
    progress_notes,
    treatment_plan_revisions,
    treatment_plan_signatures,
)

R, S = treatment_plan_revisions, treatment_plan_signatures


# --- the problem list ----------------------------------------------------------------------
def insert_problem(conn: Connection, **values: Any) -> None:
    conn.execute(insert(problems).values(**values))


def problems_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's problems, primary first, then oldest first."""
    return conn.execute(select(problems).where(problems.c.client_id == client_id)
                        .order_by(problems.c.is_primary.desc(), problems.c.created_at,
                                  problems.c.id)).all()


def problem(conn: Connection, client_id: str, problem_id: str) -> Row[Any] | None:
    """The client's problem with this id, or None (another client's id is no problem of theirs)."""
    return conn.execute(select(problems).where(problems.c.id == problem_id,
                                               problems.c.client_id == client_id)).first()


def update_problem(conn: Connection, client_id: str, problem_id: str, **values: Any) -> None:
    conn.execute(update(problems).where(problems.c.id == problem_id,
                                        problems.c.client_id == client_id).values(**values))


def clear_primary(conn: Connection, client_id: str, at: datetime, actor_id: str) -> None:
    conn.execute(update(problems).where(problems.c.client_id == client_id,
                                        problems.c.is_primary.is_(True))
                 .values(is_primary=False, updated_at=at, updated_by=actor_id))


# --- plan revisions and signatures ---------------------------------------------------------
def next_revision_number(conn: Connection, client_id: str) -> int:
    top = conn.execute(select(func.max(R.c.number)).where(R.c.client_id == client_id)).scalar()
    return int(top or 0) + 1


def insert_revision(conn: Connection, **values: Any) -> bool:
    """False when the number was taken (a writer racing this one); the savepoint keeps the
    caller's transaction usable."""
    try:
        with conn.begin_nested():
            conn.execute(insert(R).values(**values))
    except IntegrityError:
        return False
    return True


def revisions_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's plan revisions, newest first."""
    return conn.execute(select(R).where(R.c.client_id == client_id)
                        .order_by(R.c.number.desc())).all()


def revision(conn: Connection, client_id: str, revision_id: str) -> Row[Any] | None:
    return conn.execute(select(R).where(R.c.id == revision_id,
                                        R.c.client_id == client_id)).first()


def latest_revision(conn: Connection, client_id: str) -> Row[Any] | None:
    return conn.execute(select(R).where(R.c.client_id == client_id)
                        .order_by(R.c.number.desc()).limit(1)).first()


def signatures_of(conn: Connection, revision_ids: Collection[str]) -> Sequence[Row[Any]]:
    if not revision_ids:
        return []
    return conn.execute(select(S).where(S.c.revision_id.in_(list(revision_ids)))
                        .order_by(S.c.signed_at)).all()


def insert_signature(conn: Connection, **values: Any) -> bool:
    """False when this signer already signed this revision."""
    try:
        with conn.begin_nested():
            conn.execute(insert(S).values(**values))
    except IntegrityError:
        return False
    return True


def review_dates(conn: Connection, client_ids: Collection[str]) -> dict[str, tuple[str, date]]:
    """Each listed client's newest revision: (revision id, review date). Dates only."""
    if not client_ids:
        return {}
    newest = (select(R.c.client_id, func.max(R.c.number).label("number"))
              .where(R.c.client_id.in_(list(client_ids))).group_by(R.c.client_id).subquery())
    rows = conn.execute(select(R.c.client_id, R.c.id, R.c.review_on).join(
        newest, (R.c.client_id == newest.c.client_id) & (R.c.number == newest.c.number))).all()
    return {r.client_id: (r.id, r.review_on) for r in rows}


# --- the goals a note names ----------------------------------------------------------------
def note_exists(conn: Connection, client_id: str, note_id: str
                ) -> Row[Any, Any, Any] | None:
    """The client's progress note's id, author and status, or None."""
    n = progress_notes
    found: Row[Any, Any, Any] | None = conn.execute(
        select(n.c.id, n.c.author_id, n.c.status)
        .where(n.c.id == note_id, n.c.client_id == client_id)).first()
    return found


def set_note_goals(conn: Connection, client_id: str, note_id: str,
                   goal_ids: Collection[str]) -> None:
    conn.execute(delete(note_goals).where(note_goals.c.note_id == note_id))
    if goal_ids:
        conn.execute(insert(note_goals), [{"note_id": note_id, "goal_id": g,
                                           "client_id": client_id} for g in goal_ids])


def goals_of_note(conn: Connection, note_id: str) -> list[str]:
    return list(conn.execute(select(note_goals.c.goal_id).where(note_goals.c.note_id == note_id)
                             .order_by(note_goals.c.goal_id)).scalars())
