"""Notes that are safe to write (issue 15), through the pages: switching the format keeps what
was typed, choosing an appointment fills the session date and service code, a future session
date is refused beside its field, signing asks first and says what it locks, every save says it
saved, a draft's text shows once, the chart folds notes under a summary; and a supervisor's
co-sign queue."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.web.helpers import Browser, Practice, visible_text

DRAFT_PATH = re.compile(r"^/clients/[0-9a-f-]{36}/notes/([0-9a-f-]{36})$")


def _notes_of(practice: Practice, client_id: str) -> list[str]:
    return [n.note_id for n in practice.services.notes.list_progress_notes(
        practice.user("clinician1").actor, client_id)]


def _draft(browser: Browser, client_id: str, text: str) -> str:
    saved = browser.post(f"/clients/{client_id}/notes/new",
                         {"format": "free", "body": text, "action": "draft"})
    assert saved.status_code == 200
    assert DRAFT_PATH.match(saved.url.path)
    return saved.url.path


def test_switching_format_keeps_every_word_and_saves_nothing(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    before = _notes_of(practice, client_id)
    switched = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "soap", "switch_to": "dap", "action": "switch", "session_date": "2026-01-05",
        "section_subjective": "subjective-words-kept", "section_objective": "objective-kept",
        "section_assessment": "assessment-kept", "section_plan": "plan-kept"})
    assert switched.status_code == 200
    page = switched.text
    assert 'name="format" value="dap"' in page
    assert 'name="section_subjective"' not in page and 'name="section_data"' in page
    for words in ("subjective-words-kept", "objective-kept", "assessment-kept", "plan-kept"):
        assert words in page
    assert 'value="2026-01-05"' in page
    assert "Everything you typed is kept" in visible_text(page)
    assert _notes_of(practice, client_id) == before  # switching saves nothing

    back = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "dap", "switch_to": "free", "action": "switch",
        "section_data": "data-kept", "section_plan": "plan-kept"})
    assert 'name="body"' in back.text
    assert "data-kept" in back.text and "plan-kept" in back.text


def test_switching_a_drafts_format_keeps_its_text(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    path = _draft(browser, client_id, "draft-words-to-move")
    switched = browser.post(f"{path}/edit", {"format": "free", "switch_to": "birp",
                                            "action": "switch", "body": "draft-words-to-move"})
    assert switched.status_code == 200
    assert 'name="format" value="birp"' in switched.text
    assert 'name="section_behavior"' in switched.text
    assert "draft-words-to-move" in switched.text
    # Not saved until the clinician saves: the stored draft is still free text.
    note_id = path.rsplit("/", 1)[1]
    stored = practice.services.notes.get_note(practice.user("clinician1").actor, client_id,
                                              note_id)
    assert stored.note_format == "free"


def test_choosing_an_appointment_fills_session_date_and_service_code(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.user("clinician1").actor
    when = practice.clock.now() - timedelta(days=3)
    appointment_id = practice.services.charts.create_appointment(
        clinician, client_id, {"starts_at": when.replace(hour=15, minute=0).isoformat(),
                               "cpt_code": "90837"})
    local_day = (practice.services.charts.list_appointments(clinician, client_id))
    chosen = next(a for a in local_day if a.appointment_id == appointment_id)
    zone = practice.services.charts.practice_zone()
    expected = chosen.starts_at.astimezone(zone).date().isoformat()
    browser = practice.browser("clinician1")
    form = browser.get(f"/clients/{client_id}/notes/new").text
    assert f'data-date="{expected}"' in form and 'data-code="90837"' in form  # for the script
    filled = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "free", "body": "typed-before-choosing", "appointment_id": appointment_id,
        "session_date": "", "action": "use_appointment"})
    assert filled.status_code == 200
    assert f'value="{expected}"' in filled.text
    assert "Service code 90837 (from the appointment)." in filled.text
    assert "typed-before-choosing" in filled.text
    none = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "free", "body": "kept", "appointment_id": "", "action": "use_appointment"})
    assert none.status_code == 422
    assert "Appointment: choose an appointment from the list first" in none.text


def test_future_session_date_refused_beside_the_field_and_text_kept(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    before = _notes_of(practice, client_id)
    tomorrow = (practice.services.notes.local_today() + timedelta(days=1)).isoformat()
    refused = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "soap", "session_date": tomorrow, "section_plan": "future-typed-words",
        "action": "draft"})
    assert refused.status_code == 422
    assert 'id="session_date-error"' in refused.text
    assert "Session date: a future date is not allowed" in visible_text(refused.text)
    assert 'aria-invalid="true"' in refused.text
    assert "future-typed-words" in refused.text
    assert _notes_of(practice, client_id) == before
    # Both problems at once: an empty note and a future date.
    both = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "soap", "session_date": tomorrow, "action": "draft"})
    assert "Please fix the 2 problems" in both.text
    assert "Note: write at least one section" in both.text
    assert 'id="session_date-error"' in both.text


def test_signing_asks_first_and_a_bare_post_signs_nothing(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    path = _draft(browser, client_id, "to-be-signed-words")
    note_id = path.rsplit("/", 1)[1]
    bare = browser.post(f"{path}/sign")  # no confirmation: shown the question instead
    assert bare.url.path == f"{path}/sign"
    words = visible_text(bare.text)
    assert "Sign this note?" in words
    assert "its text can no longer change" in words and "addenda" in words
    assert "cannot be undone" in words
    stored = practice.services.notes.get_note(practice.user("clinician1").actor, client_id,
                                              note_id)
    assert stored.status == "draft"
    signed = browser.post(f"{path}/sign", {"confirm": "sign"})
    assert signed.url.path == path
    assert "The note was signed and locked." in signed.text
    assert practice.services.notes.get_note(practice.user("clinician1").actor, client_id,
                                            note_id).status == "signed"
    # A signed note's confirmation page goes back to the note.
    assert browser.get(f"{path}/sign").url.path == path


def test_save_and_sign_saves_the_draft_then_asks(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    asked = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "free", "body": "save-then-ask", "action": "sign"})
    assert asked.url.path.endswith("/sign")
    assert "The draft was saved." in asked.text and "Sign this note?" in asked.text
    note_id = asked.url.path.split("/")[-2]
    assert practice.services.notes.get_note(practice.user("clinician1").actor, client_id,
                                            note_id).status == "draft"
    edited = browser.post(asked.url.path.removesuffix("/sign") + "/edit", {
        "format": "free", "body": "save-then-ask, revised", "action": "sign"})
    assert edited.url.path.endswith("/sign") and "save-then-ask, revised" in edited.text


def test_every_save_says_so_and_a_draft_shows_its_text_once(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    saved = browser.post(f"/clients/{client_id}/notes/new", {
        "format": "free", "body": "shown-once-marker", "action": "draft"})
    assert "The draft was saved." in saved.text
    assert saved.text.count("shown-once-marker") == 1
    edited = browser.post(f"{saved.url.path}/edit", {"format": "free", "action": "draft",
                                                    "body": "shown-once-edited"})
    assert "The draft was saved." in edited.text
    assert edited.text.count("shown-once-edited") == 1
    browser.post(f"{saved.url.path}/sign", {"confirm": "sign"})
    addended = browser.post(f"{saved.url.path}/addenda", {"body": "an addendum marker"})
    assert "The addendum was saved" in addended.text


def test_chart_folds_each_note_under_a_summary(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    path = _draft(browser, client_id, "folded-note-marker")
    browser.post(f"{path}/sign", {"confirm": "sign"})
    chart = browser.get(f"/clients/{client_id}").text
    folded = re.search(r'<details class="note-body">\s*<summary>Show the full note</summary>'
                       r'(.*?)</details>', chart, re.S)
    assert folded, "the chart's notes open with one click"
    assert any("folded-note-marker" in d for d in
               re.findall(r'<details class="note-body">(.*?)</details>', chart, re.S))
    assert chart.count("folded-note-marker") == 1


def test_supervisor_reviews_and_cosigns_from_the_queue(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    path = _draft(clinician, client_id, "for-supervision-marker")
    clinician.post(f"{path}/sign", {"confirm": "sign"})
    supervisor = practice.browser("supervisor")
    queue = supervisor.get("/cosign")
    assert queue.status_code == 200
    assert f'href="{path}"' in queue.text
    assert "for-supervision-marker" not in queue.text  # dates and names, never the text
    assert 'href="/cosign"' in queue.text  # in the supervisor's navigation
    review = supervisor.get(path)
    assert "for-supervision-marker" in review.text and "Co-sign this note" in review.text
    cosigned = supervisor.post(f"{path}/cosign")
    assert cosigned.url.path == path
    words = visible_text(cosigned.text)
    assert "Your co-signature was recorded." in words
    assert "co-signed by Sam Supervisor (demo)" in words
    assert "Co-sign this note" not in cosigned.text
    assert f'href="{path}"' not in supervisor.get("/cosign").text
    note = practice.services.notes.get_note(practice.user("clinician1").actor, client_id,
                                            path.rsplit("/", 1)[1])
    assert (note.status, note.body) == ("signed", "for-supervision-marker")


def test_cosign_button_and_route_refused_to_others(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    path = _draft(clinician, client_id, "not-yours-to-cosign")
    clinician.post(f"{path}/sign", {"confirm": "sign"})
    assert "Co-sign this note" not in clinician.get(path).text
    assert clinician.post(f"{path}/cosign").status_code == 403
    assert practice.browser("billing").post(f"{path}/cosign").status_code == 403
    assert practice.browser("clinician2").post(f"{path}/cosign").status_code in (403, 404)
    assert "Nothing to co-sign." in clinician.get("/cosign").text
    assert 'href="/cosign"' not in clinician.get("/cosign").text.split("</nav>")[0]


def test_sign_confirmation_page_refused_to_all_but_the_author(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    path = _draft(practice.browser("clinician1"), client_id, "confirm-page-draft-words")
    for who, statuses in (("billing", {403}), ("supervisor", {403}), ("owner", {403}),
                          ("clinician2", {403, 404})):
        refused = practice.browser(who).get(f"{path}/sign")
        assert refused.status_code in statuses, who
        assert "confirm-page-draft-words" not in refused.text
        assert 'value="sign"' not in refused.text
        posted = practice.browser(who).post(f"{path}/sign", {"confirm": "sign"})
        assert posted.status_code in statuses | {404}, who
    note_id = path.rsplit("/", 1)[1]
    assert practice.services.notes.get_note(practice.user("clinician1").actor, client_id,
                                            note_id).status == "draft"
