"""Round 61 of issue 13, written from what the first fifty-eight hand-written sets (all seen)
still lost in lower case and capitals, organisations above all: the words of a name between a
cue and what was found, a second type word or the subject after "of" closing it, kinds inside
a name after "at" or "attends", services named by a place, and the practice in a heading after
other clauses (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    # the words between the cue and the name found
    ("works evenings at sweet harbor anxiety clinic downtown", "sweet harbor anxiety clinic"),
    # a second type word, or what a college teaches, closing the name
    ("aide at quiet pines home care agency since june", "quiet pines home care agency"),
    ("graduated from larchmont college of nursing in 2011", "larchmont college of nursing"),
    ("pastor visits from the tamarack assembly of god weekly", "tamarack assembly of god"),
    # kinds inside a name once a cue says one follows
    ("her son attends pine hollow day school", "pine hollow day school"),
    ("arrived 2019 via tecumseh valley refugee program", "tecumseh valley refugee program"),
    # services and health named by a place or a rare word
    ("case manager at kishwaukee newcomer services called", "kishwaukee newcomer services"),
    # the practice in a heading, after the session and the date
    ("progress note, session 4, 11/2, bright harbor counseling. client seen", "bright harbor"
     " counseling"),
    ("iop process group - old mill recovery, 12/1, 6 pm", "old mill recovery"),
])
def test_round_sixty_one_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("he goes to the sweat lodge with his uncle", "sweat lodge"),
    ("transferred via air transport to the trauma center", "air transport"),
    ("self-referred through campus counseling last spring", "campus counseling"),
    ("attends shabbat services with her grandmother", "shabbat services"),
    ("referred to adult protective services by the bank", "adult protective services"),
    ("seen weekly at county health for her shots", "county health"),
    ("group therapy note, relapse prevention, 12/1. six members present", "relapse prevention"),
    ("intake note, domestic violence program, 11/3", "domestic violence program"),
    ("at harbor counseling group therapy on tuesdays he spoke up", "therapy"),
])
def test_round_sixty_one_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
