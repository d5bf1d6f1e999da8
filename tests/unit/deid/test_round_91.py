"""Round 91 of issue 13, written from the eighty-seventh hand-written set (Darfuri and Nuba
Sudanese families in Omaha and Portland, Maine), then seen: an alien registration number after
"A#" or "a-number", an organisation after "referred by", letters before a case number after
"case no.", and the Arabic or Spanish article that opens a place's name (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("re: yaqub abakar, a# a 220 614 077, hearing in january", "a 220 614 077"),
    ("zaghawa man, a-number a 219-884-310. charge: assault", "a 219-884-310"),
    ("referred by fore river refugee partners after fainting", "fore river refugee partners"),
    ("douglas county district court, case no. cr 26-1187. evaluator", "cr 26-1187"),
    ("born in el geneina, dob on file", "el geneina"),
])
def test_round_ninety_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("a number 3 times a day", "3"),
    ("referred by the school nurse", "school nurse"),
    ("return to el salvador would put her at risk", "el"),
])
def test_round_ninety_one_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
