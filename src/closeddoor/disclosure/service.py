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
from closeddoor.disclosure.authorization import coverage_refusal, date_range_text, expiry_text
from closeddoor.disclosure.authorization_service import AuthorizationService, AuthorizationView
from closeddoor.disclosure.categories import Category, describe
from closeddoor.disclosure.legal import LegalBasis
from closeddoor.disclosure.packet import ChartExtract, Packet, PacketCover, build_sections
from closeddoor.disclosure.packet_pdf import render_packet_pdf
from closeddoor.disclosure.scope import DisclosureScope, scope_from_json
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
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
PENDING, READY, RELEASED, DECLINED = "pending-approval", "ready", "released", "declined"


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
                 charts: ChartService, notes: NoteService) -> None:
        self._rt = runtime
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
            scope = DisclosureScope.parse(_dated_as_authorized(data, authorization))
            authority, authorization_id, basis, refusal = self._authority(
                data, scope, authorization)
            if refusal or not authority:
                raise PolicyDenied(refusal or "no-authorization-or-legal-basis")
            status = PENDING if basis is not None and repo.is_two_person(conn) else READY
            details = {"scope": scope.sealed_json(),
                       "written": {c.value: t for c, t in scope.written.items()},
                       "legal_basis": basis.to_json() if basis else None}
            repo.insert_disclosure(
                conn, id=disclosure_id, client_id=client_id, authority=authority,
                authorization_id=authorization_id or None, status=status,
                details_sealed=rt.keyring.seal_field(conn, client_id, RecordKind.DISCLOSURE,
                                                     disclosure_id, "details",
                                                     json.dumps(details).encode(), access),
                requested_at=rt.now(), requested_by=actor.actor_id,
                client_told="pending" if basis else "n/a")
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
        details = {"scope": scope.sealed_json(), "written": {}, "legal_basis": None,
                   "excerpt_id": excerpt_id}
        now = rt.now()
        repo.insert_disclosure(
            conn, id=disclosure_id, client_id=access.client_id, authority=AUTHORITY_AUTHORIZATION,
            authorization_id=authorization_id, status=RELEASED,
            details_sealed=rt.keyring.seal_field(conn, access.client_id, RecordKind.DISCLOSURE,
                                                 disclosure_id, "details",
                                                 json.dumps(details).encode(), access),
            requested_at=now, requested_by=access.actor_id, released_at=now,
            released_by=access.actor_id, packet_sha256=sha256, client_told="n/a")
        return scope

    def approve(self, actor: Actor, client_id: str, disclosure_id: str, *, approve: bool,
                comment: str = "") -> None:
        """The second person's decision on a legal-basis disclosure (practice setting)."""
        rt = self._rt
        meta = self._meta(client_id, disclosure_id)

        def work(conn: Connection, access: Access) -> None:
            row = self._row(conn, client_id, disclosure_id)
            if row.status != PENDING:
                raise ConflictError(f"this disclosure is {row.status}, not awaiting approval")
            values: dict[str, Any] = {"status": READY if approve else DECLINED,
                                      "approved_at": rt.now(), "approved_by": actor.actor_id}
            if comment.strip():
                values["approval_comment_sealed"] = rt.keyring.seal_field(
                    conn, client_id, RecordKind.DISCLOSURE, disclosure_id, "approval_comment",
                    comment.strip()[:2000].encode(), access)
            repo.update_disclosure(conn, disclosure_id, **values)

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
            authorization = self._authorization(conn, access, view.authorization_id)
            refusal = self._still_covered(view, authorization)
            if not refusal and Category.PSYCHOTHERAPY_NOTES in view.scope.categories \
                    and actor.actor_id != view.requested_by:
                refusal = "psychotherapy-notes-released-by-their-author"
            if refusal:
                raise PolicyDenied(refusal)
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
            if not is_copy:
                repo.mark_released(conn, disclosure_id, READY, released=RELEASED,
                                   released_at=released_at, released_by=actor.actor_id,
                                   packet_sha256=digest)
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
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            row = self._row(conn, client_id, disclosure_id)
            if row.authority != AUTHORITY_LEGAL_BASIS:
                raise InvalidInput("the client authorized this disclosure themselves")
            text = " ".join(str(note).split())
            if not text or len(text) > 1000:
                raise InvalidInput("note: say how the client was told, or why not "
                                   "(at most 1000 characters)")
            repo.update_disclosure(
                conn, disclosure_id, client_told="told" if told else "not-told",
                client_told_at=rt.now(), client_told_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.DISCLOSURE, disclosure_id, "client_told",
                    text.encode(), access))

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
            return [self._view(conn, access, r)
                    for r in repo.disclosures_of(conn, access.client_id)]

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

    def _view(self, conn: Connection, access: Access, row: Any) -> DisclosureView:
        keyring = self._rt.keyring

        def unseal(field: str, sealed: bytes | None) -> str:
            if sealed is None:
                return ""
            return keyring.unseal_field(conn, row.client_id, RecordKind.DISCLOSURE, row.id, field,
                                        sealed, access).decode()

        details = json.loads(unseal("details", row.details_sealed))
        basis = LegalBasis.from_json(details["legal_basis"]) if details["legal_basis"] else None
        return DisclosureView(
            row.id, row.client_id, row.authority, row.authorization_id or "", basis,
            scope_from_json(details["scope"], details["written"]), row.status, row.requested_at,
            row.requested_by, row.approved_at, row.approved_by,
            unseal("approval_comment", row.approval_comment_sealed), row.released_at,
            row.released_by, row.packet_sha256, row.client_told, row.client_told_at,
            unseal("client_told", row.client_told_sealed), row.reviewed_at,
            unseal("review_comment", row.review_comment_sealed),
            row.suspended_until, unseal("suspension", row.suspension_sealed),
            details.get("excerpt_id", ""))


def _authority_lines(view: DisclosureView, auth: AuthorizationView | None) -> dict[str, Any]:
    """The cover sheet's authority: the legal basis and its facts, or the authorization."""
    lines: list[str] = []
    if view.legal_basis is not None:
        basis = view.legal_basis
        lines = [basis.spec.citation, *(f"{name.replace('_', ' ').capitalize()}: {value}"
                                       for name, value in basis.facts.items() if value)]
        title = basis.spec.title
    else:
        title = "Authorization signed by the client"
    if auth is not None:
        signed = auth.signed_at.date().isoformat() if auth.signed_at else ""
        if auth.signer_kind == "guardian" and view.legal_basis is None:
            title = "Authorization signed by the client's guardian"
        lines += [f"Authorization {view.authorization_id}, signed {signed}",
                  f"Expires {expiry_text(auth.terms)}"]
    return {"authority_title": title, "authority_lines": tuple(lines)}


def _dated_as_authorized(data: Mapping[str, Any], authorization: AuthorizationView | None
                         ) -> Mapping[str, Any]:
    """A request that names no dates takes the authorization's range, not "all dates"."""
    if authorization is None or data.get("records_from") or data.get("records_to"):
        return data
    terms = authorization.terms
    return {**data, "records_from": terms.records_from, "records_to": terms.records_to}
