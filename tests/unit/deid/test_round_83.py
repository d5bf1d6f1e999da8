"""Round 83 of issue 13, written from the seventy-ninth hand-written set then seen: a note's
subject written with an initial, townships, Ohio's job and family services and Pennsylvania's
children and youth after their county, a workplace after "works 10-hr days at", and no practice
read in a heading's list of kinds (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("progress note 12/9 - w. haddad, 34m, individual", "w. haddad"),
    ("retired miner from coal township, seen today", "coal township"),
    ("snap through franklin county job and family services", "job and family services"),
    ("schuylkill county children and youth has an open case", "children and youth"),
])
def test_round_eighty_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("intake - adolescent substance use/mental health, harbor youth services", "adolescent"),
    ("moved to the township last year", "township"),
])
def test_round_eighty_three_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
