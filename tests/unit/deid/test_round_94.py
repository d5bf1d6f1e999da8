"""Round 94 of issue 13, written from the ninetieth hand-written set (Zuni and Acoma Pueblo
families in western New Mexico), then seen: "pueblo of" and the pueblo's name, the last four
digits of a number after "last four" or "ending", railways and railroads as trades, and a
mission, church or school named for a saint "of" a place (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("her job in the pueblo of zuni housing office", "pueblo of zuni"),
    ("army 1968-1971, ssn last four 4417. lives alone", "4417"),
    ("a cash advance on a credit account ending in 4417. he drinks", "4417"),
    ("22 years as a carman for the santa fe railway at the shops", "santa fe railway"),
    ("caller: fr. anselm, st. anthony of the desert mission, call back", "st. anthony of the"
     " desert mission"),
])
def test_round_ninety_four_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("steps ending 1200 today per tracker", "1200"),
    ("employer granite mill bakery notified per release", "granite mill bakery"),
])
def test_round_ninety_four_keeps(case: type[str], text: str, needle: str) -> None:
    if needle == "1200":
        assert untouched(case(text), case(needle))  # type: ignore[call-arg]
    else:
        assert covered(case(text), case(needle))  # type: ignore[call-arg]
