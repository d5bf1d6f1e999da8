"""Who signs for a minor, from the shipped jurisdiction facts (45 CFR 164.502(g); state law)."""

from __future__ import annotations

import tomllib

import pytest

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import (
    Jurisdiction,
    known_codes,
    load_jurisdiction,
    minor_consent_grounds,
    parse_jurisdiction,
)
from closeddoor.consent.minors import (
    MinorStanding,
    authorization_signer_rule,
    consent_signer_rule,
)
from tests.unit.consent.conftest import shipped_jurisdiction_text, with_fact_field

CA, FL, IL, NY, TX, GENERIC = (load_jurisdiction(c) for c in
                               ("US-CA", "US-FL", "US-IL", "US-NY", "US-TX", "generic"))


def rule(standing: MinorStanding, jurisdiction: Jurisdiction) -> str:
    return consent_signer_rule(standing, jurisdiction).rule


@pytest.mark.parametrize("code", known_codes())
def test_every_minor_and_authorization_fact_cited_when_shipped(code: str) -> None:
    facts = load_jurisdiction(code).facts
    for key in ("minor_consent_rule", "minor_consent_sessions", "minor_consent_grounds",
                "minor_finding_age", "authorization_expiry", "authorization_witness"):
        assert facts[key].citation and facts[key].summary


def test_adult_signs_for_themselves_when_of_age_in_every_state() -> None:
    for jurisdiction in (CA, FL, IL, NY, TX, GENERIC):
        assert rule(MinorStanding(age=18), jurisdiction) == "client"
        assert authorization_signer_rule(MinorStanding(age=40), jurisdiction).rule == "client"


def test_florida_thirteen_year_old_cannot_sign_ongoing_therapy_consent_when_crisis_only() -> None:
    # Fla. Stat. 394.4784 covers crisis services, not the ongoing-therapy form.
    assert FL.facts["minor_consent_rule"].value == "crisis-only"
    for age in (13, 15, 17):
        signed = consent_signer_rule(MinorStanding(age=age, sessions_attended=0), FL)
        assert signed.rule == "guardian"
        assert "394.4784" in signed.reason


def test_illinois_minor_signs_alone_until_session_limit_when_twelve_or_older() -> None:
    limit = int(IL.facts["minor_consent_sessions"].value)
    assert limit == 8
    assert rule(MinorStanding(age=11), IL) == "guardian"
    assert rule(MinorStanding(age=12, sessions_attended=0), IL) == "either"
    assert rule(MinorStanding(age=16, sessions_attended=limit - 1), IL) == "either"
    reached = consent_signer_rule(MinorStanding(age=16, sessions_attended=limit), IL)
    assert reached.rule == "guardian"
    assert "405 ILCS 5/3-501" in reached.reason


def test_california_minor_needs_maturity_finding_when_signing_alone() -> None:
    (maturity,) = minor_consent_grounds(CA)
    assert rule(MinorStanding(age=14), CA) == "guardian"
    assert rule(MinorStanding(age=14, finding_grounds=(maturity,)), CA) == "either"
    assert rule(MinorStanding(age=11, finding_grounds=(maturity,)), CA) == "guardian"
    # A ground from another state's file is not a California finding.
    assert rule(MinorStanding(age=14, finding_grounds=minor_consent_grounds(TX)), CA) == \
        "guardian"


@pytest.mark.parametrize("jurisdiction", [TX, NY], ids=["US-TX", "US-NY"])
def test_texas_and_new_york_exceptions_need_a_recorded_ground(jurisdiction: Jurisdiction
                                                              ) -> None:
    grounds = minor_consent_grounds(jurisdiction)
    assert len(grounds) == 3
    assert rule(MinorStanding(age=15), jurisdiction) == "guardian"
    for ground in grounds:
        assert rule(MinorStanding(age=15, finding_grounds=(ground,)), jurisdiction) == "either"


def test_generic_file_always_asks_a_guardian_when_client_is_a_minor() -> None:
    assert rule(MinorStanding(age=17, finding_grounds=("anything",), sessions_attended=0),
                GENERIC) == "guardian"


def test_minor_who_consented_alone_controls_releases_when_signing_authorization() -> None:
    # 45 CFR 164.502(g)(3)(i): the parent is not the representative for that care.
    alone = authorization_signer_rule(MinorStanding(age=15, consented_alone=True), IL)
    assert alone.rule == "client"
    assert "164.502(g)(3)" in alone.reason
    assert authorization_signer_rule(MinorStanding(age=15, consented_alone=False), IL).rule == \
        "guardian"


def test_file_refused_when_session_count_and_rule_disagree() -> None:
    text = with_fact_field(shipped_jurisdiction_text("US-IL"), "minor_consent_sessions",
                           "value", "value = 0")
    with pytest.raises(ConsentError, match="minor_consent_sessions"):
        parse_jurisdiction(tomllib.loads(text), "US-IL.toml")


def test_file_refused_when_finding_rule_lists_no_grounds() -> None:
    text = with_fact_field(shipped_jurisdiction_text("US-CA"), "minor_consent_grounds",
                           "value", 'value = "none"')
    with pytest.raises(ConsentError, match="minor_consent_grounds"):
        parse_jurisdiction(tomllib.loads(text), "US-CA.toml")


def test_file_refused_when_minor_rule_is_unknown() -> None:
    text = with_fact_field(shipped_jurisdiction_text("US-FL"), "minor_consent_rule",
                           "value", 'value = "anyone"')
    with pytest.raises(ConsentError, match="minor_consent_rule"):
        parse_jurisdiction(tomllib.loads(text), "US-FL.toml")
