"""Round 122 of issue 13, from what the notes without case lost most, organisations (checked on
all 126 sets, the newest four kept aside until after it): a business named with an ampersand and
closed by its kind, and a body named before its acronym in brackets, with the acronym's later
uses (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "identifier"), [
    ("Her aunt's salon, Crown & Glory Braids, in Harlem.", "Crown & Glory Braids"),
    ("Owns Hope & Anchor Moving LLC since 2019.", "Hope & Anchor Moving LLC"),
    ("Seen at High Desert Memory & Mood Clinic in 2024.", "High Desert Memory & Mood Clinic"),
    ("Works at Smith & Conway Plumbing now.", "Smith & Conway Plumbing"),  # (not "& co.")
    # every use of the acronym, the later one too
    ("Records from Kings Harbor Hospital Center (KHHC); KHHC summary to follow.", "KHHC"),
])
def test_finds_without_case(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Refer to a mood & anxiety clinic; child & family therapy weekly.", "mood"),
    ("Family chose Holcomb & Sons Funeral Home.", "chose"),
    ("Moved to the adolescent & young adult unit overnight.", "adolescent"),
    ("Hx of COPD (chronic obstructive pulmonary disease) and CHF.", "chronic"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]



@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_acronym_that_is_an_everyday_word_is_found_only_as_the_acronym(
        case: type[str]) -> None:
    text = case(  # type: ignore[call-arg]
        "Community Alliance for Refugee Education Services (CARES) called; she cares a lot.")
    assert untouched(text, case("she cares"))  # type: ignore[call-arg]
