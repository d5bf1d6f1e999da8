"""The retention rule, pure: due dates (adults, minors, leap days) and legal holds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.records.retention import (
    DestructionBasis,
    HoldSpan,
    RetentionRule,
    destruction_due_on,
    effective_due_on,
    may_destroy,
)

CA = RetentionRule(retention_years=7, age_of_majority=18)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def test_due_date_is_years_after_last_service_when_client_is_an_adult() -> None:
    assert destruction_due_on(CA, date(2026, 3, 2), date(1980, 1, 1)) == date(2033, 3, 2)


def test_due_date_is_years_after_majority_when_client_was_a_minor() -> None:
    # Born 2015: of age in 2033, due 7 years later, well after 7 years from the last service.
    assert destruction_due_on(CA, date(2026, 3, 2), date(2015, 6, 1)) == date(2040, 6, 1)


def test_due_date_moves_to_28_february_when_the_anniversary_is_a_leap_day() -> None:
    assert destruction_due_on(CA, date(2024, 2, 29), date(1980, 1, 1)) == date(2031, 2, 28)


def test_clock_stops_when_a_hold_holds_and_resumes_with_held_days_added() -> None:
    assert effective_due_on(date(2033, 3, 2), [HoldSpan(at("2030-01-01"), None)]) is None
    released = [HoldSpan(at("2030-01-01"), at("2030-01-11")),
                HoldSpan(at("2030-01-05"), at("2030-01-21"))]  # overlapping: counted once
    assert effective_due_on(date(2033, 3, 2), released) == date(2033, 3, 22)


@pytest.mark.parametrize(("basis", "due", "holds", "expected"), [
    (DestructionBasis.RETENTION_ENDED, None, [], "not-discharged"),
    (DestructionBasis.RETENTION_ENDED, date(2033, 3, 2), [], "not-yet-due"),
    (DestructionBasis.RETENTION_ENDED, date(2026, 3, 2), [], ""),
    (DestructionBasis.CREATED_IN_ERROR, None, [], ""),
    (DestructionBasis.COURT_ORDER, date(2033, 3, 2), [], ""),
    (DestructionBasis.COURT_ORDER, None, [HoldSpan(at("2026-01-01"), None)], "legal-hold"),
    (DestructionBasis.RETENTION_ENDED, date(2026, 3, 2), [HoldSpan(at("2026-01-01"), None)],
     "legal-hold"),
])
def test_destruction_allowed_only_when_basis_due_date_and_holds_permit(
        basis: DestructionBasis, due: date | None, holds: list[HoldSpan], expected: str) -> None:
    assert may_destroy(basis, due, holds, date(2026, 12, 2)) == expected


def test_basis_refused_when_not_on_the_closed_list() -> None:
    with pytest.raises(InvalidInput, match="basis"):
        DestructionBasis.parse("because-we-can")
