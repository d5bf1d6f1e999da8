"""Issue 15: the problem list (ICD-10-CM), an appointment's diagnosis picked from it, and the
versioned treatment plan signed by the clinician and then the client, on SQLite and PostgreSQL.
Adversarial: codes off the list, two primaries, a signature on a changed text or an old
revision, the client signing first, billing and outsiders, an UPDATE of a signed revision."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.factories.treatment import ANXIETY, DEPRESSION, TreatmentFactory, plan_body
from tests.integration.helpers import Api, scalar, sql


@pytest.fixture
def client_id(practice: Practice) -> str:
    return ClientFactory.create(practice, "clinician1")


def the_client(client_id: str) -> Actor:
    return Actor("portal:synthetic", Role.CLIENT, client_id=client_id)


def codes(practice: Practice, client_id: str) -> dict[str, tuple[str, bool]]:
    return {p.code: (p.status, p.is_primary) for p in practice.services.problems.list_problems(
        practice.actor("clinician1"), client_id)}


# --- the problem list -----------------------------------------------------------------------------
def test_first_diagnosis_is_primary_and_exactly_one_stays_primary(
        practice: Practice, client_id: str) -> None:
    first = TreatmentFactory.diagnose(practice, client_id, DEPRESSION, onset_on="2026-01-10")
    second = TreatmentFactory.diagnose(practice, client_id, ANXIETY)
    assert codes(practice, client_id) == {DEPRESSION: ("active", True),
                                          ANXIETY: ("active", False)}
    problems = practice.services.problems
    with pytest.raises(InvalidInput, match=r"^resolved_on: this is the primary diagnosis"):
        problems.resolve(practice.actor("clinician1"), client_id, first,
                         {"resolved_on": "2026-03-01"})
    problems.make_primary(practice.actor("clinician1"), client_id, second)
    problems.resolve(practice.actor("clinician1"), client_id, first,
                     {"resolved_on": "2026-03-01"})
    assert codes(practice, client_id) == {DEPRESSION: ("resolved", False),
                                          ANXIETY: ("active", True)}
    assert scalar(practice, "SELECT count(*) FROM problems WHERE client_id = :c AND is_primary",
                  c=client_id) == 1
    with pytest.raises(ConflictError):
        problems.make_primary(practice.actor("clinician1"), client_id, first)


def test_database_refuses_two_primaries_when_service_is_bypassed(
        practice: Practice, client_id: str) -> None:
    TreatmentFactory.diagnose(practice, client_id, DEPRESSION)
    second = TreatmentFactory.diagnose(practice, client_id, ANXIETY)
    with pytest.raises(DBAPIError):
        sql(practice, "UPDATE problems SET is_primary = :t WHERE id = :p", t=True, p=second)


@pytest.mark.parametrize(("data", "field"), [
    ({"code": "F32"}, "code: enter a billable ICD-10-CM code"),
    ({"code": "anxious"}, "code: enter a billable ICD-10-CM code"),
    ({"code": DEPRESSION, "onset_on": "2026-03-09"}, "onset_on: the onset date cannot be in the"),
    ({"code": DEPRESSION, "onset_on": "March"}, "onset_on: enter the onset date as YYYY-MM-DD"),
])
def test_problem_refused_with_field_named_when_input_is_bad(
        practice: Practice, client_id: str, data: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        practice.services.problems.add(practice.actor("clinician1"), client_id, data)
    assert codes(practice, client_id) == {}


def test_same_active_code_refused_when_listed_twice(practice: Practice, client_id: str) -> None:
    TreatmentFactory.diagnose(practice, client_id, DEPRESSION)
    with pytest.raises(InvalidInput, match=r"F32\.1 is on the problem list already"):
        TreatmentFactory.diagnose(practice, client_id, "f321")


def test_code_and_dates_sealed_when_stored(practice: Practice, client_id: str) -> None:
    TreatmentFactory.diagnose(practice, client_id, DEPRESSION, onset_on="2026-01-10")
    [row] = sql(practice, "SELECT * FROM problems WHERE client_id = :c", c=client_id)
    stored = bytes(row.details_sealed)
    for plain in (b"F32.1", b"depressive", b"2026-01-10"):
        assert plain not in stored


@pytest.mark.parametrize("who", ["billing", "clinician2", "supervisor2"])
def test_problem_list_refused_when_not_the_care_team(practice: Practice, client_id: str,
                                                     who: str) -> None:
    TreatmentFactory.diagnose(practice, client_id)
    with pytest.raises((PolicyDenied, NotFound)):
        practice.services.problems.list_problems(practice.actor(who), client_id)
    with pytest.raises((PolicyDenied, NotFound)):
        TreatmentFactory.diagnose(practice, client_id, ANXIETY, who=who)


def test_supervisor_reads_but_never_writes_the_problem_list(
        practice: Practice, client_id: str) -> None:
    TreatmentFactory.diagnose(practice, client_id)
    seen = practice.services.problems.list_problems(practice.actor("supervisor"), client_id)
    assert [p.code for p in seen] == [DEPRESSION]
    with pytest.raises(PolicyDenied):
        TreatmentFactory.diagnose(practice, client_id, ANXIETY, who="supervisor")


# --- an appointment's diagnosis ------------------------------------------------------------
def test_appointment_code_refused_when_not_on_the_problem_list(
        practice: Practice, client_id: str) -> None:
    charts = practice.services.charts
    booking = {"starts_at": "2026-03-09T10:00:00+00:00", "icd10_code": "F41.1"}
    with pytest.raises(InvalidInput, match=r"^icd10_code: F41\.1 is not on this client's problem"):
        charts.create_appointment(practice.actor("clinician1"), client_id, booking)
    TreatmentFactory.diagnose(practice, client_id, ANXIETY)
    appointment_id = charts.create_appointment(practice.actor("clinician1"), client_id, booking)
    [seen] = charts.list_appointments(practice.actor("billing"), client_id)
    assert (seen.appointment_id, seen.details["icd10_code"]) == (appointment_id, "F41.1")
    with pytest.raises(InvalidInput, match=r"^icd10_code: F32\.1 is not"):
        charts.update_appointment(practice.actor("clinician1"), client_id, appointment_id,
                                  {**booking, "icd10_code": "F32.1"})
    # keeping the code it has is always fine
    assert charts.update_appointment(practice.actor("clinician1"), client_id, appointment_id,
                                     {**booking, "starts_at": "2026-03-09T11:00:00+00:00"}) == 1


# --- plans and signatures ------------------------------------------------------------------------
def view(practice: Practice, client_id: str, revision_id: str, who: str = "clinician1") -> Any:
    return practice.services.plans.get(practice.actor(who), client_id, revision_id)


def test_plan_signed_by_clinician_then_client_and_revising_needs_both_again(
        practice: Practice, client_id: str) -> None:
    plans = practice.services.plans
    clinician, client = practice.actor("clinician1"), the_client(client_id)
    first = TreatmentFactory.plan(practice, client_id)
    shown = view(practice, client_id, first)
    assert shown.state == "draft" and shown.number == 1
    assert "Measured by: PHQ-9 below 10" in shown.text
    assert plans.current(client, client_id) is None  # a draft is the care team's
    with pytest.raises(NotFound):
        plans.get(client, client_id, first)
    with pytest.raises(ConflictError, match="the clinician signs the plan first"):
        plans.sign(client, client_id, first, text_sha256=shown.text_sha256,
                   signer_name="Synthetic Client")
    with pytest.raises(ConflictError, match="text changed since it was shown"):
        plans.sign(clinician, client_id, first, text_sha256="0" * 64)
    plans.sign(clinician, client_id, first, text_sha256=shown.text_sha256)
    assert view(practice, client_id, first).state == "awaiting-client"
    offered = plans.current(client, client_id)
    assert offered is not None and offered.revision_id == first
    with pytest.raises(InvalidInput, match=r"^signer_name:"):
        plans.sign(client, client_id, first, text_sha256=shown.text_sha256, signer_name=" ")
    plans.sign(client, client_id, first, text_sha256=shown.text_sha256,
               signer_name="Synthetic Client")
    signed = view(practice, client_id, first)
    assert signed.state == "signed"
    assert {s.signer_kind: s.text_sha256 for s in signed.signatures} == {
        "clinician": shown.text_sha256, "client": shown.text_sha256}
    with pytest.raises(ConflictError, match="signed this revision already"):
        plans.sign(clinician, client_id, first, text_sha256=shown.text_sha256)

    goal_id = signed.document.goals[0].goal_id
    second = TreatmentFactory.plan(practice, client_id, target=8, goal_id=goal_id)
    revised = view(practice, client_id, second)
    assert (revised.number, revised.state) == (2, "draft")
    assert revised.document.goals[0].goal_id == goal_id  # notes naming it still point at it
    assert revised.text_sha256 != shown.text_sha256
    assert not view(practice, client_id, first).is_latest
    with pytest.raises(ConflictError, match="a newer revision of this plan exists"):
        plans.sign(client, client_id, first, text_sha256=shown.text_sha256,
                   signer_name="Synthetic Client")
    current = plans.current(client, client_id)  # the client still sees the plan in force
    assert current is not None and current.revision_id == first
    plans.sign(clinician, client_id, second, text_sha256=revised.text_sha256)
    plans.sign(client, client_id, second, text_sha256=revised.text_sha256,
               signer_name="Synthetic Client")
    assert view(practice, client_id, second).state == "signed"
    assert [v.number for v in plans.revisions(clinician, client_id)] == [2, 1]


def test_plan_refused_with_field_named_when_problem_not_on_the_list(
        practice: Practice, client_id: str) -> None:
    with pytest.raises(InvalidInput, match=r"problems\.1\.code: pick a diagnosis from the"):
        practice.services.plans.save(practice.actor("clinician1"), client_id, plan_body())
    assert practice.services.plans.revisions(practice.actor("clinician1"), client_id) == []


def test_plan_sealed_and_its_revisions_never_updated(practice: Practice, client_id: str) -> None:
    words = marker("goal")
    revision_id = TreatmentFactory.plan(practice, client_id, sign=True, goal_text=words)
    [row] = sql(practice, "SELECT * FROM treatment_plan_revisions WHERE id = :r", r=revision_id)
    assert words.encode() not in bytes(row.document_sealed)
    for statement in ("UPDATE treatment_plan_revisions SET review_on = review_on WHERE id = :r",
                      "UPDATE treatment_plan_signatures SET signed_at = signed_at "
                      "WHERE revision_id = :r"):
        with pytest.raises(DBAPIError):
            sql(practice, statement, r=revision_id)


@pytest.mark.parametrize("who", ["billing", "clinician2", "owner", "supervisor2"])
def test_plan_refused_when_not_the_care_team(practice: Practice, client_id: str,
                                             who: str) -> None:
    revision_id = TreatmentFactory.plan(practice, client_id)
    plans = practice.services.plans
    with pytest.raises((PolicyDenied, NotFound)):
        plans.get(practice.actor(who), client_id, revision_id)
    with pytest.raises((PolicyDenied, NotFound)):
        plans.save(practice.actor(who), client_id, plan_body())
    with pytest.raises((PolicyDenied, NotFound)):
        plans.sign(practice.actor(who), client_id, revision_id, text_sha256="0" * 64)


def test_another_client_cannot_read_or_sign_the_plan(practice: Practice, client_id: str) -> None:
    revision_id = TreatmentFactory.plan(practice, client_id, sign=True)
    other = ClientFactory.create(practice, "clinician1")
    shown = view(practice, client_id, revision_id)
    plans = practice.services.plans
    with pytest.raises((PolicyDenied, NotFound)):
        plans.current(the_client(other), client_id)
    with pytest.raises((PolicyDenied, NotFound)):
        plans.sign(the_client(other), client_id, revision_id, text_sha256=shown.text_sha256,
                   signer_name="Synthetic Other")
    with pytest.raises(NotFound):  # their own id with this revision: not theirs
        plans.sign(the_client(other), other, revision_id, text_sha256=shown.text_sha256,
                   signer_name="Synthetic Other")


def test_plans_due_for_review_listed_for_the_care_team_only(
        practice: Practice, client_id: str) -> None:
    later = ClientFactory.create(practice, "clinician1")
    TreatmentFactory.plan(practice, client_id, review_on="2026-03-06")  # in 4 days
    TreatmentFactory.plan(practice, later, review_on="2026-04-30")
    plans = practice.services.plans
    due = plans.due_for_review(practice.actor("clinician1"), [client_id, later])
    assert [(d.client_id, d.overdue) for d in due] == [(client_id, False)]
    assert plans.due_for_review(practice.actor("clinician2"), [client_id, later]) == []
    practice.clock.advance(timedelta(days=10))
    due = plans.due_for_review(practice.actor("clinician1"), [client_id, later])
    assert [(d.client_id, d.overdue) for d in due] == [(client_id, True)]


# --- the goals a note addressed ------------------------------------------------------------
def test_note_names_goals_of_the_current_plan_while_a_draft(
        practice: Practice, client_id: str) -> None:
    revision_id = TreatmentFactory.plan(practice, client_id)
    goal_id = view(practice, client_id, revision_id).document.goals[0].goal_id
    draft = NoteFactory.progress(practice, client_id, sign=False)
    plans, clinician = practice.services.plans, practice.actor("clinician1")
    with pytest.raises(InvalidInput, match=r"^goal_ids: pick goals of the client's current"):
        plans.set_note_goals(clinician, client_id, draft, ["g-00000000"])
    with pytest.raises(NotFound):  # not the author
        plans.set_note_goals(practice.actor("clinician3"), client_id, draft, [goal_id])
    plans.set_note_goals(clinician, client_id, draft, [goal_id])
    assert plans.note_goals(clinician, client_id, draft) == [goal_id]
    signed = NoteFactory.progress(practice, client_id)
    with pytest.raises(ConflictError, match="signed and locked"):
        plans.set_note_goals(clinician, client_id, signed, [goal_id])


# --- over HTTP ------------------------------------------------------------------------------------
def test_api_problem_plan_and_portal_signature_flow(practice: Practice, api: Api,
                                                    client_id: str) -> None:
    found = api.get("/diagnosis-codes?q=major%20depressive%20single%20moderate", "billing")
    assert found.status_code == 200 and DEPRESSION in {c["code"] for c in found.json()["items"]}
    bad = api.post(f"/clients/{client_id}/problems", "clinician1", {"code": "F32"})
    assert bad.status_code == 422 and "code:" in bad.json()["detail"]
    added = api.post(f"/clients/{client_id}/problems", "clinician1", {"code": DEPRESSION})
    assert added.status_code == 201
    listed = api.get(f"/clients/{client_id}/problems", "clinician1").json()["items"]
    assert [(p["code"], p["primary"]) for p in listed] == [(DEPRESSION, True)]
    assert api.get(f"/clients/{client_id}/problems", "billing").status_code == 403
    saved = api.post(f"/clients/{client_id}/plans", "clinician1", plan_body())
    assert saved.status_code == 201, saved.text
    revision_id = saved.json()["id"]
    plan = api.get(f"/clients/{client_id}/plans/{revision_id}", "supervisor").json()
    assert plan["state"] == "draft" and plan["document"]["problems"][0]["code"] == DEPRESSION
    assert api.post(f"/clients/{client_id}/plans/{revision_id}/signature", "supervisor",
                    {"text_sha256": plan["text_sha256"]}).status_code == 403
    assert api.post(f"/clients/{client_id}/plans/{revision_id}/signature", "clinician1",
                    {"text_sha256": plan["text_sha256"]}).status_code == 201
    assert api.get(f"/clients/{client_id}/plans", "billing").status_code == 403
