"""Intake on the staff pages: the invitation sends the intake form when ticked, the chart's
Intake tab sends one and is never offered to billing, and the owner's form editor names every
problem beside its field and publishes a new version."""

from __future__ import annotations

from tests.web.helpers import Practice, visible_text


def test_invitation_sends_the_intake_form_only_when_ticked(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    assert 'name="with_intake" value="yes" checked' in browser.get(
        f"/clients/{client_id}/consent").text
    assert browser.post(f"/clients/{client_id}/portal-invitation").status_code == 200
    actor = practice.user("clinician1").actor
    assert practice.services.intake.packets(actor, client_id) == []
    assert browser.post(f"/clients/{client_id}/portal-invitation",
                        {"with_intake": "yes"}).status_code == 200
    [packet] = practice.services.intake.packets(actor, client_id)
    assert packet.status == "sent"
    tab = browser.get(f"/clients/{client_id}/intake")
    assert tab.status_code == 200 and "Not started" in visible_text(tab.text)
    again = browser.post(f"/clients/{client_id}/intake")
    assert again.status_code == 409
    assert "already has an intake form waiting" in visible_text(again.text)


def test_front_desk_sends_the_intake_form_but_never_sees_the_answers(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing")
    assert f"/clients/{client_id}/intake" in billing.get(f"/clients/{client_id}").text
    tab = billing.get(f"/clients/{client_id}/intake")
    assert tab.status_code == 200 and "Send the intake form to the portal" in tab.text
    assert "read by the client's care team only" in visible_text(tab.text)
    sent = billing.post(f"/clients/{client_id}/intake")
    assert sent.status_code == 200 and "The intake form was sent" in visible_text(sent.text)
    assert "Not started" not in visible_text(sent.text)  # not even the packet's status
    # Reading the tab never records a refused read of the answers for the front desk.
    denied = [e for e in practice.services.runtime.audit.events(limit=50)
              if e.entry.tag == "record:intake:read" and e.entry.outcome == "deny"]
    assert denied == []
    # A supervisor reads answers, never sends.
    supervisor = practice.browser("supervisor")
    assert "Send the intake form" not in supervisor.get(f"/clients/{client_id}/intake").text
    assert supervisor.post(f"/clients/{client_id}/intake").status_code in (403, 404)


def test_form_editor_is_refused_to_everyone_but_the_owner(practice: Practice) -> None:
    for who in ("clinician1", "supervisor", "billing"):
        browser = practice.browser(who)
        assert browser.get("/practice/intake-form").status_code == 403, who
        refused = browser.post("/practice/intake-form", {"title": "", "questions": "x"})
        assert refused.status_code == 403, who  # refused before the fields are even checked
    assert practice.services.intake.current_form().number == 0


def test_owner_form_editor_names_every_problem_beside_its_field_then_publishes(
        practice: Practice) -> None:
    owner = practice.browser("owner")
    page = owner.get("/practice/intake-form")
    assert page.status_code == 200 and "The built-in form is in use" in visible_text(page.text)
    refused = owner.post("/practice/intake-form", {"title": "", "questions": "Age? | number"})
    assert refused.status_code == 422
    assert 'id="title-error">Title: give the form a title' in refused.text
    assert 'id="questions-error">Questions: line 1: after the question put' in refused.text
    done = owner.post("/practice/intake-form", {
        "title": "Short intake", "sections": "emergency_contact",
        "questions": "Best time to call? | choice | Morning, Evening"})
    assert done.status_code == 200 and "Version 1 is in use" in visible_text(done.text)
    assert practice.services.intake.current_form().form.title == "Short intake"
    assert practice.browser("clinician1").post("/practice/intake-form", {
        "title": "Mine", "sections": "referral", "questions": ""}).status_code == 403
