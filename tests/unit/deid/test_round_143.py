"""Round 143 of issue 13, from what the hundred-and-ninety-fourth set (Cook Islander, Niuean
and Tokelauan families in Hawaii and Long Beach) lost: a hotel named by its brand and its branch
("Hyatt Regency Long Beach", "Sheraton Waikiki"); the branch stops where the hotel's, a town's
or a rare word stops, and "Hilton Head" stays a town (synthetic text only). Sets 199-202,
written after it, gained nothing from it."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Housekeeper at Hyatt Regency Santa Barbara, doubles since October.",
     "Hyatt Regency Santa Barbara"),
    ("Offered a housekeeping job at the Sheraton Kona; she responded well.", "Sheraton Kona"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Housekeeper at Hyatt Regency Santa Barbara, doubles since October.", "doubles"),
    ("Offered a housekeeping job at the Sheraton Kona; she responded well.", "she responded"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_keeps_a_town_named_like_a_hotel(case: type[str]) -> None:
    text = case("Family vacation in Hilton Head last summer.")  # type: ignore[call-arg]
    assert label_of(text, case("Hilton Head")) is Label.LOCATION  # type: ignore[call-arg]
