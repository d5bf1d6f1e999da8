"""Round 138 of issue 13, from what the hundred-and-seventy-ninth to -eighty-second sets (Haitian
and Jamaican; Vietnamese, Hmong and Cambodian; Jewish, Armenian and Iranian American; Great
Plains ranch families) lost: a state's or a town's department named whole, the church a
congregation belongs to after its name, which campus, a centre for (mental) health, health
systems by their name, a town's fire rescue after "bib", federal agencies by their whole name,
and a church's name before its denomination (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Referral to Oregon Department of Human Services, in-home aide requested.",
     "Oregon Department of Human Services"),
    ("He was brought in by the Tacoma Department of Public Safety after the fight.",
     "Tacoma Department of Public Safety"),
    ("Attends Bethany Temple Church of God of Prophecy, sings in the choir.",
     "Church of God of Prophecy"),
    ("Admitted to Sparrowfield Medical Center East Campus, adult psych unit.",
     "East Campus"),
    ("Referred to Lakeshore Center for Behavioral Health. Contact by phone.",
     "Center for Behavioral Health"),
    ("Transferred to Geisinger Wyoming Valley for withdrawal management.",
     "Geisinger Wyoming Valley"),
    ("BIB Broward Fire Rescue from home after a fall.", "Broward Fire Rescue"),
    ("Pending SSDI claim with the Social Security Administration.",
     "Social Security Administration"),
    ("Attends Morning Star Full Gospel Church and helps with the food pantry.",
     "Morning Star Full Gospel Church"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[:2], ids=IDS[:2])
def test_finds_a_department_after_its_state_code_in_capitals(case: type[str]) -> None:
    text = "Parole agent Tom Reyes, SD Department of Corrections, 605-555-0180."
    assert covered(case(text), case("SD Department of Corrections"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Seen in office for health check; no acute distress.", "office for health"),
    ("Richardson police department on emergency detention, calm now.", "on emergency"),
    ("Referred to a center for mental health evaluation next week.", "center for"),
    ("Connect with legal aid re benefits; the department of labor form is done.",
     "department of labor"),
    ("Walked across campus to the library; no SI.", "campus"),
    ("Asked whether the Geisinger EAP covers more sessions.", "covers"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
