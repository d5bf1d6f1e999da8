"""Problem lists and treatment plans for tests: synthetic goals only."""

from __future__ import annotations

from typing import Any

from closeddoor.policy import Actor

DEPRESSION = "F32.1"  # Major depressive disorder, single episode, moderate
ANXIETY = "F41.1"  # Generalized anxiety disorder


def plan_body(code: str = DEPRESSION, *, target: int = 10, goal_id: str = "",
              review_on: str = "2026-03-06", goal_text: str = "Mood lifts enough to return "
              "to work (synthetic)") -> dict[str, Any]:
    """A whole plan: one problem, one PHQ-9 goal, one objective with one intervention."""
    goal: dict[str, Any] = {
        "text": goal_text, "measure": "PHQ-9", "target": target, "target_on": "2026-06-01",
        "objectives": [{"text": "Keep a weekly activity log (synthetic)",
                        "target_on": "2026-04-01",
                        "interventions": [{"text": "Behavioural activation (synthetic)",
                                           "modality": "cbt"}]}]}
    if goal_id:
        goal["id"] = goal_id
    return {"review_on": review_on, "problems": [{"code": code, "goals": [goal]}]}


def _actor(practice: Any, who: str) -> Actor:
    """The staff member's actor, in the integration and in the page tests' practice alike."""
    actor: Actor = practice.actor(who) if hasattr(practice, "actor") else \
        practice.user(who).actor
    return actor


class TreatmentFactory:
    @staticmethod
    def diagnose(practice: Any, client_id: str, code: str = DEPRESSION,
                 who: str = "clinician1", **extra: Any) -> str:
        return practice.services.problems.add(_actor(practice, who), client_id,
                                              {"code": code, **extra})

    @staticmethod
    def plan(practice: Any, client_id: str, *, who: str = "clinician1", sign: bool = False,
             **body: Any) -> str:
        """A saved revision (diagnosing the plan's problem first when it is not listed)."""
        services, actor = practice.services, _actor(practice, who)
        data = plan_body(**body)
        code = data["problems"][0]["code"]
        if code not in {p.code for p in services.problems.list_problems(actor, client_id)}:
            services.problems.add(actor, client_id, {"code": code})
        revision_id = services.plans.save(actor, client_id, data)
        if sign:
            view = services.plans.get(actor, client_id, revision_id)
            services.plans.sign(actor, client_id, revision_id, text_sha256=view.text_sha256)
        return revision_id
