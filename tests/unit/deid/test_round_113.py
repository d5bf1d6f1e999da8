"""Round 113 of issue 13, written from the hundred-and-seventh hand-written set (Bolivian,
Chilean and Argentine families of Northern Virginia and South Florida), then seen: a time
after "@" is no social handle ("@0355"), a 24-hour time after a date opens no street address
("note 11/14/26 0340 Potomac Valley Medical Center"), and more shorthand (synthetic text
only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_time_after_an_at_sign_is_no_handle(case: type[str]) -> None:
    text = case("Morphine 4 mg IV x1 @0355, pitocin @125 ml/hr. DM me @maria_v.")  # type: ignore[call-arg]
    assert untouched(text, "@0355") and untouched(text, "@125")
    assert covered(text, case("@maria_v"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_time_after_a_date_opens_no_address(case: type[str]) -> None:
    text = case("ED nsg note 11/14/26 0340 Potomac Valley Medical Center, bay 4.")  # type: ignore[call-arg]
    assert untouched(text, "0340")
    assert covered(text, case("Potomac Valley Medical Center"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_street_address_after_a_date_and_a_number(case: type[str]) -> None:
    text = case("Moved 3/4 to 2214 Valley Forge Rd, Apt 2.")  # type: ignore[call-arg]
    assert covered(text, case("Valley Forge Rd"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("NKDA, imms UTD per mom. Hx GERD.", "UTD"),
    ("ESOL level 3; BASC-3 and Conners done.", "ESOL"),
    ("TXA 1 g IV given in L&D; baby breastfeeding q2-3h.", "TXA"),
    ("ECO/TDO pursued, magistrate called.", "TDO"),
])
def test_more_shorthand_names_nobody(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
