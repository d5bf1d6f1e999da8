"""Round 37 of issue 13, written from the thirty-second hand-written set then seen: memory care
and urgent care named with everyday words, kitchens named for their owner, respiratory supply,
drywall and semiconductor firms, freight lines, "March of 2024" in capitals, and more surnames of
two words (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("SW working on return to Fox Glen Memory Care vs home.", "Fox Glen Memory Care"),
    ("Suture removal in 10 d at Lakeshore Urgent Care.", "Lakeshore Urgent Care"),
    ("Line cook at Mama Wanjiku's Kitchen on the corner.", "Mama Wanjiku's Kitchen"),
    ("CM to arrange home neb via Midwest Respiratory Supply.", "Midwest Respiratory Supply"),
    ("Drywall finisher for Ayala & Sons Drywall; owner knows.", "Ayala & Sons Drywall"),
    ("Father drives for Keystone Freight Lines, mother cleans.", "Keystone Freight Lines"),
])
def test_round_thirty_seven_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Prior detox in March of 2024, left AMA day 2.", "March of 2024"),
    ("Peer support with Ray Strong Heart, follow-up in two weeks.", "Ray Strong Heart"),
])
def test_round_thirty_seven_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Her kitchen is small; memory care unit tour; urgent care visit.", "urgent care"),
    ("Phone lines down; drywall dust exposure at work.", "drywall"),
    ("He walks far each day.", "walks far"),
])
def test_round_thirty_seven_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
