"""SQL for the Notice of Privacy Practices: the practice's notice versions and each client's
acknowledgments (or documented good-faith efforts). The rules (review before publishing,
acknowledging only the text shown) live in notice/; this module reads and writes rows in the
caller's transaction. Acknowledgments are only ever inserted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, exists, func, insert, select, update

from closeddoor.store.tables import (
    appointments,
    notice_acknowledgments,
    notice_versions,
    practice,
    progress_notes,
)

PUBLISHED = "published"
DRAFT = "draft"


def practice_name_and_jurisdiction(conn: Connection) -> tuple[str, str]:
    name, code = conn.execute(select(practice.c.name, practice.c.jurisdiction)).one()
    return str(name), str(code)


# --- versions -------------------------------------------------------------------------------------
def current_version(conn: Connection) -> Row[Any] | None:
    """The newest published version, or None before any is published."""
    return conn.execute(select(notice_versions).where(notice_versions.c.status == PUBLISHED)
                        .order_by(notice_versions.c.number.desc()).limit(1)).first()


def highest_version_number(conn: Connection) -> int:
    return int(conn.execute(select(func.max(notice_versions.c.number))).scalar() or 0)


def insert_version(conn: Connection, **values: Any) -> None:
    conn.execute(insert(notice_versions).values(**values))


def versions_newest_first(conn: Connection) -> list[Row[Any]]:
    return list(conn.execute(select(notice_versions)
                             .order_by(notice_versions.c.number.desc())).all())


def version(conn: Connection, version_id: str) -> Row[Any] | None:
    return conn.execute(select(notice_versions).where(notice_versions.c.id == version_id)).first()


def update_draft(conn: Connection, version_id: str, values: dict[str, Any], *,
                 document: str | None = None, reviewed_sha256: str | None = None) -> int:
    """Update a version only while it is a draft (and, when given, still has exactly this
    document and this recorded review); the number of rows changed (0 or 1). A published
    version is never updated: nothing in this module can change one."""
    conditions = [notice_versions.c.id == version_id, notice_versions.c.status == DRAFT]
    if document is not None:
        conditions.append(notice_versions.c.document == document)
    if reviewed_sha256 is not None:
        conditions.append(notice_versions.c.reviewed_sha256 == reviewed_sha256)
    return int(conn.execute(update(notice_versions).where(*conditions).values(**values)).rowcount)


# --- acknowledgments ------------------------------------------------------------------------------
def insert_acknowledgment(conn: Connection, **values: Any) -> None:
    conn.execute(insert(notice_acknowledgments).values(**values))


def acknowledgments_newest_first(conn: Connection, client_id: str) -> list[Row[Any]]:
    """The client's acknowledgments and efforts, each with its version's number."""
    return list(conn.execute(
        select(notice_acknowledgments, notice_versions.c.number)
        .join(notice_versions, notice_versions.c.id == notice_acknowledgments.c.version_id)
        .where(notice_acknowledgments.c.client_id == client_id)
        .order_by(notice_acknowledgments.c.recorded_at.desc(),
                  notice_versions.c.number.desc())).all())


def has_session(conn: Connection, client_id: str, attended: str) -> bool:
    """Whether service was delivered: an appointment with the `attended` status, or a progress
    note (a session documented without an appointment)."""
    return bool(conn.execute(select(
        exists().where(appointments.c.client_id == client_id, appointments.c.status == attended)
        | exists().where(progress_notes.c.client_id == client_id))).scalar())
