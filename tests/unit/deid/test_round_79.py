"""Round 79 of issue 13, written from the seventy-fifth hand-written set then seen: a dashed
signer with a job of two words after the comma, Orthodox and Adventist churches named by their
denomination alone, and a client called by two initials wherever the note writes them again
(synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("call back # 718-555-0104. -- r. okonkwo, crisis counselor", "r. okonkwo"),
    ("asks for fr. nikolai from st. sergius russian orthodox to visit", "russian orthodox"),
    ("pastor from mount zion seventh-day adventist called", "mount zion seventh-day adventist"),
])
def test_round_seventy_nine_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_initials_that_name_the_client_wherever_they_recur() -> None:
    text = "Family session, TJ + dad Ray. TJ says school is fine. Later TJ shut down."
    spans = [text[s.start:s.end] for s in __import__("closeddoor.deid", fromlist=["x"])
             .find_identifiers(text)]
    assert spans.count("TJ") == 3


@pytest.mark.parametrize(("text", "needle"), [
    ("DV screen negative. BA reviewed, HW given. PT says he is fine.", "DV"),
    ("DV screen negative. BA reviewed, HW given. PT says he is fine.", "BA"),
    ("DV screen negative. BA reviewed, HW given. PT says he is fine.", "PT"),
    ("Called, OT says no change in the plan.", "OT"),
])
def test_shorthand_in_capitals_names_no_one(text: str, needle: str) -> None:
    assert untouched(text, needle)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("she is greek orthodox and fasts in lent", "greek orthodox"),
    ("pain - 2 pm, crisis counselor aware", "pm, crisis"),
])
def test_round_seventy_nine_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
