"""Round 142 of issue 13, from what the hundred-and-ninety-fifth to -eighth sets (Hualapai,
Havasupai, Menominee, Ho-Chunk and Potawatomi; Passamaquoddy, Maliseet, Shinnecock and
Unkechaug; Chitimacha, Coushatta, Houma, Catawba and Eastern Band Cherokee; Kiowa, Ponca and
Sac and Fox families) lost: a tribal government's body named by the nation or tribe and what
it does (synthetic text only). Sets 199-202, written after it, gained nothing from it."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("34 y/o M BIB Yavapai Nation Police Department from home after a fight.",
     "Yavapai Nation Police Department"),
    ("Called Sac and Fox Nation Elder Services re grab bars.",
     "Sac and Fox Nation Elder Services"),
    ("Works as a clerk in the Comanche Tribe Finance Office since 2019.",
     "Comanche Tribe Finance Office"),
    ("The Osage Nation Healing to Wellness Court has agreed to the plan.",
     "Osage Nation Healing to Wellness Court"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("She is proud to be part of the Navajo Nation; speaks Diné at home.", "Navajo Nation"),
    ("Coordinated with Hopi Nation behavioral health and the school team.", "the school"),
    ("Reports the nation health report was on the news.", "nation health"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
