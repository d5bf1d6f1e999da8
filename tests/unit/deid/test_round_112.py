"""Round 112 of issue 13, written from the hundred-and-sixth hand-written set (Finnish and
Swedish families of Michigan's Upper Peninsula and Minnesota's Iron Range), then seen: an
initial and a surname without case after a word that says a person follows, an initial before
a name found without case, codes typed in lower case, a quadrant then a unit after a street,
a community mental health centre after its place (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=IDS[1:])
@pytest.mark.parametrize(("text", "needle"), [
    ("weekly therapy with l. harju, safety plan completed", "l. harju"),
    ("message taken by k. bowekaty, front desk.", "k. bowekaty"),
    ("seen with np student a. fontenot.", "a. fontenot"),
    ("cps worker a. tolliver called, case open", "a. tolliver"),
])
def test_an_initial_and_a_surname_after_a_persons_cue(case: type[str], text: str,
                                                      needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=IDS[1:])
@pytest.mark.parametrize(("text", "needle"), [
    ("prior urosepsis w/ e. coli, today ua + nitrite", "e. coli"),
    ("culture grew s. aureus; see p. 4 of the packet", "s. aureus"),
    ("re: state v. tobias yazzie, no. cr2026-118", " v. "),
    ("sleepover at cousin ola's. pt tearful", "s. pt"),
    ("levels b discontinued at 300 s. pua reports", "300 s."),
])
def test_a_letter_and_a_stop_that_is_no_initial(case: type[str], text: str,
                                                needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("dob 05/02/2012, client # irc-3307. i authorize", "irc-3307"),
    ("community care authorization va0049-221873 on file.", "va0049-221873"),
])
def test_a_code_typed_in_lower_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", [str, str.lower], ids=["as-written", "lower"])
def test_a_years_budget_and_a_scale_are_no_codes(case: type[str]) -> None:
    # (in capitals "FY-2025" is still read as a code: a leftover of the capitals' code rule)
    text = case("fy-2025 budget cut; pcl-5 41; covid-19 in 2021.")  # type: ignore[call-arg]
    assert untouched(text, case("fy-2025")) and untouched(text, case("pcl-5"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_quadrant_then_a_unit_after_a_street(case: type[str]) -> None:
    text = case("daughter at 618 2nd ave s apt 4, aurora, mn 55705.")  # type: ignore[call-arg]
    assert covered(text, case("618 2nd ave s apt 4"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("seen at portage lake cmh by the on-call worker", "portage lake cmh"),
    ("follow-up: marquette area cmh in two weeks", "marquette area cmh"),
])
def test_a_community_mental_health_centre_after_its_place(case: type[str], text: str,
                                                          needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
