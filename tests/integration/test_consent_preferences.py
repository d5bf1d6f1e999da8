"""Optional consents and contact preferences through the API, on SQLite and PostgreSQL: a bad
answer is refused naming the field and changes nothing; the numbers and addresses are sealed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.factories import ClientFactory, Practice, marker, marker_digits
from tests.integration.helpers import Api, is_postgres
from tests.integration.test_plaintext_scan import database_as_text, files_under, leaks

DEFAULTS = {"telehealth": "unanswered", "recording": "unanswered", "teaching": "unanswered",
            "voicemail": False, "text_reminders": False, "email_reminders": False,
            "reminder_phone": "", "reminder_email": "", "reminders_may_name_service": False}


def preferences(api: Api, client_id: str, who: str = "clinician1") -> dict[str, Any]:
    response = api.get(f"/clients/{client_id}/preferences", who)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_preferences_start_unanswered_and_are_replaced_whole(api: Api) -> None:
    client_id = ClientFactory.create(api.practice)
    assert preferences(api, client_id) == DEFAULTS
    chosen = {"telehealth": "granted", "recording": "refused", "teaching": "granted",
              "text_reminders": True, "reminder_phone": "+1 (555) 010-0199",
              "email_reminders": True, "reminder_email": "synthetic@example.org"}
    assert api.put(f"/clients/{client_id}/preferences", "billing", chosen).status_code == 204
    assert preferences(api, client_id, "owner") == DEFAULTS | chosen
    # A PUT is the full set: what it leaves out goes back to unanswered or off.
    assert api.put(f"/clients/{client_id}/preferences", "clinician1",
                   {"telehealth": "refused"}).status_code == 204
    assert preferences(api, client_id) == DEFAULTS | {"telehealth": "refused"}


def test_voicemail_without_a_number_answers_422_naming_reminder_phone_and_changes_nothing(
    api: Api,
) -> None:
    client_id = ClientFactory.create(api.practice)
    before = {"telehealth": "granted", "email_reminders": True,
              "reminder_email": "synthetic@example.org"}
    assert api.put(f"/clients/{client_id}/preferences", "clinician1", before).status_code == 204
    refused = api.put(f"/clients/{client_id}/preferences", "clinician1",
                      {"telehealth": "refused", "voicemail": True})
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("reminder_phone")
    assert preferences(api, client_id) == DEFAULTS | before


def test_bad_answers_are_refused_naming_the_field_never_echoing_the_value(api: Api) -> None:
    client_id = ClientFactory.create(api.practice)
    typed = marker("email")
    cases = [({"telehealth": "maybe"}, "telehealth"),
             ({"voicemail": "yes please"}, "voicemail"),
             ({"email_reminders": True, "reminder_email": typed}, "reminder_email"),
             ({"text_reminders": True, "reminder_phone": f"call {typed}"}, "reminder_phone"),
             ({"surprise": True}, "surprise")]
    for body, field in cases:
        refused = api.put(f"/clients/{client_id}/preferences", "clinician1", body)
        assert refused.status_code == 422, body
        assert field in refused.text
        assert typed not in refused.text
    assert preferences(api, client_id) == DEFAULTS


def test_contact_details_never_stored_in_plaintext(
    practice: Practice, api: Api, tmp_path: Path,
) -> None:
    client_id = ClientFactory.create(practice)
    digits, address = marker_digits(), f"{marker('mail')}@example.org"
    chosen = {"voicemail": True, "reminder_phone": digits, "email_reminders": True,
              "reminder_email": address}
    assert api.put(f"/clients/{client_id}/preferences", "clinician1", chosen).status_code == 204
    assert preferences(api, client_id)["reminder_phone"] == digits  # positive control
    markers = [digits, address]
    assert leaks(files_under(tmp_path), markers) == []
    if is_postgres(practice):
        dump = database_as_text(practice)
        assert [m for m in markers if m in dump or m.encode().hex() in dump] == []
    practice.close()
    assert leaks(files_under(tmp_path), markers) == []
