"""Every human-entered name refuses control and text-direction characters with a 422 naming the
field, and keeps the rest as typed in NFC, which pages then show (issue 10, item 5)."""

from __future__ import annotations

from typing import Any

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.practice.service import PracticeService
from tests.factories import AuthorizationFactory, ClientFactory, Practice
from tests.integration.helpers import Api

SPOOF = "Alice \u202eecilA"  # shows as "Alice Alice" reversed: a name that reads as another
CONTROL = "Alice\u0000"


@pytest.mark.parametrize("value", [SPOOF, CONTROL, "Alice\nBob"])
@pytest.mark.parametrize("field", ["given_name", "family_name", "preferred_name"])
def test_client_name_refused_naming_field_when_spoofed(api: Api, field: str, value: str) -> None:
    response = api.post("/clients", "clinician1", ClientFactory.data(**{field: value}))
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith(f"{field}: the {field.replace('_', ' ')} contains")
    assert value not in response.text


def test_emergency_contact_refused_when_it_has_bidi_override(api: Api) -> None:
    response = api.post("/clients", "clinician1",
                        ClientFactory.data(emergency_contact=f"{SPOOF}\n555-0100"))
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("emergency_contact: the emergency contact")


def test_emergency_contact_kept_on_lines_when_ordinary(practice: Practice, api: Api) -> None:
    created = api.post("/clients", "clinician1",
                       ClientFactory.data(emergency_contact="Sam Synthetic\n555-0100"))
    assert created.status_code == 201, created.text
    record = api.get(f"/clients/{created.json()['id']}", "clinician1").json()
    assert record["contacts"]["emergency_contact"] == "Sam Synthetic\n555-0100"


def test_client_name_stored_and_shown_in_nfc_when_typed_decomposed(api: Api) -> None:
    created = api.post("/clients", "clinician1", ClientFactory.data(given_name="Jose\u0301"))
    assert created.status_code == 201, created.text
    record = api.get(f"/clients/{created.json()['id']}", "clinician1").json()
    assert record["demographics"]["given_name"] == "Jos\u00e9"


@pytest.mark.parametrize("field", ["recipient_name", "recipient_organization"])
def test_recipient_refused_naming_field_when_spoofed(
    practice: Practice, api: Api, field: str
) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    body: dict[str, Any] = AuthorizationFactory.data(**{field: SPOOF})
    response = api.post(f"/clients/{client_id}/authorizations", "clinician1", body)
    assert response.status_code == 422, response.text
    assert f"{field}: the recipient" in response.json()["detail"]


def test_staff_display_name_refused_when_spoofed(api: Api) -> None:
    response = api.post("/users", "owner", {"username": "spoofer", "display_name": SPOOF,
                                            "role": "clinician",
                                            "password": "a-long-synthetic-passphrase-42"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("display_name: the display name contains")


def test_practice_name_refused_when_spoofed(practice: Practice) -> None:
    service: PracticeService = practice.services.practice
    with pytest.raises(InvalidInput, match=r"^practice_name: the practice name contains"):
        service.create_practice(SPOOF)


def test_signer_name_refused_when_spoofed(practice: Practice) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    actor = practice.actor("clinician1")
    authorization_id = AuthorizationFactory.create(practice, client_id, sign=False)
    form = practice.services.authorizations.form(actor, client_id, authorization_id)
    with pytest.raises(InvalidInput, match=r"^signer_name: the typed name contains"):
        practice.services.authorizations.sign(actor, client_id, authorization_id,
                                              text_sha256=form.sha256, signer_name=SPOOF,
                                              signer_kind="client")
