"""Round 27 of issue 13, written from the twenty-second hand-written set then seen: ranges of
full dates, a county's EMS, sitters and aides by initial, surgical centres, tribal health,
community services, temples named kind first, regional jails, apartments after a quadrant, a
surname after a middle initial, plates after a state's code (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Admitted to the unit 6/14/2021-6/23/2021 after an overdose.", "6/14/2021"),
    ("Admitted to the unit 6/14/2021-6/23/2021 after an overdose.", "6/23/2021"),
    ("EMS PCR - Granite County EMS Medic 12. Dispatch 0312.", "Granite County EMS"),
    ("Sundowning last pm, sitter G. Baptiste 1900-0700.", "G. Baptiste"),
    ("Intraop RN note, Ozark Hills Surgical Center OR 3.", "Ozark Hills Surgical Center"),
    ("Referred by Northwest Arctic Tribal Health for PTSD.", "Northwest Arctic Tribal Health"),
    ("Case manager at Lutheran Community Services helps with insurance.",
     "Lutheran Community Services"),
    ("Rabbi Feldman of Temple Beth Shalom visited yesterday.", "Temple Beth Shalom"),
    ("Held at South Central Regional Jail since October.", "South Central Regional Jail"),
    ("Address 2718 Bloomington Ave S, Apt 4, Minneapolis.", "2718 Bloomington Ave S, Apt 4"),
    ("Former employer Kanawha Valley Scrap & Salvage, laid off.",
     "Kanawha Valley Scrap & Salvage"),
])
def test_round_twenty_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "needle"), [
    ("defendant marcus d. price, 41, referred by the court", "marcus d. price"),
    ("arrested after a traffic stop, vehicle plate wv 7hx412.", "7hx412"),
])
def test_round_twenty_seven_finds_without_case(text: str, needle: str) -> None:
    assert covered(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Held at the county jail overnight.", "county jail"),
    ("The county EMS arrived at 0300.", "county EMS"),
    ("Code 6/14/2021-22 on the old form.", "6/14/2021-22"),
    ("Tenderness over the left temple radiating to the jaw.", "temple radiating"),
    ("R temple laceration 2 cm, sutured.", "temple laceration"),
    ("Temple tenderness noted on exam.", "Temple tenderness"),
])
def test_round_twenty_seven_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_round_twenty_seven_leaves_a_plates_state_code() -> None:
    assert untouched("after a traffic stop, vehicle plate wv 7hx412.", " wv ")
