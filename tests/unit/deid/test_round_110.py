"""Round 110 of issue 13, written from the hundred-and-fourth hand-written set (Moroccan,
Algerian and Tunisian families of New Jersey, Virginia and Montreal), then seen: a unit after
a street address and a comma, a street whose type comes first ("9001 boul. Saint-Michel"), a
Canadian postal code after a town and its province, Maghrebi honorifics before a name ("Lalla",
"Hajja") left outside it, and languages and words of faith that name nobody (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_unit_after_a_street_address_and_a_comma(case: type[str]) -> None:
    text = case("Clinic | 480 Broadway, Suite 300, Paterson, NJ 07514 | Tel")  # type: ignore[call-arg]
    assert covered(text, case("480 Broadway, Suite 300"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_french_street_and_a_canadian_postal_code(case: type[str]) -> None:
    text = case("Archives, 9001 boul. Saint-Michel, Montreal, QC H1Z 3G4. Fax")  # type: ignore[call-arg]
    assert covered(text, case("9001 boul. Saint-Michel"))  # type: ignore[call-arg]
    assert covered(text, case("H1Z 3G4"))  # type: ignore[call-arg]
    assert untouched(text, case("QC"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "title", "name"), [
    ("Mother-in-law Lalla Aicha asks about the 40 days.", "Lalla", "Aicha"),
    ("Her mother, Hajja Rachida, is visiting from Fes.", "Hajja", "Rachida"),
])
def test_an_honorific_stays_outside_the_name(case: type[str], text: str, title: str,
                                             name: str) -> None:
    assert covered(case(text), case(name))  # type: ignore[call-arg]
    assert untouched(case(text), case(title))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Patient speaks Tamazight and Darija; phone interpreter used.", "Darija"),
    ("Active in Amazigh cultural associations.", "Amazigh"),
    ("Visits the park after Fajr; teased about her hijab at school.", "Fajr"),
    ("Visits the park after Fajr; teased about her hijab at school.", "hijab"),
])
def test_languages_and_words_of_faith_name_nobody(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("58 y/o M BIBA from Atlas Halal Market on Main St, Paterson.", "Atlas Halal Market"),
    ("Prayer group led by Sister Agnes at Holy Rosary Church.", "Holy Rosary Church"),
])
def test_a_word_of_faith_inside_a_name_stays_in_it(case: type[str], text: str,
                                                   needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
