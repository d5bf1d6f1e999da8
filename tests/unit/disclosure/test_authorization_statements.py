"""The required statements keep their substance (45 CFR 164.508(c)(2)), and the practice's state
adds its own rules (the jurisdiction facts): a specific expiry date (Cal. Civ. Code 56.11(h),
740 ILCS 110/5(b)), a witness (740 ILCS 110/5(b))."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.disclosure.authorization import (
    DEFAULT_STATEMENTS,
    AuthorizationTerms,
    needs_witness,
)
from closeddoor.errors import InvalidInput
from tests.factories.disclosures import AuthorizationFactory

TODAY = date(2026, 3, 2)


def parse(code: str | None = None, **overrides: Any) -> AuthorizationTerms:
    return AuthorizationTerms.parse(AuthorizationFactory.data(**overrides), TODAY,
                                    load_jurisdiction(code) if code else None)


def with_statement(name: str, text: str) -> dict[str, str]:
    return DEFAULT_STATEMENTS | {name: text}


def test_default_statements_accepted_when_unedited() -> None:
    parsed = parse(statements=dict(DEFAULT_STATEMENTS))
    assert parsed.revocation_statement == DEFAULT_STATEMENTS["revocation"]


@pytest.mark.parametrize("name", sorted(DEFAULT_STATEMENTS))
@pytest.mark.parametrize("edited", ["x", "See policy.", "We may share this. " * 5])
def test_statement_edited_down_to_nothing_refused_by_name(name: str, edited: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(statements=with_statement(name, edited))
    assert f"statements.{name}" in str(refused.value)
    assert "164.508(c)(2)" in str(refused.value)
    assert edited not in str(refused.value)  # the typed words are never echoed


def test_every_edited_statement_named_at_once_when_all_are_x() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(statements={"revocation": "x", "conditioning": "x", "redisclosure": "x"})
    for name in DEFAULT_STATEMENTS:
        assert f"statements.{name}" in str(refused.value)


def test_reworded_statement_accepted_when_it_keeps_the_substance() -> None:
    reworded = ("You can revoke this authorization whenever you like by writing to us; it stops "
                "further releases but not ones already made.")
    assert parse(statements=with_statement("revocation", reworded)).revocation_statement == \
        reworded


@pytest.mark.parametrize("code", ["US-CA", "US-IL"])
def test_event_only_expiry_refused_when_state_requires_a_date(code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(code, expires_on=None, expiry_event="the end of the court case")
    message = str(refused.value)
    assert message.startswith("expires_on:") or "; expires_on:" in message
    citation = {"US-CA": "56.11", "US-IL": "740 ILCS 110/5"}[code]
    assert citation in message


@pytest.mark.parametrize("code", ["US-FL", "US-NY", "US-TX", "generic"])
def test_event_only_expiry_accepted_when_state_adds_no_rule(code: str) -> None:
    parsed = parse(code, expires_on=None, expiry_event="the end of the court case")
    assert parsed.expires_on is None


def test_witness_required_in_illinois_only_when_facts_loaded() -> None:
    assert [code for code in ("US-CA", "US-FL", "US-IL", "US-NY", "US-TX", "generic")
            if needs_witness(load_jurisdiction(code))] == ["US-IL"]
