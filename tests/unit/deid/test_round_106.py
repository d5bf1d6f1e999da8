"""Round 106 of issue 13, written from the hundred-and-first hand-written set (Iraqi, Syrian
and Assyrian families in El Cajon and Dearborn Heights), then seen: a business whose name
carries an Arabic article ("al-furat grocery"), and never a verb of attending as a word of a
business's name ("attend | al-huda academy") (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("father works nights at al-furat grocery and cannot come", "al-furat grocery"),
    ("client has a new job at al-sham sweets & grocery, works days", "al-sham sweets & grocery"),
])
def test_round_one_hundred_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_verb_of_attending_is_no_part_of_a_name(case: type[str]) -> None:
    text = case("children yousef and lina attend al-huda academy.")  # type: ignore[call-arg]
    assert untouched(text, case("attend"))  # type: ignore[call-arg]
