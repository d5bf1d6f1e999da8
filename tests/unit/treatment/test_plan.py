"""The treatment plan document: measurable goals, every problem named by its field, the
canonical text signatures bind to, and the plan's state from its signatures."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.treatment.plan import (
    PlanDocument,
    SignatureFacts,
    canonical_text,
    parse_document,
    plan_state,
    review_due,
    text_sha256,
)

TODAY = date(2026, 12, 3)
LISTED = {"F32.1": "Major depressive disorder, single episode, moderate"}


def plan(**goal: Any) -> dict[str, Any]:
    return {"review_on": "2027-03-01", "problems": [{"code": "F32.1", "goals": [
        {"text": "Mood lifts enough to return to work", "measure": "PHQ-9", "target": 10,
         "target_on": "2027-03-01", "objectives": [
             {"text": "Keep a weekly activity log", "target_on": "2027-01-15",
              "interventions": [{"text": "Behavioural activation", "modality": "cbt"}]}],
         **goal}]}]}


def parse(data: dict[str, Any], previous: set[str] | None = None) -> PlanDocument:
    return parse_document(data, today=TODAY, problem_list=LISTED,
                          previous_goals=previous or set())


def test_parse_keeps_every_level_when_plan_is_whole() -> None:
    document = parse(plan())
    [problem] = document.problems
    [goal] = problem.goals
    assert problem.description == LISTED["F32.1"]
    assert (goal.measure, goal.target, goal.measurable) == ("PHQ-9", 10, "PHQ-9 below 10")
    assert goal.objectives[0].interventions[0].modality == "cbt"
    assert goal.goal_id.startswith("g-")
    assert PlanDocument.from_json(document.to_json()) == document


def test_parse_names_every_problem_at_once_when_input_is_bad() -> None:
    bad = plan(measure="PHQ-9", target=40, target_on="soon")
    bad["review_on"] = "2026-01-01"
    bad["problems"][0]["goals"][0]["objectives"][0]["interventions"][0]["modality"] = "magic"
    bad["problems"].append({"code": "F41.1", "goals": []})
    with pytest.raises(InvalidInput) as refused:
        parse(bad)
    message = str(refused.value)
    for field in ("review_on: a date from today on", "problems.1.goals.1.target:",
                  "problems.1.goals.1.target_on:",
                  "problems.1.goals.1.objectives.1.interventions.1.modality:",
                  "problems.2.code: pick a diagnosis from the client's problem list",
                  "problems.2.goals: add at least one goal"):
        assert field in message


def test_parse_refuses_goal_when_not_measurable() -> None:
    with pytest.raises(InvalidInput, match=r"problems\.1\.goals\.1\.criterion: a goal must be"):
        parse(plan(measure="", target=None))
    assert parse(plan(measure="", criterion="Back at work three days a week")).goals[0]\
        .measurable == "Back at work three days a week"


@pytest.mark.parametrize(("measure", "top"), [("PHQ-9", 27), ("GAD-7", 21), ("PCL-5", 80)])
def test_parse_bounds_target_by_instrument_when_measure_named(measure: str, top: int) -> None:
    assert parse(plan(measure=measure, target=top)).goals[0].target == top
    with pytest.raises(InvalidInput, match=f"from 1 to {top}"):
        parse(plan(measure=measure, target=top + 1))


def test_parse_keeps_goal_id_when_goal_was_in_previous_revision() -> None:
    assert parse(plan(id="g-0123abcd"), {"g-0123abcd"}).goals[0].goal_id == "g-0123abcd"
    with pytest.raises(InvalidInput, match=r"goals\.1\.id: leave it empty for a new goal"):
        parse(plan(id="g-0123abcd"))


def test_canonical_text_changes_when_any_part_changes() -> None:
    first = parse(plan(id="g-0123abcd"), {"g-0123abcd"})
    text = canonical_text(first, 1)
    assert "Goal 1.1: Mood lifts enough to return to work" in text
    assert "Measured by: PHQ-9 below 10" in text
    assert "Intervention (Cognitive behavioural therapy): Behavioural activation" in text
    assert canonical_text(first, 1) == text  # deterministic
    lower = parse(plan(id="g-0123abcd", target=8), {"g-0123abcd"})
    assert text_sha256(canonical_text(lower, 1)) != text_sha256(text)
    assert text_sha256(canonical_text(first, 2)) != text_sha256(text)


def test_plan_state_counts_only_signatures_on_this_text() -> None:
    assert plan_state("a", []) == "draft"
    assert plan_state("a", [SignatureFacts("clinician", "a")]) == "awaiting-client"
    assert plan_state("a", [SignatureFacts("clinician", "a"),
                            SignatureFacts("client", "a")]) == "signed"
    assert plan_state("a", [SignatureFacts("clinician", "b"),
                            SignatureFacts("client", "b")]) == "draft"


@pytest.mark.parametrize(("review_on", "due"), [
    (date(2026, 12, 10), True), (date(2026, 12, 11), False), (date(2026, 11, 1), True),
    (TODAY, True)])
def test_review_due_within_seven_days_or_past(review_on: date, due: bool) -> None:
    assert review_due(review_on, TODAY) is due


def test_parse_names_fields_when_values_have_the_wrong_shape() -> None:
    bad = plan(measure=["PHQ-9"], target={"below": 10}, id=7, text=3)
    bad["problems"][0]["goals"][0]["objectives"][0]["interventions"][0]["modality"] = {"x": 1}
    bad["problems"][0]["goals"][0]["objectives"][0]["interventions"].append("not an object")
    with pytest.raises(InvalidInput) as refused:
        parse(bad)
    message = str(refused.value)
    for field in ("problems.1.goals.1.measure:", "problems.1.goals.1.id:",
                  "problems.1.goals.1.text:",
                  "problems.1.goals.1.objectives.1.interventions: a list of interventions"):
        assert field in message
