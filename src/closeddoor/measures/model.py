"""Outcome measures, pure: the instruments (PHQ-9, GAD-7, PCL-5), checking answers, scoring,
banding, the PHQ-9 item-9 safety flag and reliable change (Jacobson and Truax, 1991).

No I/O. docs/measures.md cites the sources of every band, cut-off and reliable-change figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from closeddoor.errors import InvalidInput, join_problems

Z_95 = 1.96  # two-tailed 95 %: the Jacobson-Truax criterion


class Instrument(StrEnum):
    GAD_7 = "GAD-7"
    PCL_5 = "PCL-5"
    PHQ_9 = "PHQ-9"


@dataclass(frozen=True)
class Band:
    low: int  # inclusive
    high: int  # inclusive
    name: str  # lower case, as published ("moderately severe")


@dataclass(frozen=True)
class Definition:
    instrument: Instrument
    title: str
    stem: str
    items: tuple[str, ...]
    choices: tuple[str, ...]  # the answer words, index = the answer's value
    bands: tuple[Band, ...]
    # The smallest change in total score that is reliable (not measurement error), in points;
    # docs/measures.md gives its source.
    reliable_change: int

    @property
    def highest_answer(self) -> int:
        return len(self.choices) - 1

    @property
    def highest_score(self) -> int:
        return self.highest_answer * len(self.items)


_FREQUENCY = ("Not at all", "Several days", "More than half the days", "Nearly every day")
_BOTHER = ("Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely")

PHQ_9 = Definition(
    Instrument.PHQ_9, "Patient Health Questionnaire (PHQ-9)",
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    (
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed, or the opposite: "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ),
    _FREQUENCY,
    (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"),
     Band(15, 19, "moderately severe"), Band(20, 27, "severe")),
    reliable_change=6,
)
GAD_7 = Definition(
    Instrument.GAD_7, "Generalized Anxiety Disorder scale (GAD-7)",
    "Over the last 2 weeks, how often have you been bothered by the following problems?",
    (
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    _FREQUENCY,
    (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"),
     Band(15, 21, "severe")),
    reliable_change=4,
)
PCL_5 = Definition(
    Instrument.PCL_5, "PTSD Checklist for DSM-5 (PCL-5)",
    "In the past month, how much were you bothered by:",
    (
        "Repeated, disturbing, and unwanted memories of the stressful experience",
        "Repeated, disturbing dreams of the stressful experience",
        "Suddenly feeling or acting as if the stressful experience were actually happening "
        "again (as if you were actually back there reliving it)",
        "Feeling very upset when something reminded you of the stressful experience",
        "Having strong physical reactions when something reminded you of the stressful "
        "experience (for example, heart pounding, trouble breathing, sweating)",
        "Avoiding memories, thoughts, or feelings related to the stressful experience",
        "Avoiding external reminders of the stressful experience (for example, people, places, "
        "conversations, activities, objects, or situations)",
        "Trouble remembering important parts of the stressful experience",
        "Having strong negative beliefs about yourself, other people, or the world (for "
        "example, having thoughts such as: I am bad, there is something seriously wrong with "
        "me, no one can be trusted, the world is completely dangerous)",
        "Blaming yourself or someone else for the stressful experience or what happened after it",
        "Having strong negative feelings such as fear, horror, anger, guilt, or shame",
        "Loss of interest in activities that you used to enjoy",
        "Feeling distant or cut off from other people",
        "Trouble experiencing positive feelings (for example, being unable to feel happiness or "
        "have loving feelings for people close to you)",
        "Irritable behavior, angry outbursts, or acting aggressively",
        "Taking too many risks or doing things that could cause you harm",
        "Being \"superalert\" or watchful or on guard",
        "Feeling jumpy or easily startled",
        "Having difficulty concentrating",
        "Trouble falling or staying asleep",
    ),
    _BOTHER,
    # The PCL-5 has no published severity bands. A provisional cut-off of 33 (the top of the
    # 31-33 range the National Center for PTSD gives) marks probable PTSD; docs/measures.md.
    (Band(0, 32, "below threshold"), Band(33, 80, "probable ptsd")),
    reliable_change=10,
)

DEFINITIONS: dict[Instrument, Definition] = {d.instrument: d for d in (GAD_7, PCL_5, PHQ_9)}
SAFETY_ITEM = 9  # PHQ-9 question 9 (1-based): thoughts of death or self-harm


def definition(name: str) -> Definition:
    """The instrument called `name` ("PHQ-9", "GAD-7", "PCL-5"); InvalidInput otherwise."""
    try:
        return DEFINITIONS[Instrument(name)]
    except ValueError:
        raise InvalidInput("instrument: choose PHQ-9, GAD-7 or PCL-5") from None


@dataclass(frozen=True)
class Result:
    instrument: Instrument
    answers: tuple[int, ...]
    score: int
    severity: str
    safety_flag: bool


def check_answers(spec: Definition, answers: Sequence[object]) -> tuple[int, ...]:
    """The answers as whole numbers, or InvalidInput naming every problem at once: each item's
    field is `item_N` (1-based), and a wrong count is `answers`."""
    problems: list[str] = []
    count = len(spec.items)
    if len(answers) != count:
        problems.append(f"answers: give exactly {count} answers, one for each question of the "
                        f"{spec.instrument.value} (got {len(answers)})")
    checked: list[int] = []
    for number, answer in enumerate(answers[:count], start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) \
                or not 0 <= answer <= spec.highest_answer:
            problems.append(f"item_{number}: answer question {number} with a whole number "
                            f"from 0 to {spec.highest_answer}")
            continue
        checked.append(answer)
    if problems:
        raise InvalidInput(join_problems(problems))
    return tuple(checked)


def band_of(spec: Definition, score: int) -> str:
    for band in spec.bands:
        if band.low <= score <= band.high:
            return band.name
    raise InvalidInput(f"score: must be from 0 to {spec.highest_score}")


def score(name: str, answers: Sequence[object]) -> Result:
    """Check and score one completed measure."""
    spec = definition(name)
    checked = check_answers(spec, answers)
    total = sum(checked)
    flag = spec.instrument is Instrument.PHQ_9 and checked[SAFETY_ITEM - 1] > 0
    return Result(spec.instrument, checked, total, band_of(spec, total), flag)


# --- reliable change ------------------------------------------------------------------------------
def jacobson_truax_threshold(sd: float, reliability: float) -> float:
    """The smallest reliable difference between two scores: 1.96 x S_diff, where
    S_diff = sqrt(2) x SE and SE = SD x sqrt(1 - r) (Jacobson and Truax, 1991)."""
    if sd <= 0 or not 0 <= reliability < 1:
        raise ValueError("sd must be positive and reliability in [0, 1)")
    return Z_95 * math.sqrt(2) * sd * math.sqrt(1 - reliability)


class Change(StrEnum):
    IMPROVED = "reliable improvement"
    NONE = "no reliable change"
    WORSE = "reliable deterioration"


def reliable_change(spec: Definition, first: int, last: int) -> Change:
    """Higher scores are worse on all three instruments: a fall by at least the threshold is a
    reliable improvement, a rise by at least it a reliable deterioration."""
    if first - last >= spec.reliable_change:
        return Change.IMPROVED
    if last - first >= spec.reliable_change:
        return Change.WORSE
    return Change.NONE


def change_word(spec: Definition, first: int, last: int) -> str:
    return reliable_change(spec, first, last).value
