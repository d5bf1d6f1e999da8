"""Whether a client's signed consent covers the text the practice uses now (a policy fact)."""

from __future__ import annotations

from sqlalchemy import Connection, exists, select

from closeddoor.store.tables import consent_signatures, consent_versions, practice

PUBLISHED = "published"


def current_version_id(conn: Connection) -> str | None:
    """The newest published consent version, or None before any is published."""
    return conn.execute(
        select(consent_versions.c.id)
        .where(consent_versions.c.status == PUBLISHED)
        .order_by(consent_versions.c.number.desc())
        .limit(1)
    ).scalar_one_or_none()


def consent_is_current(conn: Connection, client_id: str) -> bool:
    """True when the client signed the current version under the practice's jurisdiction."""
    version_id = current_version_id(conn)
    if version_id is None:
        return False
    jurisdiction = select(practice.c.jurisdiction).limit(1).scalar_subquery()
    return bool(conn.execute(select(exists().where(
        consent_signatures.c.client_id == client_id,
        consent_signatures.c.version_id == version_id,
        consent_signatures.c.jurisdiction == jurisdiction,
    ))).scalar())
