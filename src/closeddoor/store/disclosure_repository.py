"""SQL for disclosures and authorizations, and the practice settings the disclosure workflow
reads (its name, its jurisdiction, two-person approval, accounting suspensions).

Functions take the caller's `Connection` and read or write rows; sealed fields go in and come
out sealed. The rules (what an authorization covers, who may release, when a disclosure may
still leave) live in `closeddoor.disclosure`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from closeddoor.store.tables import authorizations, disclosures, practice, users


# --- the practice ---------------------------------------------------------------------------------
def practice_name(conn: Connection) -> str:
    return str(conn.execute(select(practice.c.name)).scalar_one())


def practice_name_and_jurisdiction(conn: Connection) -> tuple[str, str]:
    name, code = conn.execute(select(practice.c.name, practice.c.jurisdiction)).one()
    return name, code


def is_two_person(conn: Connection) -> bool:
    """Whether a legal-basis disclosure waits for a second staff member's approval."""
    return bool(conn.execute(select(practice.c.disclosure_two_person)).scalar_one())


def allows_accounting_suspension(conn: Connection) -> bool:
    return bool(conn.execute(select(practice.c.accounting_suspension)).scalar_one())


def disclosure_settings(conn: Connection) -> Row[Any, Any]:
    """The practice's `disclosure_two_person` and `accounting_suspension` columns."""
    return conn.execute(select(practice.c.disclosure_two_person,
                               practice.c.accounting_suspension)).one()


def set_practice_setting(conn: Connection, name: str, value: bool) -> None:
    conn.execute(update(practice).values({name: value}))


def staff_names(conn: Connection) -> dict[str, str]:
    """Every user's display name by id."""
    return {r.id: r.display_name for r in conn.execute(select(users.c.id, users.c.display_name))}


# --- disclosures ----------------------------------------------------------------------------------
def insert_disclosure(conn: Connection, **values: Any) -> None:
    conn.execute(insert(disclosures).values(**values))


def disclosure(conn: Connection, client_id: str, disclosure_id: str) -> Row[Any] | None:
    """The client's disclosure row, or None if there is no such disclosure of theirs."""
    return conn.execute(select(disclosures).where(
        disclosures.c.id == disclosure_id, disclosures.c.client_id == client_id)).first()


def disclosure_meta(conn: Connection, client_id: str, disclosure_id: str
                    ) -> Row[Any, Any] | None:
    """Who asked and on what authority (`requested_by`, `authority`): no sealed content."""
    return conn.execute(select(disclosures.c.requested_by, disclosures.c.authority)
                        .where(disclosures.c.id == disclosure_id,
                               disclosures.c.client_id == client_id)).first()


def disclosure_client_and_authority(conn: Connection, disclosure_id: str
                                    ) -> Row[Any, Any] | None:
    """A disclosure's `client_id` and `authority`, whoever the client: no sealed content."""
    return conn.execute(select(disclosures.c.client_id, disclosures.c.authority).where(
        disclosures.c.id == disclosure_id)).first()


def has_disclosure(conn: Connection, client_id: str, disclosure_id: str) -> bool:
    return conn.execute(select(disclosures.c.id).where(
        disclosures.c.id == disclosure_id,
        disclosures.c.client_id == client_id)).first() is not None


def disclosures_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """Every disclosure row of the client, newest request first."""
    return conn.execute(select(disclosures)
                        .where(disclosures.c.client_id == client_id)
                        .order_by(disclosures.c.requested_at.desc())).all()


def legal_basis_disclosures(conn: Connection, authority: str, *,
                            include_reviewed: bool) -> Sequence[Row[Any, Any]]:
    """The `id` and `client_id` of disclosures made on `authority`, oldest request first;
    only those not yet reviewed unless `include_reviewed`."""
    query = select(disclosures.c.id, disclosures.c.client_id).where(
        disclosures.c.authority == authority).order_by(disclosures.c.requested_at)
    if not include_reviewed:
        query = query.where(disclosures.c.reviewed_at.is_(None))
    return conn.execute(query).all()


def update_disclosure(conn: Connection, disclosure_id: str, **values: Any) -> None:
    conn.execute(update(disclosures).where(disclosures.c.id == disclosure_id).values(**values))


def mark_released(conn: Connection, disclosure_id: str, ready: str, *, released: str,
                  released_at: datetime, released_by: str, packet_sha256: str) -> None:
    """Record the packet's release, if the disclosure is still in the `ready` status."""
    conn.execute(update(disclosures).where(
        disclosures.c.id == disclosure_id, disclosures.c.status == ready,
    ).values(status=released, released_at=released_at, released_by=released_by,
             packet_sha256=packet_sha256))


def complete_review(conn: Connection, disclosure_id: str, *, reviewed_at: datetime,
                    reviewed_by: str, review_comment_sealed: bytes) -> bool:
    """Record the review; False when the disclosure was already reviewed."""
    done = conn.execute(update(disclosures).where(
        disclosures.c.id == disclosure_id, disclosures.c.reviewed_at.is_(None),
    ).values(reviewed_at=reviewed_at, reviewed_by=reviewed_by,
             review_comment_sealed=review_comment_sealed))
    return done.rowcount == 1


# --- authorizations -------------------------------------------------------------------------------
def insert_authorization(conn: Connection, **values: Any) -> None:
    conn.execute(insert(authorizations).values(**values))


def authorization(conn: Connection, client_id: str, authorization_id: str) -> Row[Any] | None:
    """The client's authorization row, or None if there is no such authorization of theirs."""
    return conn.execute(select(authorizations).where(
        authorizations.c.id == authorization_id,
        authorizations.c.client_id == client_id)).first()


def authorizations_of(conn: Connection, client_id: str) -> Sequence[Row[Any]]:
    """Every authorization row of the client, newest first."""
    return conn.execute(select(authorizations).where(
        authorizations.c.client_id == client_id)
        .order_by(authorizations.c.created_at.desc())).all()


def sign_authorization(conn: Connection, authorization_id: str, **values: Any) -> bool:
    """Record a signature; False when the authorization was signed or revoked meanwhile."""
    signed = conn.execute(update(authorizations).where(
        authorizations.c.id == authorization_id, authorizations.c.signed_at.is_(None),
        authorizations.c.revoked_at.is_(None),
    ).values(**values))
    return signed.rowcount == 1


def revoke_authorization(conn: Connection, authorization_id: str, *, revoked_at: datetime,
                         revoked_by: str, revoke_method: str) -> bool:
    """Record a revocation; False when the authorization is already revoked."""
    revoked = conn.execute(update(authorizations).where(
        authorizations.c.id == authorization_id, authorizations.c.revoked_at.is_(None),
    ).values(revoked_at=revoked_at, revoked_by=revoked_by, revoke_method=revoke_method))
    return revoked.rowcount == 1


def record_expiry_event(conn: Connection, authorization_id: str, *, occurred_at: datetime,
                        recorded_by: str) -> None:
    conn.execute(update(authorizations).where(authorizations.c.id == authorization_id)
                 .values(event_occurred_at=occurred_at, event_recorded_by=recorded_by))
