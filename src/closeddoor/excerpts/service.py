"""De-identified excerpts: the clinician picks notes (or a passage of them) and a purpose, sees
every identifier the engine found, redacts more or un-redacts with a reason, and takes the
excerpt as text or PDF. The excerpt is audited and recorded by its hash; its text is not kept.

The engine is record-aware: it is handed what the chart already knows about the client (names,
date of birth, contacts, the care team), so those are found however they are written.

The consent form promises that colleagues consulted never learn who the client is. So:
- Gates: `chart:excerpt:create` (the care team); psychotherapy notes by their author alone (the
  note read decides).
- Consultation and teaching excerpts are de-identified, always. Keeping an identifier visible
  for someone outside the care team is a disclosure: it needs the client's authorization naming
  that recipient and covering the notes (a psychotherapy note only under an authorization for
  psychotherapy notes, 45 CFR 164.508(a)(2)), and is then recorded as a released disclosure,
  listed in the client's accounting. The client's teaching preference is about de-identified
  material and never unlocks identifiers.
- Supervision inside the practice is not a disclosure: identifiers may stay visible for the
  named supervisor of a clinician on the care team, under `chart:supervision:identifiable`
  (the care team, with the client's current signed consent, whose text covers supervision).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.deid import ChartIdentifiers, ChartPerson, Deidentifier, Span, date_shift_for
from closeddoor.deid import redact as deid_redact
from closeddoor.disclosure.categories import Category
from closeddoor.disclosure.service import DisclosureService
from closeddoor.errors import InvalidInput, PolicyDenied
from closeddoor.excerpts.model import ExcerptRequest, Purpose, SpanChange, apply_changes
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission, Role
from closeddoor.policy.decide import AUTHORITY_AUTHORIZATION
from closeddoor.records.model import NOTE_SECTIONS, NoteFormat
from closeddoor.records.notes import NoteService
from closeddoor.records.service import ChartService
from closeddoor.records.views import NoteView
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import excerpts_repository as repo
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.types import RecordKind

P = Permission
SURROGATE_PURPOSE = "deid-surrogates"


@dataclass(frozen=True)
class ExcerptPreview:
    source: str  # the chosen notes (or passage) as one text, before redaction
    spans: list[Span]  # what will be redacted (after the clinician's extra phrases)
    detected: list[Span]  # what the engine found on its own
    purpose: Purpose
    may_leave_identifiable: bool  # whether un-redacting is allowed for this purpose
    why_not_identifiable: str


@dataclass(frozen=True)
class Excerpt:
    excerpt_id: str
    text: str
    sha256: str
    purpose: Purpose
    output: str
    changes: list[SpanChange]
    created_at: datetime
    disclosure_id: str = ""  # set when identifiers left under the client's authorization
    recipient: str = ""  # that disclosure's recipient, as the authorization names them


class ExcerptService:
    def __init__(self, runtime: Runtime, gate: Gate, charts: ChartService, notes: NoteService,
                 disclosures: DisclosureService) -> None:
        self._rt = runtime
        self._gate = gate
        self._charts = charts
        self._notes = notes
        self._disclosures = disclosures

    def preview(self, actor: Actor, client_id: str, request: ExcerptRequest) -> ExcerptPreview:
        access = self._gate.authorize_read(actor, P.CHART_EXCERPT_CREATE,
                                           AuditTag.RECORD_EXCERPT_CREATE, client_id,
                                           resource_id="preview")
        source, _ = self._source(actor, client_id, request)
        detected = Deidentifier(self.chart_identifiers_under(access)).find(source)
        spans, _ = apply_changes(source, detected, _without_unredactions(request))
        allowed, why = self._may_leave_identifiable(actor, client_id, request)
        return ExcerptPreview(source, spans, detected, request.purpose, allowed, why)

    def create(self, actor: Actor, client_id: str, request: ExcerptRequest) -> Excerpt:
        """The final excerpt: every span redacted but those un-redacted with a reason (and only
        where the purpose allows identifiable detail). Audited; only its hash is kept."""
        rt = self._rt
        access = self._gate.authorize_read(actor, P.CHART_EXCERPT_CREATE,
                                           AuditTag.RECORD_EXCERPT_CREATE, client_id,
                                           resource_id="create")
        source, notes = self._source(actor, client_id, request)
        chart = self.chart_identifiers_under(access)
        spans, changes = apply_changes(source, Deidentifier(chart).find(source), request)
        is_disclosure = bool(request.unredact) and request.purpose is not Purpose.SUPERVISION
        if request.unredact and not is_disclosure:
            allowed, why = self._may_leave_identifiable(actor, client_id, request)
            if not allowed:
                self._gate.record([rt.entry(actor.actor_id, AuditTag.RECORD_EXCERPT_CREATE,
                                                "deny", client_id=client_id, reason=why)])
                raise PolicyDenied(why)
        if is_disclosure and not request.authorization_id:
            why = f"{request.purpose.value}-excerpts-are-de-identified"
            self._gate.record([rt.entry(actor.actor_id, AuditTag.RECORD_EXCERPT_CREATE,
                                            "deny", client_id=client_id, reason=why)])
            raise PolicyDenied(why)
        key = rt.keyring.purpose_key(SURROGATE_PURPOSE)
        text = deid_redact(source, spans, output="surrogates" if request.output == "surrogates"
                           else "tags", chart=chart, key=key,
                           date_shift_days=date_shift_for(key, client_id))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        excerpt_id, now = new_id(), rt.now()
        if is_disclosure:
            disclosure_id, recipient = self._disclose(actor, client_id, request, notes,
                                                      excerpt_id, digest, changes)
            return Excerpt(excerpt_id, text, digest, request.purpose, request.output, changes,
                           now, disclosure_id, recipient)
        with write_transaction(rt.engine) as conn:
            self._record(conn, access, actor, request, excerpt_id, digest, changes)
        return Excerpt(excerpt_id, text, digest, request.purpose, request.output, changes, now)

    def _disclose(self, actor: Actor, client_id: str, request: ExcerptRequest,
                  notes: list[NoteView], excerpt_id: str, digest: str,
                  changes: list[SpanChange]) -> tuple[str, str]:
        """An identifiable excerpt for someone outside the care team: a disclosure, decided by
        the gate (`chart:disclosure:create` on an authorization), covered by the client's
        authorization (checked inside), recorded as released with the excerpt's hash."""
        disclosure_id = new_id()
        kinds = {note.kind for note in notes}
        categories = tuple(c for c, kind in ((Category.PROGRESS_NOTES, "progress"),
                                             (Category.PSYCHOTHERAPY_NOTES, "psychotherapy"))
                           if kind in kinds)
        dates = [note.session_date for note in notes]

        def work(conn: Connection, access: Access) -> str:
            scope = self._disclosures.record_excerpt_under(
                conn, access, disclosure_id=disclosure_id,
                authorization_id=request.authorization_id, categories=categories,
                records_from=min(dates), records_to=max(dates), excerpt_id=excerpt_id,
                sha256=digest)
            self._record(conn, access, actor, request, excerpt_id, digest, changes)
            return scope.recipient.display

        recipient = self._gate.write(
            actor, P.CHART_DISCLOSURE_CREATE, AuditTag.RECORD_DISCLOSURE_RELEASE, client_id,
            work, resource_id=disclosure_id, disclosure_authority=AUTHORITY_AUTHORIZATION,
            authorization=request.authorization_id, excerpt=excerpt_id, sha256=digest)
        return disclosure_id, recipient

    def _record(self, conn: Connection, access: Access, actor: Actor, request: ExcerptRequest,
                excerpt_id: str, digest: str, changes: list[SpanChange]) -> None:
        """The excerpt's row and audit event, in the caller's transaction."""
        rt = self._rt
        client_id, now = access.client_id, rt.now()
        unredacted = sum(1 for c in changes if c.change == "unredacted")
        repo.insert_excerpt(
            conn, id=excerpt_id, client_id=client_id, created_at=now, created_by=actor.actor_id,
            purpose=request.purpose.value, output=request.output,
            note_ids=json.dumps(list(request.note_ids)), output_sha256=digest,
            unredacted=unredacted,
            changes_sealed=rt.keyring.seal_field(
                conn, client_id, RecordKind.EXCERPT, excerpt_id, "changes",
                json.dumps([c.to_json() for c in changes]).encode(), access))
        self._gate.record_in(conn, [rt.entry(
            actor.actor_id, AuditTag.RECORD_EXCERPT_CREATE, "ok", client_id=client_id,
            resource_id=excerpt_id, reason=access.reason, purpose=request.purpose.value,
            notes=",".join(request.note_ids), sha256=digest, output=request.output,
            added=sum(1 for c in changes if c.change == "added"), unredacted=unredacted,
            changed_spans=";".join(f"{c.change}:{c.label.value}:{c.start}-{c.end}"
                                   for c in changes),
            supervisor=request.supervisor_id, authorization=request.authorization_id)])

    # --- what the chart knows -------------------------------------------------------------------
    def chart_identifiers_under(self, access: Access) -> ChartIdentifiers:
        """The identifiers the chart holds of the client the gate's `access` names."""
        demographics, contacts = self._charts.profile_under(access)
        team = self._charts.care_team_names_under(access)
        legal = f"{demographics.get('given_name', '')} {demographics.get('family_name', '')}"
        emergency = contacts.get("emergency_contact", "")
        return ChartIdentifiers(
            legal_name=legal.strip(), preferred_name=demographics.get("preferred_name", ""),
            date_of_birth=demographics.get("date_of_birth", ""),
            address=contacts.get("address", ""), phone=contacts.get("phone", ""),
            email=contacts.get("email", ""),
            contacts=(ChartPerson(name=emergency, relationship="emergency contact"),)
            if emergency else (),
            care_team=tuple(_without_role_suffix(name) for name in team))

    # --- helpers -------------------------------------------------------------------------------
    def _source(self, actor: Actor, client_id: str, request: ExcerptRequest
                ) -> tuple[str, list[NoteView]]:
        """The chosen notes as one text, each read through the gate (so a psychotherapy note
        is its author's alone, a draft its author's alone); or the passage, if it is theirs."""
        notes = [self._notes.get_note(actor, client_id, note_id) for note_id in request.note_ids]
        whole = "\n\n".join(_note_text(n) for n in sorted(notes, key=lambda n: n.session_date))
        if not request.passage:
            return whole, notes
        if " ".join(request.passage.split()) not in " ".join(whole.split()):
            raise InvalidInput("passage: must be copied from the chosen notes")
        return request.passage, notes

    def _may_leave_identifiable(self, actor: Actor, client_id: str,
                                request: ExcerptRequest) -> tuple[bool, str]:
        """Whether spans may stay visible. Consultation and teaching: only as a disclosure under
        the client's authorization (checked when the excerpt is made). Supervision: for the
        named supervisor of a clinician on the care team, under the client's current consent."""
        if request.purpose is not Purpose.SUPERVISION:
            if request.authorization_id:
                return True, ""
            return False, f"{request.purpose.value}-excerpts-are-de-identified"
        if not request.supervisor_id:
            return False, "supervision-names-the-supervisor"
        try:
            self._gate.authorize_read(actor, P.CHART_SUPERVISION_IDENTIFIABLE,
                                      AuditTag.RECORD_EXCERPT_CREATE, client_id,
                                      resource_id="identifiable", with_consent=True)
        except PolicyDenied as refused:
            return False, refused.reason
        if not self._supervises_care_team(request.supervisor_id, client_id):
            return False, "not-a-supervisor-of-the-care-team"
        return True, ""

    def supervisors_of_care_team(self, actor: Actor, client_id: str) -> list[tuple[str, str]]:
        """Who may read identifiable supervision excerpts of this client: (id, name) of each
        supervisor of a clinician on the care team. For the excerpt form's choice, so only to
        someone who may make excerpts of this chart (decided and audited)."""
        self._gate.authorize_read(actor, P.CHART_EXCERPT_CREATE, AuditTag.RECORD_EXCERPT_CREATE,
                                  client_id, resource_id="supervisors")
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            return repo.care_team_supervisors(conn, Role.SUPERVISOR.value, client_id, rt.now())

    def _supervises_care_team(self, supervisor_id: str, client_id: str) -> bool:
        """The named staff member is a supervisor of a clinician on the client's care team now
        (no clinical data read: staff and care-team rows only)."""
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            return repo.supervises_care_team(conn, supervisor_id, Role.SUPERVISOR.value,
                                             client_id, rt.now())


def _without_unredactions(request: ExcerptRequest) -> ExcerptRequest:
    return replace(request, unredact=())


def _note_text(note: NoteView) -> str:
    kind = "Psychotherapy note" if note.kind == "psychotherapy" else "Progress note"
    lines = [f"{kind}, session of {note.session_date.isoformat()}"]
    keys = NOTE_SECTIONS.get(NoteFormat(note.note_format), ()) \
        if note.note_format in set(NoteFormat) else ()
    if note.sections and keys and keys != ("body",):
        lines += [f"{key.capitalize()}: {note.sections.get(key, '')}" for key in keys]
    else:
        lines.append(note.body)
    return "\n".join(lines)


def _without_role_suffix(name: str) -> str:
    """"Casey Clinician (demo)" -> "Casey Clinician": the words a note would use."""
    return name.split(" (")[0].strip()
