"""Round 81 of issue 13, written from the seventy-seventh hand-written set then seen: a street
named by one letter in any case, a Texas county court at law by its number, a capitalised shop
after "outside" or "behind", and an employer after a job noun and "for" (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("wife works at a bakery on k street downtown", "k street"),
    ("retired hauler for bayou state trucking, lives alone", "bayou state trucking"),
])
def test_round_eighty_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("DWI 2019, Travis County Criminal Court at Law No. 3, probation done.",
     "Court at Law No. 3"),
    ("Found in his truck outside Larsen's Grocery on Pine Ave.", "Larsen's Grocery"),
])
def test_round_eighty_one_finds_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("walked on a street nearby", "a street"),
    ("he ran behind schedule all week", "schedule"),
])
def test_round_eighty_one_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
