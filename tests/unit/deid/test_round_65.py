"""Round 65 of issue 13, written from the sixty-second hand-written set then seen: a hospital's
initials before its emergency department, a pharmacy a prescription is sent to however
everyday its words, and societies and seminaries by their type word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("only prior visit was nwmc ed for a fall", "nwmc"),
    ("scripts faxed to corner stop pharmacy this am", "corner stop pharmacy"),
    ("some support from the lahore cultural society", "lahore cultural society"),
    ("finished beth rivka seminary in june", "beth rivka seminary"),
])
def test_round_sixty_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("mom works in the ed as a tech", "ed"),
    ("rx sent to the pharmacy on file", "pharmacy"),
    ("urine drug screen sent to lab", "drug screen"),
])
def test_round_sixty_five_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
