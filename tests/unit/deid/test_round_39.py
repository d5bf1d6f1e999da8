"""Round 39 of issue 13, written from the thirty-fourth hand-written set then seen: infusion
centres, dry cleaners named for their owner, tribal forestry, hotel suites, fertility and
neuropsychology practices, a VA residential programme (RRTP), a lactation consultant's IBCLC,
a coach's surname (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Next cycle at Harbor Oncology Infusion Center, dr to confirm.",
     "Harbor Oncology Infusion Center"),
    ("Parents own Baek's Dry Cleaning in town.", "Baek's Dry Cleaning"),
    ("Works seasonally for Wabasso Lake Tribal Forestry.", "Wabasso Lake Tribal Forestry"),
    ("Housekeeping job at Bayshore Suites, sleeping better.", "Bayshore Suites"),
    ("Savings for IVF at Lakeshore Fertility; retrieval in January.", "Lakeshore Fertility"),
    ("Prior evaluation at Lakewood Pediatric Neuropsychology found ADHD.",
     "Lakewood Pediatric Neuropsychology"),
    ("Completed residential care at Prairie Wind RRTP last year.", "Prairie Wind RRTP"),
    ("Rebel says Coach Bird is the only adult who gets it.", "Bird"),
])
def test_round_thirty_nine_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Referred to a fertility clinic; the infusion center called; aging parents.", "infusion"),
    ("The coach said practice is at six.", "said"),
])
def test_round_thirty_nine_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
