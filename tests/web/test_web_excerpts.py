"""The de-identified excerpt pages: choose notes and a purpose, the preview highlights every
span by category, extra redactions and reasoned un-redactions, the excerpt as text and PDF."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.factories import AuthorizationFactory
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


def test_keeping_a_span_visible_in_teaching_is_refused_when_teaching_was_granted(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    clinician = practice.user("clinician1").actor
    note = practice.services.notes.list_progress_notes(clinician, client_id)[0]
    practice.services.consent.update_preferences(clinician, client_id, {"teaching": "granted"})
    preview = browser.post(f"/clients/{client_id}/excerpts/preview",
                           {"note_ids": [note.note_id], "purpose": "teaching"})
    assert "A teaching excerpt is de-identified" in visible_text(preview.text)
    spans = MARKS.findall(preview.text)
    assert spans
    _, _, start, end, _ = spans[0]
    refused = browser.post(f"/clients/{client_id}/excerpts", {
        "note_ids": [note.note_id], "purpose": "teaching", f"keep-{start}-{end}": "on",
        f"why-{start}-{end}": "The detail matters for the lesson", "format": "text"})
    assert refused.status_code == 403
    assert "A teaching excerpt is de-identified" in visible_text(refused.text)


def test_billing_is_offered_no_excerpts(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing")
    assert f"/clients/{client_id}/excerpts/new" not in billing.get(f"/clients/{client_id}").text
    refused = billing.post(f"/clients/{client_id}/excerpts/preview",
                           {"note_ids": ["x"], "purpose": "consultation"})
    assert refused.status_code in (403, 404)


def test_identifiable_consultation_excerpt_page_says_it_is_a_disclosure_when_authorized(
        practice: Practice) -> None:
    clinician = practice.user("clinician1").actor
    client_id = practice.first_client_of("clinician1")
    given = practice.services.charts.get_client(clinician, client_id).demographics["given_name"]
    note_id = practice.services.notes.create_note(clinician, client_id, {
        "kind": "progress", "format": "free", "sign": True,
        "body": f"{given} described the week in detail."})
    today = practice.clock.now().date()
    authorization_id = practice.services.authorizations.create(
        clinician, client_id, AuthorizationFactory.data(
            categories=["progress_notes"], records_from=(today - timedelta(days=30)).isoformat(),
            records_to=today.isoformat(), expires_on=(today + timedelta(days=90)).isoformat()))
    form = practice.services.authorizations.form(clinician, client_id, authorization_id)
    practice.services.authorizations.sign(clinician, client_id, authorization_id,
                                          text_sha256=form.sha256, signer_name="Alex Synthetic",
                                          signer_kind="client")
    browser = practice.browser("clinician1")
    # The form offers the signed authorization by recipient, not as an id to type.
    choose = browser.get(f"/clients/{client_id}/excerpts/new").text
    assert f'<option value="{authorization_id}" >' in choose
    preview = browser.post(f"/clients/{client_id}/excerpts/preview", {
        "note_ids": [note_id], "purpose": "consultation", "authorization_id": authorization_id})
    assert f'name="authorization_id" value="{authorization_id}"' in preview.text
    _, _, start, end, _ = next(m for m in MARKS.findall(preview.text) if m[4] == given)
    keep = {"note_ids": [note_id], "purpose": "consultation", f"keep-{start}-{end}": "on",
            f"why-{start}-{end}": "The consultant is treating the client too", "format": "text"}
    refused = browser.post(f"/clients/{client_id}/excerpts", keep)
    assert refused.status_code == 403
    assert "A consultation excerpt is de-identified" in visible_text(refused.text)
    produced = browser.post(f"/clients/{client_id}/excerpts",
                            keep | {"authorization_id": authorization_id})
    assert produced.status_code == 200, visible_text(produced.text)
    shown = visible_text(produced.text)
    assert "Excerpt disclosed under the client's authorization" in shown
    assert "listed in the client's accounting of disclosures" in shown
    assert given in shown


def test_excerpt_form_offers_the_care_teams_supervisors_by_name(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    page = practice.browser("clinician1").get(f"/clients/{client_id}/excerpts/new").text
    supervisor = practice.user("supervisor")
    assert f'<option value="{supervisor.user_id}" >{supervisor.display_name}</option>' in page
    choices = page.split('id="supervisor_id"', 1)[1].split("</select>", 1)[0]
    assert choices.count("<option") == 2  # "None" and the one supervisor of clinician1
