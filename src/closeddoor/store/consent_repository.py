"""SQL for consent: the practice's consent versions, each client's signatures and their optional
consents and contact preferences. The rules (review before publishing, signing only the text
shown, who signs) live in consent/; this module only reads and writes rows in the caller's
transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, exists, func, insert, select, update

from closeddoor.store.tables import (
    client_preferences,
    consent_signatures,
    consent_versions,
    practice,
)

PUBLISHED = "published"


# --- the practice ---------------------------------------------------------------------------------
def practice_name_and_jurisdiction(conn: Connection) -> tuple[str, str]:
    name, code = conn.execute(select(practice.c.name, practice.c.jurisdiction)).one()
    return str(name), str(code)


def jurisdiction_code(conn: Connection) -> str:
    return str(conn.execute(select(practice.c.jurisdiction)).scalar_one())


def set_jurisdiction(conn: Connection, code: str) -> None:
    conn.execute(update(practice).values(jurisdiction=code))


# --- versions -------------------------------------------------------------------------------------
def current_version_id(conn: Connection) -> str | None:
    """The newest published version's id, or None before any is published."""
    version_id: str | None = conn.execute(
        select(consent_versions.c.id)
        .where(consent_versions.c.status == PUBLISHED)
        .order_by(consent_versions.c.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    return version_id


def version_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(consent_versions)).scalar_one())


def highest_version_number(conn: Connection) -> int:
    """The largest version number so far, 0 when there is none."""
    return int(conn.execute(select(func.max(consent_versions.c.number))).scalar() or 0)


def insert_version(conn: Connection, **values: Any) -> None:
    conn.execute(insert(consent_versions).values(**values))


def first_draft(conn: Connection) -> Row[Any] | None:
    return conn.execute(select(consent_versions).where(consent_versions.c.status == "draft")
                        .order_by(consent_versions.c.number).limit(1)).first()


def versions_newest_first(conn: Connection) -> list[Row[Any]]:
    return list(conn.execute(select(consent_versions)
                             .order_by(consent_versions.c.number.desc())).all())


def version(conn: Connection, version_id: str) -> Row[Any] | None:
    return conn.execute(select(consent_versions).where(
        consent_versions.c.id == version_id)).first()


def version_document(conn: Connection, version_id: str | None) -> str | None:
    """The version's template (JSON text), or None for an unknown version."""
    document = conn.execute(select(consent_versions.c.document).where(
        consent_versions.c.id == version_id)).scalar_one_or_none()
    return None if document is None else str(document)


def existing_version_document(conn: Connection, version_id: str) -> str:
    """The template of a version known to exist (raises if it does not)."""
    return str(conn.execute(select(consent_versions.c.document).where(
        consent_versions.c.id == version_id)).scalar_one())


def reviewed_sha256(conn: Connection, version_id: str) -> str | None:
    reviewed: str | None = conn.execute(select(consent_versions.c.reviewed_sha256).where(
        consent_versions.c.id == version_id)).scalar_one()
    return reviewed


def version_number(conn: Connection, version_id: str) -> int:
    return int(conn.execute(select(consent_versions.c.number).where(
        consent_versions.c.id == version_id)).scalar_one())


def published_facts(conn: Connection, version_id: str) -> tuple[int, str | None, bool | None]:
    """A version's number, the SHA-256 of the text published and whether it is the demo form."""
    number, published, is_demo = conn.execute(select(
        consent_versions.c.number, consent_versions.c.text_sha256, consent_versions.c.is_demo,
    ).where(consent_versions.c.id == version_id)).one()
    return number, published, is_demo


def update_version(conn: Connection, version_id: str, **values: Any) -> None:
    conn.execute(update(consent_versions).where(consent_versions.c.id == version_id)
                 .values(**values))


def update_draft(conn: Connection, version_id: str, values: dict[str, Any], *,
                 document: str | None = None, reviewed_sha256: str | None = None) -> int:
    """Update a version only while it is a draft (and, when given, still has exactly this
    document and this recorded review); the number of rows changed (0 or 1)."""
    conditions = [consent_versions.c.id == version_id, consent_versions.c.status == "draft"]
    if document is not None:
        conditions.append(consent_versions.c.document == document)
    if reviewed_sha256 is not None:
        conditions.append(consent_versions.c.reviewed_sha256 == reviewed_sha256)
    result = conn.execute(update(consent_versions).where(*conditions).values(**values))
    return int(result.rowcount)


# --- signatures -----------------------------------------------------------------------------------
def insert_signature(conn: Connection, **values: Any) -> None:
    conn.execute(insert(consent_signatures).values(**values))


def signatures_newest_first(conn: Connection, client_id: str) -> list[Row[Any]]:
    """The client's signatures, each with its version's number."""
    return list(conn.execute(
        select(consent_signatures, consent_versions.c.number)
        .join(consent_versions, consent_versions.c.id == consent_signatures.c.version_id)
        .where(consent_signatures.c.client_id == client_id)
        .order_by(consent_signatures.c.signed_at.desc(), consent_signatures.c.id.desc())).all())


def signed_text(conn: Connection, client_id: str, signature_id: str
                ) -> Row[Any, Any, Any] | None:
    """One signature's sealed text, its hash and its version's number."""
    return conn.execute(
        select(consent_signatures.c.text_sealed, consent_signatures.c.text_sha256,
               consent_versions.c.number)
        .join(consent_versions, consent_versions.c.id == consent_signatures.c.version_id)
        .where(consent_signatures.c.id == signature_id,
               consent_signatures.c.client_id == client_id)).first()


def last_signature(conn: Connection, client_id: str) -> Row[Any, Any, Any] | None:
    """The client's latest signature (signed_at, number, signer_kind), or None."""
    return conn.execute(
        select(consent_signatures.c.signed_at, consent_versions.c.number,
               consent_signatures.c.signer_kind)
        .join(consent_versions, consent_versions.c.id == consent_signatures.c.version_id)
        .where(consent_signatures.c.client_id == client_id)
        .order_by(consent_signatures.c.signed_at.desc(), consent_versions.c.number.desc())
        .limit(1)).first()


def has_signed(conn: Connection, client_id: str, version_id: str, text_sha256: str) -> bool:
    """Whether the client signed this version's text with exactly this hash."""
    return bool(conn.execute(select(exists().where(
        consent_signatures.c.client_id == client_id,
        consent_signatures.c.version_id == version_id,
        consent_signatures.c.text_sha256 == text_sha256,
    ))).scalar())


# --- optional consents and contact preferences ----------------------------------------------------
def preferences_sealed(conn: Connection, client_id: str) -> Any:
    """The client's sealed preferences, or None when they never answered."""
    return conn.execute(select(client_preferences.c.preferences_sealed).where(
        client_preferences.c.client_id == client_id)).scalar_one_or_none()


def save_preferences(conn: Connection, client_id: str, **values: Any) -> None:
    """Replace the client's preferences row, or add it."""
    changed = conn.execute(update(client_preferences).where(
        client_preferences.c.client_id == client_id).values(**values))
    if changed.rowcount == 0:
        conn.execute(insert(client_preferences).values(client_id=client_id, **values))
