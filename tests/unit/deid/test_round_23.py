"""Round 23 of issue 13, written from the eighteenth hand-written set then seen: surnames of
two words, Sikh names, initialled signers, quadrants and house numbers before a street, courts
by their number, practices, temples and shops (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Patient: Delphine Iron Cloud, age 93, to clinic.", "Delphine Iron Cloud"),
    ("Lives with granddaughter Kimimela Little Thunder in Wanblee.", "Kimimela Little Thunder"),
    ("Follow-up: PCP Dr. Runs Above at the clinic.", "Runs Above"),
    ("Intake 6/14: Gurdeep Singh Dhillon, 52, long-haul driver.", "Gurdeep Singh Dhillon"),
    ("Contact 928 555 0114. - RT D. Yazzie", "D. Yazzie"),
    ("Signed M. Villalobos-Ruiz 11/30; witness K. Ocampo.", "M. Villalobos-Ruiz"),
    ("Signed M. Villalobos-Ruiz 11/30; witness K. Ocampo.", "K. Ocampo"),
    ("Fax to 62 SW Tamarack Ave, Bend, OR 97701.", "62 SW Tamarack Ave"),
    ("Lives at 1450 W Calle Girasol, Nogales, AZ 85621.", "1450 W Calle Girasol"),
    ("Lives alone at 3380 Old County Rd 12, Selma.", "3380 Old County Rd 12"),
    ("The Honorable J. Baird, 61st District Court, re: hearing.", "61st District Court"),
    ("Hearing at Yancey County Courthouse on the 9th.", "Yancey County Courthouse"),
    ("Neurologist at Uinta Basin Neurology, follow-up this week.", "Uinta Basin Neurology"),
    ("Family goes to Guru Ravidas Sikh Temple on Sundays.", "Guru Ravidas Sikh Temple"),
    ("Disclose to Marsh Psychological Services for continuity.",
     "Marsh Psychological Services"),
    ("Promoted to shift lead at Blue Heron Books last month.", "Blue Heron Books"),
    ("Seizure at work (Sunrise Nail & Spa) this morning.", "Sunrise Nail & Spa"),
    ("Two detox stays at Ridgeview Detox last year.", "Ridgeview Detox"),
    ("Attends mass at Our Lady of Perpetual Help each week.",
     "Our Lady of Perpetual Help"),
])
def test_round_twenty_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Maria two weeks ago slept better.", "two weeks"),
    ("Dressing to rt d. side, changed at 1400.", "side"),
    ("Lesion 2 cm d. to the left of the scar.", "to the left"),
    ("Hearing set at the county courthouse next week.", "county courthouse"),
    ("He attends the Buddhist temple near home.", "Buddhist temple"),
    ("Went to detox twice; seen by peds neurology.", "peds neurology"),
    ("A day at the spa helped her sleep.", "spa"),
])
def test_round_twenty_three_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
