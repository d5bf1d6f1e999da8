"""Round 64 of issue 13, written from the sixty-first hand-written set then seen: children
listed after a colon past an abbreviation, an employer after "works nights for" (and
capitalised, after "for" once work is said), prisons and projects by their type word, and
Virginia's juvenile and domestic relations courts after their county (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("kids: deqa, 11, at p.s. 40; hodan, 7. no cps history", "hodan"),
    ("works weekends for open road paving and days at home", "open road paving"),
    ("mother is at montana women's prison until 2027", "montana women's prison"),
    ("attorney at tamarack legal aid project", "tamarack legal aid project"),
    ("petition in arlington county juvenile and domestic relations district court, case 4",
     "juvenile and domestic relations district court"),
])
def test_round_sixty_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_an_employer_after_for_once_work_is_said() -> None:
    assert covered("Works nights for Spotless Shine Janitorial downtown.",
                   "Spotless Shine Janitorial")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("thanks for the referral, will call her monday", "referral"),
    ("kids: 3, ages 4 to 12, all at home", "ages"),
    ("she works for the county as a clerk", "county"),
])
def test_round_sixty_four_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_for_without_work_names_no_employer() -> None:
    assert untouched("She asked for Quiet Time Cards at school.", "Quiet Time Cards")
