"""A form a person may not submit is refused when they open it, with the reason, and audited,
instead of after they typed (billing opening "write a progress note"); links to it are not
shown. The decision is the gate's, for the very permission the submit needs."""

from __future__ import annotations

import pytest

from closeddoor.audit.tags import AuditTag
from tests.web.helpers import Practice, visible_text

# (path under /clients/{id}/, the tag its submit is audited under)
FORMS = {
    "notes/new": AuditTag.RECORD_NOTE_CREATE,
    "appointments/new": AuditTag.RECORD_APPOINTMENT_CREATE,
    "edit": AuditTag.RECORD_CLIENT_UPDATE,
    "consent/sign": AuditTag.CONSENT_SIGNATURE_CREATE,
}


def _denials(practice: Practice, client_id: str, tag: AuditTag) -> int:
    events = practice.services.practice.recent_audit(practice.user("owner").actor, limit=200)
    return sum(1 for e in events if e.entry.tag == tag.value and e.entry.outcome == "deny"
               and e.entry.client_id == client_id)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_form_is_refused_on_opening_with_the_reason_when_the_role_cannot_submit_it(
    practice: Practice, form: str
) -> None:
    client_id = practice.first_client_of("clinician1")  # the supervisor's supervisee's client
    before = _denials(practice, client_id, FORMS[form])
    response = practice.browser("supervisor").get(f"/clients/{client_id}/{form}")
    assert response.status_code == 403
    assert f'action="/clients/{client_id}/{form}"' not in response.text
    assert "access denied: not-on-care-team" in visible_text(response.text)  # the reason
    assert _denials(practice, client_id, FORMS[form]) == before + 1


def test_billing_is_refused_on_opening_a_progress_note_form_when_it_cannot_write_notes(
    practice: Practice
) -> None:
    client_id = practice.first_client_of("clinician1")
    response = practice.browser("billing").get(f"/clients/{client_id}/notes/new")
    assert response.status_code == 403
    assert f'action="/clients/{client_id}/notes/new"' not in response.text
    assert _denials(practice, client_id, AuditTag.RECORD_NOTE_CREATE) == 1


@pytest.mark.parametrize("form", sorted(FORMS))
def test_form_opens_when_the_role_can_submit_it(practice: Practice, form: str) -> None:
    client_id = practice.first_client_of("clinician1")
    response = practice.browser("clinician1").get(f"/clients/{client_id}/{form}")
    assert response.status_code == 200
    assert f'action="/clients/{client_id}/{form}"' in response.text
    assert _denials(practice, client_id, FORMS[form]) == 0


@pytest.mark.parametrize("form", ["appointments/new", "edit", "consent/sign"])
def test_front_desk_form_opens_when_billing_can_submit_it(practice: Practice, form: str) -> None:
    client_id = practice.first_client_of("clinician1")
    response = practice.browser("billing").get(f"/clients/{client_id}/{form}")
    assert response.status_code == 200
    assert f'action="/clients/{client_id}/{form}"' in response.text


@pytest.mark.parametrize(("username", "linked"), [
    ("clinician1", {"notes/new", "appointments/new", "edit"}),
    ("billing", {"appointments/new", "edit"}),
    ("supervisor", set()),
])
def test_chart_links_only_forms_the_viewer_may_submit_when_opened(
    practice: Practice, username: str, linked: set[str]
) -> None:
    client_id = practice.first_client_of("clinician1")
    page = practice.browser(username).get(f"/clients/{client_id}").text
    for form in ("notes/new", "appointments/new", "edit"):
        assert (f'href="/clients/{client_id}/{form}"' in page) == (form in linked), form


def test_clinician_off_the_team_gets_the_break_glass_offer_when_opening_a_form(
    practice: Practice
) -> None:
    client_id = practice.first_client_of("clinician1")
    response = practice.browser("clinician2").get(f"/clients/{client_id}/notes/new")
    assert response.status_code in (403, 404)
    assert "break-glass" in response.text.lower() or "emergency" in response.text.lower()
    assert f'action="/clients/{client_id}/notes/new"' not in response.text


RELEASE_FORMS = {
    "authorizations/new": AuditTag.RECORD_AUTHORIZATION_CREATE,
    "disclosures/new": AuditTag.RECORD_DISCLOSURE_CREATE,
    "excerpts/new": AuditTag.RECORD_EXCERPT_CREATE,
}


@pytest.mark.parametrize("form", sorted(RELEASE_FORMS))
def test_release_form_is_refused_on_opening_when_billing_cannot_submit_it(
    practice: Practice, form: str
) -> None:
    client_id = practice.first_client_of("clinician1")
    before = _denials(practice, client_id, RELEASE_FORMS[form])
    response = practice.browser("billing").get(f"/clients/{client_id}/{form}")
    assert response.status_code == 403
    assert "access denied" in visible_text(response.text)
    assert _denials(practice, client_id, RELEASE_FORMS[form]) == before + 1


@pytest.mark.parametrize("form", sorted(RELEASE_FORMS))
def test_release_form_opens_when_the_treating_clinician_can_submit_it(
    practice: Practice, form: str
) -> None:
    client_id = practice.first_client_of("clinician1")
    assert practice.browser("clinician1").get(f"/clients/{client_id}/{form}").status_code == 200
