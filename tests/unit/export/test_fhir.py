"""The pure FHIR mapping (closeddoor.export.fhir): synthetic values in, a Bundle out that
fhir.resources' R4B models accept, with every reference resolving inside it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fhir.resources.R4B.bundle import Bundle

from closeddoor.export.fhir import (
    ClientRecordSet,
    ExportEvent,
    MeasureScore,
    SignedConsent,
    bundle,
    reference_id,
)
from closeddoor.records.views import AddendumView, AppointmentView, NoteView

AT = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
ZONE = ZoneInfo("America/Chicago")


def note(note_id: str, body: str, *, kind: str = "progress", status: str = "signed",
         addenda: tuple[str, ...] = ()) -> NoteView:
    return NoteView(note_id, "c1", kind, "u1", date(2026, 3, 2), body, "free", {}, status,
                    "a1", AT, AT if status == "signed" else None,
                    [AddendumView(f"{note_id}-ad{i}", "u1", text, AT)
                     for i, text in enumerate(addenda)])


def record(**overrides: Any) -> ClientRecordSet:
    values: dict[str, Any] = {
        "client_id": "c1",
        "demographics": {"given_name": "Synthetic", "family_name": "Person <b>",
                         "date_of_birth": "1990-01-02", "pronouns": "they/them & <x>"},
        "contacts": {"email": "synthetic@example.org", "phone": "555 0100 123",
                     "address": "1 Synthetic Road", "emergency_contact": "Synthetic Friend"},
        "appointments": [
            AppointmentView("a1", "c1", "u1", AT, 50, "in_person", "attended",
                            {"room": "Room 2", "cpt_code": "90834", "icd10_code": "F41.1"}),
            AppointmentView("a2", "c1", "u1", AT, 50, "telehealth", "late_cancelled",
                            {"icd10_code": "F41.1"}),
            AppointmentView("a3", "c1", "u2", AT, 50, "telehealth", "scheduled", {})],
        "progress_notes": [note("n1", "signed words", addenda=("added words",)),
                           note("n2", "draft words", status="draft")],
        "consents": [SignedConsent("s1", 1, "US-CA", "a" * 64, AT, "client"),
                     SignedConsent("s2", 2, "US-CA", "b" * 64,
                                   datetime(2026, 4, 1, tzinfo=UTC), "client")],
    }
    values.update(overrides)
    return ClientRecordSet(**values)


def make(*records: ClientRecordSet) -> dict[str, Any]:
    return bundle(list(records), {"u1": "Synthetic Clinician"}, ZONE,
                  ExportEvent(42, "system", AT, "practice", tuple(r.client_id for r in records)))


def resources(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_accepted_by_fhir_models_when_a_whole_record_is_mapped() -> None:
    document = make(record(measures=[MeasureScore("m1", "PHQ-9 total", 7, AT, "44261-6")]))
    parsed = Bundle.model_validate(document)
    assert parsed.type == "collection"
    kinds = [e["resource"]["resourceType"] for e in document["entry"]]
    assert kinds.count("Patient") == 1 and kinds.count("Appointment") == 3
    assert kinds.count("Encounter") == 1  # only the attended session took place
    assert kinds.count("Condition") == 1  # one per ICD-10 code, however many sessions
    assert kinds.count("Observation") == 1 and kinds.count("AuditEvent") == 1
    assert {p["name"][0]["text"] for p in resources(document, "Practitioner")} == {
        "Synthetic Clinician", "a former staff member"}


def test_every_reference_resolves_inside_the_bundle_when_mapped() -> None:
    document = make(record(), record(client_id="c2", progress_notes=[], appointments=[],
                                     consents=[]))
    full_urls = {e["fullUrl"] for e in document["entry"]}
    found = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "reference" in value:
                found.append(value["reference"])
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(document)
    assert found and set(found) <= full_urls
    assert len(full_urls) == len(document["entry"])  # no resource twice


def test_drafts_and_unlisted_process_notes_left_out_when_mapped() -> None:
    text = json.dumps(make(record()))
    assert "ZHJhZnQgd29yZHM" not in text  # base64 of "draft words"
    references = resources(make(record()), "DocumentReference")
    assert [d["identifier"][0]["value"] for d in references] == ["n1"]
    assert references[0]["docStatus"] == "amended" and len(references[0]["content"]) == 2


def test_process_note_labelled_restricted_when_its_author_exports_it() -> None:
    document = make(record(psychotherapy_notes=[note("p1", "process words",
                                                    kind="psychotherapy", status="final")]))
    Bundle.model_validate(document)
    [process] = [d for d in resources(document, "DocumentReference")
                 if d["identifier"][0]["value"] == "p1"]
    assert process["securityLabel"][0]["coding"][0]["code"] == "R"
    assert "coding" not in process["type"]  # LOINC has no code for process notes


def test_newest_consent_active_and_times_in_the_practice_zone_when_mapped() -> None:
    document = make(record())
    statuses = {c["identifier"][0]["value"]: c["status"] for c in resources(document, "Consent")}
    assert statuses == {"s1": "inactive", "s2": "active"}
    [appointment] = [a for a in resources(document, "Appointment")
                     if a["identifier"][0]["value"] == "a1"]
    assert appointment["start"] == "2026-03-02T09:00:00-06:00"
    assert {"display": "Room 2"} in [p["actor"] for p in appointment["participant"]]


def test_words_escaped_in_the_narrative_when_they_look_like_markup() -> None:
    [patient] = resources(make(record()), "Patient")
    assert "&lt;x&gt;" in patient["text"]["div"] and "<x>" not in patient["text"]["div"]
    assert patient["name"][0]["family"] == "Person <b>"  # data fields keep the words as given


def test_reference_ids_stable_across_exports_when_mapped_twice() -> None:
    first, second = make(record()), make(record())
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert reference_id("Patient", "c1") != reference_id("Patient", "c2")
