"""Round 32 of issue 13, written from the twenty-seventh hand-written set then seen: given names
of many countries in notes without case, signers with a midwife's or an acute-care NP's
credential, a full name before a credential, a surname that is an everyday word closing a
clause after a role, a unit's code before a full stop, a shift's date written with a full stop,
an alien number, a co-op, firms joined by "&", law firms, jewelers and benefit administrators,
and churches named with everyday words before their denomination (synthetic text only)."""

from __future__ import annotations

import pytest

from tests.unit.deid.helpers import CASES, IDS, covered, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Clients: Oksana Melnyk-Bondar and Taras Melnyk. Taras came from his shift.", "Taras"),
    ("Clients: Oksana Melnyk-Bondar and Taras Melnyk. Taras came from his shift.", "Oksana"),
    ("Plan: expectant mgmt, reassess 0500. -R. Story, CNM, pager on file", "R. Story"),
    ("Family updated by fellow. -N. Adewale, ACNP", "N. Adewale"),
    ("Sessions with Rizalina Ocampo, LPC, were helpful but capped.", "Rizalina Ocampo"),
    ("Release form signed, ok per charge RN Precious Young. Rev. visiting.", "Precious Young"),
    ("Asks when he can go back to unit 6b. Son flying in tonight.", "unit 6b"),
    ("4 East psych RN note 7a-7p 11.30. Pt calm.", "11.30"),
    ("His A-number is A-209-448-317, and their attorney called.", "A-209-448-317"),
    ("A lineman for Columbia Basin Electric Co-op; two children.", "Columbia Basin Electric Co-op"),
    ("Married at 17 to a man who runs Lovell & Sons Paving; they travel.",
     "Lovell & Sons Paving"),
    ("Their attorney is of Story & Hall Immigration Law, phone on file.",
     "Story & Hall Immigration Law"),
    ("He works at his brother's store, Sarkissian Brothers Jewelers, downtown.",
     "Sarkissian Brothers Jewelers"),
    ("FMLA claim administered by Keystone Benefit Administrators since May.",
     "Keystone Benefit Administrators"),
    ("He has been going with her to Greater New Hope Missionary Baptist Church.",
     "Greater New Hope Missionary Baptist Church"),
    ("Pastor from Shiloh Free Will Baptist Church visited.", "Shiloh Free Will Baptist Church"),
    ("Attends Santo Nino Filipino Catholic Mission in town.",
     "Santo Nino Filipino Catholic Mission"),
])
def test_round_thirty_two_finds(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Husband John drives truck; interpreter Thuy via language line.", "drives"),
    ("Husband John drives truck; interpreter Thuy via language line.", "via"),
    ("Hospice md dr. Kealoha updated, np Yamashiro-Pua to visit.", "updated"),
    ("Anes dr Adeyemi, crna j. Kowalczyk, scrub tech present.", "Anes dr"),
    ("Temp 7a-7p 37.5 max; 7a-7p 1.5 l out; 7a-7p 2.5 mg given.", "1.5"),
    ("Anes and TOMM done; LMHC coord aware; ASAM level 3.5.", "TOMM"),
    ("Under state law; her mother-in-law; family law clinic; a mission trip.", "state law"),
])
def test_round_thirty_two_leaves_words(case: type[str], text: str, needle: str) -> None:
    assert untouched(case(text), case(needle))  # type: ignore[call-arg]
