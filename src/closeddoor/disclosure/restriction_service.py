"""Requests for restrictions, 45 CFR 164.522(a), as use cases: the client asks (in the portal,
in writing; or staff record a written or oral request), the practice agrees or refuses with a
reason the client sees (a self-pay request it must agree to once paid in full), and either side
ends it under 164.522(a)(2). The rules are pure, in `restrictions.py`.

Every read and write goes through the gate and is audited. The record is append-only: the
request is one row and each change an event (`restriction_events`); the database refuses UPDATE
and DELETE on both (migration 0016). What is limited, the client's words, a refusal's reason and
a termination's note are sealed under the client's key (record kind `restriction`).
`states_under` hands the disclosure workflow the restrictions in force, inside its own
gate-decided transaction, so an agreed restriction is checked wherever information leaves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.disclosure.restrictions import (
    EndedBy,
    RestrictionState,
    RestrictionTerms,
    Status,
    Via,
    check_can_agree,
    check_can_refuse,
    check_can_terminate,
    parse_reason,
    parse_via,
)
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission, Role
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import restriction_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
NO_SUCH_RESTRICTION = "no such restriction request"
AGREED_EVENT, REFUSED_EVENT, TERMINATED_EVENT = "agreed", "refused", "terminated"


@dataclass(frozen=True)
class RestrictionView:
    """One request with its answer and end, already authorized and unsealed."""

    state: RestrictionState
    client_id: str
    received_via: Via
    requested_by: str
    answered_by: str = ""
    answered_at: datetime | None = None
    ended_via: str = ""
    ended_note: str = ""  # how the client asked to end it, or how the practice told them

    @property
    def restriction_id(self) -> str:
        return self.state.restriction_id

    @property
    def terms(self) -> RestrictionTerms:
        return self.state.terms

    @property
    def status(self) -> Status:
        return self.state.status


class RestrictionService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- asking ---------------------------------------------------------------------------------
    def ask(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> str:
        """164.522(a)(1)(i): a request to limit uses and disclosures. From the portal (the
        client, in writing) or recorded by staff (`received_via` written or oral). Bad input
        changes nothing."""
        is_client = actor.role is Role.CLIENT
        problems: list[str] = []
        terms: RestrictionTerms | None = None
        via = Via.PORTAL
        try:
            terms = RestrictionTerms.parse(data)
        except InvalidInput as refused:
            problems.append(str(refused))
        if not is_client:
            try:
                via = parse_via(data.get("received_via"))
            except InvalidInput as refused:
                problems.append(str(refused))
        if problems or terms is None:
            raise InvalidInput("; ".join(problems))
        restriction_id = new_id()
        rt = self._rt
        asked = terms

        def work(conn: Connection, access: Access) -> None:
            repo.insert_restriction(
                conn, id=restriction_id, client_id=client_id, kind=asked.kind.value,
                received_via=via.value, requested_at=rt.now(), requested_by=actor.actor_id,
                services_from=asked.services_from, services_to=asked.services_to,
                terms_sealed=self._seal(conn, access, restriction_id, "terms",
                                        json.dumps(asked.to_json())))

        self._gate.write(
            actor, P.PORTAL_RESTRICTION_REQUEST if is_client else P.CHART_RESTRICTION_WRITE,
            AuditTag.PORTAL_RESTRICTION_CREATE if is_client
            else AuditTag.RECORD_RESTRICTION_CREATE,
            client_id, work, resource_id=restriction_id, kind=terms.kind.value)
        return restriction_id

    # --- reading --------------------------------------------------------------------------------
    def list_restrictions(self, actor: Actor, client_id: str) -> list[RestrictionView]:
        """The chart's (or, for a client, their own) requests, newest first."""
        access = self._authorize_read(actor, client_id, "")
        with read_transaction(self._rt.engine) as conn:
            return self.views_under(conn, access)

    def get(self, actor: Actor, client_id: str, restriction_id: str) -> RestrictionView:
        access = self._authorize_read(actor, client_id, restriction_id)
        with read_transaction(self._rt.engine) as conn:
            return self._view(conn, access, self._row(conn, client_id, restriction_id))

    def views_under(self, conn: Connection, access: Access) -> list[RestrictionView]:
        rows = repo.restrictions_of(conn, access.client_id)
        events: dict[str, list[Any]] = {}
        for event in repo.events_of(conn, [r.id for r in rows]):
            events.setdefault(event.restriction_id, []).append(event)
        return [self._view(conn, access, r, events.get(r.id, [])) for r in rows]

    def states_under(self, conn: Connection, access: Access) -> list[RestrictionState]:
        """Every request of the client `access` names, folded, inside the caller's
        gate-decided transaction: what the disclosure workflow checks before anything leaves."""
        return [v.state for v in self.views_under(conn, access)]

    # --- answering ------------------------------------------------------------------------------
    def agree(self, actor: Actor, client_id: str, restriction_id: str,
              data: Mapping[str, Any]) -> None:
        """Agree to a request (164.522(a)(1)(ii)); a self-pay one needs `paid_in_full` (the
        services paid in full out of pocket, (a)(1)(vi)), and then must be agreed."""
        paid = data.get("paid_in_full") in (True, "true", "on", "1", 1)

        def work(conn: Connection, access: Access) -> None:
            check_can_agree(self._state(conn, access, restriction_id), paid_in_full=paid)
            if not self._append(conn, access, restriction_id, AGREED_EVENT, once="answer",
                                detail="paid" if paid else None):
                raise ConflictError("this restriction request has been answered")

        self._gate.write(actor, P.CHART_RESTRICTION_WRITE, AuditTag.RECORD_RESTRICTION_DECIDE,
                         client_id, work, resource_id=restriction_id, decision="agreed")

    def refuse(self, actor: Actor, client_id: str, restriction_id: str,
               data: Mapping[str, Any]) -> None:
        """Refuse a general request with the reason the client sees (164.522(a)(1)(ii)). A
        self-pay request cannot be refused ((a)(1)(vi)): ConflictError."""
        reason = parse_reason(data, "reason", "say why the practice cannot agree")

        def work(conn: Connection, access: Access) -> None:
            check_can_refuse(self._state(conn, access, restriction_id))
            if not self._append(conn, access, restriction_id, REFUSED_EVENT, once="answer",
                                note=reason):
                raise ConflictError("this restriction request has been answered")

        self._gate.write(actor, P.CHART_RESTRICTION_WRITE, AuditTag.RECORD_RESTRICTION_DECIDE,
                         client_id, work, resource_id=restriction_id, decision="refused")

    def terminate(self, actor: Actor, client_id: str, restriction_id: str,
                  data: Mapping[str, Any]) -> None:
        """164.522(a)(2): the client ends a restriction at once (in the portal, or in writing
        or orally, documented by staff with `ended_by` client); the practice ends one by telling
        the client (`ended_by` practice, with how they were told), effective only for
        information created from today, and never a self-pay one ((a)(2)(iii))."""
        is_client = actor.role is Role.CLIENT
        if is_client:
            ended_by, via, note = EndedBy.CLIENT, Via.PORTAL, ""
        else:
            raw = data.get("ended_by")
            if raw not in (EndedBy.CLIENT.value, EndedBy.PRACTICE.value):
                raise InvalidInput("ended_by: client or practice")
            ended_by = EndedBy(raw)
            problems: list[str] = []
            via = Via.WRITTEN
            if ended_by is EndedBy.CLIENT:
                try:
                    via = parse_via(data.get("received_via"))
                except InvalidInput as refused:
                    problems.append(str(refused))
            what = ("say how the client asked to end it" if ended_by is EndedBy.CLIENT
                    else "say how and when the client was told")
            try:
                note = parse_reason(data, "note", what)
            except InvalidInput as refused:
                problems.append(str(refused))
                note = ""
            if problems:
                raise InvalidInput("; ".join(problems))
        today = self._rt.now().date()

        def work(conn: Connection, access: Access) -> None:
            check_can_terminate(self._state(conn, access, restriction_id), ended_by)
            if not self._append(conn, access, restriction_id, TERMINATED_EVENT, once="end",
                                detail=ended_by.value, via=via.value, effective_on=today,
                                note=note):
                raise ConflictError("this restriction has been ended")

        self._gate.write(
            actor, P.PORTAL_RESTRICTION_TERMINATE if is_client else P.CHART_RESTRICTION_WRITE,
            AuditTag.PORTAL_RESTRICTION_TERMINATE if is_client
            else AuditTag.RECORD_RESTRICTION_TERMINATE,
            client_id, work, resource_id=restriction_id, ended_by=ended_by.value)

    # --- helpers --------------------------------------------------------------------------------
    def _authorize_read(self, actor: Actor, client_id: str, resource_id: str) -> Access:
        if actor.role is Role.CLIENT:
            return self._gate.authorize_read(actor, P.PORTAL_RESTRICTION_READ,
                                             AuditTag.PORTAL_RESTRICTION_READ, client_id,
                                             resource_id=resource_id or client_id)
        return self._gate.authorize_read(actor, P.CHART_RESTRICTION_READ,
                                         AuditTag.RECORD_RESTRICTION_READ, client_id,
                                         resource_id=resource_id or client_id)

    def _row(self, conn: Connection, client_id: str, restriction_id: str) -> Any:
        row = repo.restriction(conn, client_id, restriction_id)
        if row is None:
            raise NotFound(NO_SUCH_RESTRICTION)
        return row

    def _state(self, conn: Connection, access: Access, restriction_id: str) -> RestrictionState:
        return self._view(conn, access, self._row(conn, access.client_id, restriction_id)).state

    def _append(self, conn: Connection, access: Access, restriction_id: str, kind: str, *,
                once: str, note: str = "", detail: str | None = None, via: str | None = None,
                effective_on: date | None = None) -> bool:
        event_id = new_id()
        return repo.insert_event(
            conn, id=event_id, restriction_id=restriction_id, client_id=access.client_id,
            kind=kind, occurred_at=self._rt.now(), actor_id=access.actor_id,
            once_key=f"{restriction_id}:{once}", detail=detail, via=via,
            effective_on=effective_on,
            note_sealed=self._seal(conn, access, event_id, "note", note) if note else None)

    def _seal(self, conn: Connection, access: Access, record_id: str, field: str,
              text: str) -> bytes:
        return self._rt.keyring.seal_field(conn, access.client_id, RecordKind.RESTRICTION,
                                           record_id, field, text.encode(), access)

    def _unseal(self, conn: Connection, access: Access, record_id: str, field: str,
                sealed: bytes | None) -> str:
        if sealed is None:
            return ""
        return self._rt.keyring.unseal_field(conn, access.client_id, RecordKind.RESTRICTION,
                                             record_id, field, sealed, access).decode()

    def _view(self, conn: Connection, access: Access, row: Any,
              events: list[Any] | None = None) -> RestrictionView:
        if events is None:
            events = list(repo.events_of(conn, [row.id]))
        terms = RestrictionTerms.from_json(json.loads(
            self._unseal(conn, access, row.id, "terms", row.terms_sealed)))
        status, agreed_at, paid, answer = Status.REQUESTED, None, False, ""
        answered_by, answered_at = "", None
        terminated_on, ended_by, ended_via, ended_note = None, None, "", ""
        for event in events:
            if event.kind in (AGREED_EVENT, REFUSED_EVENT):
                status = Status.AGREED if event.kind == AGREED_EVENT else Status.REFUSED
                answered_by, answered_at = event.actor_id, event.occurred_at
                agreed_at = event.occurred_at if event.kind == AGREED_EVENT else None
                paid = event.detail == "paid"
                answer = self._unseal(conn, access, event.id, "note", event.note_sealed)
            elif event.kind == TERMINATED_EVENT:
                status, terminated_on = Status.TERMINATED, event.effective_on
                ended_by, ended_via = EndedBy(event.detail), event.via or ""
                ended_note = self._unseal(conn, access, event.id, "note", event.note_sealed)
        state = RestrictionState(row.id, terms, row.requested_at, status, agreed_at, paid,
                                 answer, terminated_on, ended_by)
        return RestrictionView(state, row.client_id, Via(row.received_via), row.requested_by,
                               answered_by, answered_at, ended_via, ended_note)
