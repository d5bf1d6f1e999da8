"""Round 49 of issue 13, written from the forty-sixth hand-written set then seen: the practice
named right after a note's title, a middle initial in a person's field, a paramedic's
credential, school districts, quarries, parking and steel erectors (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Couples Therapy Progress Note, Mid-City Family Therapy, Nov 20th, session 5.",
     "Mid-City Family Therapy"),
    ("Psychotherapy progress note, Passumpsic Valley Counseling, St. Johnsbury.",
     "Passumpsic Valley Counseling"),
    ("Evaluation. Pt: Patrick J. Donnelly, 58, retired ironworker.", "Patrick J. Donnelly"),
    ("Crew: K. Blais AEMT, R. Paquette NRP.", "Paquette"),
])
def test_round_forty_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Worked 24 years for Dravo Steel Erectors until 2018.", "Dravo Steel Erectors"),
    ("Working full time at Bellwether Parking downtown.", "Bellwether Parking"),
    ("Cravings after shifts at Slate Valley Quarry in town.", "Slate Valley Quarry"),
])
def test_round_forty_nine_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Group therapy note, DBT skills group, Harbor Clinic, 11/3.", "DBT skills group"),
    ("Progress note, individual therapy, 50 min.", "individual therapy"),
    ("Intake, Overland Children's Hospital outpatient psychiatry, 9/23.", "outpatient"),
])
def test_round_forty_nine_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
