"""Round 52 of issue 13, written from the forty-eighth hand-written set then seen (no set was
read after it): spine levels shaped like codes, and more shorthand of EMS, surgical and
obstetric notes (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("L4-5 injury 2019; L4-L5 ESI; C5-C6 fusion.", "L4-L5"),
    ("CT A/P: acute appendicitis, no perf. Gen surg at bedside.", "perf"),
    ("Top (~6 in dia) hit pt; NS TKO.", "TKO"),
    ("Care to trauma bay 2 at 1452; to pre-op holding 0530.", "pre-op"),
    ("Apgars 8/9; 2nd deg lac repaired; BP check at OB clinic.", "OB clinic"),
])
def test_round_fifty_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]


def test_round_fifty_two_keeps_a_given_name_that_is_shorthand_in_capitals() -> None:
    assert covered("Left AMA day 3; wife Ama called twice.", "Ama")
