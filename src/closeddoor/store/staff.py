"""SQL for staff administration: the `users` rows (beyond sign-in, which is
`closeddoor.store.credentials`) and the practice's settings.

Functions take the caller's `Connection` and only read and write rows; the rules (who may add
or change a staff member, the last owner, supervisors) live in `closeddoor.accounts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from closeddoor.store.tables import practice, sessions, users

OWNER = "owner"
SUPERVISOR = "supervisor"


def user(conn: Connection, user_id: str) -> Row[Any] | None:
    return conn.execute(select(users).where(users.c.id == user_id)).first()


def user_by_username(conn: Connection, username: str) -> Row[Any] | None:
    return conn.execute(select(users).where(users.c.username == username)).first()


def all_users(conn: Connection) -> Sequence[Row[Any]]:
    """Every staff member, by user name."""
    return conn.execute(select(users).order_by(users.c.username)).all()


def display_names(conn: Connection) -> dict[str, str]:
    return {r.id: r.display_name for r in conn.execute(select(users.c.id, users.c.display_name))}


def username_taken(conn: Connection, username: str) -> bool:
    return conn.execute(select(users.c.id).where(users.c.username == username)).first() is not None


def supervisor_id(conn: Connection, username: str, *, active_only: bool = False) -> str | None:
    """The id of the supervisor with this user name (with `active_only`, an active one)."""
    query = select(users.c.id).where(users.c.username == username, users.c.role == SUPERVISOR)
    if active_only:
        query = query.where(users.c.is_active.is_(True))
    found: str | None = conn.execute(query).scalar_one_or_none()
    return found


def insert_user(conn: Connection, **values: Any) -> None:
    conn.execute(insert(users).values(**values))


def update_user(conn: Connection, user_id: str, **values: Any) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(**values))


def end_sessions(conn: Connection, user_id: str) -> None:
    """End every session and API token of the staff member."""
    conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


def other_active_owners(conn: Connection, user_id: str) -> int:
    return int(conn.execute(select(func.count()).where(
        users.c.role == OWNER, users.c.is_active.is_(True),
        users.c.id != user_id)).scalar_one())


def active_supervisees(conn: Connection, supervisor_id: str) -> int:
    return int(conn.execute(select(func.count()).where(
        users.c.supervisor_id == supervisor_id, users.c.is_active.is_(True))).scalar_one())


def mfa_required(conn: Connection) -> bool:
    return bool(conn.execute(select(practice.c.mfa_required)).scalar_one())


def set_mfa_required(conn: Connection, required: bool) -> None:
    conn.execute(update(practice).values(mfa_required=required))
