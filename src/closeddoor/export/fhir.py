"""A client's record (or a whole practice's) as a FHIR R4 Bundle: pure mapping, no I/O.

The inputs are plain values the export service gathered through the gate (already decrypted
under its proof); the output is a JSON-ready dict of a `collection` Bundle. What goes in:
Patient, Practitioner, Appointment (and an Encounter for each attended session), Condition
(one per ICD-10 code recorded on the client's appointments), DocumentReference (each signed
progress note with its addenda; psychotherapy notes only when the service hands them over,
which it does for their author's own export alone), Consent (each signed consent form),
Observation (measure scores, where the caller has any) and AuditEvent (the export itself).

Every reference is a `urn:uuid:` made from the record's kind and id (UUID 5), so one record
keeps one reference across exports and a Bundle's references resolve inside it.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from closeddoor.records.views import AppointmentView, NoteView

Json = dict[str, Any]

_NAMESPACE = uuid.UUID("6f6b2f1e-3c55-4c7e-9d0e-cd0e5ee0f4a1")  # closeddoor's, fixed forever
SYSTEM_ID = "urn:closeddoor:id"  # identifier system: the record's id inside closeddoor
ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
CPT = "http://www.ama-assn.org/go/cpt"
LOINC = "http://loinc.org"
PROGRESS_NOTE_LOINC = ("11506-3", "Progress note")
CONSENT_LOINC = ("59284-0", "Patient Consent")
_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
_CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
_DICOM = "http://dicom.nema.org/resources/ontology/DCM"
_AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
_OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

# closeddoor's appointment status → (Appointment.status, Encounter.status or None for none)
_APPOINTMENT_STATUS = {
    "scheduled": ("booked", None),
    "attended": ("fulfilled", "finished"),
    "cancelled": ("cancelled", None),
    "late_cancelled": ("cancelled", None),
    "no_show": ("noshow", None),
}


@dataclass(frozen=True)
class SignedConsent:
    """One signature on a consent form version (the text's SHA-256 binds what was signed)."""

    signature_id: str
    version_number: int
    jurisdiction: str
    text_sha256: str
    signed_at: datetime
    signer_kind: str  # client | guardian | representative


@dataclass(frozen=True)
class MeasureScore:
    """A measure's total score (e.g. a PHQ-9), for when measures exist: an Observation each.
    `loinc` is the LOINC code of the score (PHQ-9 total: 44261-6), "" for none."""

    measure_id: str
    name: str
    score: int
    taken_at: datetime
    loinc: str = ""


@dataclass(frozen=True)
class ProblemEntry:
    """A diagnosis on the client's problem list: a problem-list-item Condition."""

    problem_id: str
    code: str
    description: str
    onset_on: date | None
    resolved_on: date | None
    is_active: bool


@dataclass(frozen=True)
class ClientRecordSet:
    """What one client's export holds, already authorized and decrypted."""

    client_id: str
    demographics: Mapping[str, str]
    contacts: Mapping[str, str]
    appointments: Sequence[AppointmentView]
    progress_notes: Sequence[NoteView]  # signed ones only; drafts never leave
    consents: Sequence[SignedConsent] = ()
    measures: Sequence[MeasureScore] = ()
    problems: Sequence[ProblemEntry] = ()
    # Only in the author's own export of their own notes (HIPAA 164.501, 164.524(a)(1)(i)).
    psychotherapy_notes: Sequence[NoteView] = ()
    # What goes with each note (by note id; "" for the client's details) wherever the record
    # goes: accepted amendments, denials with the statement of disagreement (164.526(c), (d)).
    amendments: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportEvent:
    """The export itself, as the audit recorded it: an AuditEvent in the Bundle."""

    audit_seq: int
    actor_id: str
    at: datetime
    scope: str  # practice | chart | portal
    client_ids: Sequence[str] = field(default_factory=tuple)


def reference_id(kind: str, record_id: str) -> str:
    """The stable UUID a record goes by in every export."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}/{record_id}"))


def _ref(kind: str, record_id: str, display: str = "") -> Json:
    found: Json = {"reference": f"urn:uuid:{reference_id(kind, record_id)}"}
    if display:
        found["display"] = display
    return found


def _entry(kind: str, record_id: str, resource: Json) -> Json:
    uid = reference_id(kind, record_id)
    return {"fullUrl": f"urn:uuid:{uid}",
            "resource": {"resourceType": kind, "id": uid,
                         "identifier": [{"system": SYSTEM_ID, "value": record_id}]
                         if kind not in ("AuditEvent",) else None, **resource}}


def _instant(moment: datetime, zone: ZoneInfo) -> str:
    """An instant with its offset, in the practice's time zone (FHIR needs the offset)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _attachment(text: str, title: str) -> Json:
    return {"contentType": "text/plain; charset=utf-8", "title": title,
            "data": base64.b64encode(text.encode("utf-8")).decode("ascii")}


def note_text(note: NoteView) -> str:
    """A note's words: the free text, or each filled section headed by its name."""
    if note.note_format == "free":
        return note.body
    return "\n\n".join(f"{name.capitalize()}: {value}"
                       for name, value in note.sections.items() if value)


def patient(record: ClientRecordSet) -> Json:
    demo, contacts = record.demographics, record.contacts
    name: Json = {"use": "official", "family": demo.get("family_name", ""),
                  "given": [demo["given_name"]] if demo.get("given_name") else []}
    names = [name]
    if demo.get("preferred_name"):
        names.append({"use": "usual", "given": [demo["preferred_name"]]})
    resource: Json = {"active": True, "name": names}
    telecom = [{"system": system, "value": contacts[key], "use": "home"}
               for key, system in (("phone", "phone"), ("email", "email")) if contacts.get(key)]
    if telecom:
        resource["telecom"] = telecom
    if demo.get("date_of_birth"):
        resource["birthDate"] = demo["date_of_birth"]
    if contacts.get("address"):
        resource["address"] = [{"use": "home", "text": contacts["address"]}]
    if contacts.get("emergency_contact"):
        resource["contact"] = [{"relationship": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/v2-0131", "code": "C",
            "display": "Emergency Contact"}]}], "name": {"text": contacts["emergency_contact"]}}]
    extras = [f"{label}: {demo[key]}" for key, label in
              (("pronouns", "Pronouns"), ("gender_identity", "Gender identity")) if demo.get(key)]
    if extras:  # kept as words: FHIR's administrative gender is not what the client told us
        resource["text"] = {"status": "additional",
                            "div": '<div xmlns="http://www.w3.org/1999/xhtml">'
                                   + "; ".join(_xhtml(e) for e in extras) + "</div>"}
    return _entry("Patient", record.client_id, resource)


def _xhtml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def practitioner(user_id: str, display_name: str) -> Json:
    return _entry("Practitioner", user_id, {"active": True, "name": [{"text": display_name}]})


def appointment_entries(record: ClientRecordSet, names: Mapping[str, str], zone: ZoneInfo
                        ) -> list[Json]:
    """An Appointment for each session, an Encounter for each attended one, and a Condition
    for each ICD-10 code recorded on them (linked from the Encounters that recorded it)."""
    patient_ref = _ref("Patient", record.client_id)
    conditions: dict[str, list[AppointmentView]] = {}
    for view in record.appointments:
        code = str(view.details.get("icd10_code") or "")
        if code:
            conditions.setdefault(code, []).append(view)
    entries = []
    for view in record.appointments:
        status, encounter_status = _APPOINTMENT_STATUS.get(view.status, ("booked", None))
        clinician = _ref("Practitioner", view.clinician_id, names.get(view.clinician_id, ""))
        start, end = view.starts_at, view.starts_at + timedelta(minutes=view.duration_minutes)
        appointment: Json = {
            "status": status, "start": _instant(start, zone), "end": _instant(end, zone),
            "minutesDuration": view.duration_minutes,
            "participant": [{"actor": patient_ref, "status": "accepted"},
                            {"actor": clinician, "status": "accepted"}],
        }
        if view.room:  # a room is a place, not a Location the practice keeps: words only
            appointment["participant"].append({"actor": {"display": view.room},
                                               "status": "accepted"})
        if view.status == "late_cancelled":
            appointment["cancelationReason"] = {"text": "cancelled late"}
        cpt = str(view.details.get("cpt_code") or "")
        if cpt:
            appointment["serviceType"] = [{"coding": [{"system": CPT, "code": cpt}]}]
        entries.append(_entry("Appointment", view.appointment_id, appointment))
        if encounter_status is None:
            continue
        video = view.modality == "telehealth"
        encounter: Json = {
            "status": encounter_status,
            "class": {"system": _ACT_CODE, "code": "VR" if video else "AMB",
                      "display": "virtual" if video else "ambulatory"},
            "subject": patient_ref,
            "participant": [{"individual": clinician}],
            "appointment": [_ref("Appointment", view.appointment_id)],
            "period": {"start": _instant(start, zone), "end": _instant(end, zone)},
        }
        if cpt:
            encounter["type"] = [{"coding": [{"system": CPT, "code": cpt}]}]
        code = str(view.details.get("icd10_code") or "")
        if code:
            encounter["diagnosis"] = [{"condition": _ref("Condition", _condition_id(
                record.client_id, code))}]
        entries.append(_entry("Encounter", view.appointment_id, encounter))
    for code, views in sorted(conditions.items()):
        first = min(v.starts_at for v in views)
        entries.append(_entry("Condition", _condition_id(record.client_id, code), {
            "clinicalStatus": {"coding": [{"system": _CONDITION_CLINICAL, "code": "active"}]},
            "category": [{"coding": [{"system": _CONDITION_CATEGORY,
                                      "code": "encounter-diagnosis"}]}],
            "code": {"coding": [{"system": ICD10_CM, "code": code}], "text": code},
            "subject": patient_ref,
            "recordedDate": _instant(first, zone),
            "note": [{"text": "ICD-10 code recorded on appointments; not a problem-list entry"}],
        }))
    return entries


def problem_condition(problem: ProblemEntry, client_id: str) -> Json:
    """A Condition for an entry of the problem list (its own id: the list keeps one row per
    diagnosis, with onset and resolution)."""
    condition: Json = {
        "clinicalStatus": {"coding": [{"system": _CONDITION_CLINICAL,
                                       "code": "active" if problem.is_active else "resolved"}]},
        "category": [{"coding": [{"system": _CONDITION_CATEGORY,
                                  "code": "problem-list-item"}]}],
        "code": {"coding": [{"system": ICD10_CM, "code": problem.code,
                             "display": problem.description}], "text": problem.description},
        "subject": _ref("Patient", client_id),
    }
    if problem.onset_on:
        condition["onsetDateTime"] = problem.onset_on.isoformat()
    if problem.resolved_on:
        condition["abatementDateTime"] = problem.resolved_on.isoformat()
    return _entry("Condition", problem.problem_id, condition)


def _condition_id(client_id: str, code: str) -> str:
    return f"{client_id}/icd10/{code}"


AMENDMENTS_TITLE = "Amendments and statements of disagreement (45 CFR 164.526)"


def document_reference(note: NoteView, client_id: str, names: Mapping[str, str],
                       zone: ZoneInfo, *, appointment_ids: frozenset[str],
                       amended: Sequence[str] = ()) -> Json:
    """A signed note with each addendum as a further attachment. A psychotherapy note says
    so in its type, category and security label (restricted)."""
    process = note.kind == "psychotherapy"
    code, display = PROGRESS_NOTE_LOINC
    title = ("Psychotherapy note" if process else "Progress note") \
        + f" of {note.session_date.isoformat()}"
    author = _ref("Practitioner", note.author_id, names.get(note.author_id, ""))
    content = [{"attachment": _attachment(note_text(note), title)}]
    for addendum in note.addenda:
        who = names.get(addendum.author_id, "a former staff member")
        content.append({"attachment": _attachment(
            addendum.body, f"Addendum by {who}, {_instant(addendum.created_at, zone)}")})
    if amended:
        content.append({"attachment": _attachment("\n\n".join(amended), AMENDMENTS_TITLE)})
    when = note.signed_at or note.created_at
    resource: Json = {
        "status": "current",
        "docStatus": "amended" if note.addenda or amended else "final",
        # LOINC has no code for psychotherapy (process) notes: words only.
        "type": {"text": "Psychotherapy note (45 CFR 164.501)"} if process else
                {"coding": [{"system": LOINC, "code": code, "display": display}],
                 "text": display},
        "category": [{"text": "psychotherapy-note" if process else "progress-note"}],
        "subject": _ref("Patient", client_id),
        "author": [author],
        "description": title,
        "content": content,
    }
    if when is not None:
        resource["date"] = _instant(when, zone)
    if process:
        resource["securityLabel"] = [{"coding": [{"system": _CONFIDENTIALITY, "code": "R",
                                                  "display": "restricted"}]}]
    if note.appointment_id and note.appointment_id in appointment_ids:
        resource["context"] = {"encounter": [_ref("Encounter", note.appointment_id)]}
    elif note.appointment_id is None:
        resource["context"] = {"period": {"start": note.session_date.isoformat()}}
    return _entry("DocumentReference", note.note_id, resource)


def consent(signed: SignedConsent, client_id: str, zone: ZoneInfo, *, newest: bool) -> Json:
    """A signature on the informed-consent form: the newest is active, earlier ones inactive."""
    return _entry("Consent", signed.signature_id, {
        "status": "active" if newest else "inactive",
        "scope": {"coding": [{"system": _CONSENT_SCOPE, "code": "treatment"}]},
        "category": [{"coding": [{"system": LOINC, "code": CONSENT_LOINC[0],
                                  "display": CONSENT_LOINC[1]}]}],
        "patient": _ref("Patient", client_id),
        "dateTime": _instant(signed.signed_at, zone),
        "policy": [{"uri": f"urn:closeddoor:consent-version:{signed.version_number}"}],
        "sourceReference": {"display": f"Informed consent, version {signed.version_number} "
                                       f"({signed.jurisdiction}), signed by the "
                                       f"{signed.signer_kind}; text SHA-256 "
                                       f"{signed.text_sha256}"},
    })


def observation(measure: MeasureScore, client_id: str, zone: ZoneInfo) -> Json:
    coding = [{"system": LOINC, "code": measure.loinc, "display": measure.name}] \
        if measure.loinc else []
    return _entry("Observation", measure.measure_id, {
        "status": "final",
        "category": [{"coding": [{"system": _OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": coding, "text": measure.name} if coding else {"text": measure.name},
        "subject": _ref("Patient", client_id),
        "effectiveDateTime": _instant(measure.taken_at, zone),
        "valueInteger": measure.score,
    })


def audit_event(event: ExportEvent, zone: ZoneInfo) -> Json:
    """The export, as recorded in closeddoor's audit log (event `audit_seq`)."""
    resource: Json = {
        "type": {"system": _DICOM, "code": "110106", "display": "Export"},
        "subtype": [{"system": _AUDIT_EVENT_TYPE, "code": "rest",
                     "display": f"closeddoor {event.scope} FHIR export"}],
        "action": "R",
        "recorded": _instant(event.at, zone),
        "outcome": "0",
        "agent": [{"who": {"identifier": {"system": SYSTEM_ID, "value": event.actor_id}},
                   "requestor": True}],
        "source": {"observer": {"display": "closeddoor"}},
        "entity": [{"what": {"identifier": {"system": "urn:closeddoor:audit-event",
                                            "value": str(event.audit_seq)}}}]
        + [{"what": _ref("Patient", cid)} for cid in event.client_ids],
    }
    return _entry("AuditEvent", f"audit/{event.audit_seq}", resource)


def client_entries(record: ClientRecordSet, names: Mapping[str, str], zone: ZoneInfo
                   ) -> list[Json]:
    """Every resource of one client's export (their Practitioners aside)."""
    entries = [patient(record)]
    entries += appointment_entries(record, names, zone)
    attended = frozenset(v.appointment_id for v in record.appointments
                         if v.status == "attended")
    for note in (*record.progress_notes, *record.psychotherapy_notes):
        if note.kind == "progress" and note.status != "signed":
            continue  # a draft is its author's alone, and never leaves
        entries.append(document_reference(note, record.client_id, names, zone,
                                          appointment_ids=attended,
                                          amended=record.amendments.get(note.note_id, ())))
    if record.amendments.get(""):  # amendments to the client's details travel too
        entries.append(_entry("DocumentReference", f"{record.client_id}/amendments", {
            "status": "current",
            "type": {"text": AMENDMENTS_TITLE},
            "category": [{"text": "amendments"}],
            "subject": _ref("Patient", record.client_id),
            "description": "Amendments to the client's details",
            "content": [{"attachment": _attachment("\n\n".join(record.amendments[""]),
                                                   AMENDMENTS_TITLE)}],
        }))
    newest = max((c.signed_at for c in record.consents), default=None)
    entries += [consent(c, record.client_id, zone, newest=c.signed_at == newest)
                for c in record.consents]
    entries += [problem_condition(p, record.client_id) for p in record.problems]
    entries += [observation(m, record.client_id, zone) for m in record.measures]
    return entries


def _practitioner_ids(record: ClientRecordSet) -> set[str]:
    found = {v.clinician_id for v in record.appointments}
    for note in (*record.progress_notes, *record.psychotherapy_notes):
        found.add(note.author_id)
        found.update(a.author_id for a in note.addenda)
    return found


def bundle(records: Sequence[ClientRecordSet], names: Mapping[str, str], zone: ZoneInfo,
           event: ExportEvent) -> Json:
    """A `collection` Bundle of the clients' records, each Practitioner they mention once, and
    the export's AuditEvent."""
    entries: list[Json] = []
    practitioners: set[str] = set()
    for record in records:
        entries += client_entries(record, names, zone)
        practitioners |= _practitioner_ids(record)
    entries += [practitioner(uid, names.get(uid, "a former staff member"))
                for uid in sorted(practitioners)]
    entries.append(audit_event(event, zone))
    return {
        "resourceType": "Bundle",
        "id": reference_id("Bundle", f"audit/{event.audit_seq}"),
        "meta": {"lastUpdated": _instant(event.at, zone)},
        "type": "collection",
        "timestamp": _instant(event.at, zone),
        "entry": [_without_nones(e) for e in entries],
    }


def _without_nones(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nones(v) for v in value]
    return value

