"""The owner's page for one staff member: edit, reset two-step sign-in, deactivate."""

from __future__ import annotations

from tests.web.helpers import Practice


def test_owner_renames_staff_and_save_is_confirmed(practice: Practice) -> None:
    owner = practice.browser("owner")
    user_id = practice.user("clinician2").user_id
    page = owner.get(f"/practice/staff/{user_id}")
    assert page.status_code == 200 and 'name="display_name"' in page.text
    saved = owner.post(f"/practice/staff/{user_id}", {
        "display_name": "Robin Renamed (demo)", "role": "clinician", "supervisor_username": ""})
    assert saved.url.path == "/practice/staff"
    assert "Saved." in saved.text and "Robin Renamed (demo)" in saved.text


def test_each_problem_shown_beside_its_field_when_edit_is_refused(practice: Practice) -> None:
    owner = practice.browser("owner")
    user_id = practice.user("owner").user_id
    refused = owner.post(f"/practice/staff/{user_id}", {
        "display_name": "", "role": "billing", "supervisor_username": ""})
    assert refused.status_code == 422
    assert 'id="display_name-error"' in refused.text
    assert "Full name: the display name is required" in refused.text
    assert 'id="role-error"' in refused.text and "at least one active owner" in refused.text
    assert refused.text.count('aria-invalid="true"') == 2
    assert practice.user("owner").display_name != ""  # nothing changed


def test_deactivation_needs_confirmation_and_then_ends_the_account(practice: Practice) -> None:
    owner = practice.browser("owner")
    colleague = practice.browser("clinician2")
    user_id = practice.user("clinician2").user_id
    unconfirmed = owner.post(f"/practice/staff/{user_id}/deactivation", {})
    assert unconfirmed.status_code == 422 and "tick the box" in unconfirmed.text
    assert colleague.get("/").status_code == 200
    done = owner.post(f"/practice/staff/{user_id}/deactivation", {"confirm": "yes"})
    assert "can no longer sign in" in done.text
    assert colleague.get("/", follow_redirects=False).status_code in (303, 307)
    assert colleague.sign_in("clinician2").status_code == 401


def test_staff_member_page_refused_when_viewer_is_not_owner(practice: Practice) -> None:
    user_id = practice.user("clinician2").user_id
    clinician = practice.browser("clinician1")
    assert clinician.get(f"/practice/staff/{user_id}").status_code == 403
    refused = clinician.post(f"/practice/staff/{user_id}/deactivation", {"confirm": "yes"})
    assert refused.status_code == 403
    assert practice.user("clinician2").is_active
