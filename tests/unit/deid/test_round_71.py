"""Round 71 of issue 13, written from the sixty-seventh hand-written set then seen: Missionary
Baptist churches written "M.B.", parishes of a French saint ("Ste."), a date with a leading zero
before "days", a mother's name that is also a people's before her verb, a mental health
centre's initials, and charter schools (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pastor from new zion m.b. church called", "new zion m.b. church"),
    ("asks that fr. roy from ste. anne parish visit", "ste. anne parish"),
    ("inpt nsg note, 11/04 days. pt calm", "11/04"),
    ("seen by pmhc counselor in 2020", "pmhc"),
])
def test_round_seventy_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Father drives; mother Maya works at a salon in Woodside.", "Maya"),
    ("Wants to transfer to Smithfield Community Charter next fall.",
     "Smithfield Community Charter"),
])
def test_round_seventy_one_finds_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("referred to the local cmhc for therapy", "cmhc"),
    ("antibiotics for 10 days, then 1/2 dose", "1/2"),
    ("her mother speaks maya and some spanish", "maya"),
])
def test_round_seventy_one_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
