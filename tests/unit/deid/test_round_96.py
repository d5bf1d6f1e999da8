"""Round 96 of issue 13, written from the ninety-second hand-written set (Chin refugee families
from Burma in Indianapolis and Battle Creek), then seen: a Chin language named for its town is
no person, Mizo and Zomi are peoples, castings and interiors are trades, and scores out of a
whole after "inattention" or "ODD" are no dates (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pt pau khan mung, 45 y/o m, tedim chin, acct 7730-0915-22.", "chin"),
    ("preferred language falam chin, daughter speaks english", "falam chin"),
    ("61-year-old mizo-speaking widow, dob on file", "mizo"),
    ("parent vanderbilt: inattention 7/9, odd 3/8. no trauma", "3/8"),
])
def test_round_ninety_six_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("mom works 2nd shift 3p-11:30p at calhoun precision castings, best reached",
     "calhoun precision castings"),
    ("sends money monthly to an aunt in falam. panic attacks", "falam"),
    ("seen by dr. chin in clinic", "chin"),
])
def test_round_ninety_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
