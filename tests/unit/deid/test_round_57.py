"""Round 57 of issue 13, written from the fifty-fourth hand-written set then seen: programs
named with their acronym ("X IOP", "X PHP"), roads without a number whose names hold
shorthand, workplaces that are also kinds of place, "contact:" and "present:" fields, and a
month and a day before a time on a 24-hour clock (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("then wampanoag php 3 wks, then back to work", "wampanoag php"),
    ("Follow-up: Blackstone River PHP, 12 Main St, Woonsocket.", "Blackstone River PHP"),
    ("lives alone on dry fork rd outside stilwell", "dry fork rd"),
    ("works part time at golden dragon market on elm st. states she", "golden dragon market"),
    ("works part time at golden dragon market on elm st. states she", "elm st"),
    ("Plan: anger mgmt. Contact: Bobby cell 4015550199.", "Bobby"),
    ("present: client noelani kahale (15), mother leilani, father keoni.", "noelani kahale"),
    ("present: parents sok chea and malis chea, son vibol", "sok chea"),
    ("nursing admit, detox unit, 11-30 2215. pt calm", "11-30"),
])
def test_round_fifty_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("completed iop last spring, then sud counseling", "iop"),
    ("step down to adolescent php next week", "adolescent php"),
    ("met her at the farmers market on sunday", "farmers market"),
    ("present: client and mother", "client"),
    ("I/O 10-12 1200 ml, uop adequate.", "10-12"),
    ("pt on iv fluids, dry skin, turned q2h", "dry skin"),
])
def test_round_fifty_seven_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
