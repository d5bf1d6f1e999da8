"""Round 78 of issue 13, written from the seventy-fourth hand-written set then seen: a person
after "supervisor" or "boss", and a capitalised business after whose kind of business it is
("dad's barbershop Golden Scissors") (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("notified dr. lee and supervisor d. mcnally by phone", "d. mcnally"),
])
def test_round_seventy_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_a_business_after_whose_kind_of_business_it_is() -> None:
    assert covered("Works weekends at dad's barbershop Silver Comb on Main.", "Silver Comb")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("landlord dispute in municipal court", "dispute"),
    ("supervisor aware of the fall", "aware"),
    ("seen by dr. foreman today", "dr."),
])
def test_round_seventy_eight_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_weekday_after_her_store_names_no_shop() -> None:
    assert untouched("She went to her store Monday and back.", "Monday")
