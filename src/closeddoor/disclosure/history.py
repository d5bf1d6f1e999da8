"""A disclosure's state, computed from its append-only events. Pure.

The disclosure row keeps only the request; every later change (approved, declined, released,
client told, suspended, reviewed) is a new event and nothing is ever updated or deleted, so the
record of disclosures keeps its whole history (HIPAA 164.528(d), 164.530(j): the information in
an accounting is documented and kept six years). The database refuses UPDATE and DELETE on both
tables (migration 0009).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PENDING, READY, RELEASED, DECLINED = "pending-approval", "ready", "released", "declined"
APPROVED_EVENT, DECLINED_EVENT, RELEASED_EVENT = "approved", "declined", "released"
TOLD_EVENT, NOT_TOLD_EVENT = "client-told", "client-not-told"
SUSPENDED_EVENT, REVIEWED_EVENT = "suspended", "reviewed"
EVENT_KINDS = (APPROVED_EVENT, DECLINED_EVENT, RELEASED_EVENT, TOLD_EVENT, NOT_TOLD_EVENT,
               SUSPENDED_EVENT, REVIEWED_EVENT)
# 164.528(a)(2)(ii): an oral request to suspend lasts at most 30 days from the oral statement,
# unless a written statement is submitted during that time.
ORAL_SUSPENSION_DAYS = 30
ORAL, WRITTEN = "oral", "written"


@dataclass(frozen=True)
class DisclosureEvent:
    """One change of state. `note` is the unsealed comment (approval, how the client was told,
    the agency and its statement, the review), or ""."""

    kind: str
    occurred_at: datetime
    actor_id: str
    note: str = ""
    packet_sha256: str | None = None
    until: date | None = None  # suspended: the date the agency stated
    detail: str = ""  # suspended: oral | written


@dataclass(frozen=True)
class DisclosureState:
    status: str
    approved_at: datetime | None = None
    approved_by: str | None = None
    approval_comment: str = ""
    released_at: datetime | None = None
    released_by: str | None = None
    packet_sha256: str | None = None
    client_told: str = "n/a"  # n/a | pending | told | not-told
    client_told_at: datetime | None = None
    client_told_note: str = ""
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    review_comment: str = ""
    suspended_until: date | None = None
    suspension_note: str = ""
    suspension_kind: str = ""  # oral | written


def suspension_end(event: DisclosureEvent) -> date | None:
    """When one suspension event stops withholding the entry: the date the agency stated, but an
    oral request (164.528(a)(2)(ii)) ends after 30 days at most."""
    if event.until is None:
        return None
    if event.detail == ORAL:
        return min(event.until, event.occurred_at.date() + timedelta(days=ORAL_SUSPENSION_DAYS))
    return event.until


@dataclass(frozen=True)
class Suspension:
    """One agency request to withhold an entry from the client's accounting (164.528(a)(2)), as
    recorded: `note` is the agency, the official who asked and their statement (sealed)."""

    recorded_at: datetime
    recorded_by: str
    form: str  # oral | written
    stated_until: date  # the period the agency stated
    ends_on: date  # that date, but at most 30 days on for an oral request ((a)(2)(ii))
    note: str
    is_replaced: bool  # a later request (a written statement following an oral one) took over

    def is_active_on(self, day: date) -> bool:
        return not self.is_replaced and day < self.ends_on


def suspensions(events: Iterable[DisclosureEvent]) -> tuple[Suspension, ...]:
    """Every suspension of one disclosure, oldest first; each but the newest was replaced by the
    next (the same rule `fold` applies)."""
    found = sorted((e for e in events if e.kind == SUSPENDED_EVENT and e.until is not None),
                   key=lambda e: e.occurred_at)
    return tuple(Suspension(e.occurred_at, e.actor_id, e.detail or WRITTEN, e.until,
                            suspension_end(e) or e.until, e.note, i < len(found) - 1)
                 for i, e in enumerate(found) if e.until is not None)


def fold(requested_status: str, is_legal_basis: bool,
         events: Iterable[DisclosureEvent]) -> DisclosureState:
    """The current state: the requested status changed by each event in time order. A later
    suspension replaces an earlier one (a written statement following an oral request)."""
    values: dict[str, object] = {"status": requested_status,
                                 "client_told": "pending" if is_legal_basis else "n/a"}
    for event in sorted(events, key=lambda e: e.occurred_at):
        if event.kind in (APPROVED_EVENT, DECLINED_EVENT):
            values.update(status=READY if event.kind == APPROVED_EVENT else DECLINED,
                          approved_at=event.occurred_at, approved_by=event.actor_id,
                          approval_comment=event.note)
        elif event.kind == RELEASED_EVENT:
            values.update(status=RELEASED, released_at=event.occurred_at,
                          released_by=event.actor_id, packet_sha256=event.packet_sha256)
        elif event.kind in (TOLD_EVENT, NOT_TOLD_EVENT):
            values.update(client_told="told" if event.kind == TOLD_EVENT else "not-told",
                          client_told_at=event.occurred_at, client_told_note=event.note)
        elif event.kind == SUSPENDED_EVENT:
            values.update(suspended_until=suspension_end(event), suspension_note=event.note,
                          suspension_kind=event.detail)
        elif event.kind == REVIEWED_EVENT:
            values.update(reviewed_at=event.occurred_at, reviewed_by=event.actor_id,
                          review_comment=event.note)
    return DisclosureState(**values)  # type: ignore[arg-type]
