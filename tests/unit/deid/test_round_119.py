"""Round 119 of issue 13, from what the hundred-and-thirteenth and -fourteenth sets (Maori,
I-Kiribati, Tuvaluan and Fijian-Indian families; Irish Traveller, Icelandic and Frisian
families) lost, each rule a general one: small towns abroad (5,000 to 15,000 people) read as the
postal towns are, a town found and then the kind of body it names, a signer's initial and a
surname with a particle, a nickname in brackets after a name even when it is shorthand too,
more words for kin, a quadrant after a street's type, a Washington court's case number, rugby
clubs, parts suppliers and school districts (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label, find_identifiers
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Raised partly in Funafuti; came to Long Beach at 15.", "Funafuti"),
    ("Go to the ER at Orange City Area Health tonight.", "Orange City Area Health"),
    ("The children go to school at Park River Area School.", "Park River Area School"),
    ("Seen in the ER at Sioux Center Community Hospital in 2025.",
     "Sioux Center Community Hospital"),
    ("Next session 12/9. M. Brink, LLPC", "M. Brink"),
    ("Next session 11/6. C. Ten Napel, LMHC", "C. Ten Napel"),
    ('Known in the family as "Bjossi", a grain and beet farmer.', "Bjossi"),
    ("He wants to call his aunty Mere in Gisborne.", "Mere"),
    ("Lives at 8814 Gravelly Lake Dr SW Apt 3C, Lakewood.", "8814 Gravelly Lake Dr SW Apt 3C"),
    ("Seen by King County Juvenile Court, matter 26-8-01342-9, for shoplifting.",
     "26-8-01342-9"),
    ("Concussion playing for Kent Pacific Rugby in August.", "Kent Pacific Rugby"),
    ("Works at Carquinez Unified School District and likes it.",
     "Carquinez Unified School District"),
    ("Picker at Paine Field Aero Parts since spring.", "Paine Field Aero Parts"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


def test_a_nickname_in_brackets_is_found_again_where_written_so() -> None:
    """Right after a name and written as a name, even a word of shorthand is a nickname."""
    text = 'Her daughter Margaret ("Peg"), 16. She wants Peg to finish her GED.'
    found = [text[s.start:s.end] for s in find_identifiers(text)]
    assert found.count("Peg") == 2


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("He played rugby in school.", "rugby"),
    ("PEG tube placed; pt (\"fine\") after.", "fine"),
    ("Session moved from Tuesday to Monday because of Sam (\"Tuesday\")'s shifts.", "Monday"),
    ("Her remains are in Santa Ana, El Salvador.", "El"),  # (a small town's name too)
    ("Lives in Fargo. Mental health center called.", "Mental health center"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
def test_a_department_after_a_hospital_is_not_read_as_its_kind(case: type[str]) -> None:
    text = case("Seen at Sells Hospital Behavioral Health today.")  # type: ignore[call-arg]
    assert untouched(text, case("Behavioral Health"))  # type: ignore[call-arg]


def test_a_person_named_like_a_small_town_abroad_stays_a_person() -> None:
    text = "Coordinate with Daniel Flores at the hospital about sleep."
    assert label_of(text, "Daniel Flores") is Label.NAME
