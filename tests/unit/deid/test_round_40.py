"""Round 40 of issue 13, written from the thirty-fifth hand-written set then seen: words with
accents read back from a type word, "works" as a verb, a practice before its street address,
an organisation named again, a field naming one person, a clinician's surname that is an
everyday word, firms of sons and brothers, Vietnamese honorifics, named programmes, plural
possessives inside a name (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Dad drives in after shifts at Zúñiga Brothers Tile.", "Zúñiga Brothers Tile"),
    ("Release of information. Juniper Hollow Counseling Associates, 18 Wren Way, Suite 2.",
     "Juniper Hollow Counseling Associates"),
    ("Juniper Hollow Counseling Associates, 18 Wren Way. I authorize Juniper Hollow Counseling "
     "Associates to release records.", "Juniper Hollow Counseling Associates"),  # both
    ("Helps mornings at Adeyemi & Sons Imports.", "Adeyemi & Sons Imports"),
    ("Son comes after work at Mac Dougal Bros. Plumbing.", "Mac Dougal Bros. Plumbing"),
    ("Referral to Thunder Ridge Residential Program if use continues.",
     "Thunder Ridge Residential Program"),
    ("Intake at Seabright Eating Disorders Program today.", "Seabright Eating Disorders Program"),
    ("Notified NP Gold 1725 at bedside.", "Gold"),
    ("Surgery PA Gold consulted 0240.", "Gold"),
])
def test_round_forty_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Client: Widelene Saint-Fleur (goes by Wiwi), seen in Creole.", "Widelene Saint-Fleur"),
    ("Defendant: Yunior Alcántara de la Rosa, 31.", "Yunior Alcántara de la Rosa"),
    ("Child: Paw Htoo Say (family calls her Tee), age 9.", "Paw Htoo Say"),
    ("Lan's mother, bà Hoa, lives with them.", "Hoa"),
])
def test_round_forty_finds_in_every_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_round_forty_reads_a_plural_possessive_inside_a_name() -> None:
    assert covered("To: Hillcrest Workers' Comp Services, attn: claims.",
                   "Hillcrest Workers' Comp Services")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Mother Mayelín Echevarría works at a café downtown.", "works"),
    ("Son Jomar works nights at the bakery.", "works"),
    ("Client: seen today for follow-up.", "seen"),
    ("Patient: male, 34, alert.", "male"),
    ("Attends our day program; completed a residential program.", "program"),
    ("Per NP, foley removed 1400; MD aware.", "foley"),
    ("Notified MD on call 1725; NP team aware.", "team"),
    ("Mother and sons attended; bros came later.", "bros"),
])
def test_round_forty_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
