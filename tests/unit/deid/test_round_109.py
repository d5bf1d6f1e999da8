"""Round 109 of issue 13, written from the hundred-and-third hand-written set (Bukharian and
Georgian families of Queens, Hasidic families of Brooklyn and Rockland), then seen: an
organisation "of" a place found, phones with two slashes, a given name and a surname before an
age, given names listed after "clients" or "parents", a state's code and a ZIP after a town
(and the town after a street address) without commas, a centre for nursing and rehabilitation,
a high school's "hs" after its place, Judaica shops (synthetic text only)."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label
from tests.unit.deid.helpers import CASES, IDS, covered, label_of, untouched


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needle"), [
    ("Caregiver support at the Islamic Institute of Dearborn on Fridays.",
     "Islamic Institute of Dearborn"),
    ("Referred to Ethiopian Community Services of Minnesota for case management.",
     "Ethiopian Community Services of Minnesota"),
])
def test_an_organisation_of_a_place(case: type[str], text: str, needle: str) -> None:
    assert covered(case(text), case(needle))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_unit_of_a_hospital_names_two(case: type[str]) -> None:
    text = case("Admitted to the Riverbend detox unit of Palmyra Memorial Hospital.")  # type: ignore[call-arg]
    assert untouched(text, case(" of "))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_phone_with_two_slashes(case: type[str]) -> None:
    text = case("Uncle at Kavkaz Auto Body (718/555/0181) re care plan; BP 120/80.")  # type: ignore[call-arg]
    assert label_of(text, "718/555/0181") is Label.PHONE
    assert untouched(text, "120/80")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_given_name_and_a_surname_before_an_age(case: type[str]) -> None:
    text = case("PT SHMIEL STERN 4 Y/O M, WT 16.2 KG, SCALD TO L FOREARM.")  # type: ignore[call-arg]
    assert covered(text, case("SHMIEL STERN"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needles"), [
    ("Couples session 1/20. Clients Mendel and Shterna Gurary, married 11 yrs.",
     ("Mendel", "Shterna Gurary")),
    ("Parents Gitty and Berish Teitel, 187 Rutledge St.", ("Gitty", "Berish Teitel")),
])
def test_given_names_listed_after_clients_or_parents(case: type[str], text: str,
                                                     needles: tuple[str, ...]) -> None:
    assert all(covered(case(text), case(n)) for n in needles)  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_parents_listed_as_mom_and_dad_name_nobody(case: type[str]) -> None:
    text = case("Parents mom and dad both attended the session.")  # type: ignore[call-arg]
    assert untouched(text, case("mom and dad"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize(("text", "needles"), [
    ("lives in monsey ny 10952 with wife.", ("10952",)),
    ("address 7 truman ave new square ny 10977. vs bp 92/54", ("new square", "10977")),
])
def test_a_state_code_and_zip_after_a_town_without_commas(case: type[str], text: str,
                                                          needles: tuple[str, ...]) -> None:
    assert all(covered(case(text), case(n)) for n in needles)  # type: ignore[call-arg]


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=IDS[1:])
def test_a_centre_for_nursing_and_rehabilitation(case: type[str]) -> None:
    text = case("Admitted to Rego Park Center for Nursing and Rehabilitation on 3/2.")  # type: ignore[call-arg]
    assert covered(text, case("Rego Park Center for Nursing and Rehabilitation"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_high_schools_shorthand_after_its_place(case: type[str]) -> None:
    text = case("Has two friends at Forest Hills HS. Takes seroquel 50 mg hs.")  # type: ignore[call-arg]
    assert covered(text, case("Forest Hills HS"))  # type: ignore[call-arg]
    assert untouched(text, case("mg hs"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_bedtime_after_a_date_is_no_school(case: type[str]) -> None:
    text = case("Trazodone given 12/3 hs. Slept 6 hours.")  # type: ignore[call-arg]
    assert untouched(text, case(" hs"))  # type: ignore[call-arg]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_judaica_shop(case: type[str]) -> None:
    text = case("Works at the family store, Rosenberg Judaica on Route 59.")  # type: ignore[call-arg]
    assert covered(text, case("Rosenberg Judaica"))  # type: ignore[call-arg]
