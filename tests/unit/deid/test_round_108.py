"""Round 108 of issue 13, written from what all 102 seen hand-written sets still tagged wrongly
without case: a holiday is a date in any case (it was a date only in a cased note, and a name
guessed from the name lists in a note without case), and more shorthand of therapy and case
notes is known to be no name ("next sess", "weekly indiv", "narcan kit", "a single parent")
(synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label, find_identifiers
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "holiday"), [
    ("Has not had a drink since Easter; sponsor calls daily.", "Easter"),
    ("Fasting during Ramadan made his headaches worse.", "Ramadan"),
    ("Plans a sober Christmas Eve with her sister.", "Christmas Eve"),
    ("Stayed with cousins over Labor Day weekend.", "Labor Day"),
])
def test_a_holiday_is_a_date_in_any_case(case: type[str], text: str, holiday: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert label_of(written, case(holiday)) is Label.DATE  # type: ignore[call-arg]
    assert covered(written, case(holiday))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("text", ["She went into labor at 0400.",
                                  "Discussed her mother's illness at length."])
def test_a_holiday_word_alone_is_no_date(case: type[str], text: str) -> None:
    spans = find_identifiers(case(text))  # type: ignore[call-arg]
    assert all(span.label is not Label.DATE for span in spans)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Next sess moved to Thursday; weekly indiv continues.", "sess"),
    ("Next sess moved to Thursday; weekly indiv continues.", "indiv"),
    ("Gave narcan kit and overdose teaching.", "kit"),
    ("She feels like a single parent. No IPV.", "parent"),
    ("Reports daily vaping, no meth since June.", "vaping"),
    ("Peripartum onset; anorexia nervosa in remission.", "Peripartum"),
])
def test_therapy_and_case_shorthand_is_no_name(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_name_after_an_interpreter_in_shorthand(case: type[str]) -> None:
    text = case("Family meeting at bedside, Chuukese interp F. Mori by phone.")  # type: ignore[call-arg]
    assert covered(text, case("F. Mori"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_surname_that_is_a_shorthand_word_after_a_title(case: type[str]) -> None:
    text = case("Spoke with Ms. Parent, the client's aunt, by phone.")  # type: ignore[call-arg]
    assert covered(text, case("Parent"))  # type: ignore[call-arg]
