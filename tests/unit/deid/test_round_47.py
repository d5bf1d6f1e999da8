"""Round 47 of issue 13, written from the forty-fourth hand-written set then seen: a church's
own church after its name ("of God"), more Plains surnames and fields, run reports numbered
with "inc#", trades and associations, charities, a Jewish home, a Spanish cooperative, trades
that are verbs before an amount (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Sings in the youth choir at Faith Tabernacle Church of God on Sundays.",
     "Faith Tabernacle Church of God"),
    ("Examinee: Jolene Iron Shell, 15, DOB on file.", "Jolene Iron Shell"),
    ("Witness: Sreyneang Pen, intake coordinator.", "Sreyneang Pen"),
    ("EMS PCR inc# 2611-04417. Disp 1842.", "2611-04417"),
    ("Works at Cooperativa Agricola del Sur, per son.", "Cooperativa Agricola del Sur"),
])
def test_round_forty_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("HH SN visit, Greater Lowell Visiting Nurse Assn. Pt doing well.",
     "Lowell Visiting Nurse Assn"),
    ("Subacute rehab at Cedar Hill Jewish Home in town.", "Cedar Hill Jewish Home"),
    ("Nine years with Roughneck Rental Tools before that.", "Roughneck Rental Tools"),
    ("Works the packing line at Valley Fresh Packaging nights.", "Valley Fresh Packaging"),
])
def test_round_forty_seven_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Mom Thuy pumping 60 ml q3, dad visited.", "pumping"),
    ("EMS PCR inc# 2611-04417.", "PCR"),
])
def test_round_forty_seven_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_round_forty_seven_finds_a_charity_by_its_capitals() -> None:
    assert covered("Resettled in 1984 through Catholic Charities.", "Catholic Charities")
