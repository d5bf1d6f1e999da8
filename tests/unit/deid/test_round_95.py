"""Round 95 of issue 13, written from the ninety-first hand-written set (Soninke, Fulani and
Bambara families from Mauritania and Mali in Cincinnati and the Bronx), then seen: an
association or savings club named in French, a place's legal aid, a stadium after a
preposition, and livery services and braiding shops as trades (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("avoid members of the association des ressortissants de kayes who know him",
     "association des ressortissants de kayes"),
    ("owes money to the tontine des maliens de dayton. imam visited", "tontine des maliens de"
     " dayton"),
    ("referred to kestrel valley legal aid re u-visa.", "kestrel valley legal aid"),
    ("robbed at gunpoint near yankee stadium in august", "yankee stadium"),
    ("husband drives for highbridge livery most nights", "highbridge livery"),
    ("earns cash braiding at khady braids in harlem", "khady braids"),
])
def test_round_ninety_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("she wears box braids to school", "braids"),
    ("needs legal aid for the hearing", "legal aid"),
    ("the union des", "union"),
])
def test_round_ninety_five_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
