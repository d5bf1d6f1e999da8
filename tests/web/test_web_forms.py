"""Forms that speak to people (issue 14), on the staff pages not covered elsewhere: every problem
at once, each beside its field and named in words, what was typed kept, nothing changed on a
refusal, over-long text refused rather than cut, and a visible message after each save."""

from __future__ import annotations

import re

from tests.web.helpers import Practice, visible_text
from tests.web.test_web_disclosures import AUTHORIZATION, create_authorization

ERROR = re.compile(r'<p class="field-error" id="([^"]+)-error">([^<]*)</p>')


def beside(html: str) -> dict[str, str]:
    """Each field's error as the page shows it beside the field: element id -> words."""
    return {element: " ".join(words.split()) for element, words in ERROR.findall(html)}


def described(html: str, element: str) -> bool:
    """The field is marked invalid and points at its error."""
    tag = re.search(rf'<(?:input|select|textarea|fieldset)[^>]*id="{element}"[^>]*>', html)
    return bool(tag) and 'aria-invalid="true"' in tag.group(0) and \
        f"{element}-error" in tag.group(0)


def test_booking_shows_every_problem_beside_its_field_and_books_nothing(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    actor = practice.user("clinician1").actor
    before = practice.services.charts.list_appointments(actor, client_id)
    refused = browser.post(f"/clients/{client_id}/appointments/new", {
        "date": "next Tuesday", "time": "14:30", "duration_minutes": "50", "fee": "lots",
        "cpt_code": "9083X", "room": "R" * 61, "modality": "in_person"})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert errors["date"].startswith("Date: enter the date as YYYY-MM-DD")
    assert errors["fee"].startswith("Fee (dollars): an amount such as 150.00")
    assert errors["cpt_code"] == "CPT code: enter the 5-digit CPT code, for example 90834"
    assert errors["room"].startswith("Room (in person only): at most 60")  # refused, not cut
    assert described(refused.text, "date") and described(refused.text, "cpt_code")
    assert 'value="next Tuesday"' in refused.text and 'value="9083X"' in refused.text
    assert practice.services.charts.list_appointments(actor, client_id) == before
    booked = browser.post(f"/clients/{client_id}/appointments/new", {
        "date": "2031-03-04", "time": "10:00", "duration_minutes": "50", "fee": "150",
        "modality": "in_person"})
    assert booked.status_code == 200 and "The appointment was booked." in booked.text


def test_authorization_signing_names_both_problems_and_signs_nothing(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    location = create_authorization(browser, client_id)
    created = browser.get(f"{location}?done=created")
    assert "The authorization was created." in visible_text(created.text)
    sha = re.search(r'name="text_sha256" value="([0-9a-f]{64})"', created.text)
    assert sha
    refused = browser.post(f"{location}/sign", {"text_sha256": sha.group(1),
                                                "signer_name": "", "signer_kind": "client"})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert errors["signer_name"] == "Full name: type the full name of the person signing"
    assert errors["confirm"].startswith("Read and understood: tick the box")
    assert described(refused.text, "signer_name") and described(refused.text, "confirm")
    assert 'href="#signer_name"' in refused.text  # the summary links to the field
    page = browser.get(location).text
    assert 'name="text_sha256"' in page  # still unsigned: the signing form is offered


def test_new_authorization_refuses_over_long_text_beside_its_field(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    before = practice.services.authorizations.list_authorizations(
        practice.user("clinician1").actor, client_id)
    refused = browser.post(f"/clients/{client_id}/authorizations", AUTHORIZATION | {
        "purpose": "p" * 401, "records_to": "soon", "categories": []})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert errors["purpose"].startswith("Purpose: at most 400 characters")
    assert errors["records_to"] == "Records dated to: use YYYY-MM-DD"
    assert errors["categories"] == "Information to disclose: tick at least one kind of information"
    assert "p" * 401 in refused.text  # kept, for the person to shorten
    assert practice.services.authorizations.list_authorizations(
        practice.user("clinician1").actor, client_id) == before


def test_preferences_name_every_problem_at_once_and_refuse_a_too_long_number(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    refused = browser.post(f"/clients/{client_id}/preferences", {
        "telehealth": "granted", "voicemail": "on", "email_reminders": "on",
        "reminder_phone": "5" * 41, "reminder_email": "not an address"})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert errors["reminder_phone"] == ("Phone number for reminders: at most 40 characters "
                                        "(shorten it)")
    assert errors["reminder_email"].startswith("E-mail address for reminders: enter an e-mail")
    assert "Fix these 2 problems" in visible_text(refused.text)
    assert 'value="not an address"' in refused.text


def test_excerpt_chooser_shows_the_problem_beside_the_notes(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    refused = browser.post(f"/clients/{client_id}/excerpts/preview",
                           {"purpose": "teaching", "passage": "kept as typed"})
    assert refused.status_code == 422
    assert beside(refused.text)["notes"] == "Notes: choose at least one note"
    assert described(refused.text, "notes")
    assert 'value="teaching" checked' in refused.text and "kept as typed" in refused.text


def test_legal_basis_disclosure_names_each_missing_fact_beside_it(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    before = practice.services.disclosures.list_disclosures(
        practice.user("clinician1").actor, client_id)
    refused = browser.post(f"/clients/{client_id}/disclosures", {
        "authority": "legal-basis", "legal_basis": "court_order", "recipient_name": "",
        "recipient_contact": "Clerk of court, synthetic", "purpose": "Order", "categories": [],
        "justification": ""})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert len(errors) >= 2, errors  # several problems at once, each by its field
    assert all(":" in words for words in errors.values())
    assert 'value="Clerk of court, synthetic"' in refused.text
    assert practice.services.disclosures.list_disclosures(
        practice.user("clinician1").actor, client_id) == before


def test_settings_refuse_a_too_long_fee_notice_and_save_nothing_else(practice: Practice) -> None:
    browser = practice.browser("owner")
    zone_before = practice.services.charts.scheduling_settings().time_zone
    refused = browser.post("/practice/settings", {
        "time_zone": "America/Chicago", "late_cancel_hours": "twelve", "rooms": "Room 1",
        "accounting_fee_notice": "f" * 1001})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert errors["accounting_fee_notice"].startswith("Fee notice: at most 1000 characters")
    assert errors["late_cancel_hours"].startswith("Late-cancel window:")
    assert practice.services.charts.scheduling_settings().time_zone == zone_before
    assert practice.services.oversight.fee_notice() != "f" * 1001
    saved = browser.post("/practice/settings", {
        "time_zone": "America/Chicago", "late_cancel_hours": "12", "rooms": "Room 1",
        "accounting_fee_notice": "A second accounting costs $10 (synthetic)."})
    assert saved.status_code == 200 and "The settings were saved." in saved.text


def test_adding_staff_names_every_problem_beside_its_field(practice: Practice) -> None:
    browser = practice.browser("owner")
    users_before = len(practice.services.accounts.list_users(practice.user("owner").actor))
    refused = browser.post("/practice/staff", {"username": "9bad name", "display_name": "",
                                               "role": "clinician", "password": "short"})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert {"username", "display_name", "password"} <= errors.keys(), errors
    assert errors["password"].startswith("First password: must be at least")
    assert 'value="9bad name"' in refused.text and "short" not in re.findall(
        r'name="password"[^>]*', refused.text)[0]  # the password is never put back
    assert len(practice.services.accounts.list_users(practice.user("owner").actor)) == \
        users_before
    added = browser.post("/practice/staff", {
        "username": "casey.new", "display_name": "Casey New (synthetic)", "role": "billing",
        "password": "a long synthetic passphrase for casey"})
    assert added.status_code == 200 and "The staff member was added" in added.text



def test_restriction_and_amendment_forms_put_problems_beside_their_fields_through_one_fragment(
        practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    refused = browser.post(f"/clients/{client_id}/restrictions", {
        "received_via": "by pigeon", "kind": "general", "recipient_kind": "",
        "services_from": "someday", "details": "Kept as typed (synthetic)."})
    assert refused.status_code == 422
    errors = beside(refused.text)
    assert errors and all(element.endswith("-new") for element in errors), errors
    assert all(described(refused.text, element) for element in errors)
    assert "Kept as typed (synthetic)." in refused.text
    assert practice.services.restrictions.list_restrictions(
        practice.user("clinician1").actor, client_id) == []
    asked = browser.post(f"/clients/{client_id}/amendments", {
        "note_id": "", "change": "", "reason": "Kept reason (synthetic).",
        "received_on": "not a day"})
    assert asked.status_code == 422
    errors = beside(asked.text)
    assert errors.get("paper-received", "").startswith("Received on:"), errors
    assert described(asked.text, "paper-received")
    assert "Kept reason (synthetic)." in asked.text
