"""A client's access history, drawn from the audit log: each staff visit to the chart, by whom,
when and why. Pure grouping; the service supplies events, names and break-glass reasons."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from closeddoor.audit.chain import AuditEntry, ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.portal.model import AccessVisit

# Reads that open part of a chart, and how the client sees them named.
VIEWED = {
    AuditTag.RECORD_CLIENT_READ.value: "chart",
    AuditTag.RECORD_APPOINTMENT_READ.value: "appointments",
    AuditTag.RECORD_NOTE_READ.value: "progress notes",
    AuditTag.RECORD_PSYCHOTHERAPY_NOTE_READ.value: "the therapist's private notes",
    AuditTag.RECORD_CONSENT_READ.value: "consent",
    AuditTag.RECORD_PREFERENCES_READ.value: "contact preferences",
    AuditTag.RECORD_BREAK_GLASS_OPEN.value: "emergency access opened",
    AuditTag.RECORD_DISCLOSURE_RELEASE.value: "records sent to a recipient (see your disclosures)",
}
# A client list or search that showed the client (name and date of birth, no chart opened).
LISTED = "your name in a client list"
VISIT_GAP = timedelta(minutes=15)


def _what(entry: AuditEntry) -> str:
    """How the client reads what a staff event looked at."""
    if entry.details and "listed" in json.loads(entry.details):
        return LISTED
    return VIEWED[entry.tag]


def is_staff_look(event: ChainedEvent) -> bool:
    entry = event.entry
    return (entry.tag in VIEWED and entry.outcome in ("allow", "ok")
            and not entry.actor_id.startswith("portal:") and entry.actor_id != "system")


def group_visits(
    events: Iterable[ChainedEvent],
    staff: Callable[[str], tuple[str, str]],
    reason_for: Callable[[str, datetime], str],
) -> list[AccessVisit]:
    """Group staff reads (oldest first in) into visits, newest visit first out.

    `staff(actor_id)` gives (name, role); `reason_for(actor_id, at)` gives the stated reason of
    a break-glass grant that covered that moment.
    """
    visits: list[AccessVisit] = []
    for event in events:
        if not is_staff_look(event):
            continue
        entry = event.entry
        at = datetime.fromisoformat(entry.at)
        basis = "break-glass" if entry.tag == AuditTag.RECORD_BREAK_GLASS_OPEN else entry.reason
        what = _what(entry)
        last = visits[-1] if visits else None
        if (last is not None and last.staff_id == entry.actor_id and last.basis == basis
                and at - last.last_at <= VISIT_GAP):
            viewed = last.viewed if what in last.viewed else (*last.viewed, what)
            visits[-1] = AccessVisit(last.first_at, at, last.staff_id, last.staff_name,
                                     last.staff_role, basis, viewed, last.stated_reason)
            continue
        name, role = staff(entry.actor_id)
        stated = reason_for(entry.actor_id, at) if basis == "break-glass" else ""
        visits.append(AccessVisit(at, at, entry.actor_id, name, role, basis, (what,), stated))
    return visits[::-1]
