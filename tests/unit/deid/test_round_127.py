"""Round 127 of issue 13, from what the hundred-and-thirty-ninth to -forty-second sets (Karenni,
Shan, Kachin and Akha; Miskito, Raizal, Wayuu and Emberá; Purépecha, Rarámuri and Chatino;
K'iche', Q'eqchi', Ixil and Chuj families) lost, each rule a general one: without case, a town
abroad before its country's part ("from paracho, michoacán": both; a part alone is left, as a
US state is); in a cased note, the kind of a country's part or a state's university after a
place or a name ("Kayah State", "Wayne State") and a school district's acronym ("Garland ISD")
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "identifier"), [
    ("Family from Paracho, Michoacán; lives with her granddaughter.", "Michoacán"),
    ("Wayuu, born in Uribia, La Guajira, raised in Maracaibo.", "La Guajira"),
    ("Grew up in a village in Lübbenau, Brandenburg, then moved.", "Lübbenau"),
])
def test_finds_without_case(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "identifier"), [
    ("Born in a village outside Hpruso, Kayah State; fled in 1997.", "Kayah State"),
    ("Her eldest is at Wayne State, studying nursing.", "Wayne State"),
    ("Evaluation summary, Garland ISD, Northlake Elementary.", "Garland ISD"),
])
def test_finds_in_a_cased_note(text: str, identifier: str) -> None:
    assert covered(text, identifier)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Lives in Olympia, in Washington State, near her sister.", "Washington State"),
    ("Records released to Dr. Anikó Bartók, Highland clinic.", "Dr."),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


# Without case a part alone, or a Canadian province, is left as a US state is (capitalised in a
# cased note, a word after a town is read as a place, as before this round).
@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "word"), [
    ("He left Michoacán in 2011 and picked apples in Yakima.", "Michoacán"),
    ("Family lives in Gimli, Manitoba, and visits each summer.", "Manitoba"),
])
def test_leaves_a_part_alone_without_case(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
