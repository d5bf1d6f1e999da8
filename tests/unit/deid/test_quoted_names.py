"""Nicknames in quotes, after a cue or in brackets after a name or a relation (issue 13)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import covered, untouched

CASES = (str, str.upper, str.lower)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "nickname"), [
    ('Pt (R.T., prefers "Bugsy") slept well.', "Bugsy"),
    ('Client goes by "Pickle" at school.', "Pickle"),
    ('Met Lorna Vale ("Sparrow") at the day center.', "Sparrow"),
    ('Her ex-boyfriend ("Tank") called twice.', "Tank"),
    ('Uncle is aka "Big Lou" in the family.', "Big Lou"),
])
def test_a_quoted_nickname_after_a_cue_or_a_name_is_found(
        case: type[str], text: str, nickname: str) -> None:
    assert covered(case(text), case(nickname))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "word"), [
    ('Asked how she was, pt ("fine") turned away.', "fine"),
    ('Staff say the med ("prn") helped.', "prn"),
    ('She says it felt "heavy" today.', "heavy"),
])
def test_a_quoted_answer_or_shorthand_is_no_nickname(case: type[str], text: str,
                                                     word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "nickname"), [
    ('Her roommate "Pim" has been a support.', "Pim"),
    ('He calls his sponsor "Big Tomas" most days.', "Big Tomas"),
])
def test_a_quoted_nickname_right_after_a_relation_is_found(case: type[str], text: str,
                                                          nickname: str) -> None:
    assert covered(case(text), case(nickname))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_a_relatives_quoted_words_are_no_nickname(case: type[str]) -> None:
    text = case('Her mother "felt fine" after the visit.')  # type: ignore[call-arg]
    assert untouched(text, case("felt fine"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "nickname"), [
    ('Res "Zuzu" 24 yo m w/ idd, seizure free today.', "Zuzu"),
    ('Pt Ambrose "Tiny" Kettering, 61 yo m, detox day 2.', "Tiny"),
])
def test_a_quoted_nickname_after_a_word_for_the_client_or_a_name_is_found(
        case: type[str], text: str, nickname: str) -> None:
    assert covered(case(text), case(nickname))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_the_clients_quoted_words_are_no_nickname(case: type[str]) -> None:
    text = case('Asked about sleep, pt "exhausted" and tearful.')  # type: ignore[call-arg]
    assert untouched(text, case("exhausted"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_the_surname_after_a_nickname_is_found_and_a_new_sentence_is_not(
        case: type[str]) -> None:
    text = case('Buford "Bucky" Caudwell, 58. Sponsor "Big Tomas." Cravings 3/10.')  # type: ignore[call-arg]
    assert covered(text, case("Caudwell"))  # type: ignore[call-arg]
    assert untouched(text, case("Cravings"))  # type: ignore[call-arg]
