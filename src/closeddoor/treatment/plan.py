"""A treatment plan as a document: problems (from the client's problem list) → goals (each
measurable: a measure and a target, or a stated criterion) → objectives → interventions (with
their modality), target dates and a review date. Pure: parsing with every problem named by its
field, the canonical text every signature binds to (its SHA-256), and the plan's state.

A revision never changes once saved; a changed plan is a new revision that needs both
signatures again.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from closeddoor.errors import InvalidInput, join_problems

# Published instruments a goal may be measured by, with their score range (lower is better for
# each, so a target reads "below N").
MEASURES = {"PHQ-9": 27, "GAD-7": 21, "PCL-5": 80}
MODALITIES = {
    "act": "Acceptance and commitment therapy",
    "cbt": "Cognitive behavioural therapy",
    "dbt": "Dialectical behaviour therapy",
    "emdr": "EMDR",
    "family": "Family therapy",
    "group": "Group therapy",
    "mi": "Motivational interviewing",
    "psychodynamic": "Psychodynamic therapy",
    "psychoeducation": "Psychoeducation",
    "other": "Other",
}
GOAL_ID = re.compile(r"^g-[0-9a-f]{8}$")
TEXT_LIMIT = 1000
MAX_ITEMS = 20


@dataclass(frozen=True)
class Intervention:
    text: str
    modality: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "modality": self.modality}


@dataclass(frozen=True)
class Objective:
    text: str
    target_on: date | None
    interventions: tuple[Intervention, ...]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text,
                "target_on": self.target_on.isoformat() if self.target_on else None,
                "interventions": [i.to_json() for i in self.interventions]}


@dataclass(frozen=True)
class Goal:
    goal_id: str
    text: str
    measure: str  # "" or one of MEASURES
    target: int | None  # the measure's score to get below
    criterion: str  # how progress is judged when no measure is named
    target_on: date | None
    objectives: tuple[Objective, ...]

    @property
    def measurable(self) -> str:
        if self.measure:
            return f"{self.measure} below {self.target}"
        return self.criterion

    def to_json(self) -> dict[str, Any]:
        return {"id": self.goal_id, "text": self.text, "measure": self.measure,
                "target": self.target, "criterion": self.criterion,
                "target_on": self.target_on.isoformat() if self.target_on else None,
                "objectives": [o.to_json() for o in self.objectives]}


@dataclass(frozen=True)
class PlanProblem:
    code: str
    description: str
    goals: tuple[Goal, ...]

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "description": self.description,
                "goals": [g.to_json() for g in self.goals]}


@dataclass(frozen=True)
class PlanDocument:
    review_on: date
    problems: tuple[PlanProblem, ...]

    def to_json(self) -> dict[str, Any]:
        return {"review_on": self.review_on.isoformat(),
                "problems": [p.to_json() for p in self.problems]}

    @property
    def goals(self) -> list[Goal]:
        return [g for p in self.problems for g in p.goals]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlanDocument:
        """A stored document (already checked when it was saved)."""
        return cls(date.fromisoformat(data["review_on"]), tuple(
            PlanProblem(p["code"], p["description"], tuple(
                Goal(g["id"], g["text"], g["measure"], g["target"], g["criterion"],
                     _day(g["target_on"]), tuple(
                         Objective(o["text"], _day(o["target_on"]), tuple(
                             Intervention(i["text"], i["modality"])
                             for i in o["interventions"]))
                         for o in g["objectives"]))
                for g in p["goals"]))
            for p in data["problems"]))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def canonical_text(document: PlanDocument, revision: int) -> str:
    """The exact text both signatures bind to: every part of the plan, in order, in words.
    No client identifier: the plan is the client's by the row it is kept in."""
    lines = [f"Treatment plan, revision {revision}",
             f"Review by: {document.review_on.isoformat()}", ""]
    for p_no, problem in enumerate(document.problems, 1):
        lines.append(f"Problem {p_no}: {problem.code} {problem.description}")
        for g_no, goal in enumerate(problem.goals, 1):
            lines.append(f"  Goal {p_no}.{g_no}: {goal.text}")
            lines.append(f"    Measured by: {goal.measurable}")
            if goal.target_on:
                lines.append(f"    Target date: {goal.target_on.isoformat()}")
            for o_no, objective in enumerate(goal.objectives, 1):
                by = f" (by {objective.target_on.isoformat()})" if objective.target_on else ""
                lines.append(f"    Objective {p_no}.{g_no}.{o_no}: {objective.text}{by}")
                for intervention in objective.interventions:
                    lines.append(f"      Intervention ({MODALITIES[intervention.modality]}): "
                                 f"{intervention.text}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_goal_id() -> str:
    return f"g-{secrets.token_hex(4)}"


# --- parsing -------------------------------------------------------------------------------
def _text(value: Any, field: str, what: str, problems: list[str], *, required: bool = True
          ) -> str:
    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        problems.append(f"{field}: {what} as text")
    elif required and not text:
        problems.append(f"{field}: {what}")
    elif len(text) > TEXT_LIMIT:
        problems.append(f"{field}: at most {TEXT_LIMIT} characters")
    return text[:TEXT_LIMIT]


def _date(value: Any, field: str, problems: list[str], *, today: date,
          required: bool = False) -> date | None:
    """A date; a required one (the review date) from today on."""
    if value in (None, ""):
        if required:
            problems.append(f"{field}: a date such as {today.isoformat()}")
        return None
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{field}: a date written as YYYY-MM-DD, for example {today.isoformat()}")
        return None
    if required and day < today:
        problems.append(f"{field}: a date from today on ({today.isoformat()} or later)")
    return day


def _items(value: Any, field: str, what: str, problems: list[str], *, required: bool = True
           ) -> list[Any]:
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        problems.append(f"{field}: a list of {what}")
        return []
    if required and not value:
        problems.append(f"{field}: add at least one {what.rstrip('s')}")
    if len(value) > MAX_ITEMS:
        problems.append(f"{field}: at most {MAX_ITEMS} {what}")
    return value[:MAX_ITEMS]


def parse_document(data: Mapping[str, Any], *, today: date,
                   problem_list: Mapping[str, str], previous_goals: set[str]) -> PlanDocument:
    """Check a plan as submitted; every problem at once, each naming its field.

    `problem_list` maps the codes on the client's problem list to their descriptions: a plan
    addresses only problems on the list. A goal keeps its `id` from an earlier revision
    (`previous_goals`) so notes that named it still point at it; a new goal gets a new id.
    """
    problems: list[str] = []
    review_on = _date(data.get("review_on"), "review_on", problems, today=today, required=True)
    parsed: list[PlanProblem] = []
    seen_goals: set[str] = set()
    seen_codes: set[str] = set()
    for p_no, raw in enumerate(_items(data.get("problems"), "problems", "problems", problems), 1):
        where = f"problems.{p_no}"
        code = str(raw.get("code") or "").strip().upper()
        if code not in problem_list:
            problems.append(f"{where}.code: pick a diagnosis from the client's problem list "
                            "(add it to the problem list first)")
        elif code in seen_codes:
            problems.append(f"{where}.code: {code} is in the plan already: put its goals "
                            "together")
        seen_codes.add(code)
        goals: list[Goal] = []
        for g_no, goal in enumerate(_items(raw.get("goals"), f"{where}.goals", "goals",
                                           problems), 1):
            goals.append(_goal(goal, f"{where}.goals.{g_no}", problems, today, previous_goals,
                               seen_goals))
        parsed.append(PlanProblem(code, problem_list.get(code, ""), tuple(goals)))
    if problems or review_on is None:
        raise InvalidInput(join_problems(problems))
    return PlanDocument(review_on, tuple(parsed))


def _goal(raw: Mapping[str, Any], where: str, problems: list[str], today: date,
          previous_goals: set[str], seen: set[str]) -> Goal:
    text = _text(raw.get("text"), f"{where}.text", "say what the client wants to achieve",
                 problems)
    goal_id = raw.get("id")
    if goal_id in (None, ""):
        goal_id = new_goal_id()
    elif not isinstance(goal_id, str) or goal_id not in previous_goals or goal_id in seen:
        problems.append(f"{where}.id: leave it empty for a new goal, or keep the id the goal "
                        "had in the plan before")
        goal_id = new_goal_id()
    seen.add(goal_id)
    measure = raw.get("measure") or ""
    if not isinstance(measure, str):
        measure = "?"  # named below as not a measure
    target = raw.get("target")
    criterion = _text(raw.get("criterion"), f"{where}.criterion", "", problems, required=False)
    if measure:
        if measure not in MEASURES:
            problems.append(f"{where}.measure: one of {', '.join(MEASURES)}, or none")
            measure = ""
        elif isinstance(target, str) and target.strip().isdigit():
            target = int(target)
        if measure and (not isinstance(target, int) or isinstance(target, bool)
                        or not 1 <= target <= MEASURES[measure]):
            top = MEASURES[measure]
            problems.append(f"{where}.target: the {measure} score to get below, a whole number "
                            f"from 1 to {top} (for example 10)")
            target = None
    else:
        target = None
        if not criterion:
            problems.append(f"{where}.criterion: a goal must be measurable: name a measure and "
                            "target, or say how progress will be judged")
    target_on = _date(raw.get("target_on"), f"{where}.target_on", problems, today=today)
    objectives = []
    for o_no, obj in enumerate(_items(raw.get("objectives"), f"{where}.objectives",
                                      "objectives", problems, required=False), 1):
        o_where = f"{where}.objectives.{o_no}"
        interventions = []
        for i_no, item in enumerate(_items(obj.get("interventions"), f"{o_where}.interventions",
                                           "interventions", problems, required=False), 1):
            i_where = f"{o_where}.interventions.{i_no}"
            modality = item.get("modality")
            if not isinstance(modality, str) or modality not in MODALITIES:
                problems.append(f"{i_where}.modality: one of {', '.join(MODALITIES)}")
                modality = "other"
            interventions.append(Intervention(
                _text(item.get("text"), f"{i_where}.text", "say what the clinician will do",
                      problems), str(modality)))
        objectives.append(Objective(
            _text(obj.get("text"), f"{o_where}.text", "say what the client will do", problems),
            _date(obj.get("target_on"), f"{o_where}.target_on", problems, today=today),
            tuple(interventions)))
    return Goal(str(goal_id), text, str(measure), target if measure else None, criterion,
                target_on, tuple(objectives))


# --- the plan's state ----------------------------------------------------------------------
@dataclass(frozen=True)
class SignatureFacts:
    signer_kind: str  # clinician | client
    text_sha256: str


def plan_state(text_hash: str, signatures: list[SignatureFacts]) -> str:
    """draft (nobody signed), awaiting-client (the clinician signed), signed (both), each only
    for signatures bound to this very text."""
    kinds = {s.signer_kind for s in signatures if s.text_sha256 == text_hash}
    if "clinician" in kinds and "client" in kinds:
        return "signed"
    if "clinician" in kinds:
        return "awaiting-client"
    return "draft"


def review_due(review_on: date, today: date, within_days: int = 7) -> bool:
    """A plan is due for review from `within_days` before its review date, and when past it."""
    return (review_on - today).days <= within_days
