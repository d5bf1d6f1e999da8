"""The client's accounting of disclosures (HIPAA 164.528), shown in full: every disclosure,
with a mark for those the law requires in an accounting. Pure.

The period (164.528(a)(1), (a)(3)): any period within the six years before the request, the
whole six years unless the client asks for less. The fee (164.528(c)(2)): the first accounting
in any twelve months is free; for a later one the practice may charge a reasonable, cost-based
fee if it tells the client in advance, so the client may withdraw or narrow the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from closeddoor.errors import InvalidInput, join_problems

SIX_YEARS = 6  # 164.528(a)(1), (a)(3)


@dataclass(frozen=True)
class AccountingEntry:
    disclosure_id: str
    disclosed_at: datetime
    recipient: str  # name and organization
    recipient_contact: str
    description: str  # the categories and the date range of the records
    purpose: str  # the purpose stated, or the legal basis with its facts
    authority: str  # authorization | legal-basis
    authorization_id: str  # the authorization relied on, "" under a legal basis
    authorization_signed_on: date | None
    required_in_accounting: bool  # 164.528 requires it (authorized disclosures are exempt)
    suspended_until: date | None  # 164.528(a)(2): withheld from the client until this date
    client_told: str  # n/a | pending | told | not-told
    is_oral: bool = False  # a phone warning or a hotline report: no packet left

    def is_suspended_on(self, day: date) -> bool:
        return self.suspended_until is not None and day < self.suspended_until


@dataclass(frozen=True)
class AccountingReport:
    practice_name: str
    client_name: str
    generated_at: datetime
    entries: tuple[AccountingEntry, ...]  # newest first
    for_staff: bool  # staff see suspended entries, marked; the client does not see them at all
    period_from: date | None = None
    period_to: date | None = None
    is_free: bool = True  # the first accounting in twelve months (164.528(c)(2))
    fee_notice: str = ""  # the practice's fee notice, shown when this one is not free


def newest_first(entries: list[AccountingEntry]) -> tuple[AccountingEntry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.disclosed_at, e.disclosure_id), reverse=True))


def for_client(entries: tuple[AccountingEntry, ...], today: date) -> tuple[AccountingEntry, ...]:
    """What the client sees today: everything except entries under a current suspension (not
    even their number: an agency asked for them to stay unknown for now)."""
    return tuple(e for e in entries if not e.is_suspended_on(today))


@dataclass(frozen=True)
class Period:
    start: date
    end: date


def earliest_start(today: date) -> date:
    """The first day an accounting asked for on `today` may cover: six years back."""
    try:
        return today.replace(year=today.year - SIX_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - SIX_YEARS, day=28)


def parse_period(start: date | None, end: date | None, today: date) -> Period:
    """The period asked for, the last six years by default. Refused (naming each field) when it
    reaches further back than six years, ends after today, or ends before it starts."""
    earliest = earliest_start(today)
    start = start or earliest
    end = end or today
    problems = []
    if start < earliest:
        problems.append(f"from: an accounting covers at most the six years before the request "
                        f"(45 CFR 164.528(a)(1)) — choose {earliest.isoformat()} or later")
    if end > today:
        problems.append("to: choose today or an earlier date")
    if end < start:
        problems.append("to: must not be before from")
    if problems:
        raise InvalidInput(join_problems(problems))
    return Period(start, end)


def within_period(entries: tuple[AccountingEntry, ...], period: Period
                  ) -> tuple[AccountingEntry, ...]:
    return tuple(e for e in entries if period.start <= e.disclosed_at.date() <= period.end)


def free_window_start(now: datetime) -> datetime:
    """An accounting is free unless another was given after this moment (twelve months)."""
    return now - timedelta(days=365)
