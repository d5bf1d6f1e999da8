"""SQL for notes: progress notes, psychotherapy notes and addenda.

Functions take the caller's `Connection` and read or write rows; sealed bodies go in and come
out sealed. The rules (who may read or write which note, when a draft locks) live in
`closeddoor.records`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, exists, insert, select, update

from closeddoor.store.prepared import Prepared
from closeddoor.store.tables import (
    addenda,
    note_cosignatures,
    progress_notes,
    psychotherapy_notes,
    users,
)

# Built once: every audited note read runs these, and building a statement (and its cache key)
# per call cost more than executing it (docs/performance.md, "Where a read's time goes").
_PROGRESS_NOTE = Prepared(select(progress_notes).where(
    progress_notes.c.id == bindparam("note_id")))
_PROGRESS_NOTE_META = Prepared(select(progress_notes.c.author_id, progress_notes.c.status).where(
    progress_notes.c.id == bindparam("note_id"),
    progress_notes.c.client_id == bindparam("client_id")))
_COSIGNATURES_OF = Prepared(select(note_cosignatures).where(
    note_cosignatures.c.note_id.in_(bindparam("note_ids", expanding=True))))
_ADDENDA_OF = Prepared(select(addenda).where(
    addenda.c.note_id.in_(bindparam("note_ids", expanding=True))).order_by(addenda.c.created_at))


# --- progress notes ------------------------------------------------------------------------------
def insert_progress_note(conn: Connection, **values: Any) -> None:
    conn.execute(insert(progress_notes).values(**values))


def update_own_draft(conn: Connection, note_id: str, author_id: str, *, note_format: str,
                     updated_at: datetime, body_sealed: bytes) -> bool:
    """Replace the body of `author_id`'s draft; False when it is not their unsigned draft."""
    result = conn.execute(
        update(progress_notes)
        .where(
            progress_notes.c.id == note_id,
            progress_notes.c.status == "draft",
            progress_notes.c.author_id == author_id,
        )
        .values(note_format=note_format, updated_at=updated_at, body_sealed=body_sealed)
    )
    return result.rowcount == 1


def sign_draft(conn: Connection, note_id: str, at: datetime) -> bool:
    """Sign and lock a draft; False when the note is not a draft (already signed)."""
    result = conn.execute(
        update(progress_notes)
        .where(
            progress_notes.c.id == note_id,
            progress_notes.c.status == "draft",
        )
        .values(status="signed", signed_at=at, updated_at=at)
    )
    return result.rowcount == 1


def progress_note(conn: Connection, note_id: str) -> Row[Any]:
    """A progress note's row, known to exist."""
    row: Row[Any] = _PROGRESS_NOTE.one(conn, {"note_id": note_id})
    return row


def progress_notes_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """The client's progress note rows (drafts included), newest session first."""
    return conn.execute(
        select(progress_notes)
        .where(progress_notes.c.client_id == client_id)
        .order_by(progress_notes.c.session_date.desc(), progress_notes.c.created_at.desc())
    ).all()


def progress_note_meta(conn: Connection, client_id: str, note_id: str) -> Row[Any, Any] | None:
    """`(author_id, status)` of the client's progress note, or None."""
    row: Row[Any, Any] | None = _PROGRESS_NOTE_META.first(
        conn, {"note_id": note_id, "client_id": client_id})
    return row


# --- co-signatures (append-only: inserted, never changed) --------------------------------------
def insert_cosignature(conn: Connection, **values: Any) -> None:
    conn.execute(insert(note_cosignatures).values(**values))


def cosignatures_of(conn: Connection, note_ids: Sequence[str]) -> dict[str, Row[Any]]:
    """The co-signature of each of `note_ids` that has one, by note id."""
    if not note_ids:
        return {}
    rows = _COSIGNATURES_OF.all(conn, {"note_ids": list(note_ids)})
    return {row.note_id: row for row in rows}


def supervisor_of(conn: Connection, user_id: str) -> str | None:
    """The named supervisor of staff member `user_id`, if any."""
    found: str | None = conn.execute(
        select(users.c.supervisor_id).where(users.c.id == user_id)).scalar_one_or_none()
    return found


def awaiting_cosignature(conn: Connection, supervisor_id: str
                         ) -> Sequence[Row[Any, Any, Any, Any, Any]]:
    """Signed progress notes (ids, dates, author; no body) by the staff `supervisor_id`
    supervises that nobody has co-signed yet, oldest signature first."""
    return conn.execute(
        select(progress_notes.c.id, progress_notes.c.client_id, progress_notes.c.author_id,
               progress_notes.c.session_date, progress_notes.c.signed_at)
        .join(users, users.c.id == progress_notes.c.author_id)
        .where(users.c.supervisor_id == supervisor_id,
               progress_notes.c.status == "signed",
               ~exists().where(note_cosignatures.c.note_id == progress_notes.c.id))
        .order_by(progress_notes.c.signed_at, progress_notes.c.id)
    ).all()


# --- psychotherapy notes -------------------------------------------------------------------------
def insert_psychotherapy_note(conn: Connection, **values: Any) -> None:
    conn.execute(insert(psychotherapy_notes).values(**values))


def psychotherapy_note(conn: Connection, note_id: str) -> Row[Any]:
    """A psychotherapy note's row, known to exist."""
    return conn.execute(
        select(psychotherapy_notes).where(psychotherapy_notes.c.id == note_id)
    ).one()


def psychotherapy_note_author(conn: Connection, client_id: str, note_id: str) -> str | None:
    """The author of the client's psychotherapy note, or None when there is none."""
    author: str | None = conn.execute(
        select(psychotherapy_notes.c.author_id).where(
            psychotherapy_notes.c.id == note_id,
            psychotherapy_notes.c.client_id == client_id,
        )
    ).scalar_one_or_none()
    return author


def has_written_psychotherapy_note(conn: Connection, client_id: str, author_id: str) -> bool:
    return conn.execute(
        select(psychotherapy_notes.c.id).where(
            psychotherapy_notes.c.client_id == client_id,
            psychotherapy_notes.c.author_id == author_id,
        )
    ).first() is not None


def psychotherapy_notes_by(conn: Connection, client_id: str, author_id: str
                           ) -> Sequence[Row[Any]]:
    """The psychotherapy note rows `author_id` wrote for the client, newest session first."""
    return conn.execute(select(psychotherapy_notes).where(
        psychotherapy_notes.c.client_id == client_id,
        psychotherapy_notes.c.author_id == author_id,
    ).order_by(psychotherapy_notes.c.session_date.desc())).all()


# --- addenda -------------------------------------------------------------------------------------
def insert_addendum(conn: Connection, **values: Any) -> None:
    conn.execute(insert(addenda).values(**values))


def addenda_of(conn: Connection, note_ids: list[str]) -> Sequence[Row[Any]]:
    """The addendum rows of these notes, oldest first."""
    return _ADDENDA_OF.all(conn, {"note_ids": note_ids})
