"""Shaped identifiers: phones, SSNs, e-mail, URLs, IPs, codes, ZIPs, ages over 89."""

from __future__ import annotations

import pytest

from closeddoor.deid import Label, find_identifiers
from tests.unit.deid.helpers import covered, label_of, untouched

PHONES = ["(541) 555-0142", "541-555-0142", "541.555.0142", "5415550142", "+1 541 555 0142",
          "1-541-555-0142", "541 555 0142", "555-0142", "(541)555-0142",
          "541-555-0142 x12", "+44 20 7946 0958"]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_found_when_written_any_common_way(phone: str) -> None:
    text = f"Client asked to be called at {phone} after work."
    assert covered(text, phone)
    assert label_of(text, phone) is Label.PHONE


@pytest.mark.parametrize(("written", "number", "extension"), [
    ("541-555-0142 ext. 12", "541-555-0142", "12"),
    ("(541) 555-0142 extension 1204", "(541) 555-0142", "1204"),
    ("541.555.0142 x 207", "541.555.0142", "207"),
])
def test_an_extension_is_found_beside_its_number_and_its_cue_word_is_left(
        written: str, number: str, extension: str) -> None:
    text = f"Client asked to be called at {written} after work."
    assert covered(text, number) and label_of(text, number) is Label.PHONE
    assert covered(text, extension) and label_of(text, extension) is Label.PHONE
    cue = written[len(number):written.rindex(extension)].strip()
    assert untouched(text, cue)  # "ext." names no one (issue 13: a word wrongly tagged)


def test_fax_number_found_when_labelled_fax() -> None:
    assert covered("Records faxed to fax (971) 555-0100 today.", "(971) 555-0100")


@pytest.mark.parametrize("ssn", ["123-45-6789", "123 45 6789"])
def test_ssn_found_when_written_with_separators(ssn: str) -> None:
    text = f"Gave SSN {ssn} for the form."
    assert covered(text, ssn)
    assert label_of(text, ssn) is Label.SSN


def test_ssn_found_when_bare_digits_follow_a_cue() -> None:
    text = "SSN: 123456789 on file."
    assert covered(text, "123456789")
    assert label_of(text, "123456789") is Label.SSN


@pytest.mark.parametrize("email", ["mvasquez@example.com", "first.last+notes@mail.example.org",
                                   "J_Doe99@example.co"])
def test_email_found_when_any_valid_address(email: str) -> None:
    text = f"E-mail from {email}, asking about the letter."
    assert covered(text, email)
    assert label_of(text, email) is Label.EMAIL


@pytest.mark.parametrize("url", ["https://www.example.com/~mv", "http://blog.example.net/post",
                                 "www.example.org/fundraiser/jdoe", "example.com/path"])
def test_url_found_when_written_with_or_without_scheme(url: str) -> None:
    text = f"She shared {url}. Writer declined."
    assert covered(text, url)
    assert label_of(text, url) is Label.URL


@pytest.mark.parametrize("ip", ["192.0.2.14", "203.0.113.255", "2001:db8::1f",
                                "2001:0db8:0000:0000:0000:ff00:0042:8329", "::1"])
def test_ip_address_found_when_v4_or_v6(ip: str) -> None:
    text = f"A login from {ip} worried the client."
    assert covered(text, ip)
    assert label_of(text, ip) is Label.IP


def test_time_of_day_not_taken_for_an_ipv6_address() -> None:
    assert untouched("Session ended at 10:30:15 today.", "10:30:15")


@pytest.mark.parametrize(("text", "code"), [
    ("MRN: 4471023", "4471023"),
    ("Medical record number 00412887", "00412887"),
    ("Account # 8823-1190", "8823-1190"),
    ("Member ID JSX690736625", "JSX690736625"),
    ("Policy number HPX-4471-09", "HPX-4471-09"),
    ("driver's license (D1234567)", "D1234567"),
    ("plate, 7ABC123, and", "7ABC123"),
    ("plate, PCY G97, and", "PCY G97"),
    ("plate 0080 noted", "0080"),
    ("VIN 1HGCM82633A004352", "1HGCM82633A004352"),
    ("serial SN-4821-AB3 recalled", "SN-4821-AB3"),
    ("device serial number 7734-AQ-19", "7734-AQ-19"),
    ("her handle @maria_v online", "@maria_v"),
])
def test_record_account_licence_vehicle_and_device_numbers_found(text: str, code: str) -> None:
    assert covered(text, code)
    assert label_of(text, code) is Label.ID


def test_long_number_found_without_a_cue() -> None:
    assert covered("Reference 88231190442 was given.", "88231190442")


@pytest.mark.parametrize(("text", "zip_code"), [
    ("Springfield, OR 97477", "97477"), ("Eugene, Oregon 97401", "97401"),
    ("ZIP code 97477.", "97477"), ("moved to 97477-1234 area", "97477-1234"),
    ("in Tucson, 85701.", "85701")])
def test_zip_code_found_when_a_state_city_or_cue_precedes(text: str, zip_code: str) -> None:
    assert covered(text, zip_code)
    assert label_of(text, zip_code) is Label.LOCATION


@pytest.mark.parametrize(("text", "age"), [
    ("She is 92 years old.", "92"), ("a 91-year-old widow", "91"), ("age 93", "93"),
    ("Age: 94", "94"), ("her grandfather, 95, lives alone", "95"), ("turned 101 in May", "101"),
    ("now 96 and frail", "96"), ("a 90 y/o man", "90"),
    ("ninety-two years old", "ninety-two"), ("in her nineties", "nineties")])
def test_age_over_89_found(text: str, age: str) -> None:
    assert covered(text, age)
    assert label_of(text, age) is Label.AGE


@pytest.mark.parametrize(("text", "number"), [
    ("She is 89 years old.", "89"), ("a 45-year-old teacher", "45"), ("age 17", "17"),
    ("Sertraline 100 mg daily", "100"), ("session lasted 90 minutes", "90"),
    ("BP 118/76 today", "118"), ("scored 95% on the quiz", "95")])
def test_age_not_flagged_when_89_or_under_or_a_measurement(text: str, number: str) -> None:
    assert untouched(text, number)


@pytest.mark.parametrize(("text", "clinical"), [
    ("PHQ-9 score 14, GAD-7 = 12", "PHQ-9 score 14"),
    ("Billed CPT 90834 for the session.", "90834"),
    ("Dx F33.1 and F43.10", "F33.1"),
    ("Took 20 mg fluoxetine 3x daily", "20 mg"),
    ("rated anxiety 7/10 today", "7/10"),
    ("sober since 2019", "2019"),
])
def test_clinical_numbers_not_flagged(text: str, clinical: str) -> None:
    # Scores, CPT and ICD codes and doses describe care, not the person: documented choice.
    assert untouched(text, clinical)


@pytest.mark.parametrize("case", (str, str.upper, str.lower), ids=("as-written", "upper", "lower"))
@pytest.mark.parametrize(("text", "number"), [
    ("Called the RT at x4-3312 re: trach.", "x4-3312"),
    ("Call back x43312 with results.", "x43312"),
    ("Call x 4-3312 or the desk.", "4-3312"),
    ("Page the NP at #4-5521 or ext 4-5521 with questions.", "4-5521"),
    ("Paged covering MD at pager 12345, no response.", "12345"),
    ("Beeper #55102 overnight.", "55102"),
])
def test_an_extension_or_pager_number_after_its_cue_is_a_phone(case: type[str], text: str,
                                                               number: str) -> None:
    assert covered(case(text), case(number))  # type: ignore[call-arg]


@pytest.mark.parametrize(("text", "number"), [
    ("NS x 1000 ml overnight.", "1000"),
    ("HR 88 x 3 readings, all regular.", "3"),
    ("Range 4-5521 on the chart of values.", "4-5521"),
    ("Paged at 0300 for the potassium.", "0300"),
    ("AOx3, MAE x4 extremities.", "4"),
])
def test_volumes_counts_times_and_bare_ranges_are_no_extensions(text: str, number: str
                                                                 ) -> None:
    assert untouched(text, number)


@pytest.mark.parametrize("spoken", [
    "call me back at 617, um, 555, 0148, after five",
    "my number is six one seven, five five five, oh one four eight. thanks",
    "call 617, 555, 0148 any time",
])
def test_a_phone_number_said_aloud_is_found(spoken: str) -> None:
    for text in (spoken, spoken.upper()):
        number = next(s for s in find_identifiers(text) if s.label is Label.PHONE)
        assert text[number.start:number.end].lower().startswith(("617", "six"))
        assert text[number.end - 4:number.end].lower() in ("0148", "ight")


@pytest.mark.parametrize("text", [
    "Rated items one two three four five six seven on the scale.",
    "Seen one or two times, three or four days apart.",
    "BP 120, 80, then 1200 ml out.",
])
def test_counting_and_lists_of_numbers_are_no_spoken_phone(text: str) -> None:
    assert all(s.label is not Label.PHONE for s in find_identifiers(text))


@pytest.mark.parametrize(("text", "number"), [
    ("Psych paged @ 4417, callback pending.", "4417"),
    ("Guidance center paged #2290. Rm 14.", "2290"),
    ("Paged to 52214 twice.", "52214"),
])
def test_a_pager_number_after_paged(text: str, number: str) -> None:
    assert covered(text, number)


@pytest.mark.parametrize(("text", "number"), [
    ("Paged at 1530, no callback.", "1530"),
    ("Paged 2215, no answer.", "2215"),
    ("Page 2 of 3; 1000 ml in.", "1000"),
])
def test_a_time_after_paged_is_no_pager(text: str, number: str) -> None:
    assert untouched(text, number)


@pytest.mark.parametrize(("text", "code"), [
    ("referral (aps-26-1190) about finances", "aps-26-1190"),
    ("case df-2026-33871 open with the office", "df-2026-33871"),
    ("hospice id hsp-448120. polst on fridge", "hsp-448120"),
    ("inmate roland, booking # vrdc-26-014477, dob on file", "vrdc-26-014477"),
])
def test_a_code_typed_in_lower_case(text: str, code: str) -> None:
    assert covered(text, code)


@pytest.mark.parametrize("text", ["covid-19 negative", "phq-9 14 today", "pcl-5 49, gad-7 12"])
def test_a_scale_or_a_test_with_its_number_is_no_code(text: str) -> None:
    assert find_identifiers(text) == []
