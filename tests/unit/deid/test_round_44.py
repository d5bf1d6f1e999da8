"""Round 44 of issue 13, written from the thirty-ninth hand-written set then seen (and the
fortieth and forty-first, whose leaks were listed by mistake before their first reading): a
person of a place in one run ("Pastor X of Y Church"), clergy and kin as titles, drugs, peoples
and prefixed words after a cue, psychometric indices and lab values in thousands, lengths of
time, honorifics with accents, signers with accents (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize(("text", "person", "place"), [
    ("Pastor Jelton Lomae of Bethel Marshallese Congregational Church visited.",
     "Jelton Lomae", "Bethel Marshallese Congregational Church"),
    ("His prior therapist, Dr. Eze of Uplift Psychological Services, retired.",
     "Eze", "Uplift Psychological Services"),
])
def test_round_forty_four_parts_a_person_from_the_place_after_of(
        text: str, person: str, place: str) -> None:
    assert label_of(text, person) is Label.NAME
    assert label_of(text, place) is Label.ORGANIZATION
    assert untouched(text, " of ")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Reassurance-seeking from Bishop Halverson of the Lehi 22nd Ward.", " of the "),
    ("Chews tobacco. Daughter-in-law Bishnu accompanies.", "Daughter-in-law"),
    ("Minister Bro. Elam Sensenig visited.", "Bro"),
    ("Meds per son: metformin 1000 mg BID.", "metformin"),
    ("Speaks PA Dutch with his wife.", "Dutch"),
    ("On arrival pt post-ictal; transported w/ mother, non-emergent.", "non-emergent"),
    ("Anxious re: 90-day probation at work.", "90"),
    ("PLT 168K, AST 31.", "168K"),
    ("WISC-V FSIQ 94, VCI 86, VSI 102, WMI 82, PSI 88.", "VCI 86"),
    ("RHS-15 total 38 (positive).", "RHS-15"),
    ("Amos declines home health but agrees to outpt PT.", "declines home health"),
    ("Peri care done; roomed to rm 14.", "rm 14"),
    ("Mother Doña Carmen flying in.", "Doña"),
])
def test_round_forty_four_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Mother Doña Carmen flying in.", "Carmen"),
    ("Precautions reviewed. N. Pagán RN", "Pagán"),
    ("Family: Amituanai. Present: IP, mother, father.", "Amituanai"),
    ("Works framing for Martin Brothers Builders.", "Martin Brothers Builders"),
])
def test_round_forty_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]
