"""Round 102 of issue 13, written from the ninety-seventh hand-written set (Mongolian families
in Denver and Arlington), then seen: a patronymic's initial and a rare given name after "pt"
or "client" in a note without case, never a germ's species after its genus's initial
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("med-psych f/u nov 20. pt b. munkhzul, 44 f, bipolar i", "b. munkhzul"),
    ("intake history. client o. sarangerel, 33f, referred by", "o. sarangerel"),
])
def test_round_one_hundred_two_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pt s. aureus positive on wound culture", "aureus"),
    ("pt e. coli uti, on ceftriaxone", "coli"),
])
def test_round_one_hundred_two_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
