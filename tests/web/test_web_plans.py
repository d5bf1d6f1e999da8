"""Diagnoses and the treatment plan on the staff pages: the code search fills a datalist, a
bad code is named beside its field, a plan saved from the goal rows becomes a revision, signing
asks for confirmation, and billing is never offered the tab. Today lists plans due for review."""

from __future__ import annotations

from datetime import timedelta

from tests.factories.treatment import TreatmentFactory
from tests.web.helpers import Practice, visible_text


def test_clinician_diagnoses_writes_and_signs_a_plan_on_the_page(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    later = (practice.clock.now().date() + timedelta(days=60)).isoformat()
    page = browser.post(f"/clients/{client_id}/plan/code-search",
                        {"q": "major depressive single moderate"})
    assert page.status_code == 200
    assert '<option value="F32.1">' in page.text
    refused = browser.post(f"/clients/{client_id}/problems", {"code": "F32"})
    assert refused.status_code == 422
    assert 'id="code-problem-error">Code: enter a billable ICD-10-CM code' in refused.text
    added = browser.post(f"/clients/{client_id}/problems", {"code": "F32.1",
                                                           "onset_on": "2026-01-05"})
    assert added.status_code == 200
    assert "The diagnosis is on the problem list." in visible_text(added.text)
    assert "(primary)" in added.text
    empty_goal = browser.post(f"/clients/{client_id}/plan", {
        "review_on": later, "goal_id": "", "goal_code": "F32.1",
        "goal_text": "Sleeps through most nights (synthetic)", "measure": "", "target": "",
        "criterion": "", "target_on": "", "objective_text": "", "objective_target_on": "",
        "intervention_text": "", "modality": ""})
    assert empty_goal.status_code == 422
    assert "a goal must be measurable" in visible_text(empty_goal.text)
    assert "Sleeps through most nights (synthetic)" in empty_goal.text  # kept what was typed
    saved = browser.post(f"/clients/{client_id}/plan", {
        "review_on": later, "goal_id": "", "goal_code": "F32.1",
        "goal_text": "Mood lifts (synthetic)", "measure": "PHQ-9", "target": "10",
        "criterion": "", "target_on": "2026-06-01", "objective_text": "Weekly activity log",
        "objective_target_on": "", "intervention_text": "Behavioural activation",
        "modality": "cbt"})
    assert saved.status_code == 200
    assert "Saved as a new revision" in visible_text(saved.text)
    assert "Measured by: PHQ-9 below 10" in saved.text
    view = practice.services.plans.current(practice.user("clinician1").actor, client_id)
    assert view is not None and view.state == "draft"
    path = f"/clients/{client_id}/plan/{view.revision_id}/signature"
    unconfirmed = browser.post(path, {"text_sha256": view.text_sha256})
    assert unconfirmed.status_code == 422 and "tick the box to confirm" in unconfirmed.text
    signed = browser.post(path, {"text_sha256": view.text_sha256, "confirm": "yes"})
    assert signed.status_code == 200 and "Signed. The client can now read" in signed.text
    after = practice.services.plans.current(practice.user("clinician1").actor, client_id)
    assert after is not None and after.state == "awaiting-client"


def test_billing_is_never_offered_the_plan_tab(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing")
    assert f"/clients/{client_id}/plan" not in billing.get(f"/clients/{client_id}").text
    assert billing.get(f"/clients/{client_id}/plan").status_code == 403
    assert billing.post(f"/clients/{client_id}/problems", {"code": "F32.1"}).status_code == 403


def test_today_lists_plans_due_for_review_for_the_treating_clinician(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    TreatmentFactory.plan(practice, client_id, review_on=practice.clock.now().date().isoformat())
    today = practice.browser("clinician1").get("/today")
    assert today.status_code == 200
    assert f'href="/clients/{client_id}/plan"' in today.text
    assert f'href="/clients/{client_id}/plan"' not in practice.browser("clinician2").get(
        "/today").text


def test_draft_note_names_the_plan_goals_it_addressed(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    later = (practice.clock.now().date() + timedelta(days=30)).isoformat()
    revision_id = TreatmentFactory.plan(practice, client_id, review_on=later)
    actor = practice.user("clinician1").actor
    goal_id = practice.services.plans.get(actor, client_id, revision_id).document.goals[0]\
        .goal_id
    note_id = practice.services.notes.create_note(actor, client_id, {
        "kind": "progress", "format": "free", "body": "Synthetic session.", "sign": False})
    browser = practice.browser("clinician1")
    page = browser.get(f"/clients/{client_id}/notes/{note_id}")
    assert f'name="goal_ids" value="{goal_id}"' in page.text
    saved = browser.post(f"/clients/{client_id}/notes/{note_id}/goals", {"goal_ids": goal_id})
    assert saved.status_code == 200
    assert practice.services.plans.note_goals(actor, client_id, note_id) == [goal_id]
    assert f'value="{goal_id}" checked' in saved.text


def test_trend_chart_marks_the_signed_plans_target_when_a_goal_names_the_measure(
        practice: Practice) -> None:
    actor = practice.user("clinician1").actor
    client_id = next(c.client_id for c in practice.services.charts.list_clients(actor)
                     if not practice.services.plans.revisions(actor, c.client_id))
    practice.services.measures.record(actor, client_id, "PHQ-9", [2, 2, 2, 2, 2, 1, 1, 1, 0])
    page = practice.browser("clinician1")
    assert "chart.svg?target=" not in page.get(f"/clients/{client_id}/measures").text
    later = (practice.clock.now().date() + timedelta(days=30)).isoformat()
    draft = TreatmentFactory.plan(practice, client_id, review_on=later, target=7)
    # A draft's target is not yet the plan's: only a revision the clinician signed counts.
    assert "chart.svg?target=" not in page.get(f"/clients/{client_id}/measures").text
    view = practice.services.plans.get(actor, client_id, draft)
    practice.services.plans.sign(actor, client_id, draft, text_sha256=view.text_sha256)
    shown = page.get(f"/clients/{client_id}/measures").text
    assert f"/clients/{client_id}/measures/PHQ-9/chart.svg?target=7" in shown
    assert "target below 7" in shown
    assert "GAD-7/chart.svg?target" not in shown
