"""Owner pages, error pages (HTML for pages, JSON for the API) and page hygiene."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import closeddoor.web
from tests.web.helpers import Practice

TEMPLATES = Path(closeddoor.web.__file__).parent / "templates"


def test_owner_sees_audit_with_names_and_verifies_chain(practice: Practice) -> None:
    owner = practice.browser("owner")
    page = owner.get("/practice/audit")
    assert page.status_code == 200
    assert "Casey Clinician (demo)" in page.text and "record:client:create" in page.text
    verified = owner.post("/practice/audit/verify")
    assert "The audit chain is intact." in verified.text


def test_owner_pages_refused_with_403_when_viewer_is_not_owner(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    for path in ("/practice/audit", "/practice/staff", "/practice/reviews"):
        response = browser.get(path)
        assert response.status_code == 403, path
        assert "access denied: owner-only" in response.text
    assert browser.post("/practice/settings", {"mfa_required": "on"}).status_code == 403
    assert not practice.services.accounts.mfa_required()


def test_owner_adds_staff_and_password_never_echoed_when_it_is_weak(practice: Practice) -> None:
    owner = practice.browser("owner")
    weak = owner.post("/practice/staff", {"username": "newbie", "display_name": "New Person",
                                          "role": "clinician", "password": "short-pw1"})
    assert weak.status_code == 422
    assert "password: must be at least 15 characters" in weak.text
    assert "short-pw1" not in weak.text and 'value="newbie"' in weak.text
    added = owner.post("/practice/staff", {
        "username": "newbie", "display_name": "New Person", "role": "clinician",
        "supervisor_username": "supervisor", "password": "a-long-synthetic-passphrase-9"})
    assert added.url.path == "/practice/staff" and "New Person" in added.text


def test_domain_errors_are_html_on_pages_and_json_on_the_api(practice: Practice) -> None:
    browser = practice.browser("billing")
    page = browser.get("/clients/00000000-0000-0000-0000-000000000000")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "no such client" in page.text
    api = browser.get("/api/v1/clients")
    assert api.status_code == 401 and api.headers["content-type"] == "application/json"
    assert browser.get("/no-such-page").headers["content-type"].startswith("text/html")
    assert browser.get("/api/v1/no-such").headers["content-type"] == "application/json"


def test_unexpected_error_shows_correlation_id_not_its_message(
    practice: Practice, monkeypatch: pytest.MonkeyPatch,
) -> None:
    browser = practice.browser("clinician1")

    def boom(*args: object) -> None:
        raise RuntimeError("synthetic-detail-that-must-stay-hidden")

    monkeypatch.setattr(practice.services.charts, "list_clients", boom)
    response = browser.get("/clients")
    assert response.status_code == 500
    assert "synthetic-detail-that-must-stay-hidden" not in response.text
    assert re.search(r"<code>[0-9a-f]{12}</code>", response.text)


def test_pages_carry_security_headers_when_served(practice: Practice) -> None:
    response = practice.browser().get("/signin")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    assert practice.browser().get("/static/closeddoor.css").status_code == 200


def test_templates_have_no_inline_scripts_styles_or_handlers_when_scanned() -> None:
    banned = re.compile(r"<script|<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)
    # The one allowed form: an empty element that loads a static file (the CSP allows 'self').
    static_script = re.compile(r'<script src="/static/[a-z-]+\.js" defer></script>')
    templates = list(TEMPLATES.rglob("*.html"))
    assert templates
    for template in templates:
        text = static_script.sub("", template.read_text())
        assert not banned.search(text), template.name


def test_owner_staffs_care_team_when_client_has_no_clinician(practice: Practice) -> None:
    billing = practice.browser("billing")
    created = billing.post("/clients/new", {"given_name": "Nova", "family_name": "Example",
                                            "date_of_birth": "1985-02-03"})
    chart_path = created.url.path
    assert "No one is on this client's care team yet." in created.text
    owner = practice.browser("owner")
    clinician_id = practice.user("clinician2").user_id
    staffed = owner.post(f"{chart_path}/care-team", {"user_id": clinician_id})
    assert staffed.url.path == chart_path and "Jordan Clinician (demo)" in staffed.text
    assert "Nova Example" in practice.browser("clinician2").get(chart_path).text


def test_owner_must_enrol_at_once_when_turning_mfa_on(practice: Practice) -> None:
    owner = practice.browser("owner")
    page = owner.get("/practice/settings").text
    assert 'name="mfa_required" type="checkbox" >' in page  # off, not checked
    turned_on = owner.post("/practice/settings", {"mfa_required": "on"})
    assert turned_on.url.path == "/account/mfa"
    assert "Your practice requires an authenticator app." in turned_on.text


def test_owner_chooses_whether_process_note_work_shows_in_access_history(
    practice: Practice,
) -> None:
    owner = practice.browser("owner")
    page = owner.get("/practice/settings").text
    assert 'name="history_shows_process_notes" type="checkbox" >' in page  # off by default
    saved = owner.post("/practice/settings", {"history_shows_process_notes": "on"})
    assert 'name="history_shows_process_notes" type="checkbox" checked>' in saved.text
    assert "The settings were saved." in saved.text
    assert practice.services.portal.history_shows_process_notes()
    owner.post("/practice/settings", {})
    assert not practice.services.portal.history_shows_process_notes()


def test_owner_sets_reminders_and_bad_values_are_named_beside_their_fields_saving_nothing(
    practice: Practice,
) -> None:
    owner = practice.browser("owner")
    page = owner.get("/practice/settings").text
    assert "<legend>Reminders</legend>" in page and 'value="24"' in page
    refused = owner.post("/practice/settings", {
        "mfa_required": "", "history_shows_process_notes": "on", "reminder_lead_hours": "0",
        "quiet_hours_start": "9pm", "quiet_hours_end": "07:00"})
    assert refused.status_code == 422
    assert 'id="reminder_lead_hours-error"' in refused.text
    assert 'id="quiet_hours_start-error"' in refused.text
    assert 'id="quiet_hours_end-error"' not in refused.text
    assert 'value="9pm"' in refused.text  # what was typed stays, to be fixed
    assert not practice.services.portal.history_shows_process_notes()  # nothing saved
    saved = owner.post("/practice/settings", {
        "reminder_lead_hours": "48", "quiet_hours_start": "22:00", "quiet_hours_end": "07:30",
        "reminders_may_name_service": "on"})
    assert "The settings were saved." in saved.text
    chosen = practice.services.reminders.settings()
    assert (chosen.lead_hours, chosen.quiet_start, chosen.quiet_end, chosen.may_name_service) \
        == (48, 22 * 60, 7 * 60 + 30, True)
    clinician = practice.browser("clinician1")
    assert clinician.post("/practice/settings", {"reminder_lead_hours": "2"}).status_code == 403
    assert practice.services.reminders.settings().lead_hours == 48


def test_owner_sees_the_last_successful_restore_drill_when_one_ran(practice: Practice,
                                                                   tmp_path: Path) -> None:
    from closeddoor.accounts.service import SYSTEM_ACTOR

    owner = practice.browser("owner")
    assert re.search(r"Last successful restore drill:\s*<strong>none recorded</strong>",
                     owner.get("/practice/settings").text)
    folder = tmp_path / "backups"
    folder.mkdir()
    practice.services.backups.create(SYSTEM_ACTOR, folder / "monday.backup")
    practice.services.backups.drill(SYSTEM_ACTOR, folder)

    page = owner.get("/practice/settings").text

    shown = re.search(r"Last successful restore drill:\s*<strong>([^<]+)</strong>", page)
    assert shown is not None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \w+", shown.group(1))
