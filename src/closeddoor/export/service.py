"""FHIR R4 exports of records: one client's (the care team's chart download, the client's own
right of access in the portal) or the whole practice's (the owner, `closeddoor export fhir`).

Every export passes the gate: one decision and one audit event per client exported
(`record:client:export` for staff, `portal:record:export` for the client or their
representative), plus, for the practice-wide export, the owner's decision and one event for
the whole export (`practice:records:export`). The records are read through the record
services under the gate's proof (`*_under(access)`), so nothing here unseals a field itself.

Psychotherapy notes never go in, except in their author's own chart export of their own notes,
asked for explicitly, and read through `NoteService.list_psychotherapy_notes`, which decides
(author alone) and audits on its own. Drafts never go in.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from closeddoor.amendments.service import travelling_under
from closeddoor.audit.tags import AuditTag
from closeddoor.consent.service import ConsentService
from closeddoor.errors import ConfigError
from closeddoor.export.fhir import (
    ClientRecordSet,
    ExportEvent,
    Json,
    MeasureScore,
    ProblemEntry,
    SignedConsent,
    bundle,
)
from closeddoor.gate import Access, Gate
from closeddoor.measures.service import MeasureService
from closeddoor.policy import Actor, Permission
from closeddoor.records.notes import NoteService
from closeddoor.records.service import ChartService
from closeddoor.records.views import NoteView
from closeddoor.runtime import Runtime
from closeddoor.store import records_repository
from closeddoor.store import staff as staff_repository
from closeddoor.store.db import read_transaction
from closeddoor.treatment.problems import problems_under

P = Permission
# LOINC codes of the total scores (PCL-5's total has none we rely on: its name says what it is).
SCORE_LOINC = {"PHQ-9": "44261-6", "GAD-7": "70274-6"}


@dataclass(frozen=True)
class FhirExport:
    """A Bundle (plaintext: whoever holds it reads the records) and what it holds."""

    document: Json
    clients: int
    audit_seq: int  # the audit event that recorded the export

    def to_bytes(self) -> bytes:
        return json.dumps(self.document, indent=2, ensure_ascii=False).encode("utf-8")

    def count(self, resource_type: str) -> int:
        return sum(1 for e in self.document["entry"]
                   if e["resource"]["resourceType"] == resource_type)


class ExportService:
    def __init__(self, runtime: Runtime, gate: Gate, charts: ChartService, notes: NoteService,
                 consent: ConsentService, measures: MeasureService) -> None:
        self._rt = runtime
        self._gate = gate
        self._charts = charts
        self._notes = notes
        self._consent = consent
        self._measures = measures

    # --- one client --------------------------------------------------------------------------
    def chart_bundle(self, actor: Actor, client_id: str, *,
                     with_own_psychotherapy_notes: bool = False) -> FhirExport:
        """The care team's download of a chart (owner or clinician on the care team). With
        `with_own_psychotherapy_notes`, the actor's own process notes for this client go in
        too (nobody else's: the note service decides that, author alone)."""
        access = self._gate.authorize_read(
            actor, P.CHART_RECORD_EXPORT, AuditTag.RECORD_CLIENT_EXPORT, client_id,
            resource_id=client_id)
        process = self._notes.list_psychotherapy_notes(actor, client_id) \
            if with_own_psychotherapy_notes else []
        own = [n for n in process if n.author_id == actor.actor_id]
        return self._single(access, "chart", own)

    def portal_bundle(self, actor: Actor, client_id: str) -> FhirExport:
        """The client's own record (right of access, 45 CFR 164.524), or a personal
        representative's copy within their scope: never psychotherapy notes or drafts."""
        access = self._gate.authorize_read(
            actor, P.PORTAL_RECORD_EXPORT, AuditTag.PORTAL_RECORD_EXPORT, client_id,
            resource_id=client_id)
        return self._single(access, "portal", [])

    def _single(self, access: Access, scope: str, process: Sequence[NoteView]) -> FhirExport:
        record = self.record_set(access, psychotherapy_notes=process)
        event = ExportEvent(access.audit_seq, access.actor_id, self._rt.now(), scope,
                            (access.client_id,))
        document = bundle([record], self._names(), self._charts.practice_zone(), event)
        return FhirExport(document, 1, access.audit_seq)

    # --- the whole practice ------------------------------------------------------------------
    def practice_bundle(self, actor: Actor) -> FhirExport:
        """Every client's record (never a psychotherapy note), for moving a practice: the
        owner's alone. One decision and event per client, then one for the export."""
        self._gate.require(actor, P.PRACTICE_RECORD_EXPORT, AuditTag.PRACTICE_RECORDS_EXPORT,
                           audit_allow=False)
        rt = self._rt
        with read_transaction(rt.engine) as conn:
            client_ids = records_repository.all_client_ids(conn)
        batch = self._gate.authorize_many(actor, P.PRACTICE_RECORD_EXPORT,
                                          AuditTag.RECORD_CLIENT_EXPORT, client_ids,
                                          reason="practice-export")
        records = [self.record_set(access) for access in batch.allowed.values()]
        [event] = self._gate.record([rt.entry(
            actor.actor_id, AuditTag.PRACTICE_RECORDS_EXPORT, "ok", reason="fhir",
            clients=len(records), hidden=batch.hidden)])
        export_event = ExportEvent(event.seq, actor.actor_id, rt.now(), "practice",
                                   tuple(r.client_id for r in records))
        document = bundle(records, self._names(), self._charts.practice_zone(), export_event)
        return FhirExport(document, len(records), event.seq)

    # --- helpers -----------------------------------------------------------------------------
    def record_set(self, access: Access, *, psychotherapy_notes: Sequence[NoteView] = ()
                   ) -> ClientRecordSet:
        """What one client's export holds, read under the gate's proof; each measure's total
        score becomes an Observation."""
        measures = [MeasureScore(m.measure_id, m.instrument, m.score, m.taken_at,
                                 SCORE_LOINC.get(m.instrument, ""))
                    for m in self._measures.measures_under(access)]
        demographics, contacts = self._charts.profile_under(access)
        progress = [n for n in self._notes.progress_notes_under(access) if n.status == "signed"]
        with read_transaction(self._rt.engine) as conn:
            amendments = travelling_under(conn, self._rt.keyring, access,
                                          [n.note_id for n in progress], details=True)
            problems = [ProblemEntry(p.problem_id, p.code, p.description, p.onset_on,
                                     p.resolved_on, p.status == "active")
                        for p in problems_under(conn, self._rt.keyring, access)]
        consents = [SignedConsent(s.signature_id, s.version_number, s.jurisdiction,
                                  s.text_sha256, s.signed_at, s.signer_kind)
                    for s in self._consent.signatures_under(access)]
        return ClientRecordSet(
            client_id=access.client_id,
            demographics=demographics,
            contacts=contacts,
            appointments=self._charts.appointments_under(access),
            progress_notes=progress,  # signed ones only: drafts are their author's, never leave
            consents=consents,
            measures=measures,
            problems=problems,
            psychotherapy_notes=psychotherapy_notes,
            amendments=amendments,
        )

    def _names(self) -> dict[str, str]:
        with read_transaction(self._rt.engine) as conn:
            return staff_repository.display_names(conn)


def write_export(out: Path, export: FhirExport) -> int:
    """Write the Bundle to `out` (which must not exist) atomically: a hidden temp file beside
    it, mode 0600, fsynced, then linked to `out` (never over a file) and removed. Returns the
    bytes written. An interrupted write leaves no file under `out`'s name."""
    out = out.absolute()
    if out.exists():
        raise ConfigError(f"{out} already exists; choose a new file name")
    if not out.parent.is_dir():
        raise ConfigError(f"the folder {out.parent} does not exist")
    body = export.to_bytes()
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        try:  # a hard link never replaces a file that appeared meanwhile (unlike a rename)
            os.link(temp, out)
        except FileExistsError:
            raise ConfigError(f"{out} already exists; choose a new file name") from None
        except OSError:  # a file system without hard links: rename, after one more check
            if out.exists():
                raise ConfigError(f"{out} already exists; choose a new file name") from None
            os.replace(temp, out)
    finally:
        Path(temp).unlink(missing_ok=True)
    directory = os.open(out.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return len(body)
