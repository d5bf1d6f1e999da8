"""Round 42 of issue 13, written from the thirty-seventh hand-written set then seen: ages with
the sex glued on, nicknames without quotes and in brackets before an age, a church of Our Lady
with its type, a sibling, a maiden name, trades and programmes, cities of several words after
a comma (and inside a practice's name), prisons by their code (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("On arrival 93 YOF supine on the floor.", "93"),
    ("Patient: Amílcar Tavares (goes by Mica), 34M. Mica asks for mail to a PO box.", "Mica"),
    ('Children Tiago (10) and Beatriz ("Bia", 6) at home.', "Bia"),
    ("Priest from Our Lady of the Harbor Church visited 1900.",
     "Our Lady of the Harbor Church"),
    ("Mother Cristina Medeiros (née Raposo), 39, CNA.", "Raposo"),
    ("Brother incarcerated at MCI-Norfolk since spring.", "MCI-Norfolk"),
])
def test_round_forty_two_finds_in_every_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", (str.upper, str.lower), ids=("upper", "lower"))
@pytest.mark.parametrize(("text", "needle"), [
    ("Grandmother stays w/ older sib Ti-Jean this week.", "Ti-Jean"),
    ("Worried about his job at Rio Grande Produce in Pharr.", "Rio Grande Produce"),
    ("Father works 2nd shift at Lakeside Foundry; mother days.", "Lakeside Foundry"),
    ("Dances with Barvinok Youth Dance Ensemble on weekends.", "Barvinok Youth Dance Ensemble"),
    ("Evaluation - Dinetah Behavioral Health Program, Tuba City.",
     "Dinetah Behavioral Health Program"),
    ("Report - Chippewa Valley Child Development Clinic, Eau Claire. Examinee: K.T.",
     "Eau Claire"),
    ("To: Medical Records, Fall River Psychiatric Associates, attn: Dr. Furtado.",
     "Fall River Psychiatric Associates"),
])
def test_round_forty_two_finds_without_case(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


def test_round_forty_two_says_a_maiden_name_is_a_name_but_not_the_word_before() -> None:
    text = "cristina medeiros (née raposo), 39, cna"
    assert label_of(text, "raposo") is Label.NAME
    assert untouched(text, "née")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("He goes by bus to work; known as a hard worker.", "bus"),
    ("Gave ASA, nitro SL x1 with relief.", "nitro"),
    ("Born on Lalo Point, Guam, moved at 12.", "Guam"),
    ("Transferred to FCI Dublin last year.", "last"),
    ("Scalloper out of New Bedford for Atlantic Bounty Seafood.", " for "),
])
def test_round_forty_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
