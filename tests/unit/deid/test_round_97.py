"""Round 97 of issue 13, written from the ninety-third hand-written set (Uyghur families in
Northern Virginia and Meskhetian Turk families in Dayton), then seen: a society as an
organisation's type, carriers as a trade, a turnpike or a pike named without a number, and a
short date after a weekday and a comma (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize(("text", "needle"), [
    ("She volunteers with the Uyghur Heritage Society of Fairfax. Rents a room", "Uyghur"
     " Heritage Society"),
])
def test_a_society_names_an_organisation(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("driver for miami river carriers, truck plate on file", "miami river carriers"),
    ("parents own a kebab house on little river turnpike, where she works", "little river"
     " turnpike"),
    ("lives in a trailer on gallia pike with her grandmother", "gallia pike"),
    ("review sleep log, next session tuesday, 12/10, at 4 pm.", "12/10"),
])
def test_round_ninety_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("sleep rated 6/10, mood 5/10 this week", "6/10"),
    ("the pike was biting at the lake", "pike"),
])
def test_round_ninety_seven_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
