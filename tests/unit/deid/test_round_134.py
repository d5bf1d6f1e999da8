"""Round 134 of issue 13, from what the hundred-and-sixty-seventh to -seventieth sets
(Pangasinan, Kapampangan, Bikol, Waray and Maranao; Jarai, Rhade, Bahnar and Lahu; Māori,
Carolinian, Ainu and Okinawan; Appalachian, Ozark, Gullah Geechee, Cajun and Lumbee families)
lost: a military base named by its place before or after its kind, a given name's prefix
("Ma.", Rhade "Y" and "H'"), and a tribe, band or nation, or a Native Village, of a place
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Worked at the sugar company, then Clark Air Base until 1991.", "Clark Air Base"),
    ("Son is stationed at Naval Base San Diego, deploys often.", "Naval Base San Diego"),
    ("Retired from Naval Station Norfolk in 2007 after 22 years.", "Naval Station Norfolk"),
    ("She works at the Lumbee Tribe of North Carolina housing office.",
     "Lumbee Tribe of North Carolina"),
    ("Referred by the Native Village of Noatak tribal council.", "Native Village of Noatak"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str, str.upper), ids=IDS[:2])  # (lower case: "y" is
def test_finds_a_rhade_given_name_prefix(case: type[str]) -> None:  # "years" as often)
    text = "Family meeting with uncle Y Hloi Nie via interpreter."
    assert covered(case(text), case("Y Hloi Nie"))  # type: ignore[call-arg]


def test_finds_a_filipino_given_name_prefix() -> None:
    assert covered("Signed: Ma. Luisa Tamayo, PhD.", "Ma. Luisa Tamayo")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("He grew up near an army base in Texas.", "army base"),
    ("From his home village of Kongiganak he came to Anchorage.", "home village"),
    ("Pt 34 y male, alert.", "y male"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
