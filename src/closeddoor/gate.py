"""The one gate to clinical data: gather relationship facts, decide, audit, then act.

Reads are audited durably (group commit) before anything is loaded or returned; a failed append
raises AuditUnavailable and nothing is returned. Writes audit inside their own transaction.
A denied actor who may not even know the client exists gets NotFound, never a hint.

Every allowed decision gives an `Access`: the proof, naming actor, permission, client and the
audit event that recorded it, without which the keyring seals or unseals none of that client's
fields. Only this module can make one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Connection

from closeddoor.audit.chain import AuditEntry, ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.consent.current import consent_is_current
from closeddoor.errors import (
    AccessUnproven,
    AuditChainBroken,
    AuditUnavailable,
    ClosedDoorError,
    ConflictError,
    CryptoError,
    InvalidInput,
    NotFound,
    PolicyDenied,
    StorageFull,
)
from closeddoor.policy import Actor, Decision, Permission, Resource, Role, decide
from closeddoor.store import relationships as facts
from closeddoor.store.db import read_transaction, write_transaction

if TYPE_CHECKING:
    from closeddoor.runtime import Runtime

T = TypeVar("T")
Details = Mapping[str, "str | int"]

_MINT = object()  # only code in this module holds it, so only the gate makes an Access


@dataclass(frozen=True)
class Access:
    """Proof that the gate allowed `actor_id` to exercise `permission` on `client_id`'s record,
    recorded as audit event `audit_seq`. The keyring unseals a client's fields only with one
    naming that client. Constructing one outside the gate raises AccessUnproven."""

    actor_id: str
    permission: Permission
    client_id: str
    audit_seq: int
    reason: str  # the decision's basis (care-team, supervision, ...)
    _mint: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._mint is not _MINT:
            raise AccessUnproven("only the gate grants access to a client's record")


def _access(actor: Actor, permission: Permission, client_id: str, seq: int,
            decision: Decision) -> Access:
    return Access(actor.actor_id, permission, client_id, seq, decision.reason, _MINT)


@dataclass(frozen=True)
class Batch:
    """One gate decision per candidate client of a list, search or queue: the proofs of those
    allowed (in the candidates' order) and how many were refused."""

    allowed: dict[str, Access]
    hidden: int


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
    if actor.role is Role.REPRESENTATIVE:
        # Read live on every decision, so a 164.502(g)(5) refusal or an ended authority stops
        # the very next request, whatever session the representative holds.
        represents = facts.representative_standing(conn, actor.representative_id, client_id)
        if represents is None:
            return None
        return Resource(client_id=client_id, consent_current=consent,
                        representative_status=represents.status,
                        consented_alone=represents.consented_alone)
    if actor.role is Role.CLIENT:
        if not facts.client_exists(conn, client_id):
            return None
        return Resource(client_id=client_id, is_self=actor.client_id == client_id,
                        consent_current=consent)
    found = facts.standing(conn, actor.actor_id, client_id, now)
    if found is None:
        return None
    return Resource(
        client_id=client_id,
        on_care_team=found.on_care_team,
        supervises_care_team=found.supervises_care_team,
        break_glass_active=found.break_glass_active,
        is_author=is_author,
        is_draft=is_draft,
        consent_current=consent,
    )


def relationships(conn: Connection, actor: Actor, client_ids: Collection[str],
                  now: datetime) -> dict[str, Resource]:
    """`relationship` for many clients in one query: the facts of each existing client."""
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        return {}
    if actor.role is Role.CLIENT:
        return {cid: Resource(client_id=cid, is_self=actor.client_id == cid)
                for cid in facts.existing_clients(conn, ids)}
    if actor.role is Role.REPRESENTATIVE:  # no lists for representatives: one client each
        return {cid: found for cid in ids
                if (found := relationship(conn, actor, cid, now)) is not None}
    return {
        cid: Resource(client_id=cid, on_care_team=found.on_care_team,
                      supervises_care_team=found.supervises_care_team,
                      break_glass_active=found.break_glass_active)
        for cid, found in facts.standings(conn, actor.actor_id, ids, now).items()
    }


def refusal(actor: Actor, resource: Resource, decision: Decision) -> ClosedDoorError:
    """404 for those who may not know the client exists, 403 for those who may."""
    if not decide(actor, Permission.CHART_DEMOGRAPHICS_READ, resource):
        return NotFound("no such client")
    return PolicyDenied(decision.reason)


def _first_allowed(actor: Actor, permissions: tuple[Permission, ...], resource: Resource
                   ) -> tuple[Permission, Decision]:
    """The first permission that allows, with its decision; else the first refusal."""
    first: tuple[Permission, Decision] | None = None
    for permission in permissions:
        decision = decide(actor, permission, resource)
        if decision:
            return permission, decision
        first = first or (permission, decision)
    assert first is not None, "at least one permission"
    return first


def _failure_reason(error: ClosedDoorError) -> str:
    """The audit reason for a refusal raised after an allow: fixed words, never the message."""
    if isinstance(error, PolicyDenied):
        return error.reason
    name = type(error).__name__
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


# Errors that are the gate's own business (or must never be swallowed), not a refusal by `work`.
# Bad input is the user's to fix and changes nothing, the audit included (design invariant 7);
# a full disk could not record the refusal anyway.
_NOT_REFUSALS = (AuditUnavailable, AuditChainBroken, CryptoError, AccessUnproven, InvalidInput,
                 StorageFull)


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
        disclosure_authority: str = "",
    ) -> Access:
        """Decide and durably audit a read; raise unless allowed. Call before loading data.
        Returns the proof the keyring asks for."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            resource = relationship(conn, actor, client_id, rt.now(), is_author=is_author,
                                    is_draft=is_draft, with_consent=with_consent)
        if resource is None:
            rt.audit.record([rt.entry(actor.actor_id, tag, "deny", client_id=client_id,
                                      resource_id=resource_id, reason="no-such-client")])
            raise NotFound("no such client")
        resource = replace(resource, disclosure_authority=disclosure_authority)
        decision = decide(actor, permission, resource)
        [event] = rt.audit.record([rt.entry(
            actor.actor_id, tag, "allow" if decision else "deny", client_id=client_id,
            resource_id=resource_id, reason=decision.reason)])
        if not decision:
            raise refusal(actor, resource, decision)
        return _access(actor, permission, client_id, event.seq, decision)

    def authorize_many(
        self,
        actor: Actor,
        permissions: Permission | tuple[Permission, ...],
        tag: AuditTag,
        client_ids: Collection[str],
        *,
        reason: str,
    ) -> Batch:
        """One decision per candidate of a list, search or queue, with the facts for all of
        them gathered in one query, and one durable append: an event naming each client
        (allowed or refused) plus one summary event counting those shown and hidden.
        With several permissions, a client is allowed under the first that allows."""
        rt = self._rt
        choices = permissions if isinstance(permissions, tuple) else (permissions,)
        with read_transaction(rt.engine) as conn:
            facts = relationships(conn, actor, client_ids, rt.now())
        decided = {cid: _first_allowed(actor, choices, resource)
                   for cid, resource in facts.items()}
        decisions = {cid: decision for cid, (_, decision) in decided.items()}
        shown = [cid for cid in facts if decisions[cid]]
        entries = rt.client_entries(
            actor.actor_id, tag, ((cid, "allow" if decision else "deny", decision.reason)
                                  for cid, decision in decisions.items()), listed=reason)
        entries.append(rt.entry(actor.actor_id, tag, "allow", reason=reason, count=len(shown),
                                hidden=len(facts) - len(shown)))
        events = rt.audit.record(entries)
        allowed = {
            event.entry.client_id: _access(actor, decided[event.entry.client_id][0],
                                           event.entry.client_id, event.seq,
                                           decisions[event.entry.client_id])
            for event in events[:-1] if decisions[event.entry.client_id]
        }
        return Batch(allowed, len(facts) - len(shown))

    def decide_write(
        self,
        conn: Connection,
        actor: Actor,
        permission: Permission,
        client_id: str,
        *,
        is_author: bool = False,
        with_consent: bool = False,
        disclosure_authority: str = "",
        is_draft: bool = False,
        supervises_author: bool = False,
    ) -> tuple[Decision, Resource]:
        """Decide a write inside its transaction."""
        resource = relationship(conn, actor, client_id, self._rt.now(), is_author=is_author,
                                is_draft=is_draft, with_consent=with_consent)
        if resource is None:
            raise NotFound("no such client")
        resource = replace(resource, disclosure_authority=disclosure_authority,
                           supervises_author=supervises_author)
        return decide(actor, permission, resource), resource

    def authorize_in(
        self,
        conn: Connection,
        actor: Actor,
        permission: Permission,
        tag: AuditTag,
        client_id: str,
        *,
        resource_id: str = "",
    ) -> Access:
        """A second decision inside a write the gate already allowed (`write`'s `work`), so a
        use case that changes two things commits both, and both audits, or neither. The allow
        is appended in `conn`; a refusal raises PolicyDenied (or NotFound), which rolls the
        whole unit back and is then audited by `write` as a denial."""
        decision, resource = self.decide_write(conn, actor, permission, client_id)
        if not decision:
            raise refusal(actor, resource, decision)
        [event] = self._rt.audit.append_in(conn, [self._rt.entry(
            actor.actor_id, tag, "ok", client_id=client_id, resource_id=resource_id,
            reason=decision.reason)])
        return _access(actor, permission, client_id, event.seq, decision)

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
        rt.audit.record([rt.entry(actor.actor_id, tag, "deny", client_id=client_id,
                                  resource_id=resource_id, reason=decision.reason)])
        return refusal(actor, resource, decision)

    def write(
        self,
        actor: Actor,
        permission: Permission,
        tag: AuditTag,
        client_id: str,
        work: Callable[[Connection, Access], T],
        *,
        resource_id: str = "",
        is_author: bool = False,
        with_consent: bool = False,
        disclosure_authority: str = "",
        is_draft: bool = False,
        supervises_author: bool = False,
        outcome: Callable[[T], Details] | None = None,
        **details: str | int,
    ) -> T:
        """Decide; if allowed, audit and run `work` with the proof in one transaction.

        Denials are audited. A refusal `work` raises after the allow (a state conflict, bad
        input, a second policy check) rolls the transaction back, and is then audited on its
        own ("deny" for PolicyDenied, "fail" otherwise), so it never goes unrecorded. With
        `outcome`, the allow is recorded before `work` and its result's details after it.
        """
        rt = self._rt
        allowed = False
        try:
            with write_transaction(rt.engine) as conn:
                decision, resource = self.decide_write(
                    conn, actor, permission, client_id, is_author=is_author,
                    with_consent=with_consent, disclosure_authority=disclosure_authority,
                    is_draft=is_draft, supervises_author=supervises_author)
                if decision:
                    allowed = True
                    [event] = rt.audit.append_in(conn, [rt.entry(
                        actor.actor_id, tag, "allow" if outcome else "ok", client_id=client_id,
                        resource_id=resource_id, reason=decision.reason, **details)])
                    result = work(conn, _access(actor, permission, client_id, event.seq,
                                                decision))
                    if outcome is not None:
                        rt.audit.append_in(conn, [rt.entry(
                            actor.actor_id, tag, "ok", client_id=client_id,
                            resource_id=resource_id, reason=decision.reason,
                            **outcome(result))])
                    return result
        except ClosedDoorError as refused:
            if not allowed or isinstance(refused, _NOT_REFUSALS):
                raise
            rt.audit.record([rt.entry(
                actor.actor_id, tag, "deny" if isinstance(refused, PolicyDenied) else "fail",
                client_id=client_id, resource_id=resource_id, reason=_failure_reason(refused))])
            raise
        raise self.record_denial(actor, tag, client_id, resource, decision, resource_id)

    def create_client(
        self,
        actor: Actor,
        permission: Permission,
        tag: AuditTag,
        client_id: str,
        work: Callable[[Connection, Access], T],
    ) -> T:
        """A practice-level decision to register a new client: audited in the transaction that
        creates it, with a proof for the new client's id (refused if the id is taken)."""
        rt = self._rt
        decision = self._decide_registration(actor, permission, tag)
        with write_transaction(rt.engine) as conn:
            if facts.client_exists(conn, client_id):
                raise ConflictError("a client with this id exists")
            [event] = rt.audit.append_in(conn, [rt.entry(
                actor.actor_id, tag, "ok", client_id=client_id, resource_id=client_id,
                reason=decision.reason)])
            return work(conn, _access(actor, permission, client_id, event.seq, decision))

    def create_clients(
        self,
        actor: Actor,
        permission: Permission,
        tag: AuditTag,
        client_ids: Sequence[str],
        work: Callable[[Connection, Access], None],
    ) -> None:
        """`create_client` for many new clients in one transaction (a bulk import, the large
        demo practice): one decision, one audit event per client, `work` once per client with
        its own proof; all are registered or none."""
        rt = self._rt
        decision = self._decide_registration(actor, permission, tag)
        with write_transaction(rt.engine) as conn:
            if any(facts.client_exists(conn, client_id) for client_id in client_ids):
                raise ConflictError("a client with this id exists")
            events = rt.audit.append_in(conn, [rt.entry(
                actor.actor_id, tag, "ok", client_id=client_id, resource_id=client_id,
                reason=decision.reason) for client_id in client_ids])
            for client_id, event in zip(client_ids, events, strict=True):
                work(conn, _access(actor, permission, client_id, event.seq, decision))

    # --- the one way into the audit for everything else ------------------------------------------

    def _decide_registration(self, actor: Actor, permission: Permission,
                             tag: AuditTag) -> Decision:
        """A practice-level decision to register clients; a refusal is audited and raised."""
        decision = decide(actor, permission, Resource())
        if not decision:
            self._rt.audit.record([self._rt.entry(actor.actor_id, tag, "deny",
                                                  reason=decision.reason)])
            raise PolicyDenied(decision.reason)
        return decision
    def record_in(self, conn: Connection, entries: Sequence[AuditEntry]) -> list[ChainedEvent]:
        """Append events inside the caller's write transaction (they commit with its data or
        not at all): the outcome of a write the gate allowed, a sign-in, a setting changed.
        Services append through here, never to the audit log itself."""
        return self._rt.audit.append_in(conn, entries)

    def record(self, entries: Sequence[AuditEntry]) -> list[ChainedEvent]:
        """Append events durably before returning (group commit), outside any transaction: a
        refusal, a failed sign-in. Raises AuditUnavailable (or StorageFull) on failure."""
        return self._rt.audit.record(entries)

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
