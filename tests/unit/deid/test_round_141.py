"""Round 141 of issue 13, from what the hundred-and-ninety-first to -fourth sets (Molokan,
Doukhobor and Old Believer; Germans from Russia; Alawite, Druze and Meskhetian Turkish; Cook
Islander, Niuean and Tokelauan families) lost: a church named for its saint or a holy name
after "church of" or "cathedral of the", a state's troopers, a university named for a region of
its state, a state's regional human service centre, and universities by their initials
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Sang at the Christmas concert at the Cathedral of the Holy Family; tearful.",
     "Cathedral of the Holy Family"),
    ("Spoke by phone with the priest at Church of St. Sergius, Homer.",
     "Church of St. Sergius"),
    ("Records: Montana State Troopers incident report reviewed.", "Montana State Troopers"),
    ("Wants to attend Southern Illinois University for nursing first.",
     "Southern Illinois University"),
    ("Psychiatric intake, North Central Human Service Center, Minot.",
     "North Central Human Service Center"),
    ("Daughter is a sophomore at NYU and calls every night.", "NYU"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Felt filled with the holy spirit during prayer.", "holy spirit"),
    ("ED visit to Holy Family in 2019 for panic.", " in "),
    ("Referred to the human service center for intake.", "human service center"),
    ("UCLA PTSD-RI total 41 at intake.", "UCLA"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
