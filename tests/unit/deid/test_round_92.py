"""Round 92 of issue 13, written from the eighty-eighth hand-written set (Chuukese and
Pohnpeian families in Springdale and Kansas City), then seen: counts out of one whole in a
series or before what they rate are scores, not dates, and a short date after "enc" (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("vanderbilt: teacher 7/9 inattentive, 5/9 hyperactive; parent 3/9 and 2/9.", "7/9"),
    ("vanderbilt: teacher 7/9 inattentive, 5/9 hyperactive; parent 3/9 and 2/9.", "2/9"),
    ("readiness ruler 6/10 importance, 4/10 confidence.", "6/10"),
    ("delayed recall 0/5 free, 2/5 cued; trails b slow", "2/5"),
    ("diary card: urges 3/5, self-harm urges 0/5, anger 4/5.", "4/5"),
])
def test_scores_are_no_dates(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("tel enc 3/4 4:50p: pastor called", "3/4"),
    ("appts 2/14, 3/14 and 4/14 kept", "3/14"),
    ("admitted 11/2, d/c 11/9 to home", "11/9"),
])
def test_dates_still_found(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
