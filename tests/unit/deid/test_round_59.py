"""Round 59 of issue 13, written from the fifty-sixth hand-written set then seen: a date after
"visit", a street named for someone with "Jr", and a judge after "the honorable" (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Practiced urge surfing. Next visit 1/14.", "1/14"),
    ("Sent to 4410 Martin Luther King Jr Blvd, Selma, for a fall.", "4410 Martin Luther King"),
    ("To: the Honorable Dolores Whitcomb-Hale, 36th District Court", "Dolores Whitcomb-Hale"),
])
def test_round_fifty_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Marine 2003-2012, honorable discharge in 2012.", "discharge"),
    ("DUI in 2018 through the county court, fines paid.", "2018 through"),
])
def test_round_fifty_nine_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
