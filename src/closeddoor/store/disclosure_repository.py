"""SQL for disclosures and authorizations, and the practice settings the disclosure workflow
reads (its name, its jurisdiction, two-person approval, accounting suspensions, the fee notice).
Disclosures and their events are only ever inserted: the database refuses UPDATE and DELETE on
them (migration 0009).

Functions take the caller's `Connection` and read or write rows; sealed fields go in and come
out sealed. The rules (what an authorization covers, who may release, when a disclosure may
still leave) live in `closeddoor.disclosure`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from closeddoor.store.tables import (
    accounting_requests,
    authorizations,
    disclosure_events,
    disclosures,
    practice,
    users,
)


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
        reviewed = select(disclosure_events.c.id).where(
            disclosure_events.c.disclosure_id == disclosures.c.id,
            disclosure_events.c.kind == "reviewed")
        query = query.where(~exists(reviewed))
    return conn.execute(query).all()


def events_of(conn: Connection, disclosure_ids: Sequence[str]) -> Sequence[Row[Any]]:
    """Every event of these disclosures, oldest first."""
    if not disclosure_ids:
        return []
    return conn.execute(select(disclosure_events)
                        .where(disclosure_events.c.disclosure_id.in_(list(disclosure_ids)))
                        .order_by(disclosure_events.c.occurred_at)).all()


def insert_event(conn: Connection, **values: Any) -> bool:
    """Append one event; False when its `once_key` was taken (the decision, the release or the
    review happened already, perhaps by a writer racing this one). The savepoint keeps the
    caller's transaction usable after the refusal."""
    try:
        with conn.begin_nested():
            conn.execute(insert(disclosure_events).values(**values))
    except IntegrityError:
        return False
    return True


# --- accounting requests --------------------------------------------------------------------------
def insert_accounting_request(conn: Connection, **values: Any) -> None:
    conn.execute(insert(accounting_requests).values(**values))


def accounting_requests_since(conn: Connection, client_id: str, since: datetime) -> int:
    """How many accountings were given for the client at or after `since`."""
    return int(conn.execute(select(func.count()).select_from(accounting_requests).where(
        accounting_requests.c.client_id == client_id,
        accounting_requests.c.requested_at >= since)).scalar_one())


def same_accounting_request(conn: Connection, client_id: str, since: datetime,
                            period_from: date, period_to: date) -> bool | None:
    """Whether the same period's accounting given at or after `since` was free; None if none
    was given."""
    found = conn.execute(select(accounting_requests.c.is_free).where(
        accounting_requests.c.client_id == client_id,
        accounting_requests.c.requested_at >= since,
        accounting_requests.c.period_from == period_from,
        accounting_requests.c.period_to == period_to)
        .order_by(accounting_requests.c.requested_at)).first()
    return None if found is None else bool(found.is_free)


def accounting_fee_notice(conn: Connection) -> str:
    return str(conn.execute(select(practice.c.accounting_fee_notice)).scalar_one() or "")


def set_accounting_fee_notice(conn: Connection, text: str) -> None:
    conn.execute(update(practice).values(accounting_fee_notice=text or None))


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
