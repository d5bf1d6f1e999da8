from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import (
    DUTY_TO_WARN_VALUES,
    REQUIRED_FACTS,
    known_codes,
    load_jurisdiction,
    load_jurisdiction_file,
    parse_jurisdiction,
)
from closeddoor.errors import ClosedDoorError
from tests.unit.consent.conftest import (
    shipped_jurisdiction_text,
    with_fact_field,
    without_fact,
    write_copy,
)

STATES = ("US-CA", "US-FL", "US-IL", "US-NY", "US-TX")


def test_known_codes_are_the_shipped_files_sorted_when_listed() -> None:
    assert known_codes() == (*STATES, "generic")


@pytest.mark.parametrize("code", known_codes())
def test_every_fact_complete_when_shipped_file_loads(code: str) -> None:
    jurisdiction = load_jurisdiction(code)
    assert jurisdiction.code == code
    assert isinstance(jurisdiction.compiled_on, date)
    assert jurisdiction.language == "en"
    assert "counsel" in jurisdiction.review_status.lower()
    assert set(jurisdiction.facts) == set(REQUIRED_FACTS)
    for key, fact in jurisdiction.facts.items():
        assert fact.key == key
        assert fact.citation and fact.summary
        assert str(fact.value).strip()
    assert jurisdiction.facts["child_abuse_reporting"].value == "mandatory"
    assert jurisdiction.facts["child_abuse_reporting"].report_to


def test_generic_claims_no_statute_when_loaded() -> None:
    generic = load_jurisdiction("generic")
    for fact in generic.facts.values():
        assert fact.citation.startswith("General rule, not tied to a specific law")
        assert "§" not in fact.citation and "ILCS" not in fact.citation


def test_states_differ_from_each_other_when_compared() -> None:
    keys = ("duty_to_warn", "danger_report", "minor_consent_age", "elder_abuse_reporting",
            "records_retention_years")
    profiles = {tuple(load_jurisdiction(code).facts[k].value for k in keys) for code in STATES}
    assert len(profiles) == len(STATES)


def test_state_facts_match_the_cited_rules_when_spot_checked() -> None:
    california, texas = load_jurisdiction("US-CA"), load_jurisdiction("US-TX")
    assert california.facts["duty_to_warn"].value == "mandatory"
    assert "43.92" in california.facts["duty_to_warn"].citation
    assert texas.facts["duty_to_warn"].value == "permitted"
    assert "Thapar" in texas.facts["duty_to_warn"].citation
    assert load_jurisdiction("US-NY").facts["elder_abuse_reporting"].value == "permitted"
    assert load_jurisdiction("US-FL").facts["minor_consent_age"].value == 13
    assert load_jurisdiction("US-IL").facts["minor_consent_age"].value == 12
    # The duty to protect (45 CFR 164.512(j) and the state statutes): Texas names medical or
    # law enforcement personnel only; California's report is due within 24 hours.
    assert texas.facts["threat_recipients"].value == "law_enforcement, treating_professional"
    assert "611.004(a)(2)" in texas.facts["threat_recipients"].citation
    assert california.facts["danger_report_deadline_hours"].value == 24
    assert "8105(c)" in california.facts["danger_report_deadline_hours"].citation


def test_code_lookup_ignores_case_when_given_lowercase() -> None:
    assert load_jurisdiction(" us-ny ").code == "US-NY"


@pytest.mark.parametrize("code", ["US-ZZ", "", "../US-CA", "US-CA.toml"])
def test_unknown_code_lists_known_codes_when_loading(code: str) -> None:
    with pytest.raises(ConsentError) as caught:
        load_jurisdiction(code)
    assert "US-CA, US-FL, US-IL, US-NY, US-TX, generic" in str(caught.value)
    assert isinstance(caught.value, ClosedDoorError)


def test_copy_loads_like_the_original_when_untouched(tmp_path: Path) -> None:
    path = write_copy(tmp_path, "US-CA", shipped_jurisdiction_text("US-CA"))
    assert load_jurisdiction_file(path) == load_jurisdiction("US-CA")


@pytest.mark.parametrize("key", REQUIRED_FACTS)
def test_error_names_file_and_fact_when_a_fact_is_removed(tmp_path: Path, key: str) -> None:
    path = write_copy(tmp_path, "US-TX", without_fact(shipped_jurisdiction_text("US-TX"), key))
    with pytest.raises(ConsentError, match=rf"US-TX\.toml: fact '{key}' is missing"):
        load_jurisdiction_file(path)


@pytest.mark.parametrize("field", ["value", "citation", "summary"])
def test_error_names_fact_and_field_when_a_field_is_removed(tmp_path: Path, field: str) -> None:
    text = with_fact_field(shipped_jurisdiction_text("US-NY"), "duty_to_warn", field, None)
    with pytest.raises(ConsentError, match=rf"US-NY\.toml: fact 'duty_to_warn' has no {field}"):
        load_jurisdiction_file(write_copy(tmp_path, "US-NY", text))


@pytest.mark.parametrize(("key", "line", "message"), [
    ("duty_to_warn", 'value = "sometimes"', "must be one of mandatory, permitted, none"),
    ("elder_abuse_reporting", 'value = "none"', "must be one of mandatory, permitted"),
    ("minor_consent_age", 'value = "twelve"', "must be a whole number"),
    ("minor_consent_age", "value = true", "must be a whole number"),
    ("records_retention_years", "value = 0", "must be 1 to 100"),
    ("complaints_to", 'value = "   "', "must be non-empty text"),
    ("child_abuse_reporting", 'report_to = ""', "needs report_to"),
    ("threat_recipients", 'value = "law_enforcement, newspaper"', "must list some of"),
    ("danger_report_deadline_hours", "value = 500", "must be 0 to 168"),
])
def test_error_names_fact_when_a_value_is_malformed(tmp_path: Path, key: str, line: str,
                                                    message: str) -> None:
    field = line.split(" = ")[0]
    text = with_fact_field(shipped_jurisdiction_text("US-CA"), key, field, line)
    with pytest.raises(ConsentError, match=rf"fact '{key}'.*{message}"):
        load_jurisdiction_file(write_copy(tmp_path, "US-CA", text))


def test_error_when_minor_age_is_above_age_of_majority(tmp_path: Path) -> None:
    text = with_fact_field(shipped_jurisdiction_text("US-IL"), "minor_consent_age", "value",
                           "value = 19")
    with pytest.raises(ConsentError, match="minor_consent_age' is above 'age_of_majority'"):
        load_jurisdiction_file(write_copy(tmp_path, "US-IL", text))


def test_error_names_unknown_fact_when_file_has_an_extra_one(tmp_path: Path) -> None:
    text = shipped_jurisdiction_text("US-FL") + (
        '\n[facts.tarot_reading]\nvalue = "none"\ncitation = "x"\nsummary = "y"\n')
    with pytest.raises(ConsentError, match="unknown fact 'tarot_reading'"):
        load_jurisdiction_file(write_copy(tmp_path, "US-FL", text))


def test_error_names_unknown_field_when_a_fact_has_one(tmp_path: Path) -> None:
    text = shipped_jurisdiction_text("US-FL").replace(
        "[facts.age_of_majority]\n", '[facts.age_of_majority]\nsource_url = "x"\n')
    with pytest.raises(ConsentError, match="fact 'age_of_majority' has unknown field"):
        load_jurisdiction_file(write_copy(tmp_path, "US-FL", text))


def test_error_when_code_differs_from_file_name(tmp_path: Path) -> None:
    path = write_copy(tmp_path, "US-WA", shipped_jurisdiction_text("US-CA"))
    with pytest.raises(ConsentError, match=r"US-WA\.toml: code must equal the file name"):
        load_jurisdiction_file(path)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("compiled_on = 2026-11-26", 'compiled_on = "soon"', "compiled_on must be a TOML date"),
    ('language = "en"', 'language = ""', "meta.language must be non-empty text"),
    ('name = "California"', "name = 7", "name must be non-empty text"),
    ("[meta]", "meta = 3\n[other]", r"\[meta\] must be a table"),
    ("[facts.duty_to_warn]", "[facts.duty_to_warn]\n[facts.duty_to_warn.value]",
     "fact 'duty_to_warn': value must be non-empty text"),
])
def test_error_names_the_field_when_top_level_is_malformed(tmp_path: Path, old: str, new: str,
                                                           message: str) -> None:
    text = shipped_jurisdiction_text("US-CA").replace(old, new, 1)
    with pytest.raises(ConsentError, match=message):
        load_jurisdiction_file(write_copy(tmp_path, "US-CA", text))


def test_error_when_file_is_not_toml_or_missing(tmp_path: Path) -> None:
    with pytest.raises(ConsentError, match="not valid TOML"):
        load_jurisdiction_file(write_copy(tmp_path, "US-CA", "code = = 1"))
    with pytest.raises(ConsentError, match="cannot be read"):
        load_jurisdiction_file(tmp_path / "US-OR.toml")


def test_error_when_facts_table_is_missing() -> None:
    with pytest.raises(ConsentError, match="missing \\[facts\\] tables"):
        parse_jurisdiction({"code": "X", "name": "X", "review_status": "r",
                            "compiled_on": date(2026, 1, 1), "meta": {"language": "en"}}, "X")


def test_error_when_a_fact_is_not_a_table() -> None:
    data = tomllib.loads(shipped_jurisdiction_text("US-CA"))
    data["facts"]["age_of_majority"] = 18
    with pytest.raises(ConsentError, match="fact 'age_of_majority' must be a table"):
        parse_jurisdiction(data, "US-CA.toml")


@given(st.text(min_size=1).filter(lambda v: v.strip() and v not in DUTY_TO_WARN_VALUES))
def test_any_other_duty_to_warn_value_rejected_when_parsed(value: str) -> None:
    data = tomllib.loads(shipped_jurisdiction_text("US-CA"))
    data["facts"]["duty_to_warn"]["value"] = value
    with pytest.raises(ConsentError, match="fact 'duty_to_warn'"):
        parse_jurisdiction(data, "US-CA.toml")
