"""Round 75 of issue 13, written from the seventy-first hand-written set then seen: a quoted
nickname between a given name and a surname, Our Lady of Good anything, a date after "set for",
a docket's year after a slash, a court's number, a shop named for a relative after "owns",
delivery work "for" an employer, and towers and pizzerias (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("mother active at our lady of good voyage parish", "our lady of good voyage"),
    ("urgent intake set for 3/4 with the lmhc", "3/4"),
    ("order from kings family court, docket o-07712/25, served", "o-07712/25"),
    ("also drives delivery for big slice pizza on main", "big slice pizza"),
])
def test_round_seventy_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("On probation, Harris County Criminal Court No. 4, PO Mr. Diaz.", "No. 4"),
    ("Owns Uncle Sal's Pizzeria on Hall Rd with his wife.", "Uncle Sal's Pizzeria"),
    ('Client Margaret "Peg" Kelleher, 70 F, widow.', '"Peg" Kelleher'),
])
def test_round_seventy_five_finds_in_a_cased_note(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("no group 12/23 or 12/30 for the holidays", " or "),
    ('client margaret "peg" said little today', "said"),
])
def test_round_seventy_five_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
