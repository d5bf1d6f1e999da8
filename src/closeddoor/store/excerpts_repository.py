"""SQL for de-identified excerpts: the excerpt's row (its hash and sealed changes, never its
text) and the staff facts that say who may see identifiers in supervision.

Functions take the caller's `Connection` and read or write rows. The rules (which purpose may
keep identifiers, when an excerpt is a disclosure) live in `closeddoor.excerpts`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, exists, insert, or_, select

from closeddoor.store.tables import care_team, excerpts, users


def insert_excerpt(conn: Connection, **values: Any) -> None:
    conn.execute(insert(excerpts).values(**values))


def supervises_care_team(conn: Connection, supervisor_id: str, supervisor_role: str,
                         client_id: str, now: datetime) -> bool:
    """Whether `supervisor_id` is an active user of `supervisor_role` who supervises a member
    of the client's care team at `now` (staff and care-team rows only)."""
    supervisee = users.alias("supervisee")
    return bool(conn.execute(select(exists().where(
        users.c.id == supervisor_id, users.c.role == supervisor_role,
        users.c.is_active.is_(True), supervisee.c.supervisor_id == users.c.id,
        care_team.c.user_id == supervisee.c.id, care_team.c.client_id == client_id,
        care_team.c.starts_at <= now,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
    ))).scalar())


def care_team_supervisors(conn: Connection, supervisor_role: str, client_id: str,
                          now: datetime) -> list[tuple[str, str]]:
    """(id, display name) of every active user of `supervisor_role` who supervises a member of
    the client's care team at `now`, by name (staff and care-team rows only)."""
    supervisee = users.alias("supervisee")
    rows = conn.execute(select(users.c.id, users.c.display_name).distinct().where(
        users.c.role == supervisor_role, users.c.is_active.is_(True),
        supervisee.c.supervisor_id == users.c.id,
        care_team.c.user_id == supervisee.c.id, care_team.c.client_id == client_id,
        care_team.c.starts_at <= now,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
    ).order_by(users.c.display_name, users.c.id))
    return [(r.id, r.display_name) for r in rows]
