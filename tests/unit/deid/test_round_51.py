"""Round 51 of issue 13, written from the forty-ninth hand-written set then seen: ECG leads,
plateau pressures and psychometric indices, referrals and speakers after a cue, countries of
two words in one run, homes named for a denomination, car services, child development centres
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Vent AC/VC, PEEP 10, PLAT 26, peak 31.", "PLAT 26"),
    ("12 lead: ST elev II, III, aVF w/ reciprocal changes in aVL.", "III"),
    ("WAIS-IV FSIQ 81 (VCI 78, PRI 86).", "PRI 86"),
    ("SW referral placed; wife Clothilde speaks mostly French.", "speaks"),
    ("Three years sober attending AA in a church basement.", "AA"),
    ("Attended Sunday service at the church with his aunt.", "Sunday service"),
])
def test_round_fifty_one_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Wife, 91, lives at Sheyenne Lutheran Home in town.", "Sheyenne Lutheran Home"),
    ("Father drives for Astoria Car Service most days.", "Astoria Car Service"),
    ("Kids at Little Anchors CDC on base.", "Little Anchors CDC"),
])
def test_round_fifty_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_round_fifty_one_leaves_a_country_of_two_words_in_a_cased_note() -> None:
    assert untouched("Father remains in Usulután, El Salvador; New Mexico later.", "El Salvador")
