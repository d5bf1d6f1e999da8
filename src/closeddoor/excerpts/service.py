"""De-identified excerpts: the clinician picks notes (or a passage of them) and a purpose, sees
every identifier the engine found, redacts more or un-redacts with a reason, and takes the
excerpt as text or PDF. The excerpt is audited and recorded by its hash; its text is not kept.

The engine is record-aware: it is handed what the chart already knows about the client (names,
date of birth, contacts, the care team), so those are found however they are written.
Gates: `chart:excerpt:create` (the care team); psychotherapy notes by their author alone (the
note read decides); leaving anything identifiable needs `chart:consultation:identifiable`
(a current signed consent) for consultation or supervision, and the client's recorded teaching
consent for teaching.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import insert

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.service import ConsentService
from closeddoor.deid import ChartIdentifiers, ChartPerson, Deidentifier, Span, date_shift_for
from closeddoor.deid import redact as deid_redact
from closeddoor.errors import InvalidInput, PolicyDenied
from closeddoor.excerpts.model import ExcerptRequest, Purpose, SpanChange, apply_changes
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.model import NOTE_SECTIONS, NoteFormat
from closeddoor.records.notes import NoteService
from closeddoor.records.service import ChartService
from closeddoor.records.views import NoteView
from closeddoor.runtime import Runtime, new_id
from closeddoor.store.db import write_transaction
from closeddoor.store.tables import excerpts
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


class ExcerptService:
    def __init__(self, runtime: Runtime, gate: Gate, charts: ChartService, notes: NoteService,
                 consent: ConsentService) -> None:
        self._rt = runtime
        self._gate = gate
        self._charts = charts
        self._notes = notes
        self._consent = consent

    def preview(self, actor: Actor, client_id: str, request: ExcerptRequest) -> ExcerptPreview:
        access = self._gate.authorize_read(actor, P.CHART_EXCERPT_CREATE,
                                           AuditTag.RECORD_EXCERPT_CREATE, client_id,
                                           resource_id="preview")
        source = self._source(actor, client_id, request)
        detected = Deidentifier(self.chart_identifiers_under(access)).find(source)
        spans, _ = apply_changes(source, detected, _without_unredactions(request))
        allowed, why = self._may_leave_identifiable(actor, client_id, request.purpose)
        return ExcerptPreview(source, spans, detected, request.purpose, allowed, why)

    def create(self, actor: Actor, client_id: str, request: ExcerptRequest) -> Excerpt:
        """The final excerpt: every span redacted but those un-redacted with a reason (and only
        where the purpose allows identifiable detail). Audited; only its hash is kept."""
        rt = self._rt
        access = self._gate.authorize_read(actor, P.CHART_EXCERPT_CREATE,
                                           AuditTag.RECORD_EXCERPT_CREATE, client_id,
                                           resource_id="create")
        source = self._source(actor, client_id, request)
        chart = self.chart_identifiers_under(access)
        spans, changes = apply_changes(source, Deidentifier(chart).find(source), request)
        if request.unredact:
            allowed, why = self._may_leave_identifiable(actor, client_id, request.purpose)
            if not allowed:
                self._gate.record([rt.entry(actor.actor_id, AuditTag.RECORD_EXCERPT_CREATE,
                                                "deny", client_id=client_id, reason=why)])
                raise PolicyDenied(why)
        key = rt.keyring.purpose_key(SURROGATE_PURPOSE)
        text = deid_redact(source, spans, output="surrogates" if request.output == "surrogates"
                           else "tags", chart=chart, key=key,
                           date_shift_days=date_shift_for(key, client_id))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        excerpt_id, now = new_id(), rt.now()
        unredacted = sum(1 for c in changes if c.change == "unredacted")
        with write_transaction(rt.engine) as conn:
            conn.execute(insert(excerpts).values(
                id=excerpt_id, client_id=client_id, created_at=now, created_by=actor.actor_id,
                purpose=request.purpose.value, output=request.output,
                note_ids=json.dumps(list(request.note_ids)), output_sha256=digest,
                unredacted=unredacted,
                changes_sealed=rt.keyring.seal_field(
                    conn, client_id, RecordKind.EXCERPT, excerpt_id, "changes",
                    json.dumps([c.to_json() for c in changes]).encode(), access)))
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.RECORD_EXCERPT_CREATE, "ok", client_id=client_id,
                resource_id=excerpt_id, reason=access.reason, purpose=request.purpose.value,
                notes=",".join(request.note_ids), sha256=digest, output=request.output,
                added=sum(1 for c in changes if c.change == "added"), unredacted=unredacted,
                changed_spans=";".join(f"{c.change}:{c.label.value}:{c.start}-{c.end}"
                                       for c in changes))])
        return Excerpt(excerpt_id, text, digest, request.purpose, request.output, changes, now)

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
    def _source(self, actor: Actor, client_id: str, request: ExcerptRequest) -> str:
        """The chosen notes as one text, each read through the gate (so a psychotherapy note
        is its author's alone, a draft its author's alone); or the passage, if it is theirs."""
        notes = [self._notes.get_note(actor, client_id, note_id) for note_id in request.note_ids]
        whole = "\n\n".join(_note_text(n) for n in sorted(notes, key=lambda n: n.session_date))
        if not request.passage:
            return whole
        if " ".join(request.passage.split()) not in " ".join(whole.split()):
            raise InvalidInput("passage: must be copied from the chosen notes")
        return request.passage

    def _may_leave_identifiable(self, actor: Actor, client_id: str,
                                purpose: Purpose) -> tuple[bool, str]:
        if purpose is Purpose.TEACHING:
            teaching = self._consent.preferences(actor, client_id).teaching
            if teaching == "granted":
                return True, ""
            return False, "teaching-needs-consent-or-full-deidentification"
        try:
            self._gate.authorize_read(actor, P.CHART_CONSULTATION_IDENTIFIABLE,
                                      AuditTag.RECORD_EXCERPT_CREATE, client_id,
                                      resource_id="identifiable", with_consent=True)
        except PolicyDenied as refused:
            return False, refused.reason
        return True, ""


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
