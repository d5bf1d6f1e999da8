"""Changing a chart from its pages: appointment status, and the client's details and contacts."""

from __future__ import annotations

import re

from tests.web.helpers import Practice

STATUS_FORM = re.compile(r'action="/clients/[0-9a-f-]{36}/appointments/([0-9a-f-]{36})/status"')
NEW_DETAILS = {
    "given_name": "Rowan", "family_name": "Placeholder", "date_of_birth": "1979-06-07",
    "preferred_name": "Ro", "pronouns": "they/them", "gender_identity": "non-binary",
    "phone": "555-0199", "email": "rowan.placeholder@example.org",
    "address": "1 Synthetic Way", "emergency_contact": "A. Placeholder, 555-0100",
}


def _status_forms(html: str) -> list[str]:
    return STATUS_FORM.findall(html)


def _status_of(practice: Practice, client_id: str, appointment_id: str) -> str:
    actor = practice.user("clinician1").actor
    views = practice.services.charts.list_appointments(actor, client_id)
    return next(a.status for a in views if a.appointment_id == appointment_id)


def test_clinician_sets_appointment_status_when_on_care_team(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    chart = browser.get(f"/clients/{client_id}").text
    appointment_ids = _status_forms(chart)
    assert len(appointment_ids) == 4  # one form per row
    target = appointment_ids[0]
    assert f'<label for="status-{target}" class="visually-hidden">' in chart
    updated = browser.post(f"/clients/{client_id}/appointments/{target}/status",
                           {"status": "no_show"})
    assert updated.url.path == f"/clients/{client_id}"
    assert _status_of(practice, client_id, target) == "no_show"
    assert re.search(r'<option value="no_show" selected>', updated.text)


def test_billing_sets_appointment_status_when_using_the_front_desk_pages(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("billing")
    target = _status_forms(browser.get(f"/clients/{client_id}").text)[0]
    browser.post(f"/clients/{client_id}/appointments/{target}/status",
                 {"status": "late_cancelled"})
    assert _status_of(practice, client_id, target) == "late_cancelled"


def test_status_forms_hidden_and_post_refused_when_viewer_may_not_write(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    target = _status_forms(practice.browser("clinician1").get(f"/clients/{client_id}").text)[0]
    supervisor = practice.browser("supervisor")
    chart = supervisor.get(f"/clients/{client_id}").text
    assert "90834" in chart and not _status_forms(chart)
    refused = supervisor.post(f"/clients/{client_id}/appointments/{target}/status",
                              {"status": "cancelled"})
    assert refused.status_code == 403
    assert _status_of(practice, client_id, target) != "cancelled"


def test_status_change_rerenders_with_422_when_status_is_unknown(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    target = _status_forms(browser.get(f"/clients/{client_id}").text)[0]
    response = browser.post(f"/clients/{client_id}/appointments/{target}/status",
                            {"status": "vanished"})
    assert response.status_code == 422
    assert "status: one of scheduled, attended" in response.text


def test_status_change_answers_404_when_appointment_is_not_this_clients(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    clients = practice.services.charts.list_clients(practice.user("clinician1").actor)
    other_id = clients[1].client_id
    other_appointment = _status_forms(browser.get(f"/clients/{other_id}").text)[0]
    response = browser.post(f"/clients/{client_id}/appointments/{other_appointment}/status",
                            {"status": "cancelled"})
    assert response.status_code == 404
    assert _status_of(practice, other_id, other_appointment) != "cancelled"


def test_status_change_refused_with_403_when_csrf_token_missing(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    target = _status_forms(browser.get(f"/clients/{client_id}").text)[0]
    before = _status_of(practice, client_id, target)
    response = browser.post(f"/clients/{client_id}/appointments/{target}/status",
                            {"status": "cancelled"}, with_token=False)
    assert response.status_code == 403
    assert _status_of(practice, client_id, target) == before


def test_edit_form_is_prefilled_from_the_chart_when_opened(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    record = practice.services.charts.get_client(practice.user("clinician1").actor, client_id)
    browser = practice.browser("clinician1")
    chart = browser.get(f"/clients/{client_id}").text
    assert f'href="/clients/{client_id}/edit"' in chart
    form = browser.get(f"/clients/{client_id}/edit").text
    assert f'action="/clients/{client_id}/edit"' in form
    for name in ("given_name", "family_name", "date_of_birth"):
        assert f'value="{record.demographics[name]}"' in form
    assert f'value="{record.contacts["email"]}"' in form
    for name in NEW_DETAILS:
        assert f'<label for="{name}">' in form, name


def test_edited_details_are_saved_and_searchable_when_form_is_valid(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    saved = browser.post(f"/clients/{client_id}/edit", NEW_DETAILS)
    assert saved.url.path == f"/clients/{client_id}"
    assert "Rowan Placeholder (Ro)" in saved.text
    for value in ("they/them", "555-0199", "1 Synthetic Way", "A. Placeholder, 555-0100"):
        assert value in saved.text
    found = browser.post("/clients/search", {"name": "Rowan Placeholder"})
    assert f"/clients/{client_id}" in found.text


def test_billing_edits_contacts_when_using_the_front_desk_pages(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("billing")
    assert "Edit details" in browser.get(f"/clients/{client_id}").text
    saved = browser.post(f"/clients/{client_id}/edit", NEW_DETAILS)
    assert saved.url.path == f"/clients/{client_id}" and "555-0199" in saved.text
    assert "The client&#39;s details were saved." in saved.text


def test_edit_rerenders_with_422_and_keeps_input_when_invalid(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    bad = browser.post(f"/clients/{client_id}/edit",
                       {**NEW_DETAILS, "date_of_birth": "not-a-date", "email": "nowhere",
                        "pronouns": "x" * 41})
    assert bad.status_code == 422
    # every problem at once, each beside its field, named in words with how to fix it
    for field in ("date_of_birth", "email", "pronouns"):
        assert f'id="{field}-error"' in bad.text
    assert "Date of birth: enter the date of birth as YYYY-MM-DD" in bad.text
    assert "Pronouns: at most 40 characters" in bad.text
    assert 'maxlength="40"' in bad.text
    assert 'value="Rowan"' in bad.text and 'value="not-a-date"' in bad.text
    record = practice.services.charts.get_client(practice.user("clinician1").actor, client_id)
    assert record.demographics["given_name"] != "Rowan"


def test_edit_not_offered_and_refused_when_viewer_may_not_write(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    supervisor = practice.browser("supervisor")
    assert f'href="/clients/{client_id}/edit"' not in supervisor.get(f"/clients/{client_id}").text
    page = supervisor.get(f"/clients/{client_id}/edit")  # refused on opening, not on submit
    assert page.status_code == 403 and "access denied: not-on-care-team" in page.text
    assert f'action="/clients/{client_id}/edit"' not in page.text
    refused = supervisor.post(f"/clients/{client_id}/edit", NEW_DETAILS)
    assert refused.status_code == 403
    offered = practice.browser("clinician2").get(f"/clients/{client_id}/edit")
    assert offered.status_code == 404 and "break the glass" in offered.text
