"""Round 125 of issue 13, from what the hundred-and-thirty-first to -thirty-fourth sets (Udmurt,
Chuvash and Karakalpak; Faroese, Greenlandic and Manx; Breton, Occitan, Corsican and Walloon;
Khasi, Assamese, Lepcha and Baloch families) lost and from the organisations every set read so
far loses without case, each rule a general one: a country's part or a town after a place found
(after a comma or in brackets), a county's court of common pleas, an annex, a date of an event
after ventilator settings, a British postcode where the note names the country, and, without
case, a body of everyday words after more cues ("referred to") and before more kinds (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Family from Jorhat, Assam; father ran a tea garden.", "Assam"),
    ("Parents still in Rodez (Aveyron); mother phones weekly.", "Aveyron"),
    ("Lives in Anchorage (Mountain View) with partner.", "Mountain View"),
    ("Grandmother in Jackson Heights, Queens. Calls daily.", "Queens"),
    ("Hearing at the Court of Common Pleas of Allegheny County next month.",
     "Court of Common Pleas of Allegheny County"),
    ("Interviewed at Lakeview Correctional Annex on two dates.", "Lakeview Correctional Annex"),
    ("Vent was 10/5/40, extubated 9/14. Now on 2L NC.", "9/14"),
    ("Records to Ramsey Clinic, Douglas, Isle of Man IM1 4QA by fax.", "IM1 4QA"),
    ("Referral to Bluebonnet Home Hospice for an information visit.", "Bluebonnet Home Hospice"),
    ("Referred to Seward Ridge Residential, bed date next week.", "Seward Ridge Residential"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
@pytest.mark.parametrize(("text", "identifier"), [
    ("Cedar Bluff ISD Special Education evaluation, grade 4.", "Cedar Bluff ISD"),
    ("Rx sent to Main Street Pharmacy, refills 2.", "Main Street Pharmacy"),
    ("Attends Living Waters Fellowship on Sundays.", "Living Waters Fellowship"),
])
def test_finds_without_case(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Lives in Akron, Ohio, with her aunt.", "Ohio"),
    ("Born in San Francisco de Macoris, Dominican Republic, in 1990.", "Dominican Republic"),
    ("Rifle now locked at uncle Raj's house in Elk Grove.", "house"),
    ("Plan: admit to partial program, taper with PCP.", "partial program"),
    ("Safety planning with lethal-means counseling, then school meeting.", "lethal-means"),
    ("Father attended boarding school; later farmed.", "boarding school"),
    ("Took her B12 3rd dose in England last spring.", "B12 3rd"),
    ("PHQ-9 trend 18-14-11, improving.", "18-14-11"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
def test_leaves_a_canadian_province_without_case(case: type[str]) -> None:
    text = "Family lives in Gimli, Manitoba, and visits in summer."  # (as a US state is left)
    assert untouched(case(text), case("Manitoba"))  # type: ignore[call-arg]
