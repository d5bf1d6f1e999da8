"""Round 41 of issue 13, written from the thirty-sixth hand-written set then seen: named
programmes that need two proper words, trades and schools of the Pacific Northwest and
Appalachia, VA medical centres, EMS agencies, therapeutic courts, community halls, a county's
everyday name, a name then an everyday word before a business's type, a middle name that is
shorthand, each word of a name found said again, navy ranks and ships, a granddaughter's
shorthand (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import find_identifiers
from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Dad drives for Cedar Flats Cab most nights.", "Cedar Flats Cab"),
    ("Operator for Nunivak Ridge Drilling until the layoff.", "Nunivak Ridge Drilling"),
    ("Safety officer from Cascade Timber Products called.", "Cascade Timber Products"),
    ("Prior tx: Beckley VAMC inpatient program in 1998.", "Beckley VAMC"),
    ("Tanana Valley EMS PCR, dispatched 0342.", "Tanana Valley EMS"),
    ("Participating in Kenai Therapeutic Court; review in January.", "Kenai Therapeutic Court"),
    ("Talking circle at Okpik Community Hall on Tuesdays.", "Okpik Community Hall"),
    ("The Honorable J. Wendt, Pierce County Superior Court, 930 Tacoma Ave.",
     "Pierce County Superior Court"),
    ("Steady work with Kitsap Sound Roofing since spring.", "Kitsap Sound Roofing"),
    ("Sent at 12 to Chugach Sound Boarding School.", "Chugach Sound Boarding School"),
    ("Working 32 hrs/wk at Golden Heart Grocery.", "Golden Heart Grocery"),
    ("Records request for Dorothy Mae Slone, DOB on file.", "Dorothy Mae Slone"),
    ("Husband Travis Dupree at bedside. Travis to bring son after daycare.", "Travis"),
    ("Granddtr Vy Tran (DPOA) at bedside.", "Vy Tran"),
    ("Pt asked that her LPO, CPO Hawes, not be told.", "Hawes"),
])
def test_round_forty_one_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("SM assigned to USS Harold Kessler, command-directed eval.", "Harold Kessler"),
    ("Referral to Warrior Path Residential Program if drinking continues.",
     "Warrior Path Residential Program"),
])
def test_round_forty_one_finds_in_every_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Discussed adult day program with daughter.", "adult day program"),
    ("The county EMS arrived at 0300; pt BIB EMS.", "EMS"),
    ("Referral to postpartum support group.", "support group"),
    ("Not ambulatory withdrawal management; the encampment behind the market.", "ambulatory"),
    ("Crew: D. Fontenot EMT-P, unit clear 0318.", "EMT-P"),
    ("Down the hall; the county superior court.", "hall"),
])
def test_round_forty_one_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_round_forty_one_does_not_say_a_people_again_without_case(case: type[str]) -> None:
    """A word of a name found is said again only if it may be a name: not a people's name."""
    text = case("Husband Sami Yousif Chaldean at bedside. Family is Chaldean, devout.")  # type: ignore[call-arg]
    again = text.rindex(case("Chaldean"))  # type: ignore[call-arg]
    assert not any(s.start <= again < s.end for s in find_identifiers(text))
