"""Round 66 of issue 13, written from what the sixty-two seen hand-written sets still lost in
lower case and capitals: an employer named right after "works ... at", whatever its words, when
the clause ends after it (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("works nights at prairie lark sugar; supervisor called", "prairie lark sugar"),
    ("worked 9 yrs at tern analytics in omaha", "tern analytics"),
])
def test_round_sixty_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("she works at home on fridays", "home"),
    ("works at the hospital as a cna", "hospital"),
    ("he works at night now, sleeps days", "night"),
    ("worked at a bank until may", "bank"),
    ("works at outpatient psychiatry, 3 days", "outpatient psychiatry"),
])
def test_round_sixty_six_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
