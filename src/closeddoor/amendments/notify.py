"""Who must be told of an accepted amendment, 45 CFR 164.526(c)(3). Pure: no I/O, no clock.

(c)(3) asks the practice to make reasonable efforts to inform, within a reasonable time,
(i) persons the client identifies as having received the information and needing the amendment,
and (ii) persons, including business associates, that the practice knows have the information
and may have relied, or could foreseeably rely, on it to the client's detriment. closeddoor knows
(ii) from its record of disclosures: the recipients of disclosures released before the
amendment was accepted whose packet held the amended information. (i) is whoever the client
names; the practice asks them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from closeddoor.disclosure.categories import Category
from closeddoor.disclosure.scope import DisclosureScope, text_field
from closeddoor.errors import ConflictError, InvalidInput

RECIPIENT_LIMIT = 300


class NoticeMethod(StrEnum):
    MAIL = "mail"
    FAX = "fax"
    SECURE_EMAIL = "secure-email"
    PHONE = "phone"
    IN_PERSON = "in-person"


@dataclass(frozen=True)
class SentNotice:
    """A notice of an accepted amendment the practice records as sent (164.526(c)(3)): to whom
    (a person the client named, or the recipient of an earlier disclosure, `disclosure_id`),
    on which day and how."""

    recipient: str
    disclosure_id: str  # "" for a person the client named
    sent_on: date
    method: NoticeMethod

    @classmethod
    def parse(cls, data: Mapping[str, Any], today: date) -> SentNotice:
        """Every problem named by its field, all at once."""
        problems: list[str] = []
        recipient = text_field(data.get("recipient"), "recipient", problems,
                               limit=RECIPIENT_LIMIT)
        if not recipient and not any(p.startswith("recipient:") for p in problems):
            problems.append("recipient: say who was told (name, and organization if any)")
        disclosure_id = text_field(data.get("disclosure_id"), "disclosure_id", problems,
                                   limit=36)
        sent_on = today
        raw = data.get("sent_on")
        if raw not in (None, ""):
            try:
                sent_on = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
            except ValueError:
                problems.append("sent_on: the day it was sent, as YYYY-MM-DD")
            else:
                if sent_on > today:
                    problems.append("sent_on: must not be in the future")
        try:
            method = NoticeMethod(str(data.get("method")))
        except ValueError:
            problems.append("method: choose how it was sent (mail, fax, secure e-mail, "
                            "telephone or in person)")
        if problems:
            raise InvalidInput("; ".join(problems))
        return cls(recipient, disclosure_id, sent_on, method)


def check_can_notify(is_accepted: bool) -> None:
    """164.526(c)(3): only an accepted amendment is sent to others."""
    if not is_accepted:
        raise ConflictError("only an accepted amendment is sent to others")


def letter_lines(practice_name: str, client_name: str, note_session_date: date | None,
                 accepted_on: date, amendment: str) -> tuple[str, ...]:
    """The notice letter's text: who the record is about, what it amends and the amendment
    itself, nothing more of the record (164.526(c)(3))."""
    what = (f"the progress note of the session of {note_session_date.isoformat()}"
            if note_session_date else "the identifying and contact details")
    return (f"{practice_name} has amended {what} in the record of {client_name}, at their "
            f"request, on {accepted_on.isoformat()} (45 CFR 164.526(c)).",
            "You received this information from us earlier, or the client asked us to tell "
            "you. Please link this amendment to the information you hold "
            "(45 CFR 164.526(c)(3), (e)).",
            "The amendment:", *amendment.splitlines())


@dataclass(frozen=True)
class PriorRecipient:
    """A recipient of an earlier released disclosure that held the amended information."""

    disclosure_id: str
    recipient: str  # name and organization
    contact: str
    released_at: datetime


def held_the_information(scope: DisclosureScope, note_session_date: date | None) -> bool:
    """Whether a packet made from `scope` held the amended information: for a note, a
    progress-notes packet whose date range holds the note's session; for the client's details
    (`note_session_date` None), any packet with the identifying information."""
    if note_session_date is None:
        return Category.DEMOGRAPHICS in scope.categories
    return (Category.PROGRESS_NOTES in scope.categories
            and (scope.records_from is None or scope.records_from <= note_session_date)
            and (scope.records_to is None or note_session_date <= scope.records_to))


def prior_recipients(accepted_at: datetime | None, note_session_date: date | None,
                     released: Iterable[tuple[str, DisclosureScope, datetime]]
                     ) -> tuple[PriorRecipient, ...]:
    """164.526(c)(3)(ii): the recipients of the disclosures (`(id, scope, released at)`) that
    left before the amendment was accepted and held what it amends, oldest first. Nothing for
    an amendment not accepted."""
    if accepted_at is None:
        return ()
    found = [PriorRecipient(disclosure_id, scope.recipient.display, scope.recipient.contact,
                            released_at)
             for disclosure_id, scope, released_at in released
             if released_at <= accepted_at and held_the_information(scope, note_session_date)]
    return tuple(sorted(found, key=lambda r: (r.released_at, r.disclosure_id)))
