"""Round 45 of issue 13, written from the forty-second hand-written set then seen: a date
after a rating's word that is no rating, a note's title that is no organisation, peoples and
their languages, NICU and records shorthand, a twelve-lead ECG that is no street, "ID." that
ends a sentence, more verbs after a relative, a two-letter direction before a street, a
firefighter's credential, businesses named kind first in Spanish (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("C-SSRS: ideation without plan, last self-harm 10/8.", "10/8"),
    ("Service at Eglise Baptiste la Grace on NE 2nd Ave; pastor visits.", "NE 2nd Ave"),
    ("Worried about his job at Supermercado La Canasta.", "Supermercado La Canasta"),
    ("Mr. Zhang alert on arrival. -K. Ostrowski, FF/EMT-P", "Ostrowski"),
])
def test_round_forty_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Self-harm urges 3/10 today; MMSE 27/30.", "3/10"),
    ("Geriatric Psychiatry Consult, Androscoggin Valley Hospital, 3 South.",
     "Geriatric Psychiatry Consult"),
    ("Seattle, WA 98104. Tel (206) 555-0110.", "Tel"),
    ("Hymns in Kreyol calmed her; she speaks Choctaw with her husband.", "Kreyol"),
    ("Now DOL 6, CGA 32+3; EBM 22 ml q3h; gentle stim at 0315.", "CGA 32"),
    ("Please send the MAR from the admission.", "MAR"),
    ("Temp 98.9. 12 lead ST, no ectopy.", "12 lead ST"),
    ("Hep C Ab +, referred to ID. PHQ-9 12, GAD-7 9.", "PHQ-9 12"),
    ("DERS-16 from 62 to 55.", "DERS-16"),
    ("Parents still there; mother plans to visit on Dec 20.", "plans"),
    ("Called to the campus, bldg 4 3rd fl.", "bldg 4"),
])
def test_round_forty_five_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
