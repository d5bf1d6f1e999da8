"""Round 77 of issue 13, written from the seventy-third hand-written set then seen: a signer
after a dash with an initial and a job instead of a credential, a church named "church of" a
mystery after a cue, an avenue named by a letter, and an employer after "job at" before a word
of when (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("reviewed warning signs. -- k. oyelowo, case mgr", "k. oyelowo"),
    ("asks for a priest from church of the transfiguration in salem", "church of the "
     "transfiguration"),
    ("shot at on avenue j in flatlands last year", "avenue j"),
    ("says he lost his job at harbor freightways last month", "harbor freightways"),
])
def test_round_seventy_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pain - 2 pm, case mgr aware", "pm, case"),
    ("attends church of god weekly", "church of god"),
    ("walked down the avenue a bit", "avenue a"),
])
def test_round_seventy_seven_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
