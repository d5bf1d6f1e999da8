"""Round 67 of issue 13, written from the sixty-third hand-written set then seen: an area agency
on aging named by its region, a business set beside "his store," after a comma, a business
after "runs" or "owner of", and feedyards and repair shops by their type word (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("respite via coastal bend area agency on aging, f/u", "coastal bend area agency on aging"),
    ("visits daily after closing his store, morning star bakery on elm",
     "morning star bakery"),
    ("father runs lucky corner market, a small grocery", "lucky corner market"),
    ("he is co-owner of hilltop auto repair on 5th", "hilltop auto repair"),
    ("works at cactus feeders as a pen rider", "cactus feeders"),
])
def test_round_sixty_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("called the area agency on aging for a ride", "area agency on aging"),
    ("keeps a handgun at the store, safety plan reviewed", "safety plan"),
    ("he runs cross country in the fall", "cross country"),
])
def test_round_sixty_seven_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
