"""Round 136 of issue 13, from what the hundred-and-seventy-fifth to -eighth sets (Rust Belt
and northern New England; Dominican, Puerto Rican and Garifuna; Chinese and Korean American;
Diné, Lakota, Ojibwe and Tohono O'odham families) lost: a hyphenated given name after a cued
surname and its comma ("PT ZHENG, WEI-MING"), a veterans' or fraternal post by its number, and
the Knights of Columbus (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Pt Zheng, Wei-Ming, 41 yo M, Fuzhounese speaking.", "Wei-Ming"),
    ("Resident Fong, Yuk-Lan, 88 yo F, Toishanese.", "Yuk-Lan"),
    ("Past commander of VFW Post 25; HTN, DM2.", "VFW Post 25"),
    ("Goes to the fish fry at American Legion Post 9389 on Fridays.",
     "American Legion Post 9389"),
    ("Drinks more at Knights of Columbus socials on weekends.", "Knights of Columbus"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Pt Zheng, co-op member, reports sleep better.", "co-op"),
    ("He joined a post-acute program after the fall.", "post-acute"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
