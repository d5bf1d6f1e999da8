"""Round 101 of issue 13, written from the ninety-sixth hand-written set (Venezuelan families
newly arrived in Doral and New York City), then seen: a hotel named after its kind ("at hotel
carrington") and, without case, what a centre is for ("bellamy center for trauma recovery")
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("family staying at hotel carrington on w 44th st", "hotel carrington"),
    ("stays in bed at hotel aurora in elmhurst", "hotel aurora"),
    ("evaluation (asylum), bellamy center for trauma recovery, manhattan.", "bellamy center for"
     " trauma recovery"),
])
def test_round_one_hundred_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("she was at hotel room 12 last week", "hotel room"),
    ("referred to the family resource center for youth group.", "youth group"),
    ("went to the center for help", "for help"),
])
def test_round_one_hundred_one_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
