"""Round 35 of issue 13, written from the thirtieth hand-written set then seen: home-health
agencies named with everyday words, a unit named "tower", a shift's date written with a dash
and a range of them, tool & die shops, foot & ankle practices, surgical associates, vet
centers, and LLPs (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Case mgr setting up VNA w/ Golden Lotus Home Health, soc Friday.",
     "Golden Lotus Home Health"),
    ("HH RN from Amigos Home Health, ph on file, weekly checks.", "Amigos Home Health"),
    ("The stay on 4 Tower and in the SICU, records requested.", "4 Tower"),
    ("Harbor unit psych RN note 1500-2330 12-2. Pt calm.", "12-2"),
    ("7 North transplant RN note 1900-0700 11.30-12.01. Pt resting.", "11.30-12.01"),
    ("Machinist at Kessler Tool & Die, on FMLA since November.", "Kessler Tool & Die"),
    ("Veteran intake, Hilltop Vet Center, this week.", "Hilltop Vet Center"),
])
def test_round_thirty_five_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Ref by podiatry from Rio Bravo Foot & Ankle; DFU L plantar.", "Rio Bravo Foot & Ankle"),
    ("F/u surgeon at Mission Valley Surgical Associates next month.",
     "Valley Surgical Associates"),
])
def test_round_thirty_five_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Plan: arrange home health; Haitian-born home health aide to visit.", "home health"),
    ("Afraid to die; pt may die without dialysis.", "die"),
    ("Took 12-2 mg on the 7a-7p shift; tower of blocks in OT.", "tower"),
])
def test_round_thirty_five_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
