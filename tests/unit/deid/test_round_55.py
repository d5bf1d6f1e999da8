"""Round 55 of issue 13, written from the fifty-second hand-written set then seen: the Hmong
surname "Her" and given name "Pa", badge numbers after a name, a colour opening a court's
name, towns whose first word is a colour, a compass word before a town read as a name, ages
after "lived to", a signature's name, unit acronyms and dockets in small letters (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Consent read aloud by interpreter Mai Her. Copy given.", "Mai Her"),
    ("lives with grandmother nou her, age 88, on the east side", "nou her"),
    ("her sister pa chia drives her to sessions", "pa chia"),
    ("trooper halvorsen #5521 on scene at 0240", "5521"),
    ("case at green county family court since may", "green county family court"),
    ("session 60 min, green bay office; both parents present", "green bay"),
    ("parish st. ann's in north quincy, sees the priest monthly", "north quincy"),
    ("her father lived to 97 and farmed until the end", "97"),
    ("client signature: tou lee, date 12/01/26", "tou lee"),
    ("detox admit note, cdu, riverbend recovery center", "cdu"),
    ("hearing at the juvenile court #26jv004512 next month", "26jv004512"),
])
def test_round_fifty_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_round_fifty_five_keeps_pa_as_a_given_name_only_where_written_so() -> None:
    assert covered("Cousin Pa Zoua texts her daily.", "Pa Zoua")
    assert untouched("Report given to PA Rooney at 7p.", "PA")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("PCP PA Holloway at the tundra clinic.", "PA"),
    ("Called Maria; her mother answered.", "her mother"),
    ("signature: on file", "on file"),
    ("sputum green, bay area of the lung clear", "green"),
])
def test_round_fifty_five_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
