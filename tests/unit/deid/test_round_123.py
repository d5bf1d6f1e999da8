"""Round 123 of issue 13, from what the hundred-and-twenty-third to -twenty-sixth sets
(Azerbaijani, Turkmen and Tatar; Yapese, Pohnpeian and Kosraean; Barbadian, Vincentian and
Grenadian; Ossetian, Bashkir and Kazakh families) lost, each rule a general one: a signer's
initial after a credential in any case, a people's cultural centre "of" a town and "of greater"
a town, more trades, more peoples that name no one (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Referred to LISW T. Brannigan today.", "T. Brannigan"),
    ("Domino night at the Caribbean Cultural Center of Greater Hartford.",
     "Caribbean Cultural Center of Greater Hartford"),
    ("Mother works as a seamstress at Emmons Avenue Tailors.", "Emmons Avenue Tailors"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Needs vitamin D. Labs next week.", "Labs"),
    ("Preferred language Tajik; a Kazakh and Kyrgyz household.", "Tajik"),
    ("She is Malayali and Parsi on her father's side.", "Malayali"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
