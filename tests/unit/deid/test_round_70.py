"""Round 70 of issue 13, written from the sixty-sixth hand-written set then seen: a union's
local by its number, a numbered school written without its full stops after a cue, taps by
their type word, and a capitalised employer after "drives nights for" (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("electrician, local 103, out of work since may", "local 103"),
    ("bullied in 6th grade at ps 114 in queens", "ps 114"),
])
def test_round_seventy_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Drank a few at Murphy's Tap on Main Fri.", "Murphy's Tap"),
    ("Now drives nights for Harbor Car Service and sleeps days.", "Harbor Car Service"),
])
def test_round_seventy_finds_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("extubated 0830 from ps 5/5 fio2 40%", "ps 5/5"),
    ("lidocaine local 1% and 20 ml saline", "local 1%"),
    ("brought in by oxnard pd at 0200", "pd"),
])
def test_round_seventy_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
