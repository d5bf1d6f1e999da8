"""Round 131 of issue 13, from what the hundred-and-fifty-fifth to -eighth sets (Bilen, Kunama,
Saho and Afar; Karamojong, Bakiga, Banyankole and Lugbara; Gabonese, Chadian, Santomean and
Bissau-Guinean; Zanzibari, Socotri, Mahri, Pokot and Turkana families) lost, and what the same
shapes lost on every set read before: a chain named as a workplace or as one store, a national
agency named by everyday words, a town's police named whole, and a body of everyday words whose
kind follows what it treats ("river crossing | trauma center") in a note without case
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Works nights at Amazon fulfillment in Stoughton since May.", "Amazon"),
    ("Father drives for Uber about 50 hours a week.", "Uber"),
    ("Rx to Walgreens on Pine St; next appt in two weeks.", "Walgreens"),
    ("She is a pharmacist at the Newark Ave Walgreens, checking scripts.", "Walgreens"),
    ("Family arrived in 2009 via World Relief and lives in Nashville.", "World Relief"),
    ("Caseworker from Catholic Charities visited on Monday.", "Catholic Charities"),
    ("BIB Hyattsville City Police after a neighbor reported noise.", "Hyattsville City Police"),
    ("Arrived via Columbus Division of Police after a neighbor called.",
     "Columbus Division of Police"),
    ("BIB Lackawanna Police Dept from home, calm on arrival.", "Lackawanna Police Dept"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "identifier"), [
    ("ct head at river crossing trauma center in 2022 showed no bleed.",
     "river crossing trauma center"),
    ("four sessions at harbor light trauma center with ms. oh.", "harbor light trauma center"),
])
def test_finds_in_a_note_without_case(text: str, identifier: str) -> None:
    assert covered(text, identifier)
    assert covered(text.upper(), identifier.upper())


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("We ordered from Amazon and took an Uber home after group.", "Amazon"),
    ("We ordered from Amazon and took an Uber home after group.", "Uber"),
    ("Discuss referral to individual SUD counseling next week.", "individual"),
    ("Police report #26-33817 reviewed with the client.", "Police"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


def test_leaves_the_police_after_a_town_in_a_cased_note_lower_case() -> None:
    assert untouched("Brought by Glenhaven police on petition after wandering.", "police")
