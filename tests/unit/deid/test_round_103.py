"""Round 103 of issue 13, written from the ninety-eighth hand-written set (Sri Lankan Tamil and
Sinhalese families on Staten Island and in Queens), then seen: a Tamil temple ("alayam") named
after "sri", and a saint's church "by" a place (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pt asking to go to pooja at sri murugan alayam in town friday", "sri murugan alayam"),
    ("catholic; parish is st. joseph by the narrows church, and fr. visited",
     "st. joseph by the narrows church"),
])
def test_round_one_hundred_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
