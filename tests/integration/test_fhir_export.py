"""FHIR R4 exports, on SQLite and PostgreSQL: the practice-wide export (`closeddoor export
fhir`), the care team's chart download and the client's own copy. Every Bundle is validated
with fhir.resources (its R4B models, FHIR 4.3.0); no psychotherapy note is ever in one, except
in its author's own chart export of their own notes; each export is audited.
"""

from __future__ import annotations

import itertools
import json
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConfigError, NotFound, PolicyDenied
from closeddoor.export.service import FhirExport, write_export
from closeddoor.policy import Actor, Role
from closeddoor.portal.model import PortalPrincipal
from tests.factories import ClientFactory, NoteFactory, Practice, marker, team_up
from tests.factories.treatment import TreatmentFactory
from tests.integration.fhir_helpers import readable, validated
from tests.integration.helpers import run_cli

_HOURS = itertools.count()  # one session an hour: clinician1 sees each client in turn


@dataclass
class Chart:
    client_id: str
    family_name: str
    signed: str  # the signed note's text
    addendum: str
    draft: str
    own_process: str  # clinician1's psychotherapy note
    teammate_process: str  # clinician3's psychotherapy note
    room: str
    note_id: str


def make_chart(practice: Practice) -> Chart:
    """clinician1's client (clinician3 on the team too): an attended session with a diagnosis,
    a signed note with an addendum, a draft, a psychotherapy note by each clinician, a signed
    consent."""
    family = marker("family")
    client_id = ClientFactory.create(practice, "clinician1", family_name=family)
    team_up(practice, client_id, "clinician3")
    clinician = practice.actor("clinician1")
    charts = practice.services.charts
    room = marker("room")
    TreatmentFactory.diagnose(practice, client_id, "F41.1")  # a session's code is a listed one
    appointment = charts.create_appointment(clinician, client_id, {
        "starts_at": datetime(2026, 3, 2, 8, tzinfo=UTC) + timedelta(hours=next(_HOURS)),
        "room": room, "cpt_code": "90834", "icd10_code": "F41.1"})
    charts.set_appointment_status(clinician, client_id, appointment, "attended")
    signed = marker("signed")
    note_id = NoteFactory.progress(practice, client_id, body=signed)
    addendum = marker("addendum")
    NoteFactory.addendum(practice, client_id, note_id, body=addendum)
    draft = marker("draft")
    NoteFactory.progress(practice, client_id, body=draft, sign=False)
    own, teammate = marker("process"), marker("teammateprocess")
    NoteFactory.psychotherapy(practice, client_id, body=own)
    NoteFactory.psychotherapy(practice, client_id, "clinician3", body=teammate)
    consent = practice.services.consent
    form = consent.form(clinician, client_id)
    consent.sign(clinician, client_id, version_id=form.version_id,
                 text_sha256=form.rendered.sha256, signer_name="Synthetic Signer")
    return Chart(client_id, family, signed, addendum, draft, own, teammate, room, note_id)


def of_type(document: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in document["entry"]
            if e["resource"]["resourceType"] == resource_type]


def identifiers(resources: list[dict[str, Any]]) -> set[str]:
    return {r["identifier"][0]["value"] for r in resources}


def test_practice_export_holds_every_client_and_no_psychotherapy_note_when_run_from_cli(
        practice: Practice, tmp_path: Path) -> None:
    x = make_chart(practice)
    y = make_chart(practice)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "practice.fhir.json"

    result = run_cli(practice, "export", "fhir", "--out", str(out))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "PLAINTEXT" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no partial file left behind
    document = json.loads(out.read_text())
    validated(document)
    assert document["type"] == "collection"
    assert identifiers(of_type(document, "Patient")) == {x.client_id, y.client_id}
    assert identifiers(of_type(document, "DocumentReference")) == {x.note_id, y.note_id}
    shown = readable(document)
    for chart in (x, y):
        assert chart.signed in shown and chart.addendum in shown and chart.room in shown
        assert chart.family_name in shown
        for hidden in (chart.draft, chart.own_process, chart.teammate_process):
            assert hidden not in shown
    assert len(of_type(document, "Consent")) == 2
    assert len(of_type(document, "Encounter")) == 2
    conditions = of_type(document, "Condition")
    assert {c["code"]["coding"][0]["code"] for c in conditions} == {"F41.1"}
    [audit_event] = of_type(document, "AuditEvent")
    events = practice.services.runtime.audit.events(
        tags=[AuditTag.PRACTICE_RECORDS_EXPORT.value])
    [done] = [e for e in events if e.entry.outcome == "ok"]
    assert audit_event["entity"][0]["what"]["identifier"]["value"] == str(done.seq)
    per_client = practice.services.runtime.audit.events(
        tags=[AuditTag.RECORD_CLIENT_EXPORT.value])
    assert {e.entry.client_id for e in per_client if e.entry.client_id} == {
        x.client_id, y.client_id}
    assert all(x.signed not in str(e.entry) for e in (*events, *per_client))


def test_practice_export_refused_and_audited_when_not_the_owner(practice: Practice) -> None:
    make_chart(practice)
    for who in ("clinician1", "billing", "supervisor"):
        with pytest.raises(PolicyDenied):
            practice.services.exports.practice_bundle(practice.actor(who))
    denials = practice.services.runtime.audit.events(
        tags=[AuditTag.PRACTICE_RECORDS_EXPORT.value])
    assert {e.entry.outcome for e in denials} == {"deny"}
    assert len(denials) == 3
    assert practice.services.runtime.audit.events(
        tags=[AuditTag.RECORD_CLIENT_EXPORT.value]) == []


def test_chart_export_holds_only_the_authors_own_psychotherapy_notes_when_asked(
        practice: Practice) -> None:
    x = make_chart(practice)
    exports = practice.services.exports

    plain = exports.chart_bundle(practice.actor("clinician1"), x.client_id).document
    mine = exports.chart_bundle(practice.actor("clinician1"), x.client_id,
                                with_own_psychotherapy_notes=True).document
    theirs = exports.chart_bundle(practice.actor("clinician3"), x.client_id,
                                  with_own_psychotherapy_notes=True).document

    for document in (plain, mine, theirs):
        validated(document)
        assert x.signed in readable(document) and x.draft not in readable(document)
    assert x.own_process not in readable(plain) and x.teammate_process not in readable(plain)
    assert x.own_process in readable(mine) and x.teammate_process not in readable(mine)
    assert x.teammate_process in readable(theirs) and x.own_process not in readable(theirs)
    [process] = [d for d in of_type(mine, "DocumentReference")
                 if d["category"][0]["text"] == "psychotherapy-note"]
    assert process["securityLabel"][0]["coding"][0]["code"] == "R"


@pytest.mark.parametrize(("who", "refused"), [("billing", PolicyDenied),
                                              ("supervisor", PolicyDenied),
                                              ("clinician2", NotFound)])
def test_chart_export_refused_and_audited_when_not_the_treating_care_team(
        practice: Practice, who: str, refused: type[Exception]) -> None:
    x = make_chart(practice)
    with pytest.raises(refused):
        practice.services.exports.chart_bundle(practice.actor(who), x.client_id,
                                               with_own_psychotherapy_notes=True)
    [event] = practice.services.runtime.audit.events(tags=[AuditTag.RECORD_CLIENT_EXPORT.value])
    assert (event.entry.outcome, event.entry.actor_id) == ("deny", practice.user_id(who))


def test_portal_export_is_the_clients_own_record_when_the_client_asks(
        practice: Practice) -> None:
    x = make_chart(practice)
    y = make_chart(practice)
    client = Actor("portal:test", Role.CLIENT, client_id=x.client_id)

    export = practice.services.exports.portal_bundle(client, x.client_id)

    validated(export.document)
    shown = readable(export.document)
    assert x.signed in shown and x.addendum in shown and x.family_name in shown
    for hidden in (x.draft, x.own_process, x.teammate_process, y.signed, y.family_name):
        assert hidden not in shown
    with pytest.raises((PolicyDenied, NotFound)):
        practice.services.exports.portal_bundle(client, y.client_id)
    events = practice.services.runtime.audit.events(tags=[AuditTag.PORTAL_RECORD_EXPORT.value])
    assert sorted((e.entry.client_id, e.entry.outcome) for e in events) == sorted(
        [(x.client_id, "allow"), (y.client_id, "deny")])


def test_chart_export_shows_in_the_clients_access_history_when_staff_download(
        practice: Practice) -> None:
    x = make_chart(practice)
    principal = PortalPrincipal("test", x.client_id, "test", "csrf", True, False)
    before = practice.services.portal.access_history(principal)
    assert not any("FHIR export" in what for visit in before for what in visit.viewed)
    practice.services.exports.chart_bundle(practice.actor("clinician1"), x.client_id)
    visits = practice.services.portal.access_history(principal)
    assert any("FHIR export" in what for visit in visits for what in visit.viewed)


def test_export_file_written_atomically_and_never_over_an_existing_file(
        practice: Practice, tmp_path: Path) -> None:
    x = make_chart(practice)
    export: FhirExport = practice.services.exports.chart_bundle(
        practice.actor("clinician1"), x.client_id)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "chart.json"
    out.write_text("kept")
    with pytest.raises(ConfigError):
        write_export(out, export)
    assert out.read_text() == "kept"
    fresh = out.parent / "fresh.json"
    assert write_export(fresh, export) == fresh.stat().st_size
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["chart.json", "fresh.json"]
    refused = run_cli(practice, "export", "fhir", "--out", str(out))
    assert refused.returncode != 0 and out.read_text() == "kept"


def test_accepted_amendment_travels_with_its_note_when_the_record_is_exported(
        practice: Practice) -> None:
    x = make_chart(practice)
    client = Actor("portal:test", Role.CLIENT, client_id=x.client_id)
    amendments = practice.services.amendments
    amendment_id = amendments.ask(client, x.client_id, {
        "target": "note", "note_id": x.note_id, "change": marker("change"),
        "reason": marker("reason")})
    words = marker("amendment")
    amendments.answer(practice.actor("clinician1"), x.client_id, amendment_id,
                      {"decision": "accept", "amendment": words})

    for document in (practice.services.exports.portal_bundle(client, x.client_id).document,
                     practice.services.exports.practice_bundle(SYSTEM_ACTOR).document):
        validated(document)
        [reference] = [d for d in of_type(document, "DocumentReference")
                       if d["identifier"][0]["value"] == x.note_id]
        assert reference["docStatus"] == "amended"
        assert words in readable({"entry": [{"resource": reference}]})


def test_representative_gets_the_copy_only_within_a_records_scope(practice: Practice) -> None:
    x = make_chart(practice)
    representatives = practice.services.representatives
    actors = {}
    for scope in (["records"], ["consent"]):
        representative_id = representatives.record(practice.actor("billing"), x.client_id, {
            "kind": "guardian", "name": "Synthetic Guardian", "document_date": "2025-10-01",
            "document": "Letters (synthetic)", "scope": scope})
        actors[scope[0]] = Actor(f"portal:{representative_id}", Role.REPRESENTATIVE,
                                 client_id=x.client_id, representative_id=representative_id,
                                 representative_kind="guardian",
                                 representative_scope=tuple(scope))

    export = practice.services.exports.portal_bundle(actors["records"], x.client_id)

    validated(export.document)
    assert x.signed in readable(export.document)
    assert x.own_process not in readable(export.document)
    with pytest.raises(NotFound):  # outside the scope, as for every portal read
        practice.services.exports.portal_bundle(actors["consent"], x.client_id)


def test_measures_travel_as_observations_of_their_total_score_when_a_chart_is_exported(
        practice: Practice) -> None:
    x = make_chart(practice)
    clinician = practice.actor("clinician1")
    phq = practice.services.measures.record(clinician, x.client_id, "PHQ-9",
                                            [2, 2, 1, 2, 1, 1, 2, 1, 0])
    gad = practice.services.measures.record(clinician, x.client_id, "GAD-7",
                                            [1, 1, 1, 1, 1, 0, 0])
    document = practice.services.exports.chart_bundle(clinician, x.client_id).document
    validated(document)
    observations = {o["identifier"][0]["value"]: o for o in of_type(document, "Observation")}
    assert set(observations) == {phq.measure_id, gad.measure_id}
    assert observations[phq.measure_id]["valueInteger"] == 12
    assert observations[phq.measure_id]["code"]["coding"][0]["code"] == "44261-6"
    assert observations[gad.measure_id]["code"]["coding"][0]["code"] == "70274-6"


def test_problem_list_travels_as_problem_list_conditions_with_onset_and_status(
        practice: Practice) -> None:
    x = make_chart(practice)  # F41.1 is on the problem list (booked sessions name it)
    clinician = practice.actor("clinician1")
    TreatmentFactory.diagnose(practice, x.client_id, "F32.1", onset_on="2025-09-01")
    document = practice.services.exports.chart_bundle(clinician, x.client_id).document
    validated(document)
    listed = {c["code"]["coding"][0]["code"]: c for c in of_type(document, "Condition")
              if c["category"][0]["coding"][0]["code"] == "problem-list-item"}
    assert set(listed) == {"F41.1", "F32.1"}
    assert listed["F32.1"]["onsetDateTime"] == "2025-09-01"
    assert listed["F32.1"]["clinicalStatus"]["coding"][0]["code"] == "active"
    assert "depressive" in listed["F32.1"]["code"]["text"].lower()
