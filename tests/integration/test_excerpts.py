"""De-identified excerpts through the services on SQLite and PostgreSQL: the chart's identifiers
never survive, extra redactions and reasoned un-redactions; consultation and teaching excerpts
stay de-identified unless the client's authorization makes them a disclosure (a psychotherapy
note only under one for psychotherapy notes); supervision inside the practice keeps identifiers
for the care team's supervisor alone; psychotherapy notes by their author alone; and an audit
record that holds no text."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.excerpts.model import ExcerptRequest
from closeddoor.excerpts.pdf import render_excerpt_pdf
from tests.factories import AuthorizationFactory, ClientFactory, Practice, team_up
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


def keep_initials(practice: Practice, chart: dict[str, str], **overrides: Any
                  ) -> list[dict[str, Any]]:
    """The un-redaction of "MQ" (the client's initials), with a reason."""
    preview = practice.services.excerpts.preview(practice.actor("clinician1"),
                                                 chart["client_id"], request(chart, **overrides))
    span = next(s for s in preview.spans if preview.source[s.start:s.end] == "MQ")
    return [{"start": span.start, "end": span.end,
             "reason": "Initials needed to follow the sleep log"}]


def disclosure_count(practice: Practice) -> int:
    return int(scalar(practice, "SELECT count(*) FROM disclosures"))


def test_consultation_excerpt_keeps_no_identifier_when_general_consent_is_current(
        practice: Practice, chart: dict[str, str]) -> None:
    """The form promises colleagues never learn who the client is: a signed general consent
    does not let a clinician keep an identifier in a consultation excerpt."""
    client_id = chart["client_id"]
    sign_consent(practice, client_id)
    keep = keep_initials(practice, chart)
    preview = practice.services.excerpts.preview(practice.actor("clinician1"), client_id,
                                                 request(chart))
    assert not preview.may_leave_identifiable
    assert preview.why_not_identifiable == "consultation-excerpts-are-de-identified"
    with pytest.raises(InvalidInput, match="reason"):
        request(chart, unredact=[{**keep[0], "reason": "why"}])
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, unredact=keep)
    assert refused.value.reason == "consultation-excerpts-are-de-identified"
    assert scalar(practice, "SELECT count(*) FROM excerpts") == 0
    assert disclosure_count(practice) == 0
    assert scalar(practice, "SELECT count(*) FROM audit_events WHERE tag = :tag AND outcome = "
                  "'deny' AND reason = 'consultation-excerpts-are-de-identified'",
                  tag=AuditTag.RECORD_EXCERPT_CREATE.value) == 1


def test_consultation_excerpt_with_identifier_is_an_accounted_disclosure_when_authorized(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    excerpt = create(practice, chart, unredact=keep_initials(practice, chart),
                     authorization_id=authorization_id)
    assert "MQ" in excerpt.text and excerpt.disclosure_id
    assert excerpt.recipient == "Dr. Casey Synthetic, Synthetic Psychiatry Group"
    owner = practice.actor("owner")
    view = practice.services.disclosures.get(owner, client_id, excerpt.disclosure_id)
    assert (view.status, view.authority, view.authorization_id, view.excerpt_id) == (
        "released", "authorization", authorization_id, excerpt.excerpt_id)
    assert view.packet_sha256 == excerpt.sha256
    assert [c.value for c in view.scope.categories] == ["progress_notes"]
    (entry,) = practice.services.oversight.accounting(owner, client_id).entries
    assert (entry.disclosure_id, entry.authorization_id) == (excerpt.disclosure_id,
                                                            authorization_id)
    # The text is not kept, so no copy of this "packet" can be made later.
    with pytest.raises(ConflictError, match="excerpt"):
        practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                              excerpt.disclosure_id)


def test_identifiable_excerpt_is_refused_when_the_authorization_does_not_cover_it(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    keep = keep_initials(practice, chart)
    outside = AuthorizationFactory.create(practice, client_id, records_from="2025-01-01",
                                          records_to="2025-12-31")
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, unredact=keep, authorization_id=outside)
    assert refused.value.reason == "authorization-wrong-dates"
    unsigned = AuthorizationFactory.create(practice, client_id, sign=False)
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, unredact=keep, authorization_id=unsigned)
    assert refused.value.reason == "authorization-not-signed"
    assert scalar(practice, "SELECT count(*) FROM excerpts") == 0
    assert disclosure_count(practice) == 0


def test_psychotherapy_note_excerpt_is_refused_when_the_authorization_is_general(
        practice: Practice, chart: dict[str, str]) -> None:
    """45 CFR 164.508(a)(2): a psychotherapy note leaves only under an authorization for
    psychotherapy notes, never under a general one (nor under the general consent)."""
    client_id = chart["client_id"]
    sign_consent(practice, client_id)
    preview = practice.services.excerpts.preview(
        practice.actor("clinician1"), client_id, request(chart, note_ids=[chart["process"]]))
    span = next(s for s in preview.spans if preview.source[s.start:s.end] == "Marisol")
    keep = [{"start": span.start, "end": span.end, "reason": "Her name is the whole point"}]
    general = AuthorizationFactory.create(practice, client_id)
    for authorization in ("", general):
        with pytest.raises(PolicyDenied):
            create(practice, chart, note_ids=[chart["process"]], unredact=keep,
                   authorization_id=authorization)
    assert disclosure_count(practice) == 0
    process_notes = AuthorizationFactory.create(practice, client_id,
                                                categories=["psychotherapy_notes"])
    excerpt = create(practice, chart, note_ids=[chart["process"]], unredact=keep,
                     authorization_id=process_notes)
    assert "Marisol" in excerpt.text and excerpt.disclosure_id
    assert disclosure_count(practice) == 1


def test_teaching_excerpt_keeps_no_identifier_when_the_client_granted_teaching(
        practice: Practice, chart: dict[str, str]) -> None:
    """The teaching choice is for de-identified material: it never unlocks identifiers."""
    client_id = chart["client_id"]
    sign_consent(practice, client_id)
    practice.services.consent.update_preferences(practice.actor("clinician1"), client_id,
                                                 {"teaching": "granted"})
    keep = keep_initials(practice, chart, purpose="teaching")
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, purpose="teaching", unredact=keep)
    assert refused.value.reason == "teaching-excerpts-are-de-identified"
    excerpt = create(practice, chart, purpose="teaching")
    assert "MQ" not in excerpt.text and not excerpt.disclosure_id
    assert disclosure_count(practice) == 0


def test_supervision_keeps_identifiers_only_for_the_supervisor_of_the_care_team(
        practice: Practice, chart: dict[str, str]) -> None:
    """Supervision inside the practice is not a disclosure, but only the supervisor of a
    clinician on the care team may be the reader, and only under a current consent."""
    client_id = chart["client_id"]
    keep = keep_initials(practice, chart, purpose="supervision")
    supervisor, unrelated = practice.user_id("supervisor"), practice.user_id("supervisor2")
    with pytest.raises(PolicyDenied) as refused:
        create(practice, chart, purpose="supervision", unredact=keep, supervisor_id=supervisor)
    assert refused.value.reason == "consent-not-current"
    sign_consent(practice, client_id)
    for named, reason in (("", "supervision-names-the-supervisor"),
                          (unrelated, "not-a-supervisor-of-the-care-team"),
                          (practice.user_id("clinician3"), "not-a-supervisor-of-the-care-team")):
        with pytest.raises(PolicyDenied) as refused:
            create(practice, chart, purpose="supervision", unredact=keep, supervisor_id=named)
        assert refused.value.reason == reason
    assert scalar(practice, "SELECT count(*) FROM excerpts") == 0
    excerpt = create(practice, chart, purpose="supervision", unredact=keep,
                     supervisor_id=supervisor)
    assert "MQ" in excerpt.text and not excerpt.disclosure_id
    assert [c.change for c in excerpt.changes] == ["unredacted"]
    assert disclosure_count(practice) == 0
    with pytest.raises(InvalidInput, match="authorization_id"):
        request(chart, purpose="supervision", authorization_id="an-authorization")
    with pytest.raises(InvalidInput, match="supervisor_id"):
        request(chart, supervisor_id=supervisor)


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
    preview = practice.services.excerpts.preview(
        practice.actor("clinician1"), chart["client_id"], request(chart, purpose="supervision"))
    span = preview.spans[0]
    excerpt = create(practice, chart, extra="safety plan", purpose="supervision",
                     supervisor_id=practice.user_id("supervisor"), unredact=[
                         {"start": span.start, "end": span.end,
                          "reason": "Zyxqreason: needed for context"}])
    event = next(e.entry for e in practice.services.runtime.audit.events(
        limit=20, client_id=chart["client_id"], tags=(AuditTag.RECORD_EXCERPT_CREATE.value,))
        if e.entry.outcome == "ok")
    details = json.loads(event.details)
    assert details["sha256"] == excerpt.sha256 and details["purpose"] == "supervision"
    assert details["supervisor"] == practice.user_id("supervisor")
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
