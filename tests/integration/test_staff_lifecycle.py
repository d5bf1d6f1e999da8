"""A staff member's whole life after they are added: the owner edits them, resets their second
factor and deactivates them; the practice never loses its last active owner."""

from __future__ import annotations

import pyotp
import pytest

from closeddoor.errors import AuthenticationFailed, ConflictError, InvalidInput
from closeddoor.policy import Actor
from tests.factories import Practice
from tests.integration.helpers import Api


def _owner(practice: Practice) -> Actor:
    return practice.actor("owner")


def test_deactivation_ends_tokens_at_once_and_sign_in_never_works_again(
    api: Api, practice: Practice
) -> None:
    token = api.token("clinician2")
    headers = {"Authorization": f"Bearer {token}"}
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 200
    deactivated = api.post(f"/users/{practice.user_id('clinician2')}/deactivation", "owner")
    assert deactivated.status_code == 204
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 401
    assert api.sign_in("clinician2").status_code == 401
    with pytest.raises(ConflictError):  # final: no edit brings the account back
        practice.services.staff.update_user(_owner(practice), practice.user_id("clinician2"),
                                            role="owner")
    listed = {u["username"]: u for u in api.get("/users", "owner").json()["items"]}
    assert listed["clinician2"]["is_active"] is False


def test_past_audit_events_keep_the_name_when_staff_deactivated(practice: Practice) -> None:
    user_id = practice.user_id("clinician2")
    name = practice.users["clinician2"].display_name
    practice.services.accounts.sign_in("clinician2", practice.password, address="192.0.2.1")
    practice.services.staff.deactivate_user(_owner(practice), user_id)
    events = practice.services.practice.recent_audit(_owner(practice), limit=50)
    assert any(e.entry.actor_id == user_id for e in events)
    assert practice.services.accounts.display_names()[user_id] == name


def test_last_active_owner_kept_when_deactivated_or_demoted(api: Api, practice: Practice) -> None:
    owner_id = practice.user_id("owner")
    refused = api.post(f"/users/{owner_id}/deactivation", "owner")
    assert refused.status_code == 409
    assert "at least one active owner" in refused.json()["detail"]
    demoted = api.call("PATCH", f"/users/{owner_id}", "owner", {"role": "clinician"})
    assert demoted.status_code == 422
    assert "at least one active owner" in demoted.text
    # With a second owner, the first may step down.
    second = api.call("PATCH", f"/users/{practice.user_id('supervisor')}", "owner",
                      {"role": "owner"})
    assert second.status_code == 422  # the supervisor still supervises clinician1
    assert "still supervises" in second.text
    promoted = api.call("PATCH", f"/users/{practice.user_id('billing')}", "owner",
                        {"role": "owner"})
    assert promoted.status_code == 200 and promoted.json()["role"] == "owner"
    assert api.post(f"/users/{owner_id}/deactivation", "owner").status_code == 204


def test_role_change_takes_effect_on_the_next_request(api: Api, practice: Practice) -> None:
    billing = practice.user_id("billing")
    assert api.get("/users", "billing").status_code == 403
    changed = api.call("PATCH", f"/users/{billing}", "owner", {"role": "owner"})
    assert changed.status_code == 200
    assert api.get("/users", "billing").status_code == 200  # same token, new role


def test_every_problem_named_and_nothing_changed_when_edit_input_bad(practice: Practice) -> None:
    user_id = practice.user_id("clinician2")
    before = practice.services.accounts.get_user(user_id)
    with pytest.raises(InvalidInput) as refused:
        practice.services.staff.update_user(
            _owner(practice), user_id, display_name="   ", role="janitor",
            supervisor_username="nobody-here")
    message = str(refused.value)
    assert "display_name" in message and "role" in message and "supervisor" in message
    assert practice.services.accounts.get_user(user_id) == before


def test_supervisor_set_and_removed_when_owner_edits(practice: Practice) -> None:
    user_id = practice.user_id("clinician2")
    staff = practice.services.staff
    staff.update_user(_owner(practice), user_id, supervisor_username="supervisor")
    assert practice.services.accounts.get_user(user_id).supervisor_id == \
        practice.user_id("supervisor")
    staff.update_user(_owner(practice), user_id, supervisor_username="")
    assert practice.services.accounts.get_user(user_id).supervisor_id is None
    with pytest.raises(InvalidInput):  # only supervisors supervise
        staff.update_user(_owner(practice), user_id, supervisor_username="billing")


def test_second_factor_reset_ends_sessions_and_password_alone_signs_in(
    practice: Practice,
) -> None:
    accounts = practice.services.accounts
    user_id = practice.user_id("clinician2")
    accounts.begin_totp_enrolment(user_id)
    totp = pyotp.TOTP(accounts.unsafe_totp_secret(user_id))
    accounts.confirm_totp_enrolment(user_id, totp.at(practice.clock.now()))
    signed = accounts.sign_in("clinician2", practice.password, address="192.0.2.2")
    assert not signed.mfa_passed
    with pytest.raises(AuthenticationFailed):  # the API needs the code while enrolled
        accounts.sign_in("clinician2", practice.password, address="192.0.2.2", kind="api")
    practice.services.staff.reset_second_factor(_owner(practice), user_id)
    assert accounts.resolve_session(signed.token) is None
    assert not accounts.get_user(user_id).totp_enabled
    again = accounts.sign_in("clinician2", practice.password, address="192.0.2.2")
    assert again.mfa_passed
