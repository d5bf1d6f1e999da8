"""Round 36 of issue 13, written from the thirty-first hand-written set then seen: a pager
number in brackets, a date after "due" among a ventilator's words, signers with a physical
therapist's or a records technician's credential, a saint's name no list holds, pubs,
laundromats and donut shops, assemblies, child & family services, disability services, and a
medical group named with everyday words (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("SVR to 138, dr Okonkwo-Bell paged (4417), no new orders.", "4417"),
    ("Plan wean FiO2 as tol, ROP exam due 11/20 w/ peds ophtho.", "11/20"),
    ("Phys therapy (R. Moon, DPT) ambulated pt 60 ft.", "R. Moon"),
    ("Sent by: M. O'Rourke, RHIT. This facsimile is confidential.", "M. O'Rourke"),
    ("Plan referral to IOP at St. Columba's after d/c.", "St. Columba's"),
    ("Line cook at Gallagher's Pub, boss gave him till Monday.", "Gallagher's Pub"),
    ("Works Saturdays at Sunny's Laundromat near the bus stop.", "Sunny's Laundromat"),
    ("Met with Pastor Owusu of Christ Apostolic Assembly three times.",
     "Christ Apostolic Assembly"),
    ("To: medical records, Kingfisher Lake Medical Group, attn: release.",
     "Kingfisher Lake Medical Group"),
])
def test_round_thirty_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Child & family intake, Granite Bluff Child & Family Services, this week.",
     "Bluff Child & Family Services"),
    ("Supported living intake, Open Horizons Disability Services, Tuesday.",
     "Horizons Disability Services"),
    ("Her daughter works at Angkor Donuts and brings her to temple.", "Angkor Donuts"),
])
def test_round_thirty_six_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Vent settings on 10/5 this morning, no change.", "10/5"),
    ("She attends the Bhutanese women's group weekly.", "women's group"),
    ("ST elevation resolved; no ST depression.", "ST elevation"),
    ("The family was at the Settlement Day parade.", "Settlement Day"),
])
def test_round_thirty_six_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
