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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from closeddoor.disclosure.categories import Category
from closeddoor.disclosure.scope import DisclosureScope


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
