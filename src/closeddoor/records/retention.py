"""The retention rule, pure: when a discharged chart becomes due for destruction.

The practice's jurisdiction says how many years records are kept after the last service
(`records_retention_years`); for a client who was a minor, that many years after the age of
majority (`age_of_majority`), whichever is later. A legal hold stops the clock: while one holds,
the chart is never due, and the time a released hold held is added to the due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from closeddoor.errors import InvalidInput


class DestructionBasis(StrEnum):
    """Why a chart may be destroyed (a closed list). Only `retention-ended` waits for the due
    date; the others are the only grounds for destroying a chart before it."""

    COURT_ORDER = "court-order"
    CREATED_IN_ERROR = "created-in-error"
    RETENTION_ENDED = "retention-ended"

    @classmethod
    def parse(cls, value: object) -> DestructionBasis:
        try:
            return cls(str(value))
        except ValueError:
            allowed = ", ".join(b.value for b in cls)
            raise InvalidInput(f"basis: choose one of {allowed}") from None


EARLY_BASES = frozenset({DestructionBasis.COURT_ORDER, DestructionBasis.CREATED_IN_ERROR})


@dataclass(frozen=True)
class RetentionRule:
    retention_years: int
    age_of_majority: int


@dataclass(frozen=True)
class HoldSpan:
    placed_at: datetime
    released_at: datetime | None  # None while the hold holds


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def destruction_due_on(rule: RetentionRule, last_service_on: date, date_of_birth: date) -> date:
    """The later of: the retention period after the last service, and the retention period
    after the client came of age."""
    after_service = add_years(last_service_on, rule.retention_years)
    came_of_age = add_years(date_of_birth, rule.age_of_majority)
    return max(after_service, add_years(came_of_age, rule.retention_years))


def is_on_hold(holds: Iterable[HoldSpan]) -> bool:
    return any(hold.released_at is None for hold in holds)


def effective_due_on(due_on: date, holds: Iterable[HoldSpan]) -> date | None:
    """The due date with the clock stopped while holds held: None while a hold holds; else the
    stored due date plus the days the released holds held (overlapping holds count once)."""
    spans = sorted(holds, key=lambda hold: hold.placed_at)
    if is_on_hold(spans):
        return None
    held_days, covered_until = 0, None
    for hold in spans:
        assert hold.released_at is not None
        start = hold.placed_at.date() if covered_until is None else max(hold.placed_at.date(),
                                                                         covered_until)
        end = hold.released_at.date()
        if end > start:
            held_days += (end - start).days
            covered_until = end
    return date.fromordinal(due_on.toordinal() + held_days)


def may_destroy(basis: DestructionBasis, due_on: date | None, holds: Iterable[HoldSpan],
                today: date) -> str:
    """"" when a chart may be destroyed on `basis` today, else the reason it may not (fixed
    words). `due_on` is None for a chart that was never discharged."""
    spans = list(holds)
    if is_on_hold(spans):
        return "legal-hold"
    if basis in EARLY_BASES:
        return ""
    if due_on is None:
        return "not-discharged"
    effective = effective_due_on(due_on, spans)
    if effective is None or effective > today:
        return "not-yet-due"
    return ""
