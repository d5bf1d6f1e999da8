"""Round 93 of issue 13, written from the eighty-ninth hand-written set (Lithuanian and
Latvian families in Chicago's suburbs and Cleveland), then seen: a Saturday or Sunday school
named for someone, "our lady of" before a parish found, and a short date before a time on a
24-hour clock (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("also attends ciāna latvian saturday school and dances", "ciāna latvian saturday school"),
    ("the boys attend hagop dilanian saturday school, and the family", "hagop dilanian saturday"
     " school"),
    ("fr. benediktas from our lady of šiluva parish to bring communion", "our lady of šiluva"
     " parish"),
    ("phone msg 3/4 0910 -- from the teacher", "3/4"),
])
def test_round_ninety_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("ate 3/4 of tray at lunch", "3/4"),
    ("some classes at heritage university", "heritage university"),
])
def test_round_ninety_three_keeps(case: type[str], text: str, needle: str) -> None:
    if needle == "3/4":
        assert untouched(case(text), case(needle))  # type: ignore[call-arg]
    else:
        assert covered(case(text), case(needle))  # type: ignore[call-arg]
