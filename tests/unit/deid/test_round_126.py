"""Round 126 of issue 13, from what the hundred-and-thirty-fifth to -thirty-eighth sets (Buryat,
Tuvan and Sakha; Sorbian, Friulian, Romansh and Ladin; Tsimshian, Nisga'a and Gitxsan; Santal,
Bodo and Kuki families) lost, each rule a general one: a house on a county road by its code, a
date written month, day and year after a hospital day's number, a Canadian postal code after its
province's code, a given name again after a full name read by its words alone, and, without
case, more kinds that close a body's name (a specialty, an IOP, a detox "x3") (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Lives at home 1870 CR 211, Giddings, after a fall.", "1870 CR 211"),
    ("Progress note day 2 aug 14 2026. Pt calmer.", "aug 14 2026"),
    ("Hospital day 3 Sept 2 2026, stable.", "Sept 2 2026"),
    ("Records to 1305 Summit Ave, Prince Rupert, BC V8J 2A6, attn: records.", "V8J 2A6"),
    ("Prior tx: detox at Sound Harbor Detox x3, last in November.", "Sound Harbor Detox"),
    ("Seen at Commencement Bay Endocrine for her diabetes.", "Commencement Bay Endocrine"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_finds_a_given_name_again_after_a_full_name_with_an_accent(case: type[str]) -> None:
    text = ("Client Kevin Hernández Blanco, 16. Skills practised (relaxation, triangle). Kevin "
            "cut back to 3 nights.")
    assert covered(case(text), case("Kevin"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("BUN 18, Cr 1.2, K 4.1 this morning.", "Cr 1.2"),
    ("Day 2 of admission; labs 14 2026 units.", "Day 2"),
    ("Daughter at bedside interpreting; son Joe present.", "bedside interpreting"),
    ("Session in English with Brianna interpreting, limiting validity.", "interpreting"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
