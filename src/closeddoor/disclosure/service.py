"""The one disclosure workflow: request → decide (authorization or legal basis) → [second
approval] → assemble exactly the scope → PDF → record the packet's hash → the packet leaves.

The authority is checked when the disclosure is requested and again when the packet is made, so
an authorization revoked or expired in between stops it. The packet is never stored; the record
keeps its SHA-256, and a later copy is made only if it comes out byte-identical.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.amendments.service import travelling_under
from closeddoor.audit.tags import AuditTag
from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.disclosure.authorization import coverage_refusal, date_range_text, expiry_text
from closeddoor.disclosure.authorization_service import AuthorizationService, AuthorizationView
from closeddoor.disclosure.categories import Category, describe
from closeddoor.disclosure.history import (
    APPROVED_EVENT,
    DECLINED,
    DECLINED_EVENT,
    NOT_TOLD_EVENT,
    PENDING,
    READY,
    RELEASED,
    RELEASED_EVENT,
    TOLD_EVENT,
    DisclosureEvent,
    fold,
)
from closeddoor.disclosure.legal import LegalBasis
from closeddoor.disclosure.packet import ChartExtract, Packet, PacketCover, build_sections
from closeddoor.disclosure.packet_pdf import render_packet_pdf
from closeddoor.disclosure.restriction_service import RestrictionService
from closeddoor.disclosure.restrictions import (
    Outgoing,
    Verdict,
    check_disclosure,
    parse_outgoing_kinds,
)
from closeddoor.disclosure.scope import DisclosureScope, scope_from_json, text_field
from closeddoor.disclosure.threat import ReportDue, ThreatRules, report_due, threat_rules
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied, join_problems
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.policy.decide import AUTHORITY_AUTHORIZATION, AUTHORITY_LEGAL_BASIS
from closeddoor.records.notes import NoteService
from closeddoor.records.service import ChartService
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import disclosure_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission
__all__ = ["DECLINED", "PENDING", "READY", "RELEASED", "DisclosureService", "DisclosureView",
           "ReleasedPacket"]


@dataclass(frozen=True)
class DisclosureView:
    disclosure_id: str
    client_id: str
    authority: str  # authorization | legal-basis
    authorization_id: str
    legal_basis: LegalBasis | None
    scope: DisclosureScope
    status: str  # pending-approval | ready | released | declined
    requested_at: datetime
    requested_by: str
    approved_at: datetime | None
    approved_by: str | None
    approval_comment: str  # why the second person approved or declined
    released_at: datetime | None
    released_by: str | None
    packet_sha256: str | None
    client_told: str  # n/a | pending | told | not-told
    client_told_at: datetime | None
    client_told_note: str
    reviewed_at: datetime | None
    review_comment: str
    suspended_until: date | None
    suspension_note: str
    excerpt_id: str = ""  # an identifiable excerpt released under an authorization
    oral: str = ""  # an oral disclosure (a phone warning, a hotline report): what was said
    suspension_kind: str = ""  # oral | written (164.528(a)(2))
    report_due: ReportDue | None = None  # a state's danger report this threat calls for
    events: tuple[DisclosureEvent, ...] = ()  # every change, oldest first
    # An emergency disclosure of restricted information: the request not to use or disclose
    # it further (45 CFR 164.522(a)(1)(iv)), on the record and the packet's cover.
    restriction_statement: str = ""
    recipient_kind: str = ""  # as the requester stated it (restrictions match on it)
    purpose_kind: str = ""

    @property
    def is_oral(self) -> bool:
        return bool(self.oral)

    @property
    def purpose_or_basis(self) -> str:
        return self.legal_basis.summary() if self.legal_basis else self.scope.purpose


@dataclass(frozen=True)
class ReleasedPacket:
    disclosure_id: str
    pdf: bytes
    sha256: str
    is_copy: bool  # a later, byte-identical copy of the packet that first left

    @property
    def filename(self) -> str:  # no client identifier in a file name
        return f"disclosure-{self.disclosure_id}.pdf"


class DisclosureService:
    def __init__(self, runtime: Runtime, gate: Gate, authorizations: AuthorizationService,
                 charts: ChartService, notes: NoteService,
                 restrictions: RestrictionService) -> None:
        self._rt = runtime
        self._restrictions = restrictions
        self._gate = gate
        self._authorizations = authorizations
        self._charts = charts
        self._notes = notes

    def request(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> DisclosureView:
        """Ask to disclose `data`'s scope under an authorization or a legal basis. Refused
        (and audited) unless the authority covers it; a legal basis may need a second approver."""
        rt = self._rt
        disclosure_id = new_id()

        def work(conn: Connection, access: Access) -> DisclosureView:
            authorization = self._authorization(conn, access, data.get("authorization_id"))
            recipient_kind, purpose_kind = parse_outgoing_kinds(data)
            scope = DisclosureScope.parse(_dated_as_authorized(data, authorization))
            authority, authorization_id, basis, refusal = self._authority(
                data, scope, authorization)
            if refusal or not authority:
                raise PolicyDenied(refusal or "no-authorization-or-legal-basis")
            kinds = {"recipient_kind": recipient_kind.value if recipient_kind else "",
                     "purpose_kind": purpose_kind.value if purpose_kind else ""}
            statement = self._restriction_statement(conn, access, scope, kinds, basis,
                                                    authorization)
            oral = _oral_summary(data, basis)
            report: dict[str, Any] = {}
            if basis is not None:
                _, code = repo.practice_name_and_jurisdiction(conn)
                rules = threat_rules(load_jurisdiction(code))
                problems = [p for p in (
                    basis.minimum_necessary_refusal(tuple(c.value for c in scope.categories)),
                    rules.recipient_refusal(basis)) if p]
                if problems:
                    raise InvalidInput(join_problems(problems))
                report = rules.report_json(basis)
            # An oral disclosure (a phone warning, a hotline report) has already happened: it
            # is recorded released, with no packet, and enters the accounting like any other.
            status = PENDING if basis is not None and not oral and repo.is_two_person(conn) \
                else READY
            details = {"scope": scope.sealed_json(),
                       "written": {c.value: t for c, t in scope.written.items()},
                       "legal_basis": basis.to_json() if basis else None, "oral": oral,
                       "report": report, "restriction_statement": statement, **kinds}
            repo.insert_disclosure(
                conn, id=disclosure_id, client_id=client_id, authority=authority,
                authorization_id=authorization_id or None, status=status,
                details_sealed=rt.keyring.seal_field(conn, client_id, RecordKind.DISCLOSURE,
                                                     disclosure_id, "details",
                                                     json.dumps(details).encode(), access),
                requested_at=rt.now(), requested_by=actor.actor_id)
            if oral:
                self.append_event(conn, access, disclosure_id, RELEASED_EVENT, once="released")
            return self._view(conn, access, self._row(conn, client_id, disclosure_id))

        # Whether this actor could disclose at all is settled (by the gate, with the widest
        # authority) before the input is judged; what the request relies on is judged after.
        return self._gate.write(
            actor, P.CHART_DISCLOSURE_CREATE, AuditTag.RECORD_DISCLOSURE_CREATE, client_id, work,
            resource_id=disclosure_id, disclosure_authority=AUTHORITY_LEGAL_BASIS,
            outcome=lambda view: {
                "authority": view.authority, "authorization": view.authorization_id,
                "status": view.status,
                "legal_basis": view.legal_basis.kind.value if view.legal_basis else ""})

    def record_excerpt_under(self, conn: Connection, access: Access, *, disclosure_id: str,
                             authorization_id: str, categories: tuple[Category, ...],
                             records_from: date, records_to: date, excerpt_id: str,
                             sha256: str) -> DisclosureScope:
        """An identifiable excerpt leaving the practice: inside the caller's gate-decided
        transaction (`chart:disclosure:create` on an authorization), check that the client's
        authorization covers its recipient, categories (psychotherapy notes only under one that
        names them, alone) and dates, then record it as a released disclosure whose "packet"
        hash is the excerpt's. Raises PolicyDenied (the coverage refusal) otherwise."""
        rt = self._rt
        authorization = self._authorizations.view_under(conn, access, authorization_id)
        terms = authorization.terms
        scope = DisclosureScope(recipient=terms.recipient, categories=categories,
                                records_from=records_from, records_to=records_to,
                                purpose=terms.purpose, written={})
        refusal = self._covers(authorization, scope)
        if refusal:
            raise PolicyDenied(refusal)
        self._restriction_statement(conn, access, scope, {}, None, authorization)
        details = {"scope": scope.sealed_json(), "written": {}, "legal_basis": None,
                   "excerpt_id": excerpt_id}
        now = rt.now()
        repo.insert_disclosure(
            conn, id=disclosure_id, client_id=access.client_id, authority=AUTHORITY_AUTHORIZATION,
            authorization_id=authorization_id, status=READY,
            details_sealed=rt.keyring.seal_field(conn, access.client_id, RecordKind.DISCLOSURE,
                                                 disclosure_id, "details",
                                                 json.dumps(details).encode(), access),
            requested_at=now, requested_by=access.actor_id)
        self.append_event(conn, access, disclosure_id, RELEASED_EVENT, once="released",
                          packet_sha256=sha256)
        return scope

    def approve(self, actor: Actor, client_id: str, disclosure_id: str, *, approve: bool,
                comment: str = "") -> None:
        """The second person's decision on a legal-basis disclosure (practice setting)."""
        meta = self._meta(client_id, disclosure_id)

        def work(conn: Connection, access: Access) -> None:
            view = self._view(conn, access, self._row(conn, client_id, disclosure_id))
            if view.status != PENDING or not self.append_event(
                    conn, access, disclosure_id, APPROVED_EVENT if approve else DECLINED_EVENT,
                    once="decision", note=comment.strip()[:2000], field="approval_comment"):
                status = view.status if view.status != PENDING else "decided"
                raise ConflictError(f"this disclosure is {status}, not awaiting approval")

        self._gate.write(actor, P.CHART_DISCLOSURE_APPROVE, AuditTag.RECORD_DISCLOSURE_APPROVE,
                         client_id, work, resource_id=disclosure_id,
                         is_author=meta.requested_by == actor.actor_id,
                         decision="approved" if approve else "declined")

    def release(self, actor: Actor, client_id: str, disclosure_id: str) -> ReleasedPacket:
        """Assemble the packet from exactly the scope, render it, record its hash: the packet
        leaves. Asked again, it gives a byte-identical copy or refuses. Who may disclose is
        decided (by the gate, on the disclosure's recorded authority) before anything is
        decrypted; whether this disclosure may still leave is judged after."""
        rt = self._rt
        meta = self._meta(client_id, disclosure_id)

        def work(conn: Connection, access: Access) -> ReleasedPacket:
            view = self._view(conn, access, self._row(conn, client_id, disclosure_id))
            if view.excerpt_id:
                raise ConflictError("this disclosure was an excerpt, whose text is not kept: "
                                    "no copy can be made; make a new excerpt")
            if view.is_oral:
                raise ConflictError("this disclosure was made orally and has no packet")
            authorization = self._authorization(conn, access, view.authorization_id)
            refusal = self._still_covered(view, authorization)
            if not refusal and Category.PSYCHOTHERAPY_NOTES in view.scope.categories \
                    and actor.actor_id != view.requested_by:
                refusal = "psychotherapy-notes-released-by-their-author"
            if refusal:
                raise PolicyDenied(refusal)
            # A restriction agreed since the request stops it too (164.522(a)).
            self._restriction_statement(
                conn, access, view.scope, {"recipient_kind": view.recipient_kind,
                                           "purpose_kind": view.purpose_kind},
                view.legal_basis, authorization)
            if view.status == PENDING:
                raise ConflictError("this disclosure awaits a second staff member's approval")
            if view.status == DECLINED:
                raise ConflictError("this disclosure was declined by the approver")
            released_at = view.released_at or rt.now()
            pdf = render_packet_pdf(self._packet(conn, view, access, released_at,
                                                 authorization))
            digest = hashlib.sha256(pdf).hexdigest()
            is_copy = view.status == RELEASED
            if is_copy and digest != view.packet_sha256:
                raise ConflictError("the records changed since this packet left, so an "
                                    "identical copy cannot be made; request a new disclosure")
            if not is_copy and not self.append_event(
                    conn, access, disclosure_id, RELEASED_EVENT, once="released",
                    occurred_at=released_at, packet_sha256=digest):
                raise ConflictError("this disclosure was released meanwhile; ask for a copy")
            return ReleasedPacket(disclosure_id, pdf, digest, is_copy)

        return self._gate.write(
            actor, P.CHART_DISCLOSURE_CREATE, AuditTag.RECORD_DISCLOSURE_RELEASE, client_id,
            work, resource_id=disclosure_id, disclosure_authority=meta.authority,
            outcome=lambda packet: {"sha256": packet.sha256, "copy": int(packet.is_copy),
                                    "authority": meta.authority})

    def record_client_told(self, actor: Actor, client_id: str, disclosure_id: str, *,
                           told: bool, note: str) -> None:
        """NASW 1.07(d): whether and when the client was told of a disclosure made without
        their consent (how they were told, or why they were not)."""

        def work(conn: Connection, access: Access) -> None:
            row = self._row(conn, client_id, disclosure_id)
            if row.authority != AUTHORITY_LEGAL_BASIS:
                raise InvalidInput("the client authorized this disclosure themselves")
            text = " ".join(str(note).split())
            if not text or len(text) > 1000:
                raise InvalidInput("note: say how the client was told, or why not "
                                   "(at most 1000 characters)")
            self.append_event(conn, access, disclosure_id,
                              TOLD_EVENT if told else NOT_TOLD_EVENT, note=text,
                              field="client_told")

        self._gate.write(actor, P.CHART_DISCLOSURE_UPDATE, AuditTag.RECORD_DISCLOSURE_UPDATE,
                         client_id, work, resource_id=disclosure_id,
                         change="client-told" if told else "client-not-told")

    def list_disclosures(self, actor: Actor, client_id: str) -> list[DisclosureView]:
        """Every disclosure of this client, requested or released, newest first."""
        access = self._gate.authorize_read(actor, P.CHART_DISCLOSURE_READ,
                                           AuditTag.RECORD_DISCLOSURE_READ, client_id,
                                           resource_id=client_id)
        return self.list_under(access)

    def get(self, actor: Actor, client_id: str, disclosure_id: str) -> DisclosureView:
        access = self._gate.authorize_read(actor, P.CHART_DISCLOSURE_READ,
                                           AuditTag.RECORD_DISCLOSURE_READ, client_id,
                                           resource_id=disclosure_id)
        return self.get_under(access, disclosure_id)

    def list_under(self, access: Access) -> list[DisclosureView]:
        """Every disclosure of the client the gate's `access` names, newest first."""
        with read_transaction(self._rt.engine) as conn:
            rows = repo.disclosures_of(conn, access.client_id)
            events = self._events(conn, access, [r.id for r in rows])
            return [self._view(conn, access, r, events.get(r.id, [])) for r in rows]

    def append_event(self, conn: Connection, access: Access, disclosure_id: str, kind: str, *,
                     once: str | None = None, note: str = "", field: str = "",
                     occurred_at: datetime | None = None, **columns: Any) -> bool:
        """Append one state change inside the caller's gate-decided transaction; `note` is
        sealed under the client's key. False when a once-only change (`once`: the decision, the
        release, the review) was already recorded."""
        rt = self._rt
        event_id = new_id()
        # Sealed at (disclosure, field) as before migration 0009, so a downgrade can fold the
        # note back into its column and it still opens.
        sealed_field = field if note else None
        return repo.insert_event(
            conn, id=event_id, disclosure_id=disclosure_id, client_id=access.client_id,
            kind=kind, occurred_at=occurred_at or rt.now(), actor_id=access.actor_id,
            once_key=f"{disclosure_id}:{once}" if once else None,
            note_sealed=rt.keyring.seal_field(
                conn, access.client_id, RecordKind.DISCLOSURE, disclosure_id, sealed_field,
                note.encode(), access) if sealed_field else None,
            sealed_field=sealed_field, **columns)

    def _events(self, conn: Connection, access: Access, disclosure_ids: list[str]
                ) -> dict[str, list[DisclosureEvent]]:
        keyring = self._rt.keyring
        found: dict[str, list[DisclosureEvent]] = {}
        for row in repo.events_of(conn, disclosure_ids):
            note = "" if row.note_sealed is None else keyring.unseal_field(
                conn, access.client_id, RecordKind.DISCLOSURE, row.disclosure_id,
                row.sealed_field, row.note_sealed, access).decode()
            found.setdefault(row.disclosure_id, []).append(DisclosureEvent(
                row.kind, row.occurred_at, row.actor_id, note, row.packet_sha256, row.until,
                row.detail or ""))
        return found

    def threat_rules(self) -> ThreatRules:
        """The practice's state's rules for a serious-threat disclosure (no client data)."""
        with read_transaction(self._rt.engine) as conn:
            _, code = repo.practice_name_and_jurisdiction(conn)
        return threat_rules(load_jurisdiction(code))

    def view_in(self, conn: Connection, access: Access, disclosure_id: str) -> DisclosureView:
        """One disclosure of the client `access` names, inside the caller's transaction."""
        return self._view(conn, access, self._row(conn, access.client_id, disclosure_id))

    def get_under(self, access: Access, disclosure_id: str) -> DisclosureView:
        """One disclosure of the client the gate's `access` names."""
        with read_transaction(self._rt.engine) as conn:
            return self._view(conn, access, self._row(conn, access.client_id, disclosure_id))

    # --- helpers -------------------------------------------------------------------------------
    def _meta(self, client_id: str, disclosure_id: str) -> Any:
        """Who asked and on what authority: no sealed content, so read before the decision."""
        with read_transaction(self._rt.engine) as conn:
            row = repo.disclosure_meta(conn, client_id, disclosure_id)
        if row is None:
            raise NotFound("no such disclosure")
        return row

    def _authority(self, data: Mapping[str, Any], scope: DisclosureScope,
                   authorization: AuthorizationView | None
                   ) -> tuple[str, str, LegalBasis | None, str]:
        """(authority, authorization id, legal basis, refusal reason or "")."""
        kind = data.get("authority")
        authorization_id = authorization.authorization_id if authorization else ""
        if kind == AUTHORITY_AUTHORIZATION:
            if authorization is None:
                raise InvalidInput("authorization_id: choose the client's authorization")
            refusal = self._covers(authorization, scope)
            return ("" if refusal else AUTHORITY_AUTHORIZATION), authorization_id, None, refusal
        if kind != AUTHORITY_LEGAL_BASIS:
            raise InvalidInput("authority: authorization or legal-basis")
        basis = LegalBasis.parse(data)
        if Category.PSYCHOTHERAPY_NOTES in scope.categories:
            return "", "", basis, "psychotherapy-notes-need-an-authorization"
        if basis.needs_authorization:
            # A subpoena alone is not enough: the client's authorization must cover it.
            if authorization is None or self._covers(authorization, scope):
                return "", authorization_id, basis, "subpoena-needs-court-order-or-authorization"
        elif authorization is not None:
            raise InvalidInput("authorization_id: only a subpoena is paired with an authorization")
        return AUTHORITY_LEGAL_BASIS, authorization_id, basis, ""

    def _restriction_statement(self, conn: Connection, access: Access, scope: DisclosureScope,
                               kinds: Mapping[str, str], basis: LegalBasis | None,
                               authorization: AuthorizationView | None) -> str:
        """45 CFR 164.522(a): refuse (ConflictError, naming the restriction, not the client) a
        disclosure an agreed restriction covers, unless a 164.512 legal basis allows it or the
        client signed the authorization after the practice agreed; in an emergency, allow it
        and return the statement asking the recipient not to use or disclose it further."""
        recipient_kind, purpose_kind = parse_outgoing_kinds(kinds)
        check = check_disclosure(
            self._restrictions.states_under(conn, access),
            Outgoing(scope.recipient, recipient_kind, purpose_kind, scope.categories,
                     scope.records_from, scope.records_to),
            legal_basis=basis.kind.value if basis else None,
            authorization_signed_at=authorization.signed_at if authorization and basis is None
            else None)
        if check.verdict is Verdict.REFUSED:
            raise ConflictError(check.message)
        return check.message if check.verdict is Verdict.EMERGENCY else ""

    def _authorization(self, conn: Connection, access: Access, authorization_id: Any
                       ) -> AuthorizationView | None:
        """The client's authorization named by the request, read once; NotFound if it is not
        this client's."""
        if not authorization_id:
            return None
        return self._authorizations.view_under(conn, access, str(authorization_id))

    def _covers(self, authorization: AuthorizationView, scope: DisclosureScope) -> str:
        return coverage_refusal(authorization.state, scope, self._rt.now())

    def _still_covered(self, view: DisclosureView,
                       authorization: AuthorizationView | None) -> str:
        """At release: the authorization relied on must still be valid and cover the scope."""
        if authorization is None:
            return ""
        refusal = self._covers(authorization, view.scope)
        if refusal and view.authority == AUTHORITY_LEGAL_BASIS:
            return "subpoena-needs-court-order-or-authorization"
        return refusal

    def _packet(self, conn: Connection, view: DisclosureView, access: Access,
                released_at: datetime, authorization: AuthorizationView | None) -> Packet:
        scope = view.scope
        wanted = set(scope.categories)
        demographics, contacts = self._charts.profile_under(access)
        names = repo.staff_names(conn)
        notes = (self._notes.progress_notes_under(access)
                 if Category.PROGRESS_NOTES in wanted else [])
        extract = ChartExtract(
            demographics=demographics, contacts=contacts,
            appointments=(self._charts.appointments_under(access)
                          if wanted & {Category.ATTENDANCE, Category.DIAGNOSIS} else []),
            progress_notes=notes,
            # 164.526(c)(1), (d)(5): accepted amendments and statements of disagreement go
            # with the notes (and details) they concern in every later release.
            amendments=travelling_under(conn, self._rt.keyring, access,
                                        [n.note_id for n in notes],
                                        details=Category.DEMOGRAPHICS in wanted),
            # the releasing author's own process notes only (release checks they asked)
            psychotherapy_notes=(self._notes.own_psychotherapy_notes_under(access)
                                 if Category.PSYCHOTHERAPY_NOTES in wanted else []),
            author_names=names)
        practice_name = repo.practice_name(conn)
        cover = PacketCover(
            practice_name=practice_name, disclosure_id=view.disclosure_id,
            client_name=f"{demographics['given_name']} {demographics['family_name']}",
            client_date_of_birth=demographics["date_of_birth"], recipient=scope.recipient,
            purpose=scope.purpose, **_authority_lines(view, authorization),
            contents=tuple(describe((c,)) for c in scope.categories),
            records_dated=date_range_text(scope.records_from, scope.records_to),
            disclosed_by=names.get(access.actor_id, ""),
            approved_by=names.get(view.approved_by or "", ""), released_at=released_at)
        return Packet(cover, build_sections(scope, extract))

    def _row(self, conn: Connection, client_id: str, disclosure_id: str) -> Any:
        row = repo.disclosure(conn, client_id, disclosure_id)
        if row is None:
            raise NotFound("no such disclosure")
        return row

    def _view(self, conn: Connection, access: Access, row: Any,
              events: list[DisclosureEvent] | None = None) -> DisclosureView:
        if events is None:
            events = self._events(conn, access, [row.id]).get(row.id, [])
        details = json.loads(self._rt.keyring.unseal_field(
            conn, row.client_id, RecordKind.DISCLOSURE, row.id, "details", row.details_sealed,
            access).decode())
        basis = LegalBasis.from_json(details["legal_basis"]) if details["legal_basis"] else None
        state = fold(row.status, row.authority == AUTHORITY_LEGAL_BASIS, events)
        return DisclosureView(
            row.id, row.client_id, row.authority, row.authorization_id or "", basis,
            scope_from_json(details["scope"], details["written"]), state.status,
            row.requested_at, row.requested_by, state.approved_at, state.approved_by,
            state.approval_comment, state.released_at, state.released_by, state.packet_sha256,
            state.client_told, state.client_told_at, state.client_told_note, state.reviewed_at,
            state.review_comment, state.suspended_until, state.suspension_note,
            details.get("excerpt_id", ""), oral=details.get("oral", ""),
            report_due=report_due(basis, details.get("report", {}), row.requested_at),
            suspension_kind=state.suspension_kind, events=tuple(events),
            restriction_statement=details.get("restriction_statement", ""),
            recipient_kind=details.get("recipient_kind", ""),
            purpose_kind=details.get("purpose_kind", ""))


def _authority_lines(view: DisclosureView, auth: AuthorizationView | None) -> dict[str, Any]:
    """The cover sheet's authority: the legal basis and its facts, or the authorization."""
    lines: list[str] = []
    if view.legal_basis is not None:
        basis = view.legal_basis
        lines = [basis.spec.citation, *(f"{name.replace('_', ' ').capitalize()}: {value}"
                                       for name, value in basis.facts.items()
                                       if value and name != "more_than_summary")]
        title = basis.spec.title
    else:
        title = "Authorization signed by the client"
    if view.restriction_statement:
        lines.append(view.restriction_statement)
    if auth is not None:
        signed = auth.signed_at.date().isoformat() if auth.signed_at else ""
        if auth.signer_kind == "guardian" and view.legal_basis is None:
            title = "Authorization signed by the client's guardian"
        lines += [f"Authorization {view.authorization_id}, signed {signed}",
                  f"Expires {expiry_text(auth.terms)}"]
    return {"authority_title": title, "authority_lines": tuple(lines)}


def _oral_summary(data: Mapping[str, Any], basis: LegalBasis | None) -> str:
    """What was said in an oral disclosure (`channel` "oral"), or "" for a packet."""
    channel = data.get("channel") or "packet"
    if channel == "packet":
        return ""
    if channel != "oral":
        raise InvalidInput("channel: packet or oral")
    problems: list[str] = []
    text = text_field(data.get("oral_summary"), "oral_summary", problems, limit=4000)
    if basis is None:
        problems.append("channel: only a disclosure on a legal basis is recorded as oral")
    if len(text) < 20:
        problems.append("oral_summary: say what was disclosed, to whom and how (a phone call, "
                        "a hotline report), in a sentence at least")
    if problems:
        raise InvalidInput(join_problems(problems))
    return text


def _dated_as_authorized(data: Mapping[str, Any], authorization: AuthorizationView | None
                         ) -> Mapping[str, Any]:
    """A request that names no dates takes the authorization's range, not "all dates"."""
    if authorization is None or data.get("records_from") or data.get("records_to"):
        return data
    terms = authorization.terms
    return {**data, "records_from": terms.records_from, "records_to": terms.records_to}
