"""The optional-consents and contact-preferences page of a chart."""

from __future__ import annotations

import re

from closeddoor.consent.preferences import Preferences
from tests.web.helpers import Practice, visible_text

CHOSEN = {"telehealth": "granted", "recording": "refused", "teaching": "unanswered",
          "voicemail": "on", "text_reminders": "on", "reminder_phone": "+1 555 0100 777",
          "reminder_email": "synthetic@example.org"}


def checked(html: str, name: str) -> list[str]:
    """The values of the inputs named `name` that the page shows ticked or chosen."""
    return re.findall(rf'<input type="(?:radio|checkbox)" id="[^"]+" name="{name}"'
                      rf'(?: value="([^"]*)")?\s+checked', html)


def stored(practice: Practice, client_id: str) -> Preferences:
    return practice.services.consent.preferences(practice.user("owner").actor, client_id)


def test_preferences_page_has_a_labelled_control_for_every_choice(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    page = practice.browser("clinician1").get(f"/clients/{client_id}/preferences").text
    shown = stored(practice, client_id)  # the demo records telehealth consent for video clients
    for name in ("telehealth", "recording", "teaching"):
        for answer in ("unanswered", "granted", "refused"):
            assert f'<label for="{name}-{answer}">' in page
            assert f'id="{name}-{answer}"' in page
        assert checked(page, name) == [getattr(shown, name)]
    for name in ("voicemail", "text_reminders", "email_reminders", "reminder_phone",
                 "reminder_email"):
        assert f'<label for="{name}">' in page and f'id="{name}"' in page


def test_preferences_are_saved_and_shown_again(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("billing")  # the front desk keeps contact preferences
    saved = browser.post(f"/clients/{client_id}/preferences", CHOSEN)
    assert saved.status_code == 200
    assert "The preferences were saved." in saved.text
    assert stored(practice, client_id) == Preferences(
        telehealth="granted", recording="refused", voicemail=True, text_reminders=True,
        reminder_phone="+1 555 0100 777", reminder_email="synthetic@example.org")
    assert checked(saved.text, "telehealth") == ["granted"]
    assert checked(saved.text, "voicemail") == [""]
    assert checked(saved.text, "email_reminders") == []


def test_voicemail_without_a_number_is_refused_naming_reminder_phone_and_nothing_changes(
    practice: Practice,
) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    browser.post(f"/clients/{client_id}/preferences", CHOSEN)
    before = stored(practice, client_id)
    refused = browser.post(f"/clients/{client_id}/preferences",
                           CHOSEN | {"reminder_phone": "", "telehealth": "refused"})
    assert refused.status_code == 422
    assert ("Phone number for reminders: enter a phone number, or untick voicemail and text "
            "reminders") in visible_text(refused.text)
    assert 'aria-describedby="reminder_phone-hint reminder_phone-error"' in refused.text
    assert checked(refused.text, "telehealth") == ["refused"]  # what was typed stays
    assert stored(practice, client_id) == before


def test_preferences_refused_without_csrf_token(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    before = stored(practice, client_id)
    refused = practice.browser("clinician1").post(f"/clients/{client_id}/preferences", CHOSEN,
                                                  with_token=False)
    assert refused.status_code == 403
    assert stored(practice, client_id) == before
    assert before.reminder_phone != CHOSEN["reminder_phone"]  # the refused post would change it


def test_supervisor_and_owner_read_preferences_without_a_form(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    practice.browser("clinician1").post(f"/clients/{client_id}/preferences", CHOSEN)
    for username in ("supervisor", "owner"):
        browser = practice.browser(username)
        page = browser.get(f"/clients/{client_id}/preferences").text
        assert 'action="/clients/' not in page.split("<main")[1]
        assert "Changing these is not available to your role." in page
        assert "+1 555 0100 777" in visible_text(page)
        assert browser.post(f"/clients/{client_id}/preferences", CHOSEN).status_code == 403
