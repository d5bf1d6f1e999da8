"""SQL for charts: clients, care teams and appointments.

Functions take the caller's `Connection`, so they run inside the transaction the service (or the
gate) opened; they read and write rows and never decide anything. The rules (who may, what is
valid, what is audited) live in `closeddoor.records`. Sealed columns go in and come out sealed:
this module never sees plaintext.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Row,
    Select,
    and_,
    bindparam,
    insert,
    or_,
    select,
    union,
    update,
)

from closeddoor.store.prepared import Prepared
from closeddoor.store.tables import break_glass, care_team, clients, practice, users


# --- clients -------------------------------------------------------------------------------------
def insert_client(conn: Connection, **values: Any) -> None:
    """A new `clients` row (`id`, name indexes, sealed demographics and contacts, ...)."""
    conn.execute(insert(clients).values(**values))


def update_client(conn: Connection, client_id: str, **values: Any) -> None:
    conn.execute(update(clients).where(clients.c.id == client_id).values(**values))


def client_exists(conn: Connection, client_id: str) -> bool:
    return conn.execute(select(clients.c.id).where(clients.c.id == client_id)).first() is not None


def client_created_at(conn: Connection, client_id: str) -> datetime:
    created: datetime = conn.execute(select(clients.c.created_at)
                                     .where(clients.c.id == client_id)).scalar_one()
    return created


def all_client_ids(conn: Connection) -> list[str]:
    """Every client the database holds (destroyed ones are gone), oldest first: a practice-wide
    export asks the gate about each."""
    return list(conn.execute(select(clients.c.id).order_by(clients.c.created_at, clients.c.id))
                .scalars())
def _visible_clients(conn: Connection, query: Select[Any], actor_id: str, now: datetime, *,
                     teams_only: bool) -> Select[Any]:
    """`query` narrowed to active clients; with `teams_only`, to those on whose care team the
    actor (or one of the actor's supervisees) is at `now`, or to whom the actor holds open
    break-glass access."""
    query = query.where(clients.c.status == "active")
    if not teams_only:
        return query
    return query.where(clients.c.id.in_(_caseload(conn, actor_id, now)))


def _caseload(conn: Connection, actor_id: str, now: datetime) -> list[str]:
    """The clients on whose care team the actor (or a supervisee) is at `now`, and those the
    actor holds open break-glass access to."""
    supervisees = select(users.c.id).where(users.c.supervisor_id == actor_id)
    on_teams = select(care_team.c.client_id).where(
        or_(
            care_team.c.user_id == actor_id,
            care_team.c.user_id.in_(supervisees.scalar_subquery()),
        ),
        care_team.c.starts_at <= now,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
    )
    glass = select(break_glass.c.client_id).where(
        break_glass.c.actor_id == actor_id, break_glass.c.expires_at > now
    )
    # The caseload first (a few rows through the care-team index), then its clients by id: in
    # one statement SQLite walks every active client of the practice to test each one.
    return list(conn.execute(union(on_teams, glass)).scalars())


def visible_client_ids(conn: Connection, actor_id: str, now: datetime, *,
                       teams_only: bool) -> list[str]:
    """Active clients; with `teams_only`, only the actor's caseload (see `_visible_clients`).
    The gate still decides on every one of them."""
    query = _visible_clients(conn, select(clients.c.id), actor_id, now, teams_only=teams_only)
    return list(conn.execute(query).scalars())


def visible_clients_by_created(
    conn: Connection, actor_id: str, now: datetime, *, teams_only: bool, newest_first: bool,
    after: tuple[datetime, str] | None, limit: int,
) -> list[tuple[str, datetime]]:
    """`(id, created_at)` of up to `limit` visible clients in order of registration (then id),
    after the position `after` (keyset pagination on `ix_clients_created`)."""
    params: dict[str, Any] = {"limit": limit}
    if teams_only:
        params["caseload"] = _caseload(conn, actor_id, now)
        if not params["caseload"]:
            return []
    if after is not None:
        params["at"], params["last_id"] = after
    rows = _by_created(newest_first, after is not None, teams_only).all(conn, params)
    return [(row.id, row.created_at) for row in rows]


@cache
def _by_created(newest_first: bool, keyset: bool, caseload: bool) -> Prepared:
    """The page query of `visible_clients_by_created`, built once per shape: every page of
    the client list runs one."""
    created, ident = clients.c.created_at, clients.c.id
    query = select(ident, created).where(clients.c.status == "active")
    if caseload:
        query = query.where(ident.in_(bindparam("caseload", expanding=True)))
    if keyset:
        at, last_id = bindparam("at", type_=created.type), bindparam("last_id", type_=ident.type)
        if newest_first:
            query = query.where(or_(created < at, and_(created == at, ident < last_id)))
        else:
            query = query.where(or_(created > at, and_(created == at, ident > last_id)))
    order = (created.desc(), ident.desc()) if newest_first else (created.asc(), ident.asc())
    return Prepared(query.order_by(*order).limit(bindparam("limit", type_=Integer)))


def client_ids_by_name_index(conn: Connection, full_name_index: str, name_index: str
                             ) -> list[str]:
    """Clients whose full-name blind index is `full_name_index`, or whose family or given
    name index is `name_index`."""
    return list(
        conn.execute(
            select(clients.c.id).where(
                or_(
                    clients.c.full_name_index == full_name_index,
                    clients.c.family_name_index == name_index,
                    clients.c.given_name_index == name_index,
                )
            )
        ).scalars()
    )


# Built once: a page of the client list runs it on every read.
_SEALED_DEMOGRAPHICS_OF = Prepared(select(clients.c.id, clients.c.demographics_sealed).where(
    clients.c.id.in_(bindparam("client_ids", expanding=True))))


def sealed_demographics_of(conn: Connection, client_ids: list[str]) -> Sequence[Any]:
    """`(id, demographics_sealed)` of each of these clients."""
    if not client_ids:
        return []
    return _SEALED_DEMOGRAPHICS_OF.all(conn, {"client_ids": client_ids})


def sealed_profile(conn: Connection, client_id: str) -> Row[Any, Any]:
    """`(demographics_sealed, contacts_sealed)` of a client known to exist."""
    return conn.execute(select(clients.c.demographics_sealed, clients.c.contacts_sealed)
                        .where(clients.c.id == client_id)).one()


def sealed_demographics(conn: Connection, client_id: str) -> bytes | None:
    """A client's sealed demographics, or None when there is no such client."""
    sealed: bytes | None = conn.execute(select(clients.c.demographics_sealed)
                                        .where(clients.c.id == client_id)).scalar_one_or_none()
    return sealed


def sealed_contacts(conn: Connection, client_id: str) -> bytes | None:
    """A client's sealed contacts, or None when there is no such client."""
    sealed: bytes | None = conn.execute(select(clients.c.contacts_sealed)
                                        .where(clients.c.id == client_id)).scalar_one_or_none()
    return sealed


def practice_name(conn: Connection) -> str:
    name: str = conn.execute(select(practice.c.name)).scalar_one()
    return name


# --- care teams ----------------------------------------------------------------------------------
def active_membership(user_id: str, client_id: str, now: datetime) -> ColumnElement[bool]:
    """The care-team rows that make `user_id` a member of the client's team at `now`."""
    return and_(
        care_team.c.client_id == client_id,
        care_team.c.user_id == user_id,
        care_team.c.starts_at <= now,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
    )


def is_on_care_team(conn: Connection, user_id: str, client_id: str, now: datetime) -> bool:
    return conn.execute(
        select(care_team.c.id).where(active_membership(user_id, client_id, now))
    ).first() is not None


def insert_membership(conn: Connection, membership_id: str, client_id: str, user_id: str,
                      team_role: str, starts_at: datetime) -> None:
    conn.execute(
        insert(care_team).values(
            id=membership_id,
            client_id=client_id,
            user_id=user_id,
            team_role=team_role,
            starts_at=starts_at,
            ends_at=None,
        )
    )


def end_membership(conn: Connection, membership_id: str, client_id: str, at: datetime) -> bool:
    """End an open membership of this client's team; False when there is none to end."""
    result = conn.execute(
        update(care_team)
        .where(
            care_team.c.id == membership_id,
            care_team.c.client_id == client_id,
            care_team.c.ends_at.is_(None),
        )
        .values(ends_at=at)
    )
    return result.rowcount == 1


def current_care_team(conn: Connection, client_id: str, now: datetime) -> Sequence[Row[Any]]:
    """Memberships not ended by `now` (with the member's `display_name`), oldest first."""
    return conn.execute(
        select(care_team, users.c.display_name)
        .join(users, users.c.id == care_team.c.user_id)
        .where(
            care_team.c.client_id == client_id,
            or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
        )
        .order_by(care_team.c.starts_at)
    ).all()


def care_team_names(conn: Connection, client_id: str) -> list[str]:
    """The display names of everyone ever on the client's care team."""
    return list(conn.execute(
        select(users.c.display_name).distinct()
        .join(care_team, users.c.id == care_team.c.user_id)
        .where(care_team.c.client_id == client_id)).scalars())


def active_user_role(conn: Connection, user_id: str) -> str | None:
    """The role of an active staff member, or None."""
    role: str | None = conn.execute(
        select(users.c.role).where(users.c.id == user_id, users.c.is_active.is_(True))
    ).scalar_one_or_none()
    return role


# --- break-glass grants --------------------------------------------------------------------------
def insert_break_glass(conn: Connection, **values: Any) -> None:
    conn.execute(insert(break_glass).values(**values))


def open_grant(conn: Connection, client_id: str, actor_id: str, now: datetime
               ) -> Row[Any] | None:
    """The actor's grant for this client open at `now` that runs longest, if any."""
    return conn.execute(select(break_glass).where(
        break_glass.c.client_id == client_id, break_glass.c.actor_id == actor_id,
        break_glass.c.opened_at <= now, break_glass.c.expires_at > now,
    ).order_by(break_glass.c.expires_at.desc())).first()


def client_ids_by_full_name_index(conn: Connection, full_name_index: str) -> list[str]:
    return list(conn.execute(select(clients.c.id).where(
        clients.c.full_name_index == full_name_index)).scalars())


def break_glass_grants(conn: Connection, *, include_reviewed: bool) -> Sequence[Row[Any]]:
    """Grants newest first; only those awaiting review unless `include_reviewed`."""
    query = select(break_glass).order_by(break_glass.c.opened_at.desc())
    if not include_reviewed:
        query = query.where(break_glass.c.reviewed_at.is_(None))
    return conn.execute(query).all()


def break_glass_client(conn: Connection, grant_id: str) -> str | None:
    """The client a grant is for, or None when there is no such grant."""
    client_id: str | None = conn.execute(
        select(break_glass.c.client_id).where(break_glass.c.id == grant_id)
    ).scalar_one_or_none()
    return client_id


def complete_break_glass_review(conn: Connection, grant_id: str, *, reviewed_at: datetime,
                                reviewed_by: str, review_comment_sealed: bytes) -> bool:
    """Record the review of a grant not yet reviewed; False when it already was."""
    result = conn.execute(
        update(break_glass)
        .where(
            break_glass.c.id == grant_id,
            break_glass.c.reviewed_at.is_(None),
        )
        .values(
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
            review_comment_sealed=review_comment_sealed,
        )
    )
    return result.rowcount == 1
