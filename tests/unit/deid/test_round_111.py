"""Round 111 of issue 13, written from the hundred-and-fifth hand-written set (Kenyan,
Ugandan, Tanzanian and Rwandan families of Dallas, Worcester and Kansas meatpacking towns),
then seen: a numbered address on a lettered avenue, a trailer's lot after a street and the
town, state code and ZIP after it, "works" as a verb after a name (not a business's last
word), more shorthand, East African peoples and a grandparent's word that name nobody
(synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_numbered_address_on_a_lettered_avenue(case: type[str]) -> None:
    text = case("Neighbor Imani Ochieng at 905 Ave F. Pt anxious.")  # type: ignore[call-arg]
    assert covered(text, case("905 Ave F"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_lot_then_the_town_state_code_and_zip(case: type[str]) -> None:
    text = case("pp at 1107 n kansas ave lot 22, liberal ks 67901. delivered 11/3")  # type: ignore[call-arg]
    for needle in ("1107 n kansas ave lot 22", "liberal", "67901"):
        assert covered(text, case(needle))  # type: ignore[call-arg]
    assert untouched(text, case(" ks "))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("text", ["jean pierre ndayisaba works 1st shift at plains premium",
                                  "chidera works saturdays at her aunt's shop"])
def test_works_after_a_name_is_a_verb(case: type[str], text: str) -> None:
    written = case(text)  # type: ignore[call-arg]
    assert untouched(written, case(" works "))  # type: ignore[call-arg]
    assert label_of(written, written.split()[0]) is Label.NAME


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_business_ending_in_works_before_in_stays_whole(case: type[str]) -> None:
    text = case("Worked at Capitol Data Works in Round Rock 2012-2019.")  # type: ignore[call-arg]
    assert covered(text, case("Capitol Data Works"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("lido 1% w/o epi 5 ml, 6 sutures 4-0 nylon", "epi"),
    ("aox3, ambulating w/ sba. vs 0800 bp 118/76", "sba"),
    ("denies lof/vb, +fm. toco q4-6 min.", "toco"),
    ("Speaks Kikuyu, Swahili, English; husband is Luo.", "Kikuyu"),
    ("Discussed how jjajja in Mukono raised the father.", "jjajja"),
])
def test_shorthand_peoples_and_kin_words_name_nobody(case: type[str], text: str,
                                                      word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
