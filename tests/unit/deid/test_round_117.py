"""Round 117 of issue 13, from what the hundred-and-eleventh and -twelfth sets (Hungarian,
Chechen and Tajik families; Malayali, Kannada and Parsi families) lost, each rule a general one:
a two-letter surname after "dr" before a date, a month's abbreviation after "thru", codes in
lower case, a street "Bend", faith bodies named by their kind ("mutt", "sangha", "anjuman"),
hyphenated towns without case, a hospital named by its town and its brand, a given name that
is also a verb in a person's field, a body "of" a town found (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "identifier"), [
    ("Scheduled intake w/ Dr Ng 12/10 0900 at the clinic.", "Ng"),
    ("F/u with Dr Ng on Monday.", "Ng"),
    ("Rent paid thru Oct; HEAP application submitted.", "Oct"),
    ("Sober til Dec, then one slip.", "Dec"),
    ("Asylum receipt ioe0917732481 is pending.", "ioe0917732481"),
    ("Holds CDL #d41-229-0871 and drives nights.", "d41-229-0871"),
    ("Custody filed in district court, file 27-fa-26-1188.", "27-fa-26-1188"),
    ("Lives w/ wife at 1207 Windmere Bend, Sugar Land TX.", "1207 Windmere Bend"),
    ("Priest from Sri Raghavendra Mutt visited at 1400.", "Sri Raghavendra Mutt"),
    ("Teaches at Kaveri Kannada Sangha on weekends.", "Kaveri Kannada Sangha"),
    ("A friend from the Bay Zoroastrian Anjuman brings dinner.", "Bay Zoroastrian Anjuman"),
    ("Data engineer at Quillpoint Analytics since May.", "Quillpoint Analytics"),
    ("Her brother disappeared in Urus-Martan in 2002.", "Urus-Martan"),
    ("Came from Port-au-Prince after the earthquake.", "Port-au-Prince"),
    ("Told to go to Lakeside Mercy ED now.", "Lakeside Mercy"),
    ("Fax the FMLA forms to Cypress Creek General HR.", "Cypress Creek General"),
    ("Examinee: Said Malsagov, DOB 3/3/1990.", "Said Malsagov"),
    ("Diagnosed at Children's Center of Clifton in 2019.", "Children's Center of Clifton"),
    ("His manager at Northshore Parcel Hub mocked his accent.", "Northshore Parcel Hub"),
])
def test_finds(case: type[str], text: str, identifier: str) -> None:
    assert covered(case(text), case(identifier))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "word"), [
    ("NG tube placed by the night team; dr ng tube check at 0600.", "tube"),
    ("Client: said nothing, seemed tired.", "said nothing"),
    ("Lives in the center of Clifton near the park.", "the center of"),
    ("Needs DME for a shower chair.", "DME"),
    ("Senior clinic of Rouge River General Hospital saw her.", "Senior clinic of"),
    ("Budget for FY-2025 was cut.", "FY"),
])
def test_leaves(case: type[str], text: str, word: str) -> None:
    assert untouched(case(text), case(word))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_hyphenated_town_is_a_place(case: type[str]) -> None:
    text = case("Family lives in Wilkes-Barre now.")  # type: ignore[call-arg]
    assert label_of(text, case("Wilkes-Barre")) is Label.LOCATION  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_hospital_by_its_town_and_brand_is_an_organisation(case: type[str]) -> None:
    text = case("Told to go to Lakeside Mercy ED now.")  # type: ignore[call-arg]
    assert label_of(text, case("Lakeside Mercy")) is Label.ORGANIZATION  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES[1:], ids=IDS[1:])
def test_a_supplier_named_before_dme_without_case(case: type[str]) -> None:
    text = case("CGM ordered via CareLink DME, fax to follow.")  # type: ignore[call-arg]
    assert covered(text, case("CareLink DME"))  # type: ignore[call-arg]
