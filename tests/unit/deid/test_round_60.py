"""Round 60 of issue 13, written from the fifty-seventh hand-written set then seen (no set was
read after it): an age over 89 with its unit glued on, a saint named with a place or an
epithet, army posts, and Spanish shops named by their kind (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("pt rosa lima, 94yo f from dayton, oh.", "94"),
    ("asked for a priest from st. catherine of siena parish", "st. catherine of siena"),
    ("visit from fr. nikos at st. john the baptist on sunday", "st. john the baptist"),
    ("processed at fort mccoy, resettled in madison in 2022", "fort mccoy"),
    ("works nights at la estrella panaderia on 26th st", "la estrella panaderia"),
])
def test_round_sixty_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("hr 96bpm, bp 100mmhg, wt 95kg", "96bpm"),
    ("built a pillow fort with his brother", "fort"),
    ("fell ~10 ft. onto concrete", "ft."),
])
def test_round_sixty_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
