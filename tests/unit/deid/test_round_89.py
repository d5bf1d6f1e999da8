"""Round 89 of issue 13, written from the eighty-fifth hand-written set (Low German Mennonites
from Mexico in Kansas and West Texas), then seen: a rural box with a letter, a colony or a
city after a place found, a run's or an incident's number, a town of the lists before a
state's name, the town and ZIP code after a street address with no state between, and roads
named by their codes (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("home address rr 2 box 117a, sublette, ks 67877.", "rr 2 box 117a"),
    ("gaines county ems run #25-03318, 03/09/25. dispatched", "25-03318"),
    ("medic 2, incident 250417-06, apr 17. dispatched", "250417-06"),
    ("the family moved from seminole, texas; before that", "seminole"),
    ("sister lives at 1407 nw 11th st, apt 3, seminole 79360; best #", "seminole 79360"),
    ("lives with parents on cr 215 west of town", "cr 215"),
    ("rollover on us-56 near the county line", "us-56"),
    ("three units at 1450 newmark ave, coos bay, oregon 97420. call", "97420"),
])
def test_round_eighty_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Born in Campo 22 of the Manitoba Colony near Cuauhtemoc.", "Manitoba Colony"),
    ("His sister in Denver City is his payee.", "Denver City"),
])
def test_a_colony_or_a_city_after_a_place(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("cr 1.2 today, bun 22", "cr 1.2"),
    ("she told us 2 things", "us 2"),
    ("incident 3 times today", "3"),
    ("met after the incident on 11/19 with the boys", "on"),
    ("group in 2020 for work stress", "2020"),
    ("address 55 court st., #4, plymouth ma 02360. risk", "ma"),
    ("lives at 37 flamingo court, lantana shores, florida 33999, and", "florida"),
])
def test_round_eighty_nine_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
