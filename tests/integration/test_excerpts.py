"""De-identified excerpts through the services on SQLite and PostgreSQL: the chart's identifiers
never survive, extra redactions and reasoned un-redactions, the consent and teaching gates,
psychotherapy notes by their author alone, and an audit record that holds no text."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import InvalidInput, NotFound, PolicyDenied
from closeddoor.excerpts.model import ExcerptRequest
from closeddoor.excerpts.pdf import render_excerpt_pdf
from tests.factories import ClientFactory, Practice, team_up
from tests.integration.helpers import scalar

CLIENT = {"given_name": "Marisol", "family_name": "Quintanilla", "preferred_name": "Mari",
          "date_of_birth": "1988-03-14", "phone": "(541) 555-0142",
          "email": "marisol.q@example.org", "address": "412 Alder Street, Springfield",
          "emergency_contact": "Rosalind Quintanilla"}
NOTE = ("Mari arrived late; said quintanilla family dinner went badly. Her sister Rosalind "
        "called (541) 555 0142 twice. MQ reports sleeping 5 hours. Born 3/14/1988, she "
        "worries about turning forty. Casey Clinician reviewed the safety plan with her.")


@pytest.fixture
def chart(practice: Practice) -> dict[str, str]:
    client_id = ClientFactory.create(practice, **CLIENT)
    notes = practice.services.notes
    clinician = practice.actor("clinician1")
    progress = notes.create_note(clinician, client_id, {
        "kind": "progress", "format": "free", "body": NOTE, "sign": True,
        "session_date": "2026-02-20"})
    process = notes.create_note(clinician, client_id, {
        "kind": "psychotherapy", "format": "free",
        "body": "Marisol stirred my own grief; bring to supervision.",
        "session_date": "2026-02-20"})
    return {"client_id": client_id, "progress": progress, "process": process}


def request(chart: dict[str, str], **overrides: Any) -> ExcerptRequest:
    return ExcerptRequest.parse({"note_ids": [chart["progress"]], "purpose": "consultation",
                                 **overrides})


def create(practice: Practice, chart: dict[str, str], who: str = "clinician1",
           **overrides: Any) -> Any:
    return practice.services.excerpts.create(practice.actor(who), chart["client_id"],
                                             request(chart, **overrides))


def sign_consent(practice: Practice, client_id: str) -> None:
    consent = practice.services.consent
    clinician = practice.actor("clinician1")
    form = consent.form(clinician, client_id)
    consent.sign(clinician, client_id, version_id=form.version_id,
                 text_sha256=form.rendered.sha256, signer_name="Synthetic Signer")


CHART_WORDS = ("Marisol", "Mari ", "Quintanilla", "quintanilla", "Rosalind", "555", "0142",
               "3/14", "MQ", "Casey")


@pytest.mark.parametrize("output", ["tags", "surrogates"])
def test_no_chart_identifier_survives_in_either_output(practice: Practice,
                                                       chart: dict[str, str],
                                                       output: str) -> None:
    excerpt = create(practice, chart, output=output)
    for word in CHART_WORDS:
        if output == "surrogates" and word == "555":
            continue  # stand-in phone numbers are 555-01xx too
        assert word not in excerpt.text, word
    assert "safety plan" in excerpt.text  # the clinical story stays
    if output == "tags":
        assert "[NAME]" in excerpt.text and "[PHONE]" in excerpt.text


def test_preview_marks_what_the_engine_found(practice: Practice, chart: dict[str, str]) -> None:
    preview = practice.services.excerpts.preview(practice.actor("clinician1"),
                                                 chart["client_id"], request(chart))
    found = {preview.source[s.start:s.end] for s in preview.spans}
    assert {"Mari", "Rosalind", "MQ"} <= found
    assert any("555" in f for f in found)
    assert preview.spans == preview.detected


def test_extra_redaction_covers_every_occurrence(practice: Practice,
                                                 chart: dict[str, str]) -> None:
    excerpt = create(practice, chart, extra="safety plan\nforty", extra_label="ID")
    assert "safety plan" not in excerpt.text and "forty" not in excerpt.text
    assert [c.change for c in excerpt.changes].count("added") == 2


def test_unredacting_needs_a_reason_and_a_current_consent(practice: Practice,
                                                          chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    preview = practice.services.excerpts.preview(practice.actor("clinician1"), client_id,
                                                 request(chart))
    span = next(s for s in preview.spans if preview.source[s.start:s.end] == "MQ")
    with pytest.raises(InvalidInput, match="reason"):
        request(chart, unredact=[{"start": span.start, "end": span.end, "reason": "why"}])
    reasoned = [{"start": span.start, "end": span.end,
                 "reason": "Initials needed to follow the sleep log"}]
    assert not preview.may_leave_identifiable  # no consent signed yet
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, unredact=reasoned)
    assert refused.value.reason == "consent-not-current"
    assert scalar(practice, "SELECT count(*) FROM excerpts") == 0
    sign_consent(practice, client_id)
    excerpt = create(practice, chart, unredact=reasoned)
    assert "MQ" in excerpt.text
    assert [c.change for c in excerpt.changes] == ["unredacted"]


def test_teaching_needs_the_clients_teaching_consent_to_leave_anything_visible(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    sign_consent(practice, client_id)  # informed consent alone does not cover teaching
    preview = practice.services.excerpts.preview(practice.actor("clinician1"), client_id,
                                                 request(chart, purpose="teaching"))
    span = preview.spans[0]
    keep = [{"start": span.start, "end": span.end, "reason": "The name matters to the story"}]
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, purpose="teaching", unredact=keep)
    assert refused.value.reason == "teaching-needs-consent-or-full-deidentification"
    assert create(practice, chart, purpose="teaching").text  # fully de-identified: fine
    practice.services.consent.update_preferences(practice.actor("clinician1"), client_id,
                                                 {"teaching": "granted"})
    assert create(practice, chart, purpose="teaching", unredact=keep).excerpt_id


def test_psychotherapy_notes_are_excerpted_by_their_author_alone(practice: Practice,
                                                                 chart: dict[str, str]) -> None:
    team_up(practice, chart["client_id"], "clinician3")
    with pytest.raises(NotFound, match="no such note"):  # to anyone else it does not exist
        create(practice, chart, who="clinician3", note_ids=[chart["process"]])
    excerpt = create(practice, chart, note_ids=[chart["process"]], purpose="supervision")
    assert "grief" in excerpt.text and "Marisol" not in excerpt.text


@pytest.mark.parametrize(("who", "error"), [("clinician2", NotFound), ("billing", PolicyDenied),
                                            ("owner", PolicyDenied),
                                            ("supervisor", PolicyDenied)])
def test_only_the_care_team_makes_excerpts(practice: Practice, chart: dict[str, str], who: str,
                                           error: type[Exception]) -> None:
    with pytest.raises(error):
        create(practice, chart, who=who)


def test_passage_must_come_from_the_chosen_notes(practice: Practice,
                                                 chart: dict[str, str]) -> None:
    excerpt = create(practice, chart, passage="Her sister Rosalind called (541) 555 0142 twice.")
    assert excerpt.text.startswith("Her sister [NAME] called [PHONE] twice")
    with pytest.raises(InvalidInput, match="passage"):
        create(practice, chart, passage="Words the notes never held.")


def test_audit_records_who_what_purpose_and_hash_never_the_text(practice: Practice,
                                                               chart: dict[str, str]) -> None:
    sign_consent(practice, chart["client_id"])
    preview = practice.services.excerpts.preview(practice.actor("clinician1"),
                                                 chart["client_id"], request(chart))
    span = preview.spans[0]
    excerpt = create(practice, chart, extra="safety plan", unredact=[
        {"start": span.start, "end": span.end, "reason": "Zyxqreason: needed for context"}])
    event = next(e.entry for e in practice.services.runtime.audit.events(
        limit=20, client_id=chart["client_id"], tags=(AuditTag.RECORD_EXCERPT_CREATE.value,))
        if e.entry.outcome == "ok")
    details = json.loads(event.details)
    assert details["sha256"] == excerpt.sha256 and details["purpose"] == "consultation"
    assert details["notes"] == chart["progress"]
    assert (details["added"], details["unredacted"]) == (1, 1)
    assert "unredacted:" in details["changed_spans"]
    everything = json.dumps([e.entry.__dict__ for e in practice.services.runtime.audit.events(
        limit=500)])
    for word in ("Zyxqreason", "safety plan", "Marisol", excerpt.text[:30]):
        assert word not in everything
    row = practice.services.runtime.engine
    assert scalar(practice, "SELECT output_sha256 FROM excerpts") == excerpt.sha256
    assert row is not None


def test_excerpt_pdf_holds_the_excerpt_text(practice: Practice, chart: dict[str, str]) -> None:
    excerpt = create(practice, chart)
    pdf = render_excerpt_pdf(excerpt)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "De-identified excerpt" in text and "consultation" in text
    assert "[NAME]" in text and "Marisol" not in text
    assert render_excerpt_pdf(excerpt) == pdf
