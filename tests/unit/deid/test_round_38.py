"""Round 38 of issue 13, written from the thirty-third hand-written set then seen: dry cleaners,
benefits administrators, aerospace firms, integrated health, friendship centres, baking
companies, perinatal psychiatry practices, supermercados, a neuro step-down unit's acronym; a
verb before a facility's name stays out of it ("i authorize ..."), and "NP progress note" names
no one (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Son is health care proxy; he runs Kim & Sons Dry Cleaners, phone on file.",
     "Kim & Sons Dry Cleaners"),
    ("Claim is with her benefits administrator, Hartline Benefits, since May.",
     "Hartline Benefits"),
    ("Father is an engineer at Hollings Aerospace and travels.", "Hollings Aerospace"),
    ("Disclosing provider: Greenway Integrated Health, suite 300.",
     "Greenway Integrated Health"),
    ("Elder at the Souris Bend Friendship Centre offers smudging.",
     "Souris Bend Friendship Centre"),
    ("Coffee with an old coworker from Arthur Avenue Baking Co. after mass.",
     "Arthur Avenue Baking Co"),
    ("Perinatal intake, Bright Beginnings Perinatal Psychiatry, this week.",
     "Bright Beginnings Perinatal Psychiatry"),
    ("Mom works doubles at El Rancho Supermercado on weekends.", "El Rancho Supermercado"),
])
def test_round_thirty_eight_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("NSDU (6 East) NP progress note, pt stable.", "NSDU"),
])
def test_round_thirty_eight_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("I authorize Greenway Medical Center to release the information.", "authorize"),
    ("NSDU (6 East) NP progress note, pt stable.", "progress"),
    ("Rw ordered thru the DME vendor; dry mouth; his benefits; inpatient psychiatry.",
     "inpatient psychiatry"),
])
def test_round_thirty_eight_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
