"""A surname before its given name after a cue ("Patient: Okonjo, Adaeze"): found in every
case; a word before a comma that is no surname stays a word (issue 13, synthetic text)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import label_of, untouched

CASES = (str, str.upper, str.lower)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "surname"), [
    ("Patient: Okonjo, Adaeze  DOB 3/4/1950", "Okonjo"),
    ("PT Delacroix, Jean-Baptiste MRN 00482913.", "Delacroix"),
    ("RE: Vanterpool, Marcus", "Vanterpool"),
    ("Client name: Pruitt, Darlene", "Pruitt"),
])
def test_surname_before_a_cued_given_name_is_found_whatever_the_case(
        case: type[str], text: str, surname: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert label_of(written, case(surname)) is Label.NAME  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "word"), [
    ("Pt alert, Mary at bedside.", "alert"),
    ("Pt agitated, Mary called.", "agitated"),
    ("Patient oriented, John visited.", "oriented"),
    ("Pt lethargic, Susan here.", "lethargic"),
])
def test_a_state_before_a_comma_and_a_name_stays_a_word(case: type[str], text: str,
                                                         word: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert untouched(written, case(word))  # type: ignore[call-arg]
