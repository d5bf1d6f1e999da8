"""A client's access history, drawn from the audit log: each staff visit to the chart, by whom,
when and why. Pure grouping; the service supplies events, names and break-glass reasons."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from closeddoor.audit.chain import AuditEntry, ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.portal.model import AccessVisit

T = AuditTag
# Every staff event on a client's record, and how the client reads it. Each `record:` tag is
# either here or in NOT_SHOWN with its reason (a unit test checks that the two cover every tag),
# so a new kind of access cannot silently stay out of the client's history.
VIEWED = {
    T.RECORD_CLIENT_CREATE.value: "opened a new chart",
    T.RECORD_CLIENT_READ.value: "chart",
    T.RECORD_CLIENT_UPDATE.value: "changed your details",
    T.RECORD_CLIENT_EMAIL_UPDATE.value: "changed your e-mail address",
    T.RECORD_CLIENT_DISCHARGE.value: "closed your chart (discharge)",
    T.RECORD_CLIENT_EXPORT.value: "a copy of your whole record (FHIR export)",
    T.RECORD_CLIENT_REOPEN.value: "reopened your chart",
    T.RECORD_CLIENT_SEARCH.value: "your name in a client search",
    T.RECORD_APPOINTMENT_READ.value: "appointments",
    T.RECORD_APPOINTMENT_CREATE.value: "booked or changed appointments",
    T.RECORD_APPOINTMENT_UPDATE.value: "booked or changed appointments",
    T.RECORD_NOTE_READ.value: "progress notes",
    T.RECORD_NOTE_CREATE.value: "wrote progress notes",
    T.RECORD_NOTE_UPDATE.value: "wrote progress notes",
    T.RECORD_NOTE_SIGN.value: "signed progress notes",
    T.RECORD_NOTE_COSIGN.value: "co-signed progress notes (supervision)",
    T.RECORD_ADDENDUM_CREATE.value: "added to a signed progress note",
    T.RECORD_PSYCHOTHERAPY_NOTE_READ.value: "the therapist's private notes",
    T.RECORD_PSYCHOTHERAPY_NOTE_CREATE.value: "wrote the therapist's private notes",
    T.RECORD_CONSENT_READ.value: "consent",
    T.RECORD_PREFERENCES_READ.value: "contact preferences",
    T.RECORD_PREFERENCES_UPDATE.value: "changed contact preferences",
    T.RECORD_BREAK_GLASS_OPEN.value: "emergency access opened",
    T.RECORD_AUTHORIZATION_READ.value: "authorizations to release records",
    T.RECORD_AUTHORIZATION_CREATE.value: "prepared an authorization to release records",
    T.RECORD_AUTHORIZATION_UPDATE.value: "prepared an authorization to release records",
    T.RECORD_AUTHORIZATION_SIGN.value: "recorded your signature on an authorization",
    T.RECORD_AUTHORIZATION_REVOKE.value: "recorded your revocation of an authorization",
    T.RECORD_DISCLOSURE_READ.value: "requests to send your records",
    T.RECORD_DISCLOSURE_CREATE.value: "asked to send your records",
    T.RECORD_DISCLOSURE_APPROVE.value: "reviewed a request to send your records",
    T.RECORD_DISCLOSURE_UPDATE.value: "updated a request to send your records",
    T.RECORD_DISCLOSURE_RELEASE.value: "records sent to a recipient (see your disclosures)",
    T.RECORD_EXCERPT_CREATE.value: "an excerpt of notes",
    T.RECORD_AMENDMENT_READ.value: "your requests to correct your records",
    T.RECORD_AMENDMENT_CREATE.value: "recorded your request to correct your records",
    T.RECORD_AMENDMENT_DECIDE.value: "answered your request to correct your records",
    T.RECORD_AMENDMENT_EXTEND.value: "extended the time to answer your correction request",
    T.RECORD_AMENDMENT_REBUT.value: "wrote a reply to your statement of disagreement",
    T.RECORD_AMENDMENT_NOTIFY.value: "recorded telling others of a correction to your records",
    T.RECORD_INTAKE_SEND.value: "sent you an intake form",
    T.RECORD_INTAKE_READ.value: "your intake answers",
    T.RECORD_INTAKE_REVIEW.value: "reviewed your intake answers",
    T.RECORD_INTAKE_ACCEPT_CONTACTS.value: "copied contact details from your intake answers",
    T.RECORD_NOTICE_READ.value: "your privacy-notice acknowledgments",
    T.RECORD_NOTICE_ACKNOWLEDGMENT_CREATE.value: "recorded your privacy-notice acknowledgment",
    T.RECORD_REPRESENTATIVE_READ.value: "your personal representatives",
    T.RECORD_REPRESENTATIVE_CREATE.value: "recorded a personal representative",
    T.RECORD_REPRESENTATIVE_UPDATE.value: "recorded the end of a representative's authority",
    T.RECORD_MINOR_CONSENT_CREATE.value: "recorded a finding that you may consent yourself",
    T.RECORD_MINOR_CONSENT_UPDATE.value: "changed a finding that you may consent yourself",
    T.RECORD_PLAN_READ.value: "your treatment plan",
    T.RECORD_PLAN_CREATE.value: "wrote your treatment plan",
    T.RECORD_PLAN_SIGN.value: "signed your treatment plan",
    T.RECORD_PROBLEM_READ.value: "your diagnoses",
    T.RECORD_PROBLEM_CREATE.value: "recorded a diagnosis",
    T.RECORD_PROBLEM_UPDATE.value: "updated a diagnosis",
    T.RECORD_RESTRICTION_READ.value: "your requests to limit what we share",
    T.RECORD_RESTRICTION_CREATE.value: "recorded your request to limit what we share",
    T.RECORD_RESTRICTION_DECIDE.value: "answered your request to limit what we share",
    T.RECORD_RESTRICTION_TERMINATE.value: "ended a limit on what we share",
    T.RECORD_MEASURE_READ.value: "your check-in questionnaires",
    T.RECORD_MEASURE_CREATE.value: "recorded a check-in questionnaire",
    T.RECORD_MEASURE_REQUEST.value: "asked you to complete a check-in questionnaire",
    T.RECORD_SAFETY_FLAG_READ.value: "follow-ups from your check-in answers",
    T.RECORD_SAFETY_FLAG_REVIEW.value: "reviewed a follow-up from your check-in answers",
}
# Record events the history leaves out, and why.
NOT_SHOWN = {
    # A 164.502(g)(5) determination that a representative may endanger the client: a parent or
    # representative may be the one reading the portal, so it never shows there.
    T.RECORD_REPRESENTATIVE_REFUSE.value: "endangerment determination; could reach the person",
    # Retention bookkeeping by the owner: it opens no part of the record.
    T.RECORD_LEGAL_HOLD_PLACE.value: "retention flag; opens nothing",
    T.RECORD_LEGAL_HOLD_RELEASE.value: "retention flag; opens nothing",
    T.RECORD_DESTRUCTION_REQUEST.value: "retention schedule; opens nothing",
    # Destroying the chart destroys this history with it.
    T.RECORD_CLIENT_DESTROY.value: "the history goes with the chart",
    # The reminder sender (`system:reminders`) is no person: it reads the client's contact
    # preferences and the appointment's room to send the reminder the client asked for.
    T.RECORD_REMINDER_SEND.value: "automatic reminder the client chose; no person looks",
    # Raised by the answers themselves, in the same moment as the measure it comes from (that
    # entry, or the client's own completion, is what the history shows).
    T.RECORD_SAFETY_FLAG_RAISE.value: "automatic; recorded with the measure it comes from",
}
# Only a psychotherapy note's author ever reads or writes it (45 CFR 164.501; policy/decide.py).
PROCESS_NOTE_TAGS = frozenset({T.RECORD_PSYCHOTHERAPY_NOTE_READ.value,
                               T.RECORD_PSYCHOTHERAPY_NOTE_CREATE.value})
# Bases of writes, as the client reads them: the author of a note is on the care team, and a chart
# is created under the creator's role (the creating clinician joins the care team).
BASIS_AS_SEEN = {"author": "care-team", "clinician": "care-team", "billing": "billing-role",
                 "owner": "practice-administration"}
# What a personal representative reads in the portal with their own account (45 CFR
# 164.502(g)), as the client reads it: every such read shows in the client's history, named.
REPRESENTATIVE_READS = {
    T.PORTAL_RECORD_READ.value: "your record, in the portal",
    T.PORTAL_AMENDMENT_READ.value: "your requests to correct your records",
    T.RECORD_AUTHORIZATION_READ.value: "authorizations to release records, in the portal",
    T.RECORD_AUTHORIZATION_SIGN.value: "signed an authorization for you",
    T.RECORD_AUTHORIZATION_REVOKE.value: "revoked an authorization for you",
    T.RECORD_DISCLOSURE_READ.value: "your disclosures, in the portal",
}
REPRESENTATIVE_ROLE = "representative"
# A client list that showed the client (name and date of birth, no chart opened).
LISTED = "your name in a client list"
VISIT_GAP = timedelta(minutes=15)


def _what(entry: AuditEntry) -> str:
    """How the client reads what a staff event looked at."""
    details = json.loads(entry.details) if entry.details else {}
    if "listed" in details and entry.tag != T.RECORD_CLIENT_SEARCH:
        return LISTED
    if entry.tag == T.RECORD_REPRESENTATIVE_UPDATE \
            and details.get("change") == "portal-access-revoked":
        return "closed a representative's portal access"
    if entry.tag == T.RECORD_EXCERPT_CREATE and details.get("purpose"):
        return f"an excerpt of notes, for {details['purpose']}"
    return VIEWED[entry.tag]


def is_staff_look(event: ChainedEvent, *, process_note_reads: bool = False) -> bool:
    """A staff member's allowed event on the record. The author's own psychotherapy-note work
    counts only when the practice chose to show it (`process_note_reads`; docs/disclosures.md)."""
    entry = event.entry
    if entry.tag in PROCESS_NOTE_TAGS and not process_note_reads:
        return False
    return (entry.tag in VIEWED and entry.outcome in ("allow", "ok")
            and not entry.actor_id.startswith("portal:") and entry.actor_id != "system")


def is_representative_look(event: ChainedEvent, representatives: Mapping[str, str]) -> bool:
    """A personal representative's allowed read in the portal, with their own account."""
    entry = event.entry
    return (entry.actor_id in representatives and entry.tag in REPRESENTATIVE_READS
            and entry.outcome in ("allow", "ok"))


def group_visits(
    events: Iterable[ChainedEvent],
    staff: Callable[[str], tuple[str, str]],
    reason_for: Callable[[str, datetime], str],
    *,
    process_note_reads: bool = False,
    representatives: Mapping[str, str] | None = None,
) -> list[AccessVisit]:
    """Group staff reads (oldest first in) into visits, newest visit first out.

    `staff(actor_id)` gives (name, role); `reason_for(actor_id, at)` gives the stated reason of
    a break-glass grant that covered that moment. `representatives` maps the portal actor ids
    of the client's personal representatives to their names: their reads show as "your
    representative <name>".
    """
    representatives = representatives or {}
    visits: list[AccessVisit] = []
    for event in events:
        entry = event.entry
        by_representative = is_representative_look(event, representatives)
        if not by_representative and not is_staff_look(
                event, process_note_reads=process_note_reads):
            continue
        at = datetime.fromisoformat(entry.at)
        if by_representative:
            basis, what = "personal-representative", REPRESENTATIVE_READS[entry.tag]
        else:
            basis = ("break-glass" if entry.tag == AuditTag.RECORD_BREAK_GLASS_OPEN
                     else BASIS_AS_SEEN.get(entry.reason, entry.reason))
            what = _what(entry)
        last = visits[-1] if visits else None
        if (last is not None and last.staff_id == entry.actor_id and last.basis == basis
                and at - last.last_at <= VISIT_GAP):
            viewed = last.viewed if what in last.viewed else (*last.viewed, what)
            visits[-1] = AccessVisit(last.first_at, at, last.staff_id, last.staff_name,
                                     last.staff_role, basis, viewed, last.stated_reason)
            continue
        name, role = ((f"your representative {representatives[entry.actor_id]}",
                       REPRESENTATIVE_ROLE) if by_representative else staff(entry.actor_id))
        stated = reason_for(entry.actor_id, at) if basis == "break-glass" else ""
        visits.append(AccessVisit(at, at, entry.actor_id, name, role, basis, (what,), stated))
    return visits[::-1]
