"""The de-identified excerpt pages: choose notes and a purpose, the preview highlights every
span by category, extra redactions and reasoned un-redactions, the excerpt as text and PDF."""

from __future__ import annotations

import re

from tests.web.helpers import Practice, visible_text

MARKS = re.compile(r'<mark class="deid deid-(\w+)" data-label="(\w+)" id="span-(\d+)-(\d+)"'
                   r'[^>]*>([^<]*)<span class="visually-hidden">')


def test_preview_highlights_the_charts_identifiers_and_the_excerpt_drops_them(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    demographics = practice.services.charts.get_client(
        practice.user("clinician1").actor, client_id).demographics
    given = demographics["given_name"]
    note_id = practice.services.notes.create_note(
        practice.user("clinician1").actor, client_id,
        {"kind": "progress", "format": "free", "sign": True,
         "body": f"{given} met her brother at Riverside Diner; call back on 555-867-5309."})
    chooser = browser.get(f"/clients/{client_id}/excerpts/new")
    assert chooser.status_code == 200 and note_id in chooser.text
    preview = browser.post(f"/clients/{client_id}/excerpts/preview",
                           {"note_ids": [note_id], "purpose": "consultation"})
    assert preview.status_code == 200, visible_text(preview.text)
    marked = {(label, text) for _, label, _, _, text in MARKS.findall(preview.text)}
    assert ("NAME", given) in marked
    assert ("PHONE", "555-867-5309") in marked
    produced = browser.post(f"/clients/{client_id}/excerpts", {
        "note_ids": [note_id], "purpose": "consultation", "output": "tags",
        "extra": "brother", "extra_label": "ORGANIZATION", "format": "text"})
    assert produced.status_code == 200, visible_text(produced.text)
    shown = visible_text(produced.text)
    excerpt = re.search(r'<pre class="excerpt-text"[^>]*>(.*?)</pre>', produced.text, re.S)
    assert excerpt is not None
    assert given not in excerpt.group(1) and "Riverside" not in excerpt.group(1)
    assert "brother" not in excerpt.group(1)
    assert "[NAME]" in excerpt.group(1) and "[ORGANIZATION]" in excerpt.group(1)
    assert "1 added, 0 kept visible" in shown
    pdf = browser.post(f"/clients/{client_id}/excerpts", {
        "note_ids": [note_id], "purpose": "teaching", "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    assert client_id not in pdf.headers["content-disposition"]


def test_keeping_a_span_visible_is_refused_without_consent(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    note = practice.services.notes.list_progress_notes(practice.user("clinician1").actor,
                                                       client_id)[0]
    preview = browser.post(f"/clients/{client_id}/excerpts/preview",
                           {"note_ids": [note.note_id], "purpose": "teaching"})
    assert "teaching consent" in visible_text(preview.text)
    spans = MARKS.findall(preview.text)
    assert spans
    _, _, start, end, _ = spans[0]
    refused = browser.post(f"/clients/{client_id}/excerpts", {
        "note_ids": [note.note_id], "purpose": "teaching", f"keep-{start}-{end}": "on",
        f"why-{start}-{end}": "The detail matters for the lesson", "format": "text"})
    assert refused.status_code == 403
    assert "must be fully de-identified" in visible_text(refused.text)


def test_billing_is_offered_no_excerpts(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing")
    assert f"/clients/{client_id}/excerpts/new" not in billing.get(f"/clients/{client_id}").text
    refused = billing.post(f"/clients/{client_id}/excerpts/preview",
                           {"note_ids": ["x"], "purpose": "consultation"})
    assert refused.status_code in (403, 404)
