"""Round 69 of issue 13, written from the sixty-fifth hand-written set then seen: a business
after "his store" with no comma, a centre and whom it is for, a hospital's initials before its
adult ED, a police department's initials after "bib" even when they spell a disorder's, a
workplace further after the verb of work, and a person in a list with an age in brackets
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("thinks he is at his shop lucky star market again", "lucky star market"),
    ("ed note, nwmc adult ed, 12/01", "nwmc"),
    ("bib mcpd after a fight", "mcpd"),
])
def test_round_sixty_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("28-day at Riverside Center for Recovery, left AMA.", "Riverside Center for Recovery"),
    ("Works 30 hrs/wk as a fryer at Good Wings on Main.", "Good Wings"),
    ("Present: mother Ana Ruiz, IP Tide (15). Tide said little.", "Tide"),
])
def test_round_sixty_nine_finds_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("he went to his store to get milk", "store"),
    ("dx: bpd with self harm, seen by np lee", "bpd"),
])
def test_round_sixty_nine_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_score_in_brackets_names_no_one() -> None:
    assert untouched("Screens: GAD-7 (12), PHQ-9 (14), Insomnia (16).", "Insomnia")
