"""The practice before a town and its state code, and a county's agencies (issue 13)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import covered, untouched

CASES = (str, str.upper, str.lower)
IDS = ("as-written", "upper", "lower")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Couples therapy, session 5, Front Range Family Therapy, Colorado Springs, CO. Present:",
     "Front Range Family Therapy"),
    ("New patient evaluation, Snake River Psychiatry, Pocatello, ID 83201. Patient",
     "Snake River Psychiatry"),
    ("Psychiatric intake, Antietam Child Guidance, Hagerstown, MD, 12/2/2026.",
     "Antietam Child Guidance"),
    ("Open case with Frederick County DSS, worker assigned.", "Frederick County DSS"),
    ("SN visit, Custer County Home Health. Pt seen at home.", "Custer County Home Health"),
    ("Referred by his officer at Galveston County Adult Probation, after a DWI.",
     "Galveston County Adult Probation"),
])
def test_a_practice_before_its_town_and_a_countys_agency(case: type[str], text: str,
                                                         needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Couples therapy, Flint, MI. Both attended.", "Couples therapy"),
    ("Telehealth session, mental health clinic, Erie, PA 16501.", "mental health clinic"),
    ("Individual session, brief therapy, Flint, MI.", "brief therapy"),
    ("Seen in the county, then moved, Flint, MI.", "then moved"),
])
def test_a_treatments_heading_before_a_town_stays_words(case: type[str], text: str,
                                                        needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
