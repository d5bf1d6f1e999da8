"""Round 26 of issue 13, written from the twenty-first hand-written set then seen: crews of
initialled signers, shops named for their owner, trades, county courts of Texas and
Pennsylvania, a VA's medical centre, a church or centre "of" its place, Spanish kin words, and
what stays a word (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Care transferred. Crew J. Pruitt / R. Slone.", "J. Pruitt"),
    ("Care transferred. Crew J. Pruitt / R. Slone.", "R. Slone"),
    ("States he must get back to Big Earl's Tire & Lube by noon.",
     "Big Earl's Tire & Lube"),
    ("Works breakfast shift at Dot's Diner on weekdays.", "Dot's Diner"),
    ("Picked up extra shifts at Tavares Fish Co. last week.", "Tavares Fish Co"),
    ("Works second shift at Platte River Pallet & Crate.", "Platte River Pallet & Crate"),
    ("Stopped working at Yoder & Sons Harness Shop in May.", "Yoder & Sons Harness Shop"),
    ("Treated at Shady Lane Retreat years ago.", "Shady Lane Retreat"),
    ("Attended Black Mesa Boarding School through 8th grade.", "Black Mesa Boarding School"),
    ("CPT at Brazos Valley VA Medical Center in 2015.", "Brazos Valley VA Medical Center"),
    ("Veterans court, Coyote County Court at Law No. 2, cause pending.",
     "Coyote County Court at Law No. 2"),
    ("Order granted by Schuyler County Court of Common Pleas, docket on file.",
     "Schuyler County Court of Common Pleas"),
    ("Her pastor from First Samoan Congregational Church of Waipoli called.",
     "First Samoan Congregational Church of Waipoli"),
    ("Padrino tío Beto already paid the hall.", "Beto"),
])
def test_round_twenty_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Fight at school (carpentry shop); counselor aware.", "carpentry shop"),
    ("Ate fish today and went to the shop.", "fish"),
    ("PT & rehab aware of the plan.", "rehab"),
    ("Sat in the center of the room.", "center of the room"),
    ("A county court at law hears such cases.", "county court"),
])
def test_round_twenty_six_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
