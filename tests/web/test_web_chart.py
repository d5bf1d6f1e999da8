"""The chart pages: who sees which section, notes and addenda, break-glass, forms."""

from __future__ import annotations

import re

from tests.web.helpers import Practice, visible_text

NOTE_TEXT = "Client described"  # every demo progress note says this


def _write_progress_note(practice: Practice, client_id: str, marker: str) -> str:
    browser = practice.browser("clinician1")
    response = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "soap", "session_date": practice.clock.now().date().isoformat(),
        "section_subjective": marker, "section_plan": "Meet again next week.",
        "action": "sign"})
    assert response.status_code == 200
    match = re.search(r"/notes/([0-9a-f-]{36})/sign$", response.url.path)
    assert match, "saving and signing first asks to confirm"
    signed = browser.post(f"{response.url.path}", {"confirm": "sign"})
    assert "The note was signed and locked." in signed.text
    return match.group(1)


def test_billing_sees_appointments_but_no_notes_section_when_opening_chart(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    _write_progress_note(practice, client_id, "billing-must-not-see-this-marker")
    page = practice.browser("billing").get(f"/clients/{client_id}").text
    assert "90834" in page and "$150.00" in page
    assert 'id="notes"' not in page and "Progress notes" not in page
    assert NOTE_TEXT not in page
    assert "billing-must-not-see-this-marker" not in page
    assert "psychotherapy" not in page.lower()


def test_billing_gets_403_page_when_opening_a_note_directly(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    note_id = _write_progress_note(practice, client_id, "direct-link-marker")
    response = practice.browser("billing").get(f"/clients/{client_id}/notes/{note_id}")
    assert response.status_code == 403
    assert "direct-link-marker" not in response.text
    assert "text/html" in response.headers["content-type"]


def test_owner_sees_sections_not_available_when_not_on_care_team(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    page = practice.browser("owner").get(f"/clients/{client_id}").text
    assert "Appointments are not available to your role." in page
    assert "Progress notes are not available to your role." in page
    assert NOTE_TEXT not in page


def test_supervisor_reads_progress_notes_but_never_psychotherapy_notes(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    secret = "process-note-marker-for-author-only"
    clinician.post(f"/clients/{client_id}/psychotherapy-notes", {"body": secret})
    assert secret in clinician.get(f"/clients/{client_id}/psychotherapy-notes").text

    supervisor = practice.browser("supervisor")
    chart = supervisor.get(f"/clients/{client_id}").text
    tab = supervisor.get(f"/clients/{client_id}/psychotherapy-notes").text
    assert NOTE_TEXT in chart
    assert secret not in chart and secret not in tab
    assert "Psychotherapy notes are not available to your role." in tab


def test_note_is_drafted_signed_and_addended_when_author_uses_pages(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    draft = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "free", "body": "draft-marker text", "action": "draft"})
    assert "Draft · session" in draft.text and "draft-marker text" in draft.text
    assert "The draft was saved." in draft.text
    note_path = draft.url.path
    edited = browser.post(f"{note_path}/edit", {"format": "free", "body": "edited-marker text",
                                               "action": "draft"})
    assert "edited-marker text" in edited.text
    signed = browser.post(f"{note_path}/sign", {"confirm": "sign"})
    assert "Add an addendum" in signed.text and "Save draft" not in signed.text
    addended = browser.post(f"{note_path}/addenda", {"body": "addendum-marker correction"})
    assert addended.url.path == note_path
    assert "addendum-marker correction" in addended.text
    assert "addendum-marker correction" in browser.get(f"/clients/{client_id}").text


def test_note_form_keeps_typed_text_with_422_when_input_is_invalid(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    empty = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "dap", "section_data": "   ", "action": "sign"})
    assert empty.status_code == 422
    assert "Note: write at least one section" in empty.text
    bad_date = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "dap", "section_data": "typed-words-kept", "session_date": "not-a-date",
        "action": "sign"})
    assert bad_date.status_code == 422
    assert "Session date: use YYYY-MM-DD" in bad_date.text
    assert "typed-words-kept" in bad_date.text and 'value="not-a-date"' in bad_date.text


def test_clinician_creates_client_and_books_appointment_when_forms_are_valid(
    practice: Practice,
) -> None:
    browser = practice.browser("clinician1")
    created = browser.post("/clients/new", {"given_name": "Testa", "family_name": "Synthetic",
                                            "date_of_birth": "1990-04-05"})
    assert created.status_code == 200 and "Testa Synthetic" in created.text
    chart_path = created.url.path
    practice.services.problems.add(practice.user("clinician1").actor,
                                   chart_path.split("/")[-1],
                                   {"code": "F41.1"})  # the appointment's code is on the list
    booked = browser.post(f"{chart_path}/appointments/new", {
        "date": "2030-01-15", "time": "09:30", "duration_minutes": "45",
        "modality": "in_person", "status": "scheduled", "cpt_code": "90832",
        "icd10_code": "F41.1", "fee": "120.50"})
    assert booked.url.path == chart_path
    assert "2030-01-15" in booked.text and "$120.50" in booked.text and "45 min" in booked.text


def test_appointment_form_rerenders_with_422_when_fee_is_not_money(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    response = practice.browser("clinician1").post(
        f"/clients/{client_id}/appointments/new",
        {"date": "2030-01-15", "time": "nine", "fee": "lots"})
    assert response.status_code == 422
    # Both problems at once, each beside its field.
    assert 'id="fee-error">Fee (dollars): an amount such as 150.00' in response.text
    assert 'id="time-error">' in response.text and 'aria-invalid="true"' in response.text


def test_search_finds_client_by_name_through_post_only(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    record = practice.services.charts.get_client(practice.user("clinician1").actor, client_id)
    browser = practice.browser("clinician1")
    found = browser.post("/clients/search", {"name": record.demographics["family_name"]})
    assert f"/clients/{client_id}" in found.text and "Search results" in found.text
    name = record.demographics["family_name"]
    assert "Search results" not in browser.get(f"/clients/search?name={name}").text


def test_break_glass_opens_chart_with_expiry_banner_when_reason_given(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician2")
    offer = browser.get(f"/clients/{client_id}")
    assert offer.status_code == 404
    assert "Emergency access (break the glass)" in offer.text
    too_short = browser.post(f"/clients/{client_id}/break-glass", {"reason": "urgent"})
    assert too_short.status_code == 422
    opened = browser.post(f"/clients/{client_id}/break-glass",
                          {"reason": "Client called in crisis; covering clinician."})
    assert opened.status_code == 200 and opened.url.path == f"/clients/{client_id}"
    expires = practice.clock.now() + practice.services.settings.break_glass_duration
    banner = f"Emergency access — expires at {expires:%H:%M} UTC"
    assert banner in visible_text(opened.text)
    assert NOTE_TEXT in opened.text
    assert banner in visible_text(browser.get(f"/clients/{client_id}").text)

    owner = practice.browser("owner")
    queue = owner.get("/practice/reviews")
    assert "Client called in crisis; covering clinician." in queue.text
    grant_id = re.search(r'action="/practice/reviews/([0-9a-f-]{36})"', queue.text)
    assert grant_id
    reviewed = owner.post(f"/practice/reviews/{grant_id.group(1)}",
                          {"comment": "Confirmed with the covering clinician."})
    assert "Nothing is waiting for review." in reviewed.text


def test_break_glass_not_offered_when_viewer_is_not_a_clinician(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician2")
    response = practice.browser("supervisor").get(f"/clients/{client_id}")
    assert response.status_code == 404
    assert "break the glass" not in response.text
