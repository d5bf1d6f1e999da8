"""Round 58 of issue 13, written from the fifty-fifth hand-written set then seen: small towns
no gazetteer holds between a word of place and a state's code, hyphenated towns, numberless
roads after a compass letter, owners' shops, employers after a job title and "for", buffets,
cabs, collegiate schools, adult day health, Mennonite churches and birth centres (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("26 yo f, old order mennonite, from sugarcreek, oh. referred by midwife", "sugarcreek"),
    ("runs a takeout in wilkes-barre, pa, home on mondays", "wilkes-barre"),
    ("Dispatched to farm lane off S Ronks Rd for a fall from a loft.", "S Ronks Rd"),
    ("Father runs Chen's Hardware on Grant Ave.", "Chen's Hardware"),
    ("pt drives for blue heron cab, worried about shifts", "blue heron cab"),
    ("now hha for gentle touch home care, 4 clients", "gentle touch home care"),
    ("boss at jade palace buffet cut her hours", "jade palace buffet"),
    ("skipped 3 days at riverdale heights collegiate this month", "riverdale heights collegiate"),
    ("referral to marina adult day health for respite", "marina adult day health"),
    ("church: walnut creek mennonite fellowship, sings in choir", "walnut creek mennonite"),
    ("pp rn note, laurel hill family birth center, pt stable", "laurel hill family birth center"),
])
def test_round_fifty_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("she is in pain, oh and tired today", "oh"),
    ("he stays at his cousin omar's shop on days off", "shop"),
    ("went on a walk with her sister", "a walk"),
])
def test_round_fifty_eight_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
