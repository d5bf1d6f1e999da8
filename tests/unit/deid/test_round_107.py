"""Round 107 of issue 13, written from the hundred-and-second hand-written set (Ojibwe and Cree
families of Rocky Boy's and Fond du Lac), then seen: a reservation or a rancheria named after a
word of where ("from rocky boy's reservation") (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_reservation_after_a_word_of_where(case: type[str]) -> None:
    text = case("58-year-old cree man from rocky boy's reservation, seen in")  # type: ignore[call-arg]
    assert covered(text, case("rocky boy's reservation"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("text", ["she lives on the reservation now",
                                  "made a reservation for dinner"])
def test_a_reservation_alone_names_nothing(case: type[str], text: str) -> None:
    assert untouched(case(text), case("reservation"))  # type: ignore[call-arg]
