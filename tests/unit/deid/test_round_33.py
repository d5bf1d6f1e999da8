"""Round 33 of issue 13, written from the twenty-eighth hand-written set then seen: a hospice's
or a practice's name "of" a place, galleries, tack shops, painters, software firms, bakeries of
brothers, a Buddhist vihara, women's health, endocrinology, a learning center, an officer's and
a patient-care tech's surnames, a dated note's title, and a people's name kept in a church's
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Malama Hospice of Windward Oahu RN home visit today.",
     "Malama Hospice of Windward Oahu"),
    ("Pt owns Persian Garden Rug Gallery in town, wants a work note.",
     "Persian Garden Rug Gallery"),
    ("Reach him via neighbor at Hoover's Harness & Tack, phone on file.",
     "Hoover's Harness & Tack"),
    ("She ran the register at the family's Maalouf Brothers Bakery.",
     "Maalouf Brothers Bakery"),
    ("Husband works at Costa Brothers Painting and drives her in.",
     "Costa Brothers Painting"),
    ("Imran works long hours at Indus Valley Software, on call.", "Indus Valley Software"),
    ("OB is Dr. Wise at Willamette Women's Health; doula visits.",
     "Willamette Women's Health"),
    ("Attends Lotus Pond Buddhist Vihara most Sundays.", "Lotus Pond Buddhist Vihara"),
    ("Attends Sunshine Learning Center, mom asks for a daycare note.",
     "Sunshine Learning Center"),
    ("PCT Jelton cannulated, 2 sticks.", "Jelton"),
    ("Plate on file per officer Delacroix at the scene.", "Delacroix"),
    ("PACU RN note 11.03 1320-1515, pt stable.", "11.03"),
])
def test_round_thirty_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_a_peoples_name_stays_in_a_churchs_name() -> None:
    assert covered("Family attends Chuukese Congregational Church of Salem.",
                   "Chuukese Congregational Church of Salem")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("A1c drawn. Officer Rusk escorted, cuffed in front.", "escorted"),
    ("BP too high; her blood sugar is high; somatic subscales high.", "subscales high"),
    ("Next RN visit Fri 11/7 or prn.", "Fri"),
    ("Speaks Chuukese at home; interpreter used.", "Chuukese"),
])
def test_round_thirty_three_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
