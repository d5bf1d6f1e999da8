"""Round 62 of issue 13, written from the fifty-ninth hand-written set then seen: a city whose
first word is shorthand too, a street named after a compass letter or by one letter, a corner
of two streets, a note's subject with an age and a sex glued on, children listed after a colon
with their ages, an initial read as one (not as a sentence's end), and workplaces named by a
trade, a residence or a referral (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("her cousin lives in des plaines near the airport", "des plaines"),
    ("found walking on w cedar grove rd at 0300", "w cedar grove rd"),
    ("picked up by police near 31st and q last night", "31st and q"),
    ("group session 3, 10/2. amaal warsame, 31f, somali. reviewed", "amaal warsame"),
    ("children: garang, 14; nyandeng, 9; both at home", "garang"),
    ("children: garang, 14; nyandeng, 9; both at home", "nyandeng"),
    ("she works again at happy time nails on tuesdays", "happy time nails"),
    ("aide at maple grove senior residence since 2019", "maple grove senior residence"),
    ("referral to open door anxiety center for ptsd", "open door anxiety center"),
])
def test_round_sixty_two_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_an_initial_opens_no_sentence() -> None:
    assert covered("Spoke with case worker R. Lindqvist, who agreed.", "R. Lindqvist")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("des 1 mg po given", "des"),
    ("worked 2nd and 3rd shift at the plant", "3rd shift"),
    ("on 2nd and final attempt iv placed", "final"),
    ("children: 2 (ages 5 and 7), both well", "ages"),
    ("works at the fish market on weekends", "fish market"),
    ("referred to outpatient mental health center", "outpatient mental health center"),
])
def test_round_sixty_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_letter_after_hepatitis_ends_a_sentence() -> None:
    assert untouched("Positive for hep C. Labs pending. Start vitamin D. Continue sertraline.",
                     "Labs")
