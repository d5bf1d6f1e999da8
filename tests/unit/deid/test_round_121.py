"""Round 121 of issue 13, from what the hundred-and-nineteenth to -twenty-second sets
(Circassian, Jordanian and Yazidi; Muscogee and Yup'ik; Maltese, Sicilian and Sardinian;
Burkinabe, Beninese and Nigerien families) lost, each rule a general one: a code found inside a
word taken whole with the letters glued before it, a case number written with spaces in lower
case, a part of a New Jersey Superior Court after its county, "Concourse" as a street's type
(synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label, find_identifiers
from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Licence suspended, OL RT448127, until the hearing.", "RT448127"),
    ("OVI on 7/4/26, case 2026 TRC 118244; probation after.", "2026 TRC 118244"),
    ("Superior Court, Passaic County, Family Part, docket pending.",
     "Passaic County, Family Part"),
    ("BIB EMS from 1874 Grand Concourse Apt 5C after a fall.", "1874 Grand Concourse Apt 5C"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("In 2019 had 15000 steps a day, in 2024 was 12000.", "had"),
    ("Family part of the plan: weekly calls.", "Family part"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


def test_a_code_glued_to_a_longer_word_keeps_its_letters_apart() -> None:
    text = "lab note hemoglobin12345678 typed without a space"
    assert all(s.label is not Label.ID or text[s.start:s.end] == "12345678"
               for s in find_identifiers(text))
