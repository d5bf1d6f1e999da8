"""The chart's "Discharge and retention" tab and the owner's retention page: discharge, a legal
hold, a destruction request, and approval by a second owner (never the requester)."""

from __future__ import annotations

from closeddoor.accounts.service import SYSTEM_ACTOR
from tests.web.helpers import PASSWORD, Practice, visible_text


def second_owner(practice: Practice) -> None:
    practice.services.accounts.add_user(SYSTEM_ACTOR, username="owner2",
                                        display_name="Sam Second Owner (demo)", role="owner",
                                        password=PASSWORD)


def test_chart_destroyed_when_discharged_requested_and_approved_by_another_owner(
        practice: Practice) -> None:
    second_owner(practice)
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    tab = clinician.get(f"/clients/{client_id}/lifecycle")
    assert tab.status_code == 200 and "Discharge this client" in tab.text
    today = practice.clock.now().date().isoformat()
    done = clinician.post(f"/clients/{client_id}/lifecycle/discharge",
                          {"discharged_on": today, "reason": "Goals met; synthetic."})
    assert done.status_code == 200 and "The chart is discharged" in done.text
    assert client_id not in clinician.get("/clients").text

    owner = practice.browser("owner")
    assert client_id in owner.get("/practice/retention").text
    early = owner.post(f"/clients/{client_id}/lifecycle/destruction",
                       {"basis": "retention-ended", "reason": "Synthetic: time is up."})
    assert early.status_code == 422 and "not yet due" in visible_text(early.text)
    asked = owner.post(f"/clients/{client_id}/lifecycle/destruction",
                       {"basis": "created-in-error", "reason": "Synthetic: wrong person."})
    assert "Waiting for another owner" in asked.text and "Approve and destroy" not in asked.text
    request_id = practice.services.destruction.overview(
        practice.user("owner").actor).requests[0].request_id
    refused = owner.post(f"/practice/retention/requests/{request_id}/approve")
    assert refused.status_code == 403

    other = practice.browser("owner2")
    page = other.get("/practice/retention")
    assert "Approve and destroy" in page.text
    destroyed = other.post(f"/practice/retention/requests/{request_id}/approve")
    assert destroyed.status_code == 200 and "The chart was destroyed" in destroyed.text
    assert clinician.get(f"/clients/{client_id}").status_code == 404
    assert "record:client:destroy" in other.get("/practice/audit").text


def test_lifecycle_forms_hidden_when_viewer_may_not_use_them(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing").get(f"/clients/{client_id}/lifecycle")
    assert billing.status_code == 200
    assert "Discharge this client" not in billing.text and "Place a legal hold" not in billing.text
    assert practice.browser("clinician1").get("/practice/retention").status_code == 403


def test_lifecycle_refusals_shown_with_what_was_typed_and_nothing_changed(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    future = practice.clock.now().date().replace(year=practice.clock.now().year + 1).isoformat()
    refused = clinician.post(f"/clients/{client_id}/lifecycle/discharge",
                             {"discharged_on": future, "reason": "Synthetic: moved away."})
    assert refused.status_code == 422
    assert "discharged_on: must not be in the future" in visible_text(refused.text)
    assert "Synthetic: moved away." in refused.text  # what was typed is kept
    not_discharged = clinician.post(f"/clients/{client_id}/lifecycle/reopen",
                                    {"reason": "Synthetic: back for more sessions."})
    assert not_discharged.status_code == 422
    assert "this chart is not discharged" in visible_text(not_discharged.text)
    no_reason = practice.browser("owner").post(f"/clients/{client_id}/lifecycle/holds",
                                               {"reason": ""})
    assert no_reason.status_code == 422
    assert practice.services.lifecycle.lifecycle(
        practice.user("owner").actor, client_id).status == "active"
