"""Round 116 of issue 13, from what the hundred-and-tenth set (Unangan, Alutiiq and Filipino
families of Alaska's fishing towns) and the sets before it lost most: towns too small for the
gazetteer. Every US postal town and neighbourhood (the `zipcodes` package) is now a place; a
one-word name that is an everyday word, shorthand, a kind of place, an eponym or a person's
name stays a word unless the text says a place (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from closeddoor.deid.lexicon import lexicon
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "town"), [
    ("Moved to Unalaska at 12 with her mother and aunt.", "Unalaska"),
    ("Sent home to King Cove on the mail plane Friday.", "King Cove"),
    ("Lives alone in Toivola since her husband died.", "Toivola"),
])
def test_a_small_postal_town(case: type[str], text: str, town: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert covered(written, case(town))  # type: ignore[call-arg]
    assert label_of(written, case(town)) is Label.LOCATION  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Met her at the farmers market on Sunday.", "farmers market"),
    ("She did not want to embarrass her son.", "embarrass"),
    ("Vanderbilt parent form: inattentive 7/9.", "Vanderbilt"),
])
def test_a_town_that_is_a_word_first_stays_a_word(case: type[str], text: str,
                                                  word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


def test_what_the_postal_list_leaves_out() -> None:
    lex = lexicon()
    assert "unalaska" in lex.cities and "toivola" in lex.cities
    assert ("king", "cove") in lex.multiword_cities["king"]
    # an everyday word, a kind of place, an eponym, a shorthand-opened name of two words
    assert not {"house", "farmers", "camp", "vanderbilt"} & lex.cities
    assert ("des", "arc") not in lex.multiword_cities["des"]
    assert ("des", "plaines") in lex.multiword_cities["des"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_nickname_after_a_surname_that_is_also_a_town(case: type[str]) -> None:
    text = case('Met Lorna Vale ("Sparrow") at the day center.')  # type: ignore[call-arg]
    assert covered(text, case("Sparrow"))  # type: ignore[call-arg]
