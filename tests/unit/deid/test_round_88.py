"""Round 88 of issue 13, written from the eighty-fourth hand-written set (Pakistani-American
families in Houston and Queens), then seen: a short slashed date after a weekday, a town read
as a surname and the ZIP code after it, a number of four digits or more after "#", given
names listed after a plural relation word, and the floor of a street address (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("phone msg thu 3/4 1045. caller: daughter", "3/4"),
    ("11820 bissonnet st, houston 77099, for 52 yom unresponsive", "77099"),
    ("yasmeen haddad, phd, licensed psychologist #38217", "38217"),
    ("sindhi interpreter rustam, #2291, via phone", "2291"),
    ("sons aimal and wisal are doing well in school", "aimal"),
    ("sons aimal and wisal are doing well in school", "wisal"),
    ("dispatched to 40-22 75th st, 2nd fl, for sob", "2nd fl"),
])
def test_round_eighty_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("ate 3/4 of tray at lunch", "3/4"),
    ("sat 2/3 of meals today", "2/3"),
    ("moved to room #1204 today", "1204"),
    ("#1000 kcal diet ordered", "1000"),
    ("kids were and are fine per mom", "were"),
    ("siblings mom and dad visited", "mom"),
    ("came in 2nd place at the meet", "2nd"),
])
def test_round_eighty_eight_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
