"""Round 80 of issue 13, written from the seventy-sixth hand-written set then seen: the firm or
the office after an attorney's "Esq.," (capitalised in a cased note, ending in a firm's kind in
one without case; never an attorney's title nor a sentence) (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("attorney ms. reyes, esq., open door immigrant legal; asylum pending",
     "open door immigrant legal"),
])
def test_round_eighty_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("cc: Ms. Reyes, Esq., Open Door Legal.", "Open Door Legal"),
    ("Counsel Paul Kim, Esq., of Kim & Vance Family Law, called.", "Kim & Vance Family Law"),
])
def test_a_firm_after_esquire_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("Grace Lee, Esq., has requested records.", "has requested records"),
    ("Tom Ruiz, Esq., Assistant Public Defender, called.", "Assistant Public Defender"),
])
def test_no_sentence_nor_title_after_esquire(text: str, needle: str) -> None:
    assert untouched(text, needle)
