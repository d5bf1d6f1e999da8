"""Round 105 of issue 13, written from the hundredth hand-written set (farming families of the
Mississippi Delta and the Arkansas rice country), then seen: a rural route written "rt" and its
box, and a county's youth court, never a letter of shorthand opening a court's name ("w youth
court") (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("brought in by grandson from rt 2 box 118, friars point ms 38631.", "rt 2 box 118"),
    ("in custody since a 2019 order of the coahoma county youth court. referral", "coahoma"
     " county youth court"),
])
def test_round_one_hundred_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_letter_of_shorthand_opens_no_court(case: type[str]) -> None:
    text = case("coordinate w youth court counselor about the plan")  # type: ignore[call-arg]
    assert untouched(text, case("w youth court"))  # type: ignore[call-arg]
