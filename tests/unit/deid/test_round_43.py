"""Round 43 of issue 13, written from the thirty-eighth hand-written set then seen: nicknames in
single quotes, an address on a grid of numbered streets, numbered wards and schools, a
practice's corporate form, signers' credentials, a doctor's two-letter surname, contractions
that are no names, more trades (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Found 61 y/o M Dale 'Buck' Muncy on the porch.", "Buck"),
    ("Pt Cornelius Bailey ('Boo'), 52, from Darien.", "Boo"),
    ("Client: Jessica Lambert, goes by 'Jessie,' 31 F.", "Jessie"),
    ("Dispatched for a fall to 4820 W 12600 S, Riverton.", "4820 W 12600 S"),
    ("Reassurance-seeking from the bishop of the Lehi 22nd Ward.", "22nd Ward"),
    ("4th grade at P.S. 318 in Elmhurst; report released to P.S. 318.", "P.S. 318"),
    ("From: Harbor Bridge Psychiatry PC, 41-25 Kissena Blvd.", "Harbor Bridge Psychiatry PC"),
    ("Report to trauma RN at 1602. -B. Sorensen AEMT", "Sorensen"),
    ("Next session 12/9. Grace Shin, CASAC, (718) 555-0124", "Grace Shin"),
    ("Peds f/u Dr Ng at the clinic within 48 h.", "Ng"),
])
def test_round_forty_three_finds_in_every_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Works 10-hour shifts at Golden Lotus Nails in Bayside.", "Golden Lotus Nails"),
    ("Second shift at Rotunda Stamping in Dearborn Heights.", "Rotunda Stamping"),
    ("Her job at Bohicket Crab Shack runs late.", "Bohicket Crab Shack"),
])
def test_round_forty_three_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("She said don't worry; I don't know, won't go.", "don"),
    ("Bailey's car; don't 'worry' about it.", "worry"),
    ("Lives in the 4th ward of the city.", "the "),
    ("Vent: PS 10/5, PEEP 5; BP 120/80.", "PS 10"),
    ("Foley and NG tube placed; dr aware.", "NG"),
])
def test_round_forty_three_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
