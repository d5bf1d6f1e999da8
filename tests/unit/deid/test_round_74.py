"""Round 74 of issue 13, written from the seventieth hand-written set then seen: a court's cause
number, a slashed date after "appt", a shift's date before "days" when no count is out of its
whole, police districts by their number, and a society or an association of a place (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("referred by district court, cause # 26-1-00412-7, after a dui", "26-1-00412-7"),
    ("help filing a report, next appt 2/3 at noon", "2/3"),
    ("nursing note 3 west 6/19 days. pt calm", "6/19"),
    ("report filed with the 11th district police", "11th district"),
])
def test_round_seventy_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("taking meds 5/7 days this week", "5/7"),
    ("attended 3/4 groups this week", "3/4"),
    ("no known cause 2 days ago", "2 days"),
])
def test_round_seventy_four_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
