"""The one gate to clinical data: gather relationship facts, decide, audit, then act.

Reads are audited durably (group commit) before anything is loaded or returned; a failed append
raises AuditUnavailable and nothing is returned. Writes audit inside their own transaction.
A denied actor who may not even know the client exists gets NotFound, never a hint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, Connection, and_, bindparam, exists, or_, select

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.current import consent_is_current
from closeddoor.errors import ClosedDoorError, NotFound, PolicyDenied
from closeddoor.policy import Actor, Decision, Permission, Resource, Role, decide
from closeddoor.runtime import Runtime
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.tables import UtcDateTime, break_glass, care_team, clients, users

T = TypeVar("T")


def active_membership(user_id: str, client_id: str, now: datetime) -> ColumnElement[bool]:
    """The care-team rows that make `user_id` a member of the client's team at `now`."""
    return and_(
        care_team.c.client_id == client_id,
        care_team.c.user_id == user_id,
        care_team.c.starts_at <= now,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
    )


# Built once: compiling this statement per request cost more than running it.
_NOW = bindparam("now", type_=UtcDateTime())
_RELATIONSHIP = select(
    exists().where(
        care_team.c.client_id == bindparam("client_id"),
        care_team.c.user_id == bindparam("actor_id"),
        care_team.c.starts_at <= _NOW,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > _NOW),
    ).label("on_team"),
    exists().where(
        care_team.c.client_id == bindparam("client_id"),
        care_team.c.user_id.in_(
            select(users.c.id).where(users.c.supervisor_id == bindparam("actor_id"))
            .scalar_subquery()),
        care_team.c.starts_at <= _NOW,
        or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > _NOW),
    ).label("supervises"),
    exists().where(
        break_glass.c.client_id == bindparam("client_id"),
        break_glass.c.actor_id == bindparam("actor_id"),
        break_glass.c.opened_at <= _NOW,
        break_glass.c.expires_at > _NOW,
    ).label("glass"),
).where(clients.c.id == bindparam("client_id"))


def relationship(
    conn: Connection,
    actor: Actor,
    client_id: str,
    now: datetime,
    *,
    is_author: bool = False,
    is_draft: bool = False,
    with_consent: bool = False,
) -> Resource | None:
    """The facts policy needs about actor and client, or None when the client does not exist.

    `with_consent` adds whether the client's consent is current (one more query, asked only by
    decisions that depend on it).
    """
    consent = with_consent and consent_is_current(conn, client_id)
    if actor.role is Role.CLIENT:
        found = conn.execute(select(clients.c.id).where(clients.c.id == client_id)).first()
        if found is None:
            return None
        return Resource(client_id=client_id, is_self=actor.client_id == client_id,
                        consent_current=consent)
    row = conn.execute(_RELATIONSHIP, {"actor_id": actor.actor_id, "client_id": client_id,
                                       "now": now}).first()
    if row is None:
        return None
    return Resource(
        client_id=client_id,
        on_care_team=bool(row.on_team),
        supervises_care_team=bool(row.supervises),
        break_glass_active=bool(row.glass),
        is_author=is_author,
        is_draft=is_draft,
        consent_current=consent,
    )


def refusal(actor: Actor, resource: Resource, decision: Decision) -> ClosedDoorError:
    """404 for those who may not know the client exists, 403 for those who may."""
    if not decide(actor, Permission.CHART_DEMOGRAPHICS_READ, resource):
        return NotFound("no such client")
    return PolicyDenied(decision.reason)


class Gate:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    def authorize_read(
        self,
        actor: Actor,
        permission: Permission,
        tag: AuditTag,
        client_id: str,
        *,
        resource_id: str = "",
        is_author: bool = False,
        is_draft: bool = False,
        with_consent: bool = False,
    ) -> Decision:
        """Decide and durably audit a read; raise unless allowed. Call before loading data."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            resource = relationship(conn, actor, client_id, rt.now(), is_author=is_author,
                                    is_draft=is_draft, with_consent=with_consent)
        if resource is None:
            rt.audit.record(
                [
                    rt.entry(
                        actor.actor_id,
                        tag,
                        "deny",
                        client_id=client_id,
                        resource_id=resource_id,
                        reason="no-such-client",
                    )
                ]
            )
            raise NotFound("no such client")
        decision = decide(actor, permission, resource)
        rt.audit.record(
            [
                rt.entry(
                    actor.actor_id,
                    tag,
                    "allow" if decision else "deny",
                    client_id=client_id,
                    resource_id=resource_id,
                    reason=decision.reason,
                )
            ]
        )
        if not decision:
            raise refusal(actor, resource, decision)
        return decision

    def decide_write(
        self,
        conn: Connection,
        actor: Actor,
        permission: Permission,
        client_id: str,
        *,
        is_author: bool = False,
        with_consent: bool = False,
    ) -> tuple[Decision, Resource]:
        """Decide a write inside its transaction; the caller audits (allow in-transaction,
        deny through `record_denial` after the transaction ends)."""
        resource = relationship(conn, actor, client_id, self._rt.now(), is_author=is_author,
                                with_consent=with_consent)
        if resource is None:
            raise NotFound("no such client")
        return decide(actor, permission, resource), resource

    def record_denial(
        self,
        actor: Actor,
        tag: AuditTag,
        client_id: str,
        resource: Resource,
        decision: Decision,
        resource_id: str = "",
    ) -> ClosedDoorError:
        rt = self._rt
        rt.audit.record(
            [
                rt.entry(
                    actor.actor_id,
                    tag,
                    "deny",
                    client_id=client_id,
                    resource_id=resource_id,
                    reason=decision.reason,
                )
            ]
        )
        return refusal(actor, resource, decision)

    def write(
        self,
        actor: Actor,
        permission: Permission,
        tag: AuditTag,
        client_id: str,
        work: Callable[[Connection], T],
        *,
        resource_id: str = "",
        is_author: bool = False,
        with_consent: bool = False,
        **details: str | int,
    ) -> T:
        """Decide, then run `work` and its audit event in one transaction; denials are audited."""
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            decision, resource = self.decide_write(
                conn, actor, permission, client_id, is_author=is_author, with_consent=with_consent
            )
            if decision:
                result = work(conn)
                rt.audit.append_in(
                    conn,
                    [
                        rt.entry(
                            actor.actor_id,
                            tag,
                            "ok",
                            client_id=client_id,
                            resource_id=resource_id,
                            reason=decision.reason,
                            **details,
                        )
                    ],
                )
                return result
        raise self.record_denial(actor, tag, client_id, resource, decision, resource_id)

    def require(
        self, actor: Actor, permission: Permission, tag: AuditTag, *, audit_allow: bool = True
    ) -> Decision:
        """A practice-level permission (no client involved). Denials are always audited;
        allowed calls are audited here unless the caller audits its own outcome."""
        rt = self._rt
        decision = decide(actor, permission, Resource())
        if not decision or audit_allow:
            rt.audit.record(
                [
                    rt.entry(
                        actor.actor_id, tag, "allow" if decision else "deny", reason=decision.reason
                    )
                ]
            )
        if not decision:
            raise PolicyDenied(decision.reason)
        return decision
