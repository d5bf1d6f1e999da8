"""Round 100 of issue 13, written from the ninety-fifth hand-written set (Telugu and Marathi
families of tech workers in Edison and Plano), then seen: a technology firm's kind before its
type word ("ojas it services"), a temple named after "sri", and a call number after "#" that
opens with letters (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("husband is an h-1b at ojas it services, stayed overnight", "ojas it services"),
    ("dispatched to sri bhramaramba mallikarjuna temple, main hall", "sri bhramaramba"
     " mallikarjuna temple"),
    ("grandparents take him to sri venkatesa devasthanam on sundays", "sri venkatesa"
     " devasthanam"),
    ("edison ems run report, call #e26-04417. dispatched 1842", "e26-04417"),
])
def test_round_one_hundred_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("she called the it services desk about her laptop", "it services"),
    ("went to the temple with sri and her aunt", "temple"),
])
def test_round_one_hundred_leaves(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
