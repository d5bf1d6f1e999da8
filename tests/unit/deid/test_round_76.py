"""Round 76 of issue 13, written from the seventy-second hand-written set then seen: a county's
fire and rescue, a home health agency an aide works for whatever its words, and a corner whose
numbered street comes second (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("bib howard county fire and rescue from home", "howard county fire and rescue"),
    ("works nights as aide for kind hearts home health", "kind hearts home health"),
    ("got jumped near palisade & 41st last week", "palisade & 41st"),
])
def test_round_seventy_six_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("needs home health and pt twice weekly", "home health"),
    ("got a b and 3rd place at the fair", "3rd place"),
])
def test_round_seventy_six_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
