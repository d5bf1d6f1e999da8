"""Round 54 of issue 13, written from the fifty-first hand-written set then seen: an "ID:"
field with an age after it, quoted nicknames, a surname after a nickname in brackets, towns
ending like adjectives, churches named by their denomination alone, employers after a verb of
work, shops named for their owner, and towns typed in lower case in a cased note (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ('psychiatric evaluation. id: adaeze "dazi" okonkwo, 17 y/o f, 12th grade', "okonkwo"),
    ('psychiatric evaluation. id: adaeze "dazi" okonkwo, 17 y/o f, 12th grade', "adaeze"),
    ('Intake: Minh Tran (family calls him "Bao"), 31M, self-referred.', "Bao"),
    ("pt stanislaw (stan) kowalczyk-nowicki, 64 yo m, day 3", "kowalczyk-nowicki"),
    ("ER visit in Passaic last month, no follow-up.", "Passaic"),
    ("her pastor at laurel fork old regular baptist visits weekly", "laurel fork old regular"),
    ("attends pine hollow freewill baptist with her mother", "pine hollow freewill baptist"),
    ("Parish: Most Holy Redeemer; the priest visits monthly.", "Most Holy Redeemer"),
    ("retired from black gap coal after 30 yrs underground", "black gap coal"),
    ("welder at bayou city shipyards until 2019", "bayou city shipyards"),
    ("son incarcerated at hazelton correctional since may", "hazelton correctional"),
    ("Her aunt runs Yemi's Kitchen on the east side.", "Yemi's Kitchen"),
    ("EMS PCR RUN # 26-204417, dispatched 0310.", "26-204417"),
])
def test_round_fifty_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_round_fifty_four_finds_a_town_typed_in_lower_case_in_a_cased_note() -> None:
    assert covered("Her sister lives in san marcos and calls daily.", "san marcos")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("ID: pseudomonas in sputum, contact precautions.", "pseudomonas"),
    ("Daughter Rosa Lind (HCP) ph 555-0142, updated.", "ph"),
    ("Used the Socratic method in session.", "Socratic"),
    ("she was raised southern baptist and still prays daily", "southern"),
    ("goes to meetings w/ her sponsor twice a week", "w/ her"),
])
def test_round_fifty_four_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_round_fifty_four_leaves_a_lower_case_town_after_a_comma_in_a_cased_note() -> None:
    assert untouched("Seen at Clearwater Ridge Clinic, cut off 2021.", "cut off")
