"""Round 140 of issue 13, from what the hundred-and-eighty-seventh to -ninetieth sets (Konkani,
Tulu and Badaga; Maltese, Sardinian and Galician; Kurukh, Santal, Kadazan-Dusun and Sasak;
Fijian Indian and Sikh Punjabi families) lost: big employers by name, and those that are also a
car or a person after work; community associations named sangha, koota, sabha or samaj; a
health system's word and its branch ("adventist health rideout", "mount sinai queens"); a
county's victim services; a diocese after Catholic Charities; a state's patrol, police or state
university (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Son (engineer at Applied Materials) drove her to session.", "Applied Materials"),
    ("Laid off from Cognizant in October, H-1B grace period.", "Cognizant"),
    ("Husband is a data analyst at Fidelity Investments, works remote.",
     "Fidelity Investments"),
    ("Sings at events of the Konkani Sabha of Houston on weekends.",
     "Konkani Sabha of Houston"),
    ("Admitted via Adventist Health Lodi ED on a hold.", "Adventist Health Lodi"),
    ("BIB EMS from work (Mount Sinai Morningside, unit clerk) after chest pain.",
     "Mount Sinai Morningside"),
    ("Dana Ruiz of Story County Victim Services helping with housing.",
     "Story County Victim Services"),
    ("Case manager at Catholic Charities Diocese of Yakima called.",
     "Catholic Charities Diocese of Yakima"),
    ("Report from the Oregon State Patrol reviewed; no charges.", "Oregon State Patrol"),
    ("Mother is a doctoral student at the Oregon State University; father drives.",
     "Oregon State University"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Fidelity to the plan was good this week.", "Fidelity"),
    ("Mood has ups and downs in the evening.", "ups"),
    ("Works as plant GM at the mill; long hours.", "GM"),
    ("Called state police after the fight; no report filed.", "state police"),
    ("Reprocessed the same target on December 7 in session.", "target"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
