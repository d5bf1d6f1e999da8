"""Round 50 of issue 13, written from the forty-seventh hand-written set then seen: a
numbered road without a house number, skilled nursing by its name, a possessive before
"Recovery" and "Court", no business after a preposition (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Lives on the family ranch off State Road 434 near town.", "State Road 434"),
    ("Father died in a wreck on Hwy 70 two years ago.", "Hwy 70"),
    ("Plan: d/c to Valley View Skilled Nursing tentatively 12/9.", "Valley View Skilled Nursing"),
])
def test_round_fifty_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_round_fifty_reads_possessives_before_recovery_and_court() -> None:
    text = ("Mother in treatment at Vista del Sol Women's Recovery; petition in San Miguel "
            "County Children's Court.")
    assert covered(text, "Vista del Sol Women's Recovery")
    assert covered(text, "Children's Court")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Today he stayed; enactment around ranch chores went well.", "around ranch"),
    ("Meet me at the quick stop on Candler Rd 9:30 Mon.", "9:30"),
    ("Plan: d/c to skilled nursing when a bed opens.", "skilled nursing"),
])
def test_round_fifty_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
