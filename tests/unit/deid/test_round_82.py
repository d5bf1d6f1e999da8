"""Round 82 of issue 13, written from the seventy-eighth hand-written set then seen: a signer
with a behavioral health professional's credential, and an initial and a surname alone in
brackets (never a side of the body nor a month after "d.") (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("will ask dr. lee re restart. - m. tsosie, bhp", "m. tsosie"),
    ("social work (d. arceneaux) consulted re housing", "d. arceneaux"),
])
def test_round_eighty_two_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pain and swelling (r. wrist) since the fall", "wrist"),
    ("(l. knee) brace on", "knee"),
    ("still grieving her sister (d. feb) at home", "feb"),
])
def test_round_eighty_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
