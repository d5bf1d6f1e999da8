"""Round 133 of issue 13, from what the hundred-and-sixty-third to -sixth sets (Mising, Karbi,
Dimasa, Tripuri and Reang; Munda, Bhil, Kodava, Saraiki and Hindko; Komi, Mordvin, Nenets and
Evenk; Yup'ik, Iñupiat, Unangan, Gwich'in and Hazaragi families) lost: a school district named
by capitalised words before its acronym in a cased note. (Alaska's "Office of Children's
Services" stays unread: elsewhere the words name a kind of office, round 17.) Synthetic text
only."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Mother is a paraprofessional with Cedar Hollow ISD. Sister, 11, attends too.",
     "Cedar Hollow ISD"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "word"), [
    ("PSYCHOEDUCATIONAL EVALUATION. Cedar Bluff ISD Special Education.", "EVALUATION"),
    ("The ISD nurse called about attendance.", "The"),
])
def test_leaves(text: str, word: str) -> None:
    assert untouched(text, word)
