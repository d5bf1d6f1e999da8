"""The authorization's elements (45 CFR 164.508(c)): each missing one is named; psychotherapy
notes stand alone; status and coverage as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from closeddoor.disclosure.authorization import (
    ELEMENTS,
    AuthorizationState,
    AuthorizationTerms,
    authorization_status,
    authorization_text,
    coverage_refusal,
)
from closeddoor.disclosure.scope import DisclosureScope
from closeddoor.errors import InvalidInput
from tests.factories.disclosures import AuthorizationFactory, authorized_request

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
EMPTIED: dict[str, dict[str, Any]] = {
    "categories": {"categories": []},
    "discloser": {"discloser": ""},
    "recipient_name": {"recipient_name": "  "},
    "recipient_contact": {"recipient_contact": None},
    "purpose": {"purpose": ""},
    "expiry": {"expires_on": None, "expiry_event": ""},
    "revocation_statement": {"statements": {"conditioning": "c", "redisclosure": "r"}},
    "conditioning_statement": {"statements": {"revocation": "v", "redisclosure": "r"}},
    "redisclosure_statement": {"statements": {"revocation": "v", "conditioning": "c"}},
}


def terms(**overrides: Any) -> AuthorizationTerms:
    return AuthorizationTerms.parse(AuthorizationFactory.data(**overrides), TODAY)


def test_every_element_has_a_missing_case() -> None:
    assert set(EMPTIED) == set(ELEMENTS)


@pytest.mark.parametrize("element", sorted(EMPTIED))
def test_missing_element_is_refused_by_name(element: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        terms(**EMPTIED[element])
    message = str(refused.value)
    assert f"missing elements: {element} (" in message
    assert ELEMENTS[element] in message


def test_all_missing_elements_are_named_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        AuthorizationTerms.parse({}, TODAY)
    for element in ELEMENTS:
        assert element in str(refused.value)


def test_error_never_echoes_the_values_given() -> None:
    with pytest.raises(InvalidInput) as refused:
        terms(purpose="", recipient_name="Zyxqsecretname", records_from="not-a-date")
    assert "Zyxqsecretname" not in str(refused.value)
    assert "not-a-date" not in str(refused.value)


@pytest.mark.parametrize("categories", [["psychotherapy_notes", "progress_notes"],
                                        ["demographics", "psychotherapy_notes"]])
def test_psychotherapy_notes_cannot_share_an_authorization(categories: list[str]) -> None:
    with pytest.raises(InvalidInput, match=r"164\.508\(b\)\(3\)\(ii\)"):
        terms(categories=categories)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"records_from": None}, "records_from"),
    ({"records_to": "2025-12-31"}, "records_to"),
    ({"expires_on": "2026-03-02"}, "expires_on"),
    ({"categories": ["x-rays"]}, "categories"),
])
def test_bad_values_name_their_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        terms(**overrides)


def test_terms_round_trip_through_json() -> None:
    original = terms(expiry_event="the end of the custody case")
    assert AuthorizationTerms.from_json(original.to_json()) == original


def test_text_names_every_element() -> None:
    text = authorization_text(terms(), "Avery Synthetic", "Synthetic Practice")
    for expected in ("Dr. Casey Synthetic", "fax 555-0100", "Progress notes",
                     "2026-01-01 to 2026-06-30", "2027-03-01", "revoke", "redisclosed",
                     "does not depend"):
        assert expected in text


@pytest.mark.parametrize(("signed", "revoked", "event", "now", "status"), [
    (None, None, None, NOW, "unsigned"),
    (NOW, None, None, NOW, "active"),
    (NOW, NOW, None, NOW, "revoked"),
    (None, NOW, None, NOW, "revoked"),
    (NOW, None, None, datetime(2027, 3, 1, tzinfo=UTC), "expired"),
    (NOW, None, NOW, NOW, "expired"),
])
def test_status(signed: datetime | None, revoked: datetime | None, event: datetime | None,
                now: datetime, status: str) -> None:
    state = AuthorizationState(terms(), signed, revoked, event)
    assert authorization_status(state, now) == status


@pytest.mark.parametrize(("overrides", "reason"), [
    ({}, ""),
    ({"recipient_name": "  dr. casey   SYNTHETIC "}, ""),  # spacing and case do not matter
    ({"recipient_name": "Dr. Casey Synthetik"}, "authorization-wrong-recipient"),
    ({"categories": ["diagnosis"]}, "authorization-wrong-category"),
    ({"records_from": "2025-12-31"}, "authorization-wrong-dates"),
])
def test_coverage(overrides: dict[str, Any], reason: str) -> None:
    state = AuthorizationState(terms(), NOW, None, None)
    scope = DisclosureScope.parse(authorized_request("a1", **overrides))
    assert coverage_refusal(state, scope, NOW) == reason
