"""Round 139 of issue 13, from what the hundred-and-eighty-third to -sixth sets (Yezidi and
Banyamulenge; Chakma, Marma and Hajong; Indonesian American; Sámi-descended, Finnish and
Norwegian American, Tahitian, Ni-Vanuatu, Papua New Guinean and Wallisian families) lost: a
body named by its kind and its place ("port of", "community college of", "legal aid of") or a
legal aid by the place before it, a state university by its campus, a people's cultural or
heritage centre, a fraternal society's lodge, shops and bodies after a cue that close with
"nails", "hair braiding", "foods", "alliance" or "integrated care" (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Dock worker at the Port of Tacoma, back on light duty.", "Port of Tacoma"),
    ("Sister studies nursing at Community College of Denver, calls nightly.",
     "Community College of Denver"),
    ("Referral to Legal Aid of Arkansas for the eviction.", "Legal Aid of Arkansas"),
    ("Consult booked with West Tulsa Immigrant Legal Aid, advocate present.",
     "West Tulsa Immigrant Legal Aid"),
    ("Son is a sophomore at UC Riverside and calls on Sundays.", "UC Riverside"),
    ("Transferred to Cal State Fresno in the fall.", "Cal State Fresno"),
    ("She volunteers at the Estonian American Heritage Center in Lakewood.",
     "Estonian American Heritage Center"),
    ("Dances with a group from the Marquesan Cultural Center on Fridays.",
     "Marquesan Cultural Center"),
    ("Lutefisk supper at the Sons of Norway Bay Shore Lodge upset her.",
     "Sons of Norway Bay Shore Lodge"),
    ("Mother works 10 hrs a day at Mariama's African Hair Braiding on Main St.",
     "Mariama's African Hair Braiding"),
    ("Armed robbery at Lucky Day Nails in October; nightmares since.", "Lucky Day Nails"),
    ("Works 2nd shift at Sunrise Tender Foods in the deboning room.", "Sunrise Tender Foods"),
    ("Intake done at Lone Oak Integrated Care, referral made.", "Lone Oak Integrated Care"),
    ("Report given to NewYork-Presbyterian Brooklyn, bed 4.",
     "NewYork-Presbyterian Brooklyn"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Waited 6 hrs at the port of entry; tired.", "port of entry"),
    ("Gave him legal aid walk-in hours.", "legal aid"),
    ("Needs: housing, legal aid, counseling.", "legal aid"),
    ("Goes to the senior community center on Tuesdays.", "community center"),
    ("Hx of UC flare, now in remission on mesalamine.", "UC flare"),
    ("Bites her nails at night; chews pens in class.", "nails"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
