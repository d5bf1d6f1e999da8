"""SQL for the facts the gate gathers before it decides: whether a client exists, and how a
staff member stands to a client now (on the care team, supervising someone on it, holding
open break-glass access). No content is read; the gate turns these into a `policy.Resource`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, and_, bindparam, exists, or_, select

from closeddoor.store.prepared import Prepared
from closeddoor.store.tables import (
    UtcDateTime,
    break_glass,
    care_team,
    clients,
    consent_signatures,
    personal_representatives,
    users,
)


@dataclass(frozen=True)
class Standing:
    """How one staff member stands to one client at one moment."""

    on_care_team: bool
    supervises_care_team: bool
    break_glass_active: bool


# Built once: compiling these statements per request cost more than running them.
_NOW = bindparam("now", type_=UtcDateTime())


def _standing_facts(client: ColumnElement[str]) -> tuple[ColumnElement[bool], ...]:
    """On the care team, supervising someone on it, holding open break-glass access: the three
    facts of a `Standing`, for the client `client` names, at `now`."""
    current = and_(care_team.c.starts_at <= _NOW,
                   or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > _NOW))
    return (
        exists().where(care_team.c.client_id == client,
                       care_team.c.user_id == bindparam("actor_id"), current).label("on_team"),
        exists().where(care_team.c.client_id == client, current, care_team.c.user_id.in_(
            select(users.c.id).where(users.c.supervisor_id == bindparam("actor_id"))
            .scalar_subquery())).label("supervises"),
        exists().where(break_glass.c.client_id == client,
                       break_glass.c.actor_id == bindparam("actor_id"),
                       break_glass.c.opened_at <= _NOW,
                       break_glass.c.expires_at > _NOW).label("glass"),
    )


_RELATIONSHIP = Prepared(select(*_standing_facts(bindparam("client_id"))).where(
    clients.c.id == bindparam("client_id")))
# The same facts for many clients in one query (a page of the client list).
_STANDINGS = Prepared(select(clients.c.id, *_standing_facts(clients.c.id)).where(
    clients.c.id.in_(bindparam("client_ids", expanding=True))))


def client_exists(conn: Connection, client_id: str) -> bool:
    return conn.execute(select(clients.c.id).where(clients.c.id == client_id)).first() is not None


def existing_clients(conn: Connection, client_ids: list[str]) -> list[str]:
    """Those of `client_ids` that name a client."""
    return list(conn.execute(select(clients.c.id).where(clients.c.id.in_(client_ids))).scalars())


def standing(conn: Connection, actor_id: str, client_id: str, now: datetime) -> Standing | None:
    """How staff member `actor_id` stands to the client at `now`; None when there is no such
    client. One query."""
    row = _RELATIONSHIP.first(conn, {"actor_id": actor_id, "client_id": client_id, "now": now})
    if row is None:
        return None
    return Standing(bool(row.on_team), bool(row.supervises), bool(row.glass))


def standings(conn: Connection, actor_id: str, client_ids: Collection[str], now: datetime
              ) -> dict[str, Standing]:
    """`standing` for many clients in one query: one entry per existing client."""
    if not client_ids:
        return {}
    rows = _STANDINGS.all(conn, {"actor_id": actor_id, "now": now,
                                 "client_ids": list(client_ids)})
    return {row.id: Standing(bool(row.on_team), bool(row.supervises), bool(row.glass))
            for row in rows}


@dataclass(frozen=True)
class RepresentativeStanding:
    """How one personal representative record stands to one client now (45 CFR 164.502(g))."""

    status: str  # active | ended | refused | "" (no such representative of this client)
    consented_alone: bool  # the client's latest consent to care was signed by the client


def representative_standing(conn: Connection, representative_id: str, client_id: str
                            ) -> RepresentativeStanding | None:
    """The representative's status and who consented to the client's care; None when there
    is no such client. One query; no content is read."""
    rep = personal_representatives
    this_one = and_(rep.c.id == representative_id, rep.c.client_id == clients.c.id)
    signer = (select(consent_signatures.c.signer_kind)
              .where(consent_signatures.c.client_id == clients.c.id)
              .order_by(consent_signatures.c.signed_at.desc()).limit(1).scalar_subquery())
    row = conn.execute(select(
        exists().where(this_one).label("known"),
        exists().where(this_one, rep.c.refused_at.is_not(None)).label("refused"),
        exists().where(this_one, rep.c.ended_at.is_not(None)).label("ended"),
        signer.label("signer"),
    ).where(clients.c.id == client_id)).first()
    if row is None:
        return None
    found = "" if not row.known else ("refused" if row.refused else
                                      "ended" if row.ended else "active")
    return RepresentativeStanding(found, row.signer == "client")
