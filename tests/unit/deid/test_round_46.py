"""Round 46 of issue 13, written from the forty-third hand-written set then seen: run reports'
numbers, Plains surnames of two words, a football club, a fabricator, more people in one field,
a possessive inside a facility's name but not a person's school, a hospital's emergency
department left out of its name (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("PCR 26-04417 | County Amb 2 dispatched 1342.", "26-04417"),
    ("EMS report, incident # 26-118734, dispatched 0214.", "26-118734"),
    ("34 YOF Darlene White Calf BIB tribal officer.", "White Calf"),
    ("Client Jace Two Guns, 17 M, referred by school.", "Two Guns"),
    ("Pt Darnell Medicine Horse, 52 M, Army veteran.", "Medicine Horse"),
    ("Clients: Narek Avakian (38) and Arsen Avakian (35), married 9 yrs.", "Arsen Avakian"),
])
def test_round_forty_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_round_forty_six_finds_a_fabricator_without_case(case: type[str]) -> None:
    text = "Uncle reports he worked at Rouge Steel Fabricators until October."
    assert covered(case(text), case("Rouge Steel Fabricators"))  # type: ignore[call-arg]


def test_round_forty_six_reads_a_possessive_inside_a_facility() -> None:
    text = "ED visit at Children's Hospital of Michigan in 2019; plays for Warren Lions FC."
    assert label_of(text, "Children's Hospital of Michigan") is Label.ORGANIZATION
    assert covered(text, "Children's Hospital of Michigan")
    assert covered(text, "Warren Lions FC")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("EMS PCR 4-Dec-26 0340: fire/EMS dispatched.", "0340"),
    ("After the incident on 11/19 the boys met.", "on"),
    ("Mom said Jake's school called her again.", "school"),
    ("Seen at Palmetto Children's Hospital ED 8/30, then admitted.", "ED"),
    ("Caller: Pete Ahlstrom, RPh, Seacoast Pharmacy.", "RPh"),
])
def test_round_forty_six_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
