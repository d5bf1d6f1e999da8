"""Round 85 of issue 13, written from the eighty-first hand-written set then seen: a short
slashed date right after a note's title ("intake 3/4"), never a rating out of ten after one
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_date_after_a_title(case: type[str]) -> None:
    text = case("adolescent intake 3/4, outpatient bh. client seen")  # type: ignore[call-arg]
    assert covered(text, case("3/4"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_rating_after_an_assessment(case: type[str]) -> None:
    text = case("pain assessment 2/10 today, tolerating po")  # type: ignore[call-arg]
    assert untouched(text, case("2/10"))  # type: ignore[call-arg]
