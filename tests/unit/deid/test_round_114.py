"""Round 114 of issue 13, written from the hundred-and-eighth hand-written set (Zimbabwean,
Zambian and Malawian families of Houston and Indiana), then seen: an English word given as a
name between a relation and a rare surname found, without case ("wife memory phiri"), a
court's number at a sentence's end, codes that open with a year ("2026-mh-04418"), "the 1st of
each month" (no date), Southern African languages (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=IDS[1:])
@pytest.mark.parametrize(("text", "needle"), [
    ("avf + thrill. wife memory phiri works as care aide", "memory phiri"),
    ("son gift mwale calls nightly from lusaka", "gift mwale"),
    ("staying w/ church member loveness tembo this week", "loveness tembo"),
])
def test_a_word_given_as_a_name_between_a_relation_and_a_surname(
        case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=IDS[1:])
@pytest.mark.parametrize(("text", "word"), [
    ("mother spoke soninke through a phone interpreter", "spoke"),
    ("raised by grandmother miss gloria until age 10", "miss"),
    ("runs cattle w/ son near winifred since 1991", "near"),
])
def test_a_verb_a_title_or_a_preposition_is_no_given_name(case: type[str], text: str,
                                                          word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_courts_number_ending_a_sentence(case: type[str]) -> None:
    text = case("Harris County Criminal Court at Law No. 9. Re: State v. Farai.")  # type: ignore[call-arg]
    assert covered(text, case("Harris County Criminal Court at Law No. 9"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_code_opening_with_a_year(case: type[str]) -> None:
    text = case("1:1 sitter, rm 6. EDO # 2026-MH-04418. Locker #22.")  # type: ignore[call-arg]
    assert covered(text, case("2026-MH-04418"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_day_of_every_month_is_no_date(case: type[str]) -> None:
    text = case("Budget reviewed on the 1st of each month; court on the 3rd of March.")  # type: ignore[call-arg]
    assert untouched(text, case("the 1st"))  # type: ignore[call-arg]
    assert covered(text, case("the 3rd of March"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_southern_african_languages_name_nobody(case: type[str]) -> None:
    text = case("Pt speaks Chichewa and English; daughter speaks Nyanja.")  # type: ignore[call-arg]
    assert untouched(text, case("Chichewa")) and untouched(text, case("Nyanja"))  # type: ignore[call-arg]
