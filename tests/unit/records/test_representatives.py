"""Personal representatives (45 CFR 164.502(g)): what staff record, and when a representative may
act for the client."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.records.representatives import (
    REFUSALS,
    SCOPES,
    Representative,
    RepresentativeDetails,
    parse_refusal_reason,
    representative_refusal,
)

TODAY = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 10, tzinfo=UTC)


def data(**overrides: Any) -> dict[str, Any]:
    return {"kind": "guardian", "name": "Casey Example (synthetic)",
            "document_date": "2025-11-03", "document": "Letters of guardianship (synthetic)",
            "scope": ["consent", "authorizations", "records"]} | overrides


def representative(**overrides: Any) -> Representative:
    details = RepresentativeDetails.parse(data(**overrides), TODAY)
    return Representative("r1", "c1", details, AT, None, None)


def test_details_round_trip_when_parsed_and_stored() -> None:
    details = RepresentativeDetails.parse(data(), TODAY)
    assert RepresentativeDetails.from_json(details.to_json()) == details
    assert details.scope == ("consent", "authorizations", "records")


def test_every_bad_field_named_at_once_when_recording() -> None:
    with pytest.raises(InvalidInput) as refused:
        RepresentativeDetails.parse({"kind": "friend", "name": "", "document_date": "03/11/2025",
                                     "scope": []}, TODAY)
    message = str(refused.value)
    for field in ("kind:", "name:", "document_date:", "scope:"):
        assert field in message


def test_future_document_date_refused_when_recording() -> None:
    with pytest.raises(InvalidInput, match="document_date: must not be in the future"):
        RepresentativeDetails.parse(data(document_date="2026-03-03"), TODAY)


def test_bidi_override_in_name_refused_when_recording() -> None:
    with pytest.raises(InvalidInput, match="name:"):
        RepresentativeDetails.parse(data(name="Casey \u202eelpmaxE"), TODAY)


@pytest.mark.parametrize("action", SCOPES)
def test_active_guardian_may_act_within_scope_for_an_adult(action: str) -> None:
    assert representative_refusal(representative(), action, client_is_minor=False,
                                  minor_consented_alone=False) == ""


def test_refused_representative_may_do_nothing_when_g5_determination_recorded() -> None:
    refused = replace(representative(), refused_at=AT)
    assert refused.status == "refused"
    for action in SCOPES:
        assert representative_refusal(refused, action, client_is_minor=False,
                                      minor_consented_alone=False) == "representative-refused"
    assert "164.502(g)(5)" in REFUSALS["representative-refused"]


def test_ended_representative_may_do_nothing() -> None:
    ended = replace(representative(), ended_at=AT)
    assert representative_refusal(ended, "consent", client_is_minor=False,
                                  minor_consented_alone=False) == "representative-ended"


def test_action_outside_the_document_scope_refused() -> None:
    agent = representative(kind="health-care-agent", scope=["consent"])
    assert representative_refusal(agent, "authorizations", client_is_minor=False,
                                  minor_consented_alone=False) == "outside-representative-scope"


def test_parent_has_no_standing_when_client_is_an_adult() -> None:
    parent = representative(kind="parent")
    assert representative_refusal(parent, "consent", client_is_minor=False,
                                  minor_consented_alone=False) == "parent-of-an-adult"


@pytest.mark.parametrize("kind", ["parent", "guardian"])
def test_parent_or_guardian_may_not_release_or_see_when_minor_consented_alone(kind: str) -> None:
    adult_for_minor = representative(kind=kind)
    for action in ("authorizations", "records"):
        assert representative_refusal(adult_for_minor, action, client_is_minor=True,
                                      minor_consented_alone=True) == \
            "minor-controls-these-records"
        assert representative_refusal(adult_for_minor, action, client_is_minor=True,
                                      minor_consented_alone=False) == ""
    # Consent to further care is not a release of these records.
    assert representative_refusal(adult_for_minor, "consent", client_is_minor=True,
                                  minor_consented_alone=True) == ""


def test_refusal_reason_required_and_substantive() -> None:
    with pytest.raises(InvalidInput, match="reason:"):
        parse_refusal_reason({"reason": "x"})
    assert parse_refusal_reason({"reason": "  Synthetic: disclosed abuse by this person.  "}) == \
        "Synthetic: disclosed abuse by this person."


def test_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        representative_refusal(representative(), "discharge", client_is_minor=False,
                               minor_consented_alone=False)
