"""Round 90 of issue 13, written from the eighty-sixth hand-written set (Peruvian and Quechua
families in Paterson and Salt Lake City), then seen: a signature whose surname is an everyday
word, a type word after an organisation found ("st. rose of lima | hospital"), a numbered
school after "attend", a unit after a grid address, and "viuda de" inside a name (synthetic
text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("next appt 12/17 at 4:00 pm. summer lake, lcsw", "summer lake"),
    ("regards. summer rain, lcsw", "summer rain"),
    ("referred from st. rose of lima hospital after ama discharge", "st. rose of lima hospital"),
    ("two sons who attend school 6 and the middle school", "school 6"),
    ("dispatched to 3856 s 4000 w, apt 210, for an unresponsive male", "3856 s 4000 w, apt 210"),
])
def test_round_ninety_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pt will follow, lcsw aware", "will follow"),
    ("missed school 2 days this week", "school 2"),
    ("at school 3 times this week", "school 3"),
])
def test_round_ninety_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_viuda_de_inside_a_name() -> None:
    text = "Re: Dionisia Huamán viuda de Quispe, DOB on file"
    assert covered(text, "Dionisia Huamán viuda de Quispe")


def test_a_lower_case_type_word_after_a_name_in_a_cased_note_is_the_writers() -> None:
    text = "The family attends Our Lady of the Reef parish, where a deacon visits."
    assert untouched(text, "parish")
