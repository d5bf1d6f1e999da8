"""Treatment plans as use cases: save a revision (each save is a new revision, kept for good),
the clinician's signature, the client's signature in the portal, reading revisions, the plans
due for review on the clinician's home page, and the goals a progress note addressed.

Both signatures bind to the SHA-256 of the revision's canonical text, as consent signing does:
the signer sends the hash of the text they were shown, and a mismatch (a newer revision, a
changed text) is refused. Only the newest revision can be signed, the clinician first; a
revised plan starts unsigned, so a change always needs both signatures again.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.names import clean_name
from closeddoor.policy import Actor, Permission, Role
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import treatment_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.treatment.plan import (
    Goal,
    PlanDocument,
    SignatureFacts,
    canonical_text,
    parse_document,
    plan_state,
    review_due,
    text_sha256,
)
from closeddoor.treatment.problems import listed_codes_under
from closeddoor.types import RecordKind

P = Permission
NO_SUCH_REVISION = "no such treatment plan revision"
REVIEW_WINDOW_DAYS = 7
PORTAL_ROLES = (Role.CLIENT, Role.REPRESENTATIVE)  # shown only revisions the clinician signed


@dataclass(frozen=True)
class PlanSignature:
    signer_kind: str  # clinician | client
    signed_at: datetime
    actor_id: str
    text_sha256: str
    signer_name: str  # the client's typed name ("" for the clinician: actor_id names them)


@dataclass(frozen=True)
class PlanView:
    revision_id: str
    number: int
    created_at: datetime
    created_by: str
    review_on: date
    document: PlanDocument
    text: str
    text_sha256: str
    signatures: tuple[PlanSignature, ...]
    is_latest: bool

    @property
    def state(self) -> str:
        return plan_state(self.text_sha256, [SignatureFacts(s.signer_kind, s.text_sha256)
                                             for s in self.signatures])


@dataclass(frozen=True)
class ReviewDue:
    client_id: str
    revision_id: str
    review_on: date
    overdue: bool


class PlanService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    # --- reading ---------------------------------------------------------------------------------
    def revisions(self, actor: Actor, client_id: str) -> list[PlanView]:
        """Every revision of the client's plan, newest first."""
        access = self._authorize_read(actor, client_id, client_id)
        with read_transaction(self._rt.engine) as conn:
            views = self._views(conn, access, repo.revisions_of(conn, client_id))
        return [v for v in views if actor.role not in PORTAL_ROLES or v.state != "draft"]

    def get(self, actor: Actor, client_id: str, revision_id: str) -> PlanView:
        access = self._authorize_read(actor, client_id, revision_id)
        with read_transaction(self._rt.engine) as conn:
            row = repo.revision(conn, client_id, revision_id)
            if row is None:
                raise NotFound(NO_SUCH_REVISION)
            view = self._views(conn, access, [row])[0]
        if actor.role in PORTAL_ROLES and view.state == "draft":
            raise NotFound(NO_SUCH_REVISION)  # a draft is the care team's until signed
        return view

    def current(self, actor: Actor, client_id: str) -> PlanView | None:
        """The newest revision, or None when the client has no plan yet. A client (portal) is
        shown the newest revision their clinician signed: drafts stay the care team's."""
        access = self._authorize_read(actor, client_id, client_id)
        with read_transaction(self._rt.engine) as conn:
            if actor.role not in PORTAL_ROLES:
                row = repo.latest_revision(conn, client_id)
                return None if row is None else self._views(conn, access, [row])[0]
            views = self._views(conn, access, repo.revisions_of(conn, client_id))
        return next((v for v in views if v.state != "draft"), None)

    def due_for_review(self, actor: Actor, client_ids: Collection[str]) -> list[ReviewDue]:
        """Of these clients, those whose plan's review date is within 7 days or past, and on
        whose care team the actor is (the clinician's own caseload), soonest first."""
        today = self._rt.now().date()
        with read_transaction(self._rt.engine) as conn:
            dates = repo.review_dates(conn, client_ids)
        due = {cid: d for cid, d in dates.items() if review_due(d[1], today, REVIEW_WINDOW_DAYS)}
        if not due:
            return []
        batch = self._gate.authorize_many(actor, P.CHART_PLAN_SIGN, AuditTag.RECORD_PLAN_READ,
                                          list(due), reason="review-due")
        found = [ReviewDue(cid, due[cid][0], due[cid][1], due[cid][1] < today)
                 for cid in batch.allowed]
        return sorted(found, key=lambda r: (r.review_on, r.client_id))

    # --- writing ---------------------------------------------------------------------------------
    def save(self, actor: Actor, client_id: str, data: Mapping[str, Any]) -> str:
        """Save the plan as a new revision (unsigned). Bad input, every problem at once,
        changes nothing."""
        revision_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> int:
            listed = listed_codes_under(conn, rt.keyring, access)
            latest = repo.latest_revision(conn, client_id)
            previous = set() if latest is None else {
                g.goal_id for g in self._document(conn, access, latest).goals}
            document = parse_document(data, today=rt.now().date(), problem_list=listed,
                                      previous_goals=previous)
            number = repo.next_revision_number(conn, client_id)
            text = canonical_text(document, number)
            # The document and the exact text signed are kept together: the text stays what
            # was signed even if a later release words the canonical text differently.
            sealed = rt.keyring.seal_field(
                conn, client_id, RecordKind.TREATMENT_PLAN, revision_id, "document",
                json.dumps({"document": document.to_json(), "text": text}).encode(), access)
            if not repo.insert_revision(conn, id=revision_id, client_id=client_id,
                                        number=number, created_at=rt.now(),
                                        created_by=actor.actor_id,
                                        review_on=document.review_on,
                                        text_sha256=text_sha256(text),
                                        document_sealed=sealed):
                raise ConflictError("someone saved this plan at the same moment; open it "
                                    "again and save your changes")
            return number

        self._gate.write(actor, P.CHART_PLAN_WRITE, AuditTag.RECORD_PLAN_CREATE, client_id,
                         work, resource_id=revision_id,
                         outcome=lambda number: {"revision": number})
        return revision_id

    def sign(self, actor: Actor, client_id: str, revision_id: str, *, text_sha256: str,
             signer_name: str = "") -> str:
        """Sign the newest revision: the clinician on the care team (office), then the client
        (portal, typing their name). The hash must be that of the text the signer was shown."""
        is_client = actor.role is Role.CLIENT
        kind = "client" if is_client else "clinician"
        signature_id = new_id()
        rt = self._rt

        def work(conn: Connection, access: Access) -> None:
            name = ""
            if is_client:
                name = " ".join(clean_name(signer_name, "signer_name", "your typed name",
                                           required=True).split())
            row = repo.revision(conn, client_id, revision_id)
            if row is None:
                raise NotFound(NO_SUCH_REVISION)
            latest = repo.latest_revision(conn, client_id)
            if latest is None or latest.id != row.id:
                raise ConflictError("a newer revision of this plan exists; read it and sign "
                                    "that one")
            if text_sha256 != row.text_sha256:
                raise ConflictError("the plan's text changed since it was shown; read the "
                                    "current revision and sign again")
            signed = {s.signer_kind for s in repo.signatures_of(conn, [row.id])}
            if is_client and "clinician" not in signed:
                raise ConflictError("the clinician signs the plan first")
            sealed = None
            if is_client:
                sealed = rt.keyring.seal_field(conn, client_id, RecordKind.TREATMENT_PLAN,
                                               signature_id, "signer",
                                               json.dumps({"name": name}).encode(), access)
            if not repo.insert_signature(conn, id=signature_id, revision_id=row.id,
                                         client_id=client_id, signer_kind=kind,
                                         text_sha256=row.text_sha256, signed_at=rt.now(),
                                         actor_id=actor.actor_id, signer_sealed=sealed):
                raise ConflictError(f"the {kind} has signed this revision already")

        self._gate.write(actor, P.PORTAL_PLAN_SIGN if is_client else P.CHART_PLAN_SIGN,
                         AuditTag.RECORD_PLAN_SIGN, client_id, work, resource_id=revision_id,
                         signer=kind, sha256=text_sha256[:64])
        return signature_id

    # --- the goals a progress note addressed -----------------------------------------------------
    def set_note_goals(self, actor: Actor, client_id: str, note_id: str,
                       goal_ids: list[str]) -> None:
        """Name the plan's goals a draft progress note addressed (its author, before signing)."""
        if not isinstance(goal_ids, list) or not all(isinstance(g, str) for g in goal_ids):
            raise InvalidInput("goal_ids: a list of goal ids from the client's plan")
        wanted = list(dict.fromkeys(goal_ids))

        def work(conn: Connection, access: Access) -> None:
            note = repo.note_exists(conn, client_id, note_id)
            if note is None:
                raise NotFound("no such note")
            if note.author_id != actor.actor_id:
                raise NotFound("no such note")
            if note.status != "draft":
                raise ConflictError("the note is signed and locked; add an addendum instead")
            latest = repo.latest_revision(conn, client_id)
            known = set() if latest is None else {
                g.goal_id for g in self._document(conn, access, latest).goals}
            unknown = [g for g in wanted if g not in known]
            if unknown:
                raise InvalidInput("goal_ids: pick goals of the client's current treatment "
                                   "plan")
            repo.set_note_goals(conn, client_id, note_id, wanted)

        self._gate.write(actor, P.CHART_NOTE_WRITE, AuditTag.RECORD_NOTE_UPDATE, client_id,
                         work, resource_id=note_id, goals=len(wanted))

    def note_goals(self, actor: Actor, client_id: str, note_id: str) -> list[str]:
        """The goal ids a progress note named."""
        return self.goals_for_note(actor, client_id, note_id)[1]

    def goals_for_note(self, actor: Actor, client_id: str, note_id: str
                       ) -> tuple[list[Goal], list[str]]:
        """The current plan's goals and the ids the note named, under one decision (a plan
        read). A draft's goals are its author's alone, as the draft is."""
        access = self._gate.authorize_read(actor, P.CHART_PLAN_READ, AuditTag.RECORD_PLAN_READ,
                                           client_id, resource_id=note_id)
        with read_transaction(self._rt.engine) as conn:
            note = repo.note_exists(conn, client_id, note_id)
            if note is None or (note.status == "draft" and note.author_id != actor.actor_id):
                raise NotFound("no such note")
            latest = repo.latest_revision(conn, client_id)
            goals = [] if latest is None else self._document(conn, access, latest).goals
            return goals, repo.goals_of_note(conn, note_id)

    # --- helpers ---------------------------------------------------------------------------------
    def _authorize_read(self, actor: Actor, client_id: str, resource_id: str) -> Access:
        if actor.role in PORTAL_ROLES:  # a representative reads it only under a records scope
            return self._gate.authorize_read(actor, P.PORTAL_RECORD_READ,
                                             AuditTag.PORTAL_RECORD_READ, client_id,
                                             resource_id=resource_id)
        return self._gate.authorize_read(actor, P.CHART_PLAN_READ, AuditTag.RECORD_PLAN_READ,
                                         client_id, resource_id=resource_id)

    def _document(self, conn: Connection, access: Access, row: Any) -> PlanDocument:
        return self._stored(conn, access, row)[0]

    def _stored(self, conn: Connection, access: Access, row: Any) -> tuple[PlanDocument, str]:
        stored = json.loads(self._rt.keyring.unseal_field(
            conn, access.client_id, RecordKind.TREATMENT_PLAN, row.id, "document",
            row.document_sealed, access))
        return PlanDocument.from_json(stored["document"]), stored["text"]

    def _views(self, conn: Connection, access: Access, rows: Any) -> list[PlanView]:
        rows = list(rows)
        latest = repo.latest_revision(conn, access.client_id)
        signatures: dict[str, list[PlanSignature]] = {}
        for s in repo.signatures_of(conn, [r.id for r in rows]):
            name = ""
            if s.signer_sealed is not None:
                name = json.loads(self._rt.keyring.unseal_field(
                    conn, access.client_id, RecordKind.TREATMENT_PLAN, s.id, "signer",
                    s.signer_sealed, access))["name"]
            signatures.setdefault(s.revision_id, []).append(
                PlanSignature(s.signer_kind, s.signed_at, s.actor_id, s.text_sha256, name))
        views = []
        for row in rows:
            document, text = self._stored(conn, access, row)
            views.append(PlanView(row.id, row.number, row.created_at, row.created_by,
                                  row.review_on, document, text, row.text_sha256,
                                  tuple(signatures.get(row.id, [])),
                                  latest is not None and latest.id == row.id))
        return views


