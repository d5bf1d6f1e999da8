"""Round 120 of issue 13, from what the hundred-and-fifteenth to -eighteenth sets (Kosovar
Albanian, Belarusian and Greek Cypriot; Hutterite, Yurok, Karuk and Hupa; Indo-Guyanese,
Surinamese, Gambian, Guinean and Togolese; Hazara, Indonesian and Taiwanese families) lost, each
rule a general one: an initial and a surname after more roles without case, codes typed in lower
case with two letter groups and Medicaid client numbers (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Routed to BH navigator T. Gbedemah ext 4402.", "T. Gbedemah"),
    ("Rental assistance app # fc-era-771203 submitted online.", "fc-era-771203"),
    ("Medicaid CIN kx44819t, CDPAP application pending.", "kx44819t"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("Pt Pi Tial Cin, 93-year-old widow, speaks Hakha Chin.", "year-old"),
    ("Wound 2.1 cm x 3 cm, dressing changed q12h.", "q12h"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
