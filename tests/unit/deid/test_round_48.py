"""Round 48 of issue 13, written from the forty-fifth hand-written set then seen: a doctor's
surname that is shorthand between a given name and where they work, home services, a
university "of" somewhere, a resettlement agency by its capitals (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Two-way exchange with Dr. Harjit Bal at Sutter Buttes Pediatrics.", "Harjit Bal"),
    ("Grandson is a pharmacy student at University of the Pacific.",
     "University of the Pacific"),
])
def test_round_forty_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
def test_round_forty_eight_finds_home_services_without_case(case: type[str]) -> None:
    text = "Cleans houses for Maplewood Home Services; husband drives."
    assert covered(case(text), case("Maplewood Home Services"))  # type: ignore[call-arg]


def test_round_forty_eight_finds_a_resettlement_agency_by_its_capitals() -> None:
    text = "Resettled through Rocky Mountain Refugee Resettlement in 2019."
    assert covered(text, "Rocky Mountain Refugee Resettlement")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Dr Price neurosurg aware of ICP 22 at 0245.", "neurosurg"),
    ("Arranged home services after discharge.", "home services"),
    ("Graduated from the university of Utah in 2010.", " in "),
])
def test_round_forty_eight_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
