"""Round 34 of issue 13, written from the twenty-ninth hand-written set then seen: infusion
services, haulers, caterers, software systems, aggregates, tack and harness shops, a dated
admission, an oncology practice, a given name that is an everyday word before a surname no list
holds in a note without case, and no firm grows over a relative's word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("D/c Thursday at home by Mercy Home Infusion RN.", "Mercy Home Infusion"),
    ("He drives for Big Sandy Coal Haulers, will call back.", "Big Sandy Coal Haulers"),
    ("QA tester for Kestrel Data Systems; her supervisor approved it.",
     "Kestrel Data Systems"),
    ("Heavy-equipment operator at Blackrock Aggregates until August.", "Blackrock Aggregates"),
    ("MRN on file, adm 11.02 from home w/ ADHF.", "11.02"),
])
def test_round_thirty_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Skills group Tuesdays with Sam and Justice Oyelaran. Plan: continue.",
     "Justice Oyelaran"),
    ("Re: Storm Whitehorse, DOB on file, claim pending.", "Storm Whitehorse"),
    ("Farmer and harness maker (Beiler's Harness Shop), from the valley.",
     "Beiler's Harness Shop"),
])
def test_round_thirty_four_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("He stays at his cousin Hamza's shop on days off.", "cousin"),
    ("Mrs. Gordon e-mailed the writer; son Kasha Speed is hcp.", "e-mailed"),
    ("Kidney stone passed; limits major life activities; her life changed.", "life"),
    ("Pt will take zofran tonight.", "will"),
])
def test_round_thirty_four_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
