"""Intake through the portal: the owner publishes form versions, staff send a packet (with
the portal invitation or later), the client fills it in (drafts saved page by page) and submits,
the care team reads and reviews it, and accepts the contact details it holds into the chart.

Answers are sealed under the client's key (`RecordKind.INTAKE`) and read only through the gate:
the client's own (`portal:intake:fill`), the care team's (`chart:intake:read`). Audit events
hold the packet id, the page and the form version, never an answer. Contact details reach the
chart only when staff accept them, through the chart's own update (never silently).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.intake.errors import IntakeProblems
from closeddoor.intake.model import (
    CONTACT_KEYS,
    DEFAULT_FORM,
    IntakeForm,
    PacketStatus,
    clean_answers,
    contact_changes,
    parse_form,
    problems,
)
from closeddoor.mail import Mail
from closeddoor.policy import Actor, Permission
from closeddoor.portal.model import PortalPrincipal
from closeddoor.records.clients import contacts_under, demographics_under
from closeddoor.records.service import ChartService
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import intake_repository as repo
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

P = Permission
OPEN = (PacketStatus.SENT.value, PacketStatus.DRAFT.value)


@dataclass(frozen=True)
class FormVersion:
    number: int  # 0: the built-in default, not yet published
    form: IntakeForm


@dataclass(frozen=True)
class PacketView:
    packet_id: str
    client_id: str
    status: str
    form_number: int
    form: IntakeForm
    sent_at: datetime
    saved_at: datetime | None
    submitted_at: datetime | None
    reviewed_by: str
    reviewed_at: datetime | None
    contacts_accepted_at: datetime | None
    answers: dict[str, str]  # empty unless loaded for someone allowed to see them

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class IntakeService:
    def __init__(self, runtime: Runtime, gate: Gate, charts: ChartService) -> None:
        self._rt = runtime
        self._gate = gate
        self._charts = charts

    # --- the practice's form ---------------------------------------------------------------------
    def editor_form(self, actor: Actor) -> FormVersion:
        """The form as the owner's editor opens it: owner only (`practice:intake-form:manage`);
        anyone else is refused (PolicyDenied) and the refusal audited."""
        self._require_owner(actor, AuditTag.PRACTICE_INTAKE_FORM_READ)
        return self.current_form()

    def _require_owner(self, actor: Actor, tag: AuditTag) -> None:
        self._gate.require(actor, P.PRACTICE_INTAKE_FORM_MANAGE, tag, audit_allow=False)

    def current_form(self) -> FormVersion:
        """The newest published version, else the built-in default (number 0). Internal use
        (sending a packet, the portal); the editor goes through `editor_form`."""
        with read_transaction(self._rt.engine) as conn:
            row = repo.current_form(conn)
        if row is None:
            return FormVersion(0, DEFAULT_FORM)
        return FormVersion(int(row.number), IntakeForm.from_json(row.definition))

    def publish_definition(self, actor: Actor, title: str, sections: list[str],
                           questions: str) -> int:
        """The editor's fields, published: refused (and audited) for anyone but the owner
        before the fields are even parsed; then every problem at once (InvalidInput)."""
        self._require_owner(actor, AuditTag.PRACTICE_INTAKE_FORM_PUBLISH)
        return self.publish_form(actor, parse_form(title, sections, questions))

    def publish_form(self, actor: Actor, form: IntakeForm) -> int:
        """The owner publishes a new version; packets already sent keep theirs."""
        self._require_owner(actor, AuditTag.PRACTICE_INTAKE_FORM_PUBLISH)
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            number = self._publish_in(conn, actor, form)
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.PRACTICE_INTAKE_FORM_PUBLISH, "ok", number=number)])
        return number

    def _publish_in(self, conn: Connection, actor: Actor, form: IntakeForm) -> int:
        number = repo.next_form_number(conn)
        repo.insert_form(conn, id=new_id(), number=number, definition=form.to_json(),
                         published_at=self._rt.now(), published_by=actor.actor_id)
        return number

    # --- staff: send, read, review, accept contacts ----------------------------------------------
    def send(self, actor: Actor, client_id: str) -> str:
        """Send the current form to the client's portal (the default form is published as
        version 1 the first time). One open packet at a time (ConflictError)."""
        rt = self._rt
        packet_id = new_id()

        def work(conn: Connection, _: Access) -> str:
            if any(row.status in OPEN for row in repo.packets_of(conn, client_id)):
                raise ConflictError("intake: this client already has an intake form waiting "
                                    "to be filled in")
            row = repo.current_form(conn)
            if row is None:
                self._publish_in(conn, actor, DEFAULT_FORM)
                row = repo.current_form(conn)
            assert row is not None
            repo.insert_packet(conn, id=packet_id, client_id=client_id, form_id=row.id,
                               status=PacketStatus.SENT.value, sent_by=actor.actor_id,
                               sent_at=rt.now())
            return packet_id

        return self._gate.write(actor, P.CHART_INTAKE_SEND, AuditTag.RECORD_INTAKE_SEND,
                                client_id, work, resource_id=packet_id)

    def packets(self, actor: Actor, client_id: str) -> list[PacketView]:
        """The client's packets (newest first) with the answers of those submitted."""
        access = self._gate.authorize_read(actor, P.CHART_INTAKE_READ,
                                           AuditTag.RECORD_INTAKE_READ, client_id)
        with read_transaction(self._rt.engine) as conn:
            return [self._view(conn, row, access, drafts=False)
                    for row in repo.packets_of(conn, client_id)]

    def packet(self, actor: Actor, client_id: str, packet_id: str) -> PacketView:
        access = self._gate.authorize_read(actor, P.CHART_INTAKE_READ,
                                           AuditTag.RECORD_INTAKE_READ, client_id,
                                           resource_id=packet_id)
        with read_transaction(self._rt.engine) as conn:
            return self._view(conn, self._row(conn, client_id, packet_id), access, drafts=False)

    def mark_reviewed(self, actor: Actor, client_id: str, packet_id: str) -> None:
        rt = self._rt

        def work(conn: Connection, _: Access) -> None:
            row = self._row(conn, client_id, packet_id)
            if row.status != PacketStatus.SUBMITTED:
                raise ConflictError("intake: only submitted answers can be marked reviewed")
            repo.update_packet(conn, client_id, packet_id, status=PacketStatus.REVIEWED.value,
                               reviewed_by=actor.actor_id, reviewed_at=rt.now())

        self._gate.write(actor, P.CHART_INTAKE_REVIEW, AuditTag.RECORD_INTAKE_REVIEW, client_id,
                         work, resource_id=packet_id)

    def proposed_contacts(self, actor: Actor, client_id: str, packet_id: str
                          ) -> dict[str, str]:
        """What accepting the packet's contact details would change in the chart."""
        view = self.packet(actor, client_id, packet_id)
        return contact_changes(view.answers, self._charts.get_client(actor, client_id).contacts)

    def accept_contacts(self, actor: Actor, client_id: str, packet_id: str) -> int:
        """Staff accept the submitted packet's contact and emergency-contact answers into the
        chart, through the chart's own update (an e-mail change tells the old address).
        Returns how many fields changed.

        One unit of work: reading the answers and the chart, the chart's update (decided as
        `chart:demographics:write` and audited `record:client:update`), marking the packet
        accepted and the `record:intake:accept-contacts` audit commit together or not at all.
        Refused at once to anyone who may not review (a supervisor reads the answers, never
        changes the chart from them)."""
        rt = self._rt

        def work(conn: Connection, access: Access) -> tuple[int, Mail | None]:
            row = self._row(conn, client_id, packet_id)
            if row.status not in (PacketStatus.SUBMITTED, PacketStatus.REVIEWED):
                raise ConflictError("intake: the client has not submitted these answers yet")
            answers = self._answers(conn, row, access)
            demographics = demographics_under(conn, rt.keyring, access)
            contacts = contacts_under(conn, rt.keyring, access)
            changed = contact_changes(answers, contacts)
            notice = None
            if changed:
                notice = self._charts.update_client_in(conn, actor, client_id, {
                    **demographics, **contacts, **changed})
            repo.update_packet(conn, client_id, packet_id, contacts_accepted_by=actor.actor_id,
                               contacts_accepted_at=rt.now())
            return len(changed), notice

        changed, notice = self._gate.write(
            actor, P.CHART_INTAKE_REVIEW, AuditTag.RECORD_INTAKE_ACCEPT_CONTACTS, client_id,
            work, resource_id=packet_id, outcome=lambda done: {"fields": done[0]})
        self._charts.tell_old_address(notice)
        return changed

    # --- the client, in the portal ---------------------------------------------------------------
    def client_packets(self, principal: PortalPrincipal) -> list[PacketView]:
        """The signed-in client's own packets, newest first (no answers)."""
        self._gate.authorize_read(principal.actor, P.PORTAL_INTAKE_FILL,
                                  AuditTag.PORTAL_INTAKE_READ, principal.client_id)
        with read_transaction(self._rt.engine) as conn:
            return [self._view(conn, row, None, drafts=False)
                    for row in repo.packets_of(conn, principal.client_id)]

    def client_packet(self, principal: PortalPrincipal, packet_id: str) -> PacketView:
        """One of the signed-in client's packets with their answers so far. Another client's
        packet is NotFound (the id names nothing for them)."""
        client_id = principal.client_id
        access = self._gate.authorize_read(principal.actor, P.PORTAL_INTAKE_FILL,
                                           AuditTag.PORTAL_INTAKE_READ, client_id,
                                           resource_id=packet_id)
        with read_transaction(self._rt.engine) as conn:
            return self._view(conn, self._row(conn, client_id, packet_id), access, drafts=True)

    def save_draft(self, principal: PortalPrincipal, packet_id: str, page: str,
                   posted: dict[str, str]) -> None:
        """Save one page's answers (format checked, IntakeProblems naming each field; empty
        answers are fine in a draft). A submitted packet is locked (ConflictError)."""
        form = self._form_of(principal, packet_id)
        fields = _page_fields(form, page)
        answers = {k: v for k, v in clean_answers(form, posted).items()
                   if k in {f.key for f in fields}}
        found = problems(form, answers, complete=False, fields=fields)
        if found:
            raise IntakeProblems(found)
        self._write(principal, packet_id, AuditTag.PORTAL_INTAKE_SAVE, answers, submit=False,
                    page=page)

    def submit(self, principal: PortalPrincipal, packet_id: str, page: str = "",
               posted: dict[str, str] | None = None) -> None:
        """Save the last page (when `page` is given), then submit: every required answer is
        needed (IntakeProblems for all of them at once, the draft kept). Submitting locks the
        answers."""
        if page:
            self.save_draft(principal, packet_id, page, posted or {})
        view = self.client_packet(principal, packet_id)
        found = problems(view.form, view.answers, complete=True)
        if found:
            raise IntakeProblems(found)
        self._write(principal, packet_id, AuditTag.PORTAL_INTAKE_SUBMIT, {}, submit=True,
                    page=page)

    def _form_of(self, principal: PortalPrincipal, packet_id: str) -> IntakeForm:
        with read_transaction(self._rt.engine) as conn:
            row = repo.packet(conn, principal.client_id, packet_id)
        if row is None:
            raise NotFound("no such intake form")
        return IntakeForm.from_json(row.definition)

    def _write(self, principal: PortalPrincipal, packet_id: str, tag: AuditTag,
               answers: dict[str, str], *, submit: bool, page: str) -> None:
        rt = self._rt
        client_id = principal.client_id

        def work(conn: Connection, access: Access) -> None:
            row = self._row(conn, client_id, packet_id)
            if row.status not in OPEN:
                raise ConflictError("intake: these answers were submitted and can no longer be "
                                    "changed; call the office to correct them")
            now = rt.now()
            if submit:
                repo.update_packet(conn, client_id, packet_id,
                                   status=PacketStatus.SUBMITTED.value, submitted_at=now)
                return
            merged = {**self._answers(conn, row, access), **answers}
            repo.update_packet(conn, client_id, packet_id, status=PacketStatus.DRAFT.value,
                               saved_at=now, answers_sealed=rt.keyring.seal_field(
                                   conn, client_id, RecordKind.INTAKE, packet_id, "answers",
                                   json.dumps(merged).encode(), access))

        self._gate.write(principal.actor, P.PORTAL_INTAKE_FILL, tag, client_id, work,
                         resource_id=packet_id, page=page[:32])

    # --- helpers ---------------------------------------------------------------------------------
    def _row(self, conn: Connection, client_id: str, packet_id: str) -> Row[Any]:
        row = repo.packet(conn, client_id, packet_id)
        if row is None:
            raise NotFound("no such intake form")
        return row

    def _answers(self, conn: Connection, row: Row[Any], access: Access) -> dict[str, str]:
        if row.answers_sealed is None:
            return {}
        answers: dict[str, str] = json.loads(self._rt.keyring.unseal_field(
            conn, row.client_id, RecordKind.INTAKE, row.id, "answers", row.answers_sealed,
            access))
        return answers

    def _view(self, conn: Connection, row: Row[Any], access: Access | None, *,
              drafts: bool) -> PacketView:
        shown = access is not None and (drafts or row.status not in OPEN)
        return PacketView(
            row.id, row.client_id, row.status, int(row.form_number),
            IntakeForm.from_json(row.definition), row.sent_at, row.saved_at, row.submitted_at,
            row.reviewed_by or "", row.reviewed_at, row.contacts_accepted_at,
            self._answers(conn, row, access) if shown and access is not None else {})


def _page_fields(form: IntakeForm, page: str) -> tuple[Any, ...]:
    for each in form.pages():
        if each.key == page:
            return each.fields
    raise NotFound("no such page of the intake form")


__all__ = ["CONTACT_KEYS", "FormVersion", "IntakeService", "PacketView"]
