"""Round 86 of issue 13, written from what the eighty-two seen hand-written sets still lost in
lower case and capitals: a street's "st" before a clause that goes on, a surname before "'s",
an employer of two words joined by "&" or after a job, a given name no list holds opening a
clause before a surname found, and the everyday word before a landform that opens a school's
or a clinic's name (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    # a street's "st" and the clause going on after it
    ("grew up on tamsin st with her aunt and two cousins", "tamsin st"),
    ("lives alone on harrow st. main stressor is money", "harrow st"),
    # a surname before "'s"
    ("voicemail from pt maureen cook's brother re: rides", "maureen cook"),
    # an employer of words joined by "&", and one after a job
    ("worked 19 years at kestrel forge & anvil until the layoff", "kestrel forge & anvil"),
    ("line cook at copper kettle cantina until march", "copper kettle cantina"),
    # a given name no list holds, opening a clause before a surname found
    ("cc: obiora nwankwo; reviewed with the team", "obiora nwankwo"),
    # the word before a landform opening a school's or a clinic's name
    ("left big hollow high school in 10th grade", "big hollow high school"),
    ("sud intake - seven lakes treatment center, kalamazoo", "seven lakes treatment center"),
])
def test_round_eighty_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("hr 110s on monitor st. elevation noted, ekg done", "elevation"),
    ("dx: anorexia nervosa, restricting type", "anorexia"),
    ("res evangelina okafor, 93 yo f, rm 12", "res"),
    ("works at home & school most days", "home & school"),
    ("attends valley high school in town", "attends"),
    ("left creek high school at 16", "left"),
])
def test_round_eighty_six_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
