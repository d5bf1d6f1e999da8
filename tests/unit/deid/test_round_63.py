"""Round 63 of issue 13, written from the sixtieth hand-written set then seen: an organisation
after "from" with a type word, capitalised shops after "attends", "owns" or "ran", dates after
an admission, fishing and motor vessels, numbered police precincts, a council on aging and
courts named by their circuit (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("mom called on break from sweet loaf bakery on main", "sweet loaf bakery"),
    ("call pinewood county council on aging for respite", "council on aging"),
    ("admit 3/4; discharged 3/9 to home", "3/4"),
    ("deckhand on f/v sea witch out of gloucester since may", "f/v sea witch"),
    ("filed a report at the 41st precinct last week", "41st precinct"),
    ("referred by po mr. hale, family court of the second circuit, for truancy",
     "family court of the second circuit"),
])
def test_round_sixty_three_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("Attends Open Door Hall on Sundays.", "Open Door Hall"),
    ("Now co-owns Best Deal Grocery with his cousin.", "Best Deal Grocery"),
])
def test_round_sixty_three_finds_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pain 2/10 after admit, tolerating diet", "2/10"),
    ("takes 1/2 tab of trazodone at night", "1/2"),
    ("bp 118/76, iv fluids at 75 ml/hr", "iv fluids"),
    ("came home from family therapy program at noon", "family therapy program"),
    ("she called the council on aging for a ride", "council on aging"),
])
def test_round_sixty_three_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_a_weekday_opens_no_shop_after_attends() -> None:
    assert untouched("She attends Sunday Mass with her aunt.", "Sunday")
