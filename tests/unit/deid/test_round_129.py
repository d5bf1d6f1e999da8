"""Round 129 of issue 13, from what the hundred-and-forty-seventh to -fiftieth sets (Niuean,
Tokelauan, Rotuman and Nauruan; Shona, Ndebele, Zulu and Xhosa; Herero, Ovambo, Tswana and
Basotho; Luhya, Kalenjin, Maasai and Meru families) lost, and what the same shapes lost on
every set read before: a family therapy practice named after a comma or "at" in a cased note,
and a letterhead's body before its street address (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("HIGH DESERT PSYCHIATRY GROUP | 1840 N Campbell Ave, Suite 210, Tucson, AZ 85719. Re: "
     "client.", "HIGH DESERT PSYCHIATRY GROUP"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


def test_finds_a_family_therapy_practice_in_a_cased_note() -> None:
    text = "Couples session, June 3, 2026, Oak City Family Therapy, Raleigh. Present: both."
    assert covered(text, "Oak City Family Therapy")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Writer introduced Structural Family Therapy, then a genogram.", "Structural"),
    ("Progress Note | 12/1/26 | 50 minutes, telehealth.", "Progress Note"),
    ("Session 4 | 50 minutes | telehealth from home.", "Session"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
