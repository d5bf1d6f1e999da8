"""The client's accounting of disclosures (HIPAA 164.528), shown in full: every disclosure,
with a mark for those the law requires in an accounting. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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

    def is_suspended_on(self, day: date) -> bool:
        return self.suspended_until is not None and day < self.suspended_until


@dataclass(frozen=True)
class AccountingReport:
    practice_name: str
    client_name: str
    generated_at: datetime
    entries: tuple[AccountingEntry, ...]  # newest first
    for_staff: bool  # staff see suspended entries, marked; the client does not see them at all


def newest_first(entries: list[AccountingEntry]) -> tuple[AccountingEntry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.disclosed_at, e.disclosure_id), reverse=True))


def for_client(entries: tuple[AccountingEntry, ...], today: date) -> tuple[AccountingEntry, ...]:
    """What the client sees today: everything except entries under a current suspension (not
    even their number: an agency asked for them to stay unknown for now)."""
    return tuple(e for e in entries if not e.is_suspended_on(today))
