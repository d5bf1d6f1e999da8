"""Round 72 of issue 13, written from the sixty-eighth hand-written set then seen: a kin's name
after an okina ("mother 'Ana"), a range of two short dates in a heading, an employer after
"job with", and coalitions by their type word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("family meeting with mother 'ana, then aunt", "ana"),
    ("noc shift note 3/4-3/5, 2 north", "3/4"),
    ("says pt lost job with open road landscaping in may", "open road landscaping"),
])
def test_round_seventy_two_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("took 1/2-3/4 tab at night", "1/2"),
    ("told coach 'i'm done' and left", "i'm"),
    ("works with family therapy program staff", "family therapy program"),
])
def test_round_seventy_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
