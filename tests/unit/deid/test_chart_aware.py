"""What the chart knows is found however it is written."""

from __future__ import annotations

import pytest

from closeddoor.deid import ChartIdentifiers, ChartPerson, Deidentifier, Label, find_identifiers
from tests.unit.deid.helpers import CHART, covered, label_of, untouched


@pytest.mark.parametrize("written", [
    "maria", "MARIA", "Maria's", "Vasquez'", "Vasquez-Lopez", "Lopez", "VASQUEZ", "Mrs. Vasquez",
    "Lena", "Mari", "Elena"])
def test_client_name_found_in_any_case_part_or_possessive(written: str) -> None:
    text = f"Session notes: {written} arrived late and seemed tired."
    needle = written.removeprefix("Mrs. ").removesuffix("'s").removesuffix("'")
    assert covered(text, needle, CHART)
    assert label_of(text, needle, CHART) is Label.NAME


@pytest.mark.parametrize("initials", ["M.V.", "M. V.", "MV", "M.E.V.", "MEV"])
def test_client_initials_found(initials: str) -> None:
    text = f"Pt: {initials}  seen today."
    assert covered(text, initials, CHART)


def test_lone_initial_found_when_a_sentence_goes_on() -> None:
    assert covered("Client M. reported better sleep.", "M.", CHART)


@pytest.mark.parametrize("misspelt", ["Vasqeuz", "Vazquez", "Marai", "vasques"])
def test_near_misspelling_of_a_long_name_found(misspelt: str) -> None:
    assert covered(f"Later {misspelt} said she felt calmer.", misspelt, CHART)


def test_misspelling_rule_spares_everyday_words() -> None:
    chart = ChartIdentifiers(legal_name="Maria Quillfeather")
    assert untouched("No history of mania or psychosis.", "mania", chart)


def test_common_nickname_of_a_chart_name_found() -> None:
    chart = ChartIdentifiers(legal_name="Robert Quillfeather")
    assert covered("She says Bobby never calls back.", "Bobby", chart)


def test_everyday_name_found_when_capitalised_but_not_as_the_word() -> None:
    chart = ChartIdentifiers(legal_name="Hope Brennecke")
    text = "Hope said she has little hope left. hope called again."
    spans = find_identifiers(text, chart)
    found = {text[s.start:s.end] for s in spans}
    assert "Hope" in found
    assert untouched("She has little hope left.", "hope", chart)
    assert covered("Later hope called again.", "hope", chart)


@pytest.mark.parametrize("dob", ["3/14/1988", "03/14/1988", "1988-03-14", "March 14, 1988",
                                 "14 March 1988", "03141988", "031488", "3/14", "3-14-88"])
def test_birth_date_found_in_any_written_form(dob: str) -> None:
    assert covered(f"DOB {dob}; consent on file.", dob, CHART)


@pytest.mark.parametrize("phone", ["541 555 0142", "(541)5550142", "541/555/0142",
                                   "541.555.0142", "+1 (541) 555 0142", "5 4 1 5 5 5 0 1 4 2"])
def test_chart_phone_found_with_any_punctuation(phone: str) -> None:
    assert covered(f"Call back at {phone} today.", phone, CHART)


@pytest.mark.parametrize(("text", "part"), [
    ("She walked down alder street again.", "alder street"),
    ("Back in springfield after the trip.", "springfield"),
    ("Mail to 97477.", "97477"),
    ("Works at CASCADE MILLWORKS now.", "CASCADE MILLWORKS"),
    ("Still at Millworks on weekends.", "Millworks"),
    ("Thurston High School called.", "Thurston High School"),
    ("Her e-mail MVasquez@Example.com bounced.", "MVasquez@Example.com"),
    ("Login name mvasquez on the portal.", "mvasquez"),
    ("Chart MRN-00412 and mrn 00412.", "00412"),
    ("Rosa called; rosa's phone 541-555-0177.", "541-555-0177"),
    ("Dana Whitfield covered the session.", "Dana Whitfield"),
    ("Per whitfield, no changes.", "whitfield"),
])
def test_chart_address_contacts_codes_and_care_team_found(text: str, part: str) -> None:
    assert covered(text, part, CHART)


def test_chart_name_found_inside_other_words_is_not_flagged() -> None:
    chart = ChartIdentifiers(legal_name="Ann Lee")
    assert untouched("She planned the annual review.", "annual", chart)


def test_deidentifier_is_reusable_and_matches_find_identifiers() -> None:
    detector = Deidentifier(CHART)
    text = "Maria (DOB 3/14/1988) called from 541.555.0142 about Rosa."
    assert detector.find(text) == detector.find(text) == find_identifiers(text, CHART)


def test_empty_chart_behaves_like_no_chart() -> None:
    text = "Maria called on 3/14/2024."
    assert find_identifiers(text, ChartIdentifiers()) == find_identifiers(text)


def test_guardian_and_contacts_found() -> None:
    chart = ChartIdentifiers(legal_name="Kit Marlow", guardian=ChartPerson("Odile Marlow"),
                             contacts=(ChartPerson("Bertrand Ojukwu", "uncle"),))
    assert covered("odile and ojukwu came to the session.", "odile", chart)
    assert covered("odile and ojukwu came to the session.", "ojukwu", chart)


@pytest.mark.parametrize("written", ["O'Brien", "o'brien", "OBrien", "Brien", "O\u2019Brien"])
def test_apostrophe_surname_found_whole_in_any_form(written: str) -> None:
    chart = ChartIdentifiers(legal_name="Siobhan O'Brien")
    text = f"Later {written} called the office."
    assert covered(text, written, chart)


def test_accented_chart_name_found_without_accents_and_back() -> None:
    assert covered("Then jose called.", "jose", ChartIdentifiers(legal_name="José Quillen"))
    assert covered("Then José called.", "José", ChartIdentifiers(legal_name="Jose Quillen"))


@pytest.mark.parametrize("written", ["Lebanon", "LEBANON", "lebanon"])
def test_chart_city_named_like_a_country_is_found(written: str) -> None:
    # A city before the state part is the chart's city, even when a country shares its name.
    chart = ChartIdentifiers(legal_name="Ann Lee", address="57 Estrada Wells, Lebanon, IA 21773")
    assert covered(f"Lives in a rented house in {written}, since May.", written, chart)


@pytest.mark.parametrize("written", ["Washington", "washington"])
def test_chart_city_named_like_a_state_is_found(written: str) -> None:
    chart = ChartIdentifiers(legal_name="Ann Lee", address="9 Elm Road, Washington, PA 15301")
    assert covered(f"She moved back to {written} last year.", written, chart)


def test_chart_state_part_is_not_flagged() -> None:
    # Safe Harbor keeps states: the state part of the chart's address is no identifier.
    chart = ChartIdentifiers(legal_name="Ann Lee", address="9 Elm Road, Portland, Oregon 97201")
    assert untouched("Her cousin moved to Oregon and then to Iowa.", "Oregon", chart)
