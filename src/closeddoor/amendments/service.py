"""The right to amend, 45 CFR 164.526, as use cases: the client asks (in the portal, or staff
record a request received on paper), the treating clinician extends once, accepts or denies, the
client may file a statement of disagreement and the practice may rebut it.

Every read and write goes through the gate and is audited; every free text (what the client asked
and why, the amendment, the explanation, the extension's reason, the statement and the rebuttal)
is sealed under the client's key as record kind `amendment`. The signed note is never touched: an
accepted amendment is linked to it and travels with it (`travelling_under`, which the disclosure
packet calls), as does a statement of disagreement with its denial and rebuttal (164.526(d)(5)).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.amendments.letter_pdf import render_letter_pdf
from closeddoor.amendments.notify import SentNotice, check_can_notify, letter_lines
from closeddoor.amendments.rules import (
    AmendmentAsk,
    AmendmentState,
    Answer,
    DenialGround,
    Extension,
    LinkedText,
    Status,
    Target,
    Via,
    check_can_answer,
    check_can_ask_to_travel,
    check_can_disagree,
    check_can_extend,
    check_can_rebut,
    due_on,
    extended_due_on,
    parse_statement,
    travelling_lines,
)
from closeddoor.audit.tags import AuditTag
from closeddoor.disclosure.history import DisclosureEvent, suspensions
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.notice.versions import current_notice_in
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.clients import demographics_under
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import amendment_repository as repo
from closeddoor.store import disclosure_repository, notice_repository
from closeddoor.store.db import read_transaction
from closeddoor.store.keyring import KeyRing
from closeddoor.types import RecordKind

P = Permission
NO_SUCH_REQUEST = "no such amendment request"
NOT_A_SIGNED_NOTE = "note_id: not a signed progress note in this record"


@dataclass(frozen=True)
class RecordedNotice:
    """A notice of an accepted amendment recorded as sent (164.526(c)(3))."""

    notice_id: str
    recipient: str
    disclosure_id: str  # "" for a person the client named
    sent_on: date
    method: str
    recorded_by: str


@dataclass(frozen=True)
class AmendmentView:
    """One request with its answer, already authorized and unsealed."""

    amendment_id: str
    client_id: str
    target: Target
    note_id: str
    note_session_date: date | None
    received_via: Via
    requested_by: str
    requested_at: datetime
    change: str
    reason: str
    due_on: date
    extended_due_on: date | None
    extension_reason: str
    status: Status
    ground: DenialGround | None
    response: str  # the accepted amendment, or the denial's explanation
    decided_by: str
    decided_at: datetime | None
    disagreement: str
    disagreement_at: datetime | None
    rebuttal: str
    rebuttal_by: str
    rebuttal_at: datetime | None
    travels_asked_at: datetime | None = None  # 164.526(d)(5)(ii)
    notices: tuple[RecordedNotice, ...] = ()  # 164.526(c)(3), oldest first

    @property
    def state(self) -> AmendmentState:
        return AmendmentState(self.status, self.due_on, self.extended_due_on,
                              bool(self.disagreement), bool(self.rebuttal),
                              self.travels_asked_at is not None)

    @property
    def current_due(self) -> date:
        return self.state.current_due

    def is_overdue_on(self, today: date) -> bool:
        return self.state.is_overdue_on(today)

    @property
    def can_disagree(self) -> bool:
        return self.status is Status.DENIED and not self.disagreement

    @property
    def can_ask_to_travel(self) -> bool:
        """164.526(d)(5)(ii): denied, no statement filed, not yet asked."""
        return self.can_disagree and self.travels_asked_at is None

    @property
    def can_rebut(self) -> bool:
        return bool(self.disagreement) and not self.rebuttal

    @property
    def linked(self) -> LinkedText:
        return LinkedText(self.status, self.requested_at, self.change, self.reason,
                          self.decided_at, self.ground, self.response, self.disagreement,
                          self.disagreement_at, self.rebuttal, self.rebuttal_at,
                          self.travels_asked_at)


@dataclass(frozen=True)
class QueueItem:
    """An open request in the practice's queue: ids and dates only, no text."""

    amendment_id: str
    client_id: str
    note_id: str
    received_via: str
    requested_at: datetime
    current_due: date
    is_overdue: bool
    is_extended: bool


class AmendmentService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- asking ---------------------------------------------------------------------------------
    def ask(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> str:
        """164.526(a)(1), (b)(1): a request to amend a signed progress note or the client's
        details, with the reason. From the portal (the client, for their own record) or recorded
        by the care team from a written request received on paper (`received_on`, default today,
        starts the 60 days). Bad input changes nothing."""
        is_client = actor.role is Role.CLIENT
        rt = self._rt
        today = rt.now().date()
        problems: list[str] = []  # every problem at once
        try:
            ask = AmendmentAsk.parse(data)
        except InvalidInput as refused:
            problems.append(str(refused))
        try:
            received = today if is_client else _received_on(data.get("received_on"), today)
        except InvalidInput as refused:
            problems.append(str(refused))
        if problems:
            raise InvalidInput("; ".join(problems))
        amendment_id = new_id()

        def work(conn: Connection, access: Access) -> None:
            if ask.target is Target.NOTE and repo.signed_note_date(
                    conn, client_id, ask.note_id) is None:
                raise InvalidInput(NOT_A_SIGNED_NOTE)
            repo.insert_request(
                conn, id=amendment_id, client_id=client_id, note_id=ask.note_id or None,
                received_via=(Via.PORTAL if is_client else Via.PAPER).value,
                requested_by=actor.actor_id, requested_at=rt.now(),
                request_sealed=self._seal(conn, access, amendment_id, "request", json.dumps(
                    {"change": ask.change, "reason": ask.reason})),
                due_on=due_on(received), status=Status.OPEN.value)

        self._gate.write(
            actor, P.PORTAL_AMENDMENT_REQUEST if is_client else P.CHART_AMENDMENT_CREATE,
            AuditTag.PORTAL_AMENDMENT_CREATE if is_client else AuditTag.RECORD_AMENDMENT_CREATE,
            client_id, work, resource_id=amendment_id, target=ask.target.value)
        return amendment_id

    # --- reading --------------------------------------------------------------------------------
    def list_requests(self, actor: Actor, client_id: str) -> list[AmendmentView]:
        """The chart's (or, for a client, their own) requests, newest first."""
        access = self._authorize_read(actor, client_id, "")
        with read_transaction(self._rt.engine) as conn:
            rows = repo.requests_of(conn, client_id)
            dates = repo.note_dates(conn, {r.note_id for r in rows if r.note_id})
            notices = self._notices(conn, access, is_client=actor.role is Role.CLIENT)
            return [replace(self._view(conn, access, r, dates),
                            notices=tuple(n for a, n in notices if a == r.id)) for r in rows]

    def _notices(self, conn: Connection, access: Access, *, is_client: bool
                 ) -> list[tuple[str, RecordedNotice]]:
        """The client's recorded notices as (amendment id, notice). The client is not shown a
        notice sent to the recipient of a disclosure an agency asked to withhold from their
        accounting for now (164.528(a)(2)): it would tell them of that disclosure."""
        rows = repo.notices_of(conn, access.client_id)
        withheld: set[str] = set()
        if is_client:
            today = self._rt.now().date()
            events: dict[str, list[DisclosureEvent]] = {}
            for e in repo.suspension_events(conn, {r.disclosure_id for r in rows
                                                   if r.disclosure_id}):
                events.setdefault(e.disclosure_id, []).append(DisclosureEvent(
                    "suspended", e.occurred_at, "", until=e.until, detail=e.detail or ""))
            withheld = {d for d, found in events.items()
                        if any(s.is_active_on(today) for s in suspensions(found))}
        return [(r.amendment_id, RecordedNotice(
            r.id, self._rt.keyring.unseal_field(conn, access.client_id, RecordKind.AMENDMENT,
                                                r.id, "recipient", r.recipient_sealed,
                                                access).decode(),
            r.disclosure_id or "", r.sent_on, r.method, r.recorded_by))
            for r in rows if (r.disclosure_id or "") not in withheld]

    def get(self, actor: Actor, client_id: str, amendment_id: str) -> AmendmentView:
        access = self._authorize_read(actor, client_id, amendment_id)
        with read_transaction(self._rt.engine) as conn:
            row = repo.request(conn, client_id, amendment_id)
            if row is None:
                raise NotFound(NO_SUCH_REQUEST)
            return self._view(conn, access, row,
                              repo.note_dates(conn, [row.note_id] if row.note_id else []))

    def travelling(self, actor: Actor, client_id: str) -> dict[str, tuple[str, ...]]:
        """What goes with each note ("" for the details) in the client's own record export:
        the same lines a packet carries (164.526(c)(1), (d)(5)), read under one decision."""
        return lines_by_record(self.list_requests(actor, client_id))

    def open_queue(self, actor: Actor) -> list[QueueItem]:
        """Open requests of the charts the actor may read, soonest due first, overdue ones
        marked (164.526(b)(2)): one gate decision per chart, audited."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            rows = repo.open_requests(conn)
        if not rows:
            return []
        batch = self._gate.authorize_many(actor, P.CHART_AMENDMENT_READ,
                                          AuditTag.RECORD_AMENDMENT_READ,
                                          [r.client_id for r in rows], reason="amendment-queue")
        today = rt.now().date()
        items = []
        for r in rows:
            if r.client_id not in batch.allowed:
                continue
            state = AmendmentState(Status.OPEN, r.due_on, r.extended_due_on, False, False)
            items.append(QueueItem(r.id, r.client_id, r.note_id or "", r.received_via,
                                   r.requested_at, state.current_due, state.is_overdue_on(today),
                                   r.extended_due_on is not None))
        return sorted(items, key=lambda i: i.current_due)

    # --- answering ------------------------------------------------------------------------------
    def extend(self, actor: Actor, client_id: str, amendment_id: str,
               data: Mapping[str, Any]) -> date:
        """164.526(b)(2)(ii): the one 30-day extension, taken within the first 60 days, with
        the reason the client is shown beside the new date. Returns the new due date."""
        extension = Extension.parse(data)
        rt = self._rt

        def work(conn: Connection, access: Access) -> date:
            row = self._row(conn, client_id, amendment_id)
            check_can_extend(_state(row), rt.now().date())
            new_due = extended_due_on(row.due_on)
            if not repo.extend(conn, amendment_id, extended_due_on=new_due,
                               extension_sealed=self._seal(conn, access, amendment_id,
                                                           "extension", extension.reason),
                               extended_by=actor.actor_id, extended_at=rt.now()):
                raise ConflictError("this request changed meanwhile; reload it")
            return new_due

        return self._gate.write(actor, P.CHART_AMENDMENT_DECIDE, AuditTag.RECORD_AMENDMENT_EXTEND,
                                client_id, work, resource_id=amendment_id)

    def answer(self, actor: Actor, client_id: str, amendment_id: str,
               data: Mapping[str, Any]) -> None:
        """Accept (164.526(c): the amendment is appended and linked to the record, never
        written over it) or deny (164.526(a)(2), (d)(1): a ground from the closed list and a
        plain-language explanation). The client sees the answer in the portal."""
        answer = Answer.parse(data)
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            check_can_answer(_state(self._row(conn, client_id, amendment_id)))
            if not repo.answer(conn, amendment_id,
                               status=(Status.ACCEPTED if answer.accepted else Status.DENIED).value,
                               denial_ground=answer.ground.value if answer.ground else None,
                               response_sealed=self._seal(conn, access, amendment_id,
                                                          "response", answer.text),
                               decided_by=actor.actor_id, decided_at=rt.now()):
                raise ConflictError("this request has been answered")

        self._gate.write(actor, P.CHART_AMENDMENT_DECIDE, AuditTag.RECORD_AMENDMENT_DECIDE,
                         client_id, work, resource_id=amendment_id,
                         decision="accepted" if answer.accepted else "denied",
                         ground=answer.ground.value if answer.ground else "")

    def disagree(self, actor: Actor, client_id: str, amendment_id: str,
                 data: Mapping[str, Any]) -> None:
        """164.526(d)(1)(ii): the client's statement of disagreement with a denial, once; it is
        linked to the record and goes with every later disclosure of it (164.526(d)(4), (5)).
        Staff may record one received on paper."""
        text = parse_statement(data, "statement", "say why you disagree with the denial")
        is_client = actor.role is Role.CLIENT
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            check_can_disagree(_state(self._row(conn, client_id, amendment_id)))
            if not repo.file_disagreement(conn, amendment_id, at=rt.now(),
                                          disagreement_sealed=self._seal(
                                              conn, access, amendment_id, "disagreement", text)):
                raise ConflictError("a statement of disagreement has been filed for this request")

        self._gate.write(
            actor, P.PORTAL_AMENDMENT_DISAGREE if is_client else P.CHART_AMENDMENT_CREATE,
            AuditTag.PORTAL_AMENDMENT_DISAGREE if is_client else AuditTag.RECORD_AMENDMENT_CREATE,
            client_id, work, resource_id=amendment_id)

    def ask_to_travel(self, actor: Actor, client_id: str, amendment_id: str) -> None:
        """164.526(d)(1)(iii), (d)(5)(ii): the client, filing no statement of disagreement, asks
        that the request and the denial go with every later disclosure of the information; from
        then on they do (`travelling_under`). Once, on a denied request only. Staff may record
        such a request received on paper."""
        is_client = actor.role is Role.CLIENT
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            check_can_ask_to_travel(_state(self._row(conn, client_id, amendment_id)))
            if not repo.ask_to_travel(conn, amendment_id, at=rt.now()):
                raise ConflictError("this request changed meanwhile; reload it")

        self._gate.write(
            actor, P.PORTAL_AMENDMENT_DISAGREE if is_client else P.CHART_AMENDMENT_CREATE,
            AuditTag.PORTAL_AMENDMENT_TRAVEL if is_client else AuditTag.RECORD_AMENDMENT_CREATE,
            client_id, work, resource_id=amendment_id, choice="request-and-denial-travel")

    def record_notice(self, actor: Actor, client_id: str, amendment_id: str,
                      data: Mapping[str, Any]) -> str:
        """164.526(c)(3): record that the practice told someone of an accepted amendment: a
        person the client named, or the recipient of an earlier disclosure (`disclosure_id`,
        one of this record's), with the day and how. Shown on the chart's tab and to the client
        in the portal. Bad input changes nothing. Returns the notice's id."""
        notice = SentNotice.parse(data, self._rt.now().date())
        rt = self._rt
        notice_id = new_id()

        def work(conn: Connection, access: Access) -> None:
            row = self._row(conn, client_id, amendment_id)
            check_can_notify(row.status == Status.ACCEPTED.value)
            if notice.disclosure_id and not disclosure_repository.has_disclosure(
                    conn, client_id, notice.disclosure_id):
                raise InvalidInput("disclosure_id: not a disclosure of this record")
            repo.insert_notice(
                conn, id=notice_id, client_id=client_id, amendment_id=amendment_id,
                disclosure_id=notice.disclosure_id or None,
                recipient_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.AMENDMENT, notice_id, "recipient",
                    notice.recipient.encode(), access),
                sent_on=notice.sent_on, method=notice.method.value,
                recorded_by=actor.actor_id, recorded_at=rt.now())

        self._gate.write(actor, P.CHART_AMENDMENT_DECIDE, AuditTag.RECORD_AMENDMENT_NOTIFY,
                         client_id, work, resource_id=amendment_id, notice=notice_id,
                         method=notice.method.value)
        return notice_id

    def letter_pdf(self, actor: Actor, client_id: str, amendment_id: str) -> bytes:
        """The letter telling others of an accepted amendment (164.526(c)(3)), as a PDF: the
        client's name, what was amended and the amendment, nothing more of the record."""
        access = self._authorize_read(actor, client_id, amendment_id)
        with read_transaction(self._rt.engine) as conn:
            row = self._row(conn, client_id, amendment_id)
            check_can_notify(row.status == Status.ACCEPTED.value)
            view = self._view(conn, access, row,
                              repo.note_dates(conn, [row.note_id] if row.note_id else []))
            names = demographics_under(conn, self._rt.keyring, access)
            practice_name, _ = notice_repository.practice_name_and_jurisdiction(conn)
        assert view.decided_at is not None
        client_name = f"{names.get('given_name', '')} {names.get('family_name', '')}".strip()
        return render_letter_pdf(amendment_id, practice_name, view.decided_at, letter_lines(
            practice_name, client_name, view.note_session_date, view.decided_at.date(),
            view.response))

    def complaint_contact(self) -> str:
        """Who the practice names for complaints, with a telephone number: the contact of the
        Notice of Privacy Practices in effect (164.520(b)(1)(vii)), "" before one is published.
        The same for every client, no PHI: not a decision about a record."""
        with read_transaction(self._rt.engine) as conn:
            notice = current_notice_in(conn)
        return notice.document.contact if notice else ""

    def rebut(self, actor: Actor, client_id: str, amendment_id: str,
              data: Mapping[str, Any]) -> None:
        """164.526(d)(3): the practice's rebuttal of a statement of disagreement, once; the
        client sees it in the portal, and it travels with the statement."""
        text = parse_statement(data, "rebuttal", "write the practice's rebuttal")
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            check_can_rebut(_state(self._row(conn, client_id, amendment_id)))
            if not repo.rebut(conn, amendment_id, rebuttal_by=actor.actor_id, at=rt.now(),
                              rebuttal_sealed=self._seal(conn, access, amendment_id, "rebuttal",
                                                         text)):
                raise ConflictError("a rebuttal has been written for this request")

        self._gate.write(actor, P.CHART_AMENDMENT_DECIDE, AuditTag.RECORD_AMENDMENT_REBUT,
                         client_id, work, resource_id=amendment_id)

    # --- helpers --------------------------------------------------------------------------------
    def _authorize_read(self, actor: Actor, client_id: str, resource_id: str) -> Access:
        if actor.role is Role.REPRESENTATIVE:
            # What travels with the record (164.526(c)(1), (d)(5)) goes with a representative's
            # view of it too, under the same decision as the record itself.
            return self._gate.authorize_read(actor, P.PORTAL_RECORD_READ,
                                             AuditTag.PORTAL_AMENDMENT_READ, client_id,
                                             resource_id=resource_id or client_id)
        if actor.role is Role.CLIENT:
            return self._gate.authorize_read(actor, P.PORTAL_AMENDMENT_READ,
                                             AuditTag.PORTAL_AMENDMENT_READ, client_id,
                                             resource_id=resource_id or client_id)
        return self._gate.authorize_read(actor, P.CHART_AMENDMENT_READ,
                                         AuditTag.RECORD_AMENDMENT_READ, client_id,
                                         resource_id=resource_id)

    def _row(self, conn: Connection, client_id: str, amendment_id: str) -> Any:
        row = repo.request(conn, client_id, amendment_id)
        if row is None:
            raise NotFound(NO_SUCH_REQUEST)
        return row

    def _seal(self, conn: Connection, access: Access, amendment_id: str, field: str,
              text: str) -> bytes:
        return self._rt.keyring.seal_field(conn, access.client_id, RecordKind.AMENDMENT,
                                           amendment_id, field, text.encode(), access)

    def _view(self, conn: Connection, access: Access, row: Any,
              note_dates: Mapping[str, date]) -> AmendmentView:
        return view_under(conn, self._rt.keyring, access, row, note_dates)


def view_under(conn: Connection, keyring: KeyRing, access: Access, row: Any,
               note_dates: Mapping[str, date]) -> AmendmentView:
    """A request row unsealed under the gate's `access` for its client."""

    def unseal(field: str, sealed: bytes | None) -> str:
        if sealed is None:
            return ""
        return keyring.unseal_field(conn, access.client_id, RecordKind.AMENDMENT, row.id, field,
                                    sealed, access).decode()

    asked = json.loads(unseal("request", row.request_sealed))
    return AmendmentView(
        amendment_id=row.id, client_id=row.client_id,
        target=Target.NOTE if row.note_id else Target.DETAILS, note_id=row.note_id or "",
        note_session_date=note_dates.get(row.note_id) if row.note_id else None,
        received_via=Via(row.received_via), requested_by=row.requested_by,
        requested_at=row.requested_at, change=asked["change"], reason=asked["reason"],
        due_on=row.due_on, extended_due_on=row.extended_due_on,
        extension_reason=unseal("extension", row.extension_sealed), status=Status(row.status),
        ground=DenialGround(row.denial_ground) if row.denial_ground else None,
        response=unseal("response", row.response_sealed), decided_by=row.decided_by or "",
        decided_at=row.decided_at, disagreement=unseal("disagreement", row.disagreement_sealed),
        disagreement_at=row.disagreement_at, rebuttal=unseal("rebuttal", row.rebuttal_sealed),
        rebuttal_by=row.rebuttal_by or "", rebuttal_at=row.rebuttal_at,
        travels_asked_at=row.travels_asked_at)


def lines_by_record(views: Collection[AmendmentView]) -> dict[str, tuple[str, ...]]:
    """The travelling lines of these requests by note id ("" for the details), oldest first."""
    found: dict[str, list[str]] = {}
    for view in sorted(views, key=lambda v: v.requested_at):
        lines = travelling_lines(view.linked)
        if lines:
            found.setdefault(view.note_id, []).extend(lines)
    return {key: tuple(lines) for key, lines in found.items()}


def travelling_under(conn: Connection, keyring: KeyRing, access: Access,
                     note_ids: Collection[str], *, details: bool) -> dict[str, tuple[str, ...]]:
    """What must go with these notes (and, with `details`, with the client's details, keyed
    "") in a release or export, under the gate's `access` for the client: accepted amendments
    (164.526(c)(1)) and, for denials, the request, denial, statement of disagreement and rebuttal
    (164.526(d)(5)(i)). Notes with nothing to carry are left out."""
    return lines_by_record([
        view_under(conn, keyring, access, row, {})
        for row in repo.requests_linked_to(conn, access.client_id, note_ids, details=details)])


def _state(row: Any) -> AmendmentState:
    return AmendmentState(Status(row.status), row.due_on, row.extended_due_on,
                          row.disagreement_sealed is not None, row.rebuttal_sealed is not None,
                          row.travels_asked_at is not None)


def _received_on(value: Any, today: date) -> date:
    """The day a paper request arrived (the 60 days run from receipt): not in the future."""
    if value in (None, ""):
        return today
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput("received_on: use YYYY-MM-DD") from None
    if day > today:
        raise InvalidInput("received_on: must not be in the future")
    return day
