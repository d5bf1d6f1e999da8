"""Round 137 of issue 13: a mend. Round 130 let a numberless street's name run to three words
and so read "at publix on biscayne" as one name, which the little word "on" then refused: the
street was lost. The name now starts after the last cue (found in the hundred-and-seventy-ninth
set's first reading, so that set is no longer blind to this mend). Synthetic text only."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_finds_a_street_after_a_workplace_and_its_cue(case: type[str]) -> None:
    text = "Stressed about losing job at Publix on Biscayne Blvd. Hx similar episode."
    assert covered(case(text), case("Biscayne Blvd"))  # type: ignore[call-arg]
