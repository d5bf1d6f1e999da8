"""Round 28 of issue 13, written from the twenty-third hand-written set then seen: ranges that
end in a full date, a date after "started" among a ventilator's words, volunteer rescue and
fire/EMS services, CBOCs, ranches, imaging, cabs, a probation officer by initial, and sleep
study shorthand that stays a word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Hospitalized 8/12-8/19/2025 after an overdose.", "8/12"),
    ("Hospitalized 8/12-8/19/2025 after an overdose.", "8/19/2025"),
    ("Severe OSA. CPAP started 11/1, compliance good.", "11/1"),
    ("94 yo F BIB Lake Arthur Volunteer Rescue from home.", "Lake Arthur Volunteer Rescue"),
    ("EMS PCR 0340: Whiteriver Fire/EMS dispatched to the house.", "Whiteriver Fire/EMS"),
    ("Referred by his PCP at the Hampton Roads CBOC.", "Hampton Roads CBOC"),
    ("Thirty days at New Dawn Recovery Ranch last spring.", "New Dawn Recovery Ranch"),
    ("Drives for Kente Cab Co and worries about his job.", "Kente Cab Co"),
    ("Tribal probation; PO R. Nuvamsa wants monthly updates.", "R. Nuvamsa"),
])
def test_round_twenty_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


# (As written, "Mobile" is read as the city in Alabama and "Imaging" is left out.)
@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_round_twenty_eight_finds_a_trade_without_case(case: type[str]) -> None:
    text = "Portable CXR by Portaray Mobile Imaging at 1745."
    assert covered(case(text), case("Portaray Mobile Imaging"))  # type: ignore[call-arg]


# (Written with its capitals in a cased note, an eponym such as "Cheyne-Stokes" is still read
# as a name, as before this round.)
@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_round_twenty_eight_shorthand_of_two_names_stays_a_word(case: type[str]) -> None:
    text = "Transferred to Cheyne-Stokes Byers Rehab on 12/19."
    assert untouched(case(text), case("Cheyne-Stokes"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("PSG: AHI 38, severe OSA, titration next.", "OSA"),
    ("Placed on BiPAP 12/5 overnight, tolerating.", "12/5"),
    ("Vent settings on 10/5 this morning.", "10/5"),
    ("Tylenol 650 po q6h prn.", "po q6h"),
    ("Will arrange home health on discharge.", "home health"),
])
def test_round_twenty_eight_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
