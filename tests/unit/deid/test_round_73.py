"""Round 73 of issue 13, written from the sixty-ninth hand-written set then seen: a county's
community mental health and child welfare offices by their initials, and a licence number's
groups of five digits (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("sliding scale via kalamazoo county cmh for now", "kalamazoo county cmh"),
    ("hotline report to fresno county cws by the ed sw", "fresno county cws"),
])
def test_round_seventy_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_a_licence_number_in_groups_of_five() -> None:
    assert covered("License suspended, DL # D0214 77120 40311. Works nights.", "77120")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("county health nurse visits weekly", "health nurse"),
    ("mrn 7654321, wt 70 kg, 12345 steps a day", "12345"),
])
def test_round_seventy_three_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
