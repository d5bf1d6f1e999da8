"""Round 115 of issue 13, written from the hundred-and-ninth hand-written set (Macedonian,
Bulgarian and Romanian families of Chicago, Detroit's suburbs and Sacramento), then seen: a
given name before an age is no unit named by a number ("pt stojanovski, blagoja 67 yo m"), and
a court's kind, "court of" and a place found (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "given", "age"), [
    ("7p-7a: pt stojanovski, blagoja 67 yo m biba from home", "blagoja", "67"),
    ("pt ndayishimiye, esperance 52 yo f, kirundi speaking", "esperance", "52"),
])
def test_a_given_name_before_an_age_is_no_unit(case: type[str], text: str, given: str,
                                               age: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert covered(written, case(given))  # type: ignore[call-arg]
    assert untouched(written, f" {age} ")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_unit_named_by_a_number_stays_one(case: type[str]) -> None:
    text = case("transferred from keller 5 to micu overnight")  # type: ignore[call-arg]
    assert covered(text, case("keller 5"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=IDS[1:])
@pytest.mark.parametrize(("text", "needle"), [
    ("after 2nd dui on 11/29/25, circuit court of cook county, second district",
     "circuit court of cook county"),
    ("filed in superior court of new jersey, family part", "superior court of new jersey"),
])
def test_a_courts_kind_court_of_and_a_place(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
