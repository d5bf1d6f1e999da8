"""Round 104 of issue 13, written from the ninety-ninth hand-written set (Polish highlander and
Slovak families in Chicago and Passaic), then seen: the trade before a union's local ("roofers
local 411"), and a count out of days after "school" is no numbered school (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("his roofers local 411 benefits lapse end of month", "roofers local 411"),
    ("retired from laborers local 325, union rep called", "laborers local 325"),
])
def test_round_one_hundred_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_count_of_days_is_no_numbered_school(case: type[str]) -> None:
    text = case("she went to school 4 of 5 days this week")  # type: ignore[call-arg]
    assert untouched(text, case("school 4"))  # type: ignore[call-arg]
