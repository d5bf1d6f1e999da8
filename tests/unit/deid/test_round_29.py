"""Round 29 of issue 13, written from the twenty-fourth hand-written set then seen: units
named by acronym, trades (groceries, traders, trading posts, OTPs), a surname of two words after
a name that took its first word, Broadway without a street's type (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("PCU 7a-7p nsg: pt resting, vss.", "PCU"),
    ("Records to Oak Park Community Health Center, 3415 Broadway, Sacramento.",
     "3415 Broadway"),
    ("Probation completed with PO Janine Black Elk last year.", "Janine Black Elk"),
])
def test_round_twenty_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Husband works nights at Jalal Halal Meat & Grocery downtown.",
     "Jalal Halal Meat & Grocery"),
    ("Will visit after shift at El Morro Trading Post tonight.", "El Morro Trading Post"),
    ("Parents run Sri Lakshmi Rice Traders, father calls daily.", "Sri Lakshmi Rice Traders"),
])
def test_round_twenty_nine_finds_trades_without_case(case: type[str], text: str,
                                                     needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Home after 3 wks at the rehabilitation center post-stroke.", "post-stroke"),
    ("Seen post op day 2; went to the post office.", "post"),
])
def test_round_twenty_nine_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
