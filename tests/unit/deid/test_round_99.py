"""Round 99 of issue 13, written from what the ninety-four seen hand-written sets still lost in
lower case and capitals, courts above all: a court's kind ("justice", "general sessions",
"domestic violence", "town") and the words of its place back to "in", "from", "by" or "of";
and a weekday never opens a name after "to" ("goes to sunday school") (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid.clinical import cue_finder
from closeddoor.deid.facilities import find_named_after_cue
from closeddoor.deid.hits import Hit
from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("dui in 2019, resolved in silver bow justice court, case closed", "silver bow justice"
     " court"),
    ("referred by window rock district court after a 3rd dwi", "window rock district court"),
    ("dui 2021, shelby county general sessions court, docket on file", "shelby county general"
     " sessions court"),
    ("order granted at cook county domestic violence court, case pending", "cook county"
     " domestic violence court"),
    ("citation is under docket in brighton town court. psg done", "brighton town court"),
])
def test_round_ninety_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("went to court today with her mother", "court"),
    ("coordinate w youth court counselor about the plan", "youth court"),
    ("outpatient at metropolitan family services until 18", "until"),
])
def test_round_ninety_nine_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_weekday_opens_no_name_after_to() -> None:
    lowered = "goes to sunday school weekly"
    hits: list[Hit] = []
    find_named_after_cue(cue_finder(), lowered, set(lowered.split()), hits)
    assert hits == []
