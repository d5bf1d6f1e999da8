"""Round 132 of issue 13, from what the hundred-and-fifty-ninth to -sixty-second sets (Borana,
Gabra, Rendille and Burji; Avar, Lezgin, Kumyk, Kabardian and Abkhaz; Wakhi, Pamiri, Burusho,
Kalash and Ladakhi; Limbu, Mandaean, Gorani, Shabak, Svan and Mingrelian families) lost, and
what the same shapes lost on every set read before: a society named for whose it is and the
place it gathers in ("the Zande Community of North Carolina"), a body's state after it, a
county's agency after the county, more chains and national agencies (with a chapter), and no
body read after a cue inside it (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Friends from the Inuit Circle of New England call weekly.", "Inuit Circle of New England"),
    ("She belongs to the Zande Community of North Carolina.",
     "Zande Community of North Carolina"),
    ("Referred to the Human Rights Initiative of North Texas for reunification.",
     "Human Rights Initiative of North Texas"),
    ("Resettled through Lutheran Social Service of Minnesota in 2023.",
     "Lutheran Social Service of Minnesota"),
    ("Call the Passaic County Division on Aging about respite.",
     "Passaic County Division on Aging"),
    ("Referred by Merced County Child Welfare Services, worker Ms. Andrews.",
     "Merced County Child Welfare Services"),
    ("Caregiver support through Alzheimer's Association Georgia Chapter.",
     "Alzheimer's Association Georgia Chapter"),
    ("Works nights at H-E-B warehouse in Stafford.", "H-E-B"),
    ("Now a security officer for Allied Universal downtown.", "Allied Universal"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Lives in Fulton County and works nights.", "and works"),
    ("Herded camels near Walda, never attended school, came in 2010.", "never attended school"),
    ("The grief group meets through the Uyghur Heritage Society of Virginia.", "through"),
    ("Our community of practice meets monthly.", "community"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


def test_leaves_a_lower_case_society_in_a_cased_note() -> None:
    assert untouched("She joined the grief community of Ohio women online.", "community of Ohio")
