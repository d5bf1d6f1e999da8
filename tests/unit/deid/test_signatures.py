"""Who signed a note: initials and surnames beside a credential or after a dash (issue 13)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import covered, untouched

CASES = (str, str.upper, str.lower)


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "signer"), [
    ("Plan reviewed with client.\nP. Okwuosa, LICSW", "P. Okwuosa"),
    ("Tolerated diet.\n-- b. halloway rn", "b. halloway"),
    ("Resting quietly.\nVW, RN", "VW"),
    ("Q2H turns done.\nDLK/RN", "DLK"),
    ("Family updated.\n--zr rn, pioneer vna", "zr"),
    ("Refill sent to pharmacy. -jq", "jq"),
    ("Follow-up in one week.\nBF/tw", "BF"),
])
def test_a_signature_is_found_in_any_case(case: type[str], text: str, signer: str) -> None:
    assert covered(case(text), case(signer))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "word"), [
    ("Meds given.\nPT, RN aware", "PT"),
    ("Lines intact.\nIV, RN notified", "IV"),
    ("Pt tolerated walk. - ok", "ok"),
    ("Resp: clear.\nGI/GU", "GI/GU"),
    ("Lives in Quincy, MA, with her son.", "MA"),
])
def test_shorthand_words_and_states_beside_a_credential_are_no_signature(
        case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "signer"), [
    ("Next session in two weeks. -Orla Brennick, LMFT", "Orla Brennick"),
    ("RTC 4 wks.\n- Tobias Wendt Haller, PMHNP", "Tobias Wendt Haller"),
    ("Safety plan reviewed. -- ines okafor lcpc", "ines okafor"),
])
def test_a_whole_name_after_a_dash_before_a_credential_is_a_signature(
        case: type[str], text: str, signer: str) -> None:
    assert covered(case(text), case(signer))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "word"), [
    ("Vitals stable - per md", "per"),
    ("Dressing changed -pt, rn aware", "pt"),
    ("Med pass done - thanks, rn", "thanks"),
])
def test_shorthand_after_a_dash_before_a_credential_is_no_signature(
        case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
def test_initials_after_a_dash_before_a_role_are_a_signature(case: type[str]) -> None:
    text = case("Ride set for Mon. -- kmb, case mgr")  # type: ignore[call-arg]
    assert covered(text, case("kmb"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "name"), [
    ("tentative d/c friday. \u2014 b. yellow robe, rn", "b. yellow robe"),
    ("next visit 12/1 or sooner prn. \u2014 lani k., rn", "lani k."),
    ("Public defender Grace O'Malley-Brandt, Esq., case pending.", "Grace O'Malley-Brandt"),
])
def test_a_signer_with_an_initial_and_an_attorney_before_esquire(
        case: type[str], text: str, name: str) -> None:
    assert covered(case(text), case(name))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "word"), [
    ("Public defender Grace O'Malley-Brandt, Esq., case pending.", "defender"),
    ("Dressing changed -- a. pt rn aware", "pt"),
    ("A copy went to the attorney, Esq. on file.", "attorney"),
])
def test_roles_beside_an_initial_or_an_esquire_stay_words(
        case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]
