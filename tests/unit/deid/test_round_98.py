"""Round 98 of issue 13, written from the ninety-fourth hand-written set (Houma and Isleño
families in Terrebonne, Lafourche and St. Bernard parishes), then seen: a judicial district
court by its number, a tribal nation one is a member of, and an orthopedic or pediatric group
named for a place (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("requested by judge duplantis, 32nd jdc, for competency screening", "32nd jdc"),
    ("enrolled member of the united houma nation; grew up on the island", "united houma nation"),
    ("ortho f/u with dr. gaspard at lafourche orthopedic group on 11/20.", "lafourche orthopedic"
     " group"),
])
def test_round_ninety_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("a member of the nation's armed forces", "nation"),
    ("refer to our pediatric group for follow-up", "pediatric group"),
])
def test_round_ninety_eight_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
