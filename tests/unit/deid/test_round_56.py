"""Round 56 of issue 13, written from the fifty-third hand-written set then seen: an initial
after a given name, turnpikes, a provider's field, dashed dates after "next", care homes,
senior and legal services, employers that pack beef, and Korean and Chinese given names of two
syllables joined by a hyphen (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Best friend Lani K. drove her to the session.", "Lani K."),
    ("1:1 sitter manu t. at bedside, room 9.", "manu t."),
    ("Office at 4411 Old Mill Tpke, Ste 2, Fairfax.", "4411 Old Mill Tpke"),
    ("provider: blue ridge family counseling associates, 55 elm st", "blue ridge family"),
    ("Next: 1-14 at 5 pm, same time.", "1-14"),
    ("works as a cna at hale kokua care home in waianae", "hale kokua care home"),
    ("support group at filipino american senior services weekly", "filipino american senior"),
    ("works 2nd shift at prairie gold beef since 2021", "prairie gold beef"),
    ("her parents kim dong-hyun and lee mi-sook run a laundromat", "kim dong-hyun"),
    ("her parents kim dong-hyun and lee mi-sook run a laundromat", "lee mi-sook"),
    ("client: yoon, seo-jin, dob 03/02/1990", "seo-jin"),
    ("ji-woo park attended alone today", "ji-woo park"),
    ("his wife hye-jin drove him", "hye-jin"),
])
def test_round_fifty_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Seen by Dr. Jones a.m. rounds, stable.", "a.m."),
    ("Next: follow up in 2-3 weeks.", "2-3"),
    ("move-out date set; two-week grace period with lee", "move-out"),
    ("started tf-cbt with park today", "tf-cbt"),
    ("her ex-wife kim called", "ex-wife"),
    ("x-ray with lee showed no fracture", "x-ray"),
])
def test_round_fifty_six_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str, str.lower), ids=("as-written", "lower"))
def test_round_fifty_six_leaves_versus(case: type[str]) -> None:
    # (In capitals "DELGADO V. DELGADO" still reads as a name with its middle initial.)
    text = case("Re: Delgado v. Delgado, custody evaluation.")  # type: ignore[call-arg]
    assert untouched(text, case("v."))  # type: ignore[call-arg]
