"""Round 118 of issue 13, from what the hundred-and-eleventh and -twelfth sets still lost after
round 117, each rule a general one: a body "of" a town found before a comma, a surname with
accents after a given name where a name ends, a specialty's practice that goes on with
"associates", a name's possessive opening a school found, a utility named for its town
(synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Diagnosed at age 8 at Children's Center of Clifton, took methylphenidate.",
     "Children's Center of Clifton"),
    ("Release to Dr. Anna Bartók, Highland Park Family Practice.", "Anna Bartók"),
    ("Follows with Dr. Iyer of Fort Bend Cardiology Associates after discharge.",
     "Fort Bend Cardiology Associates"),
    ("In 11th grade at Grover's Mill High School; she plays cello.",
     "Grover's Mill High School"),
    ("Retired engineer (Lakeland Power & Light, 1968 to 2001).", "Lakeland Power & Light"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_name_before_a_school_it_does_not_open_stays_a_name(case: type[str]) -> None:
    text = case("Maria's Lincoln High School counselor called.")  # type: ignore[call-arg]
    assert label_of(text, case("Maria")) is Label.NAME  # type: ignore[call-arg]
