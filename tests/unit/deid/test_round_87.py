"""Round 87 of issue 13, written from the eighty-third hand-written set (Hawaiian and
Portuguese-Hawaiian families), then seen: a capital past Latin-1 ("Mākua", "Łukasz") or an
okina (U+02BB) opening a word in a name or a street, an ordinal birthday over 89, the letters
with no vowel before a record's number, two more trades, and the kind of club, beach or harbour
after a name found in a note without case (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize(("text", "needle"), [
    ("She paddles with Nā Kai \u02bbOlu Canoe Club on Saturdays.", "Nā Kai \u02bbOlu Canoe Club"),
    ("Graduated from Pāhoe High in May, per mother.", "Pāhoe High"),
    ("Lives at 16-2204 \u02bbŌlena Ave, Kea\u02bbau, with her aunt.", "16-2204 \u02bbŌlena Ave"),
    ("Interpreter Łucja Wiśniewska was present for the session.", "Łucja"),
])
def test_capitals_past_latin_one_and_okinas_open_names(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("worried about her tutu's 92nd birthday next month", "92nd"),
    ("acct wmf 0033 7812. dx mdd recurrent", "wmf 0033 7812"),
    ("member id hmx 448 201 773, transported", "hmx"),
    ("crane operator for pacific isle stevedoring since 2019", "pacific isle stevedoring"),
    ("paddles with the ewalu canoe club most weekends", "ewalu canoe club"),
])
def test_round_eighty_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("celebrated her 80th birthday with family", "80th"),
    ("she charters a boat with her uncle", "charters"),
])
def test_round_eighty_seven_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


# In small letters only: in capitals "VS" and "BM" still read as a code's letters after a cue
# ("NO", "POLICY."), as they did before this round (left for a later one).
@pytest.mark.parametrize("case", (str, str.lower), ids=("as-written", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("per policy. vs 2000 t 38.4 hr 104", "vs 2000"),
    ("no bm x2 days, miralax given", "bm x2"),
])
def test_shorthand_after_a_record_word_is_no_code(case: type[str], text: str,
                                                  needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle", "found"), [
    ("left school in 10th grade, ged 2015", "10th", False),  # an ordinal is no code
    ("neighbors on s 57th ct are recording him", "s 57th ct", True),
    ("came in 2nd place at the state meet", "2nd place", False),
])
def test_ordinals(case: type[str], text: str, needle: str, found: bool) -> None:
    assert covered(case(text), case(needle)) is found  # type: ignore[call-arg]
    if not found:
        assert untouched(case(text), case(needle))  # type: ignore[call-arg]
