"""What a reminder may say, as pure functions.

A reminder holds the date and time (in the practice's time zone, which it names), the place (a
room, or "video session"), the practice's name and how to cancel. It never holds a diagnosis,
an ICD-10 or CPT code, a clinician's name or specialty, note content, a date of birth or the
client's name; it says "therapy" only when the practice and the client both allow it. A
reminder can be read by anyone who sees the client's phone or inbox, so what it leaves out is
the point: 45 CFR 164.522(b) (confidential communications by the means the client chose) and
164.502(b) (minimum necessary); APA Ethics Code 4.01, NASW Code 1.07.

The room is the only free text the practice types that could reach a message, so it is
checked token by token and left out when any part of it looks clinical or like a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from closeddoor.reminders.schedule import local

# Word stems that tell a reader what kind of care, or what for. Matched case-insensitively
# anywhere in a word, so "Psychotherapy", "counselling" and "therapist" are all caught.
SERVICE_WORDS = ("therap", "counsel", "psych")
CLINICAL_WORDS = (
    *SERVICE_WORDS, "addict", "adhd", "alcohol", "anorex", "anxi", "autis", "behavio",
    "bipolar", "bulimi",
    "clinic", "depress", "diagnos", "disorder", "drug", "eating", "grief", "icd", "mental",
    "ocd", "ptsd", "rehab", "schizo", "substance", "suicid", "trauma", "treatment",
)
# Anything that could be, or hold, a code: the start of an ICD-10 code (letter, digit,
# letter-or-digit: "F41", also inside "RoomF41") and any run of four or more digits (CPT 90834,
# a year of birth). Searched anywhere in the text, not word by word.
ICD10_START = re.compile(r"[A-TV-Z]\d[0-9A-Z]", re.IGNORECASE)
LONG_NUMBER = re.compile(r"\d{4,}")
ROOM_CHARACTERS = re.compile(r"^[A-Za-z0-9 .,'#/-]{1,40}$")
NEUTRAL_SENDER = "your appointment office"


@dataclass(frozen=True)
class ReminderFacts:
    """What a reminder is made from: nothing else reaches the message."""

    practice_name: str
    starts_at: datetime  # aware
    zone_name: str  # the practice's IANA time zone ("" = UTC)
    is_video: bool
    room: str = ""
    may_name_service: bool = False  # the practice allows it AND the client's preferences do
    portal_url: str = ""  # where the client can sign in to cancel ("" = no portal link)
    # The practice asked the client to complete a measure before the visit: the reminder says
    # only "a short check-in", never which questionnaire or why (docs/measures.md).
    check_in: bool = False


@dataclass(frozen=True)
class ReminderText:
    subject: str
    body: str

    def __repr__(self) -> str:  # a reminder's text never reaches a log or a traceback
        return "ReminderText(...)"


def looks_clinical(text: str) -> bool:
    """True when `text` has a clinical word stem, an ICD-10-looking token or a code-like
    number. Used to keep practice-typed text (a room, the practice's name) out of messages."""
    lowered = text.lower()
    if any(stem in lowered for stem in CLINICAL_WORDS):
        return True
    return bool(ICD10_START.search(text) or LONG_NUMBER.search(text))


def names_service(text: str) -> bool:
    lowered = text.lower()
    return any(stem in lowered for stem in SERVICE_WORDS)


def safe_room(room: str) -> str:
    """The room as typed when it is plainly a place ("Room 2", "Suite 204, 2nd floor"); ""
    otherwise (a room named for a programme or holding a code stays out)."""
    room = room.strip()
    if not room or not ROOM_CHARACTERS.match(room) or looks_clinical(room):
        return ""
    return room


def sender_name(facts: ReminderFacts) -> str:
    """The practice's name; a neutral phrase when the name itself would say "therapy" (or
    anything clinical) and the reminder may not (docs/reminders.md asks for a neutral name)."""
    name = " ".join(facts.practice_name.split())
    if not name:
        return NEUTRAL_SENDER
    if names_service(name) and not facts.may_name_service:
        return NEUTRAL_SENDER
    lowered = name.lower()
    if any(stem in lowered for stem in CLINICAL_WORDS if stem not in SERVICE_WORDS) \
            or ICD10_START.search(name) or LONG_NUMBER.search(name):
        return NEUTRAL_SENDER
    return name


def when(facts: ReminderFacts) -> str:
    """"Tuesday 3 March 2026 at 15:00 (UTC)" in the practice's time zone."""
    here = local(facts.starts_at, facts.zone_name)
    zone_label = facts.zone_name or "UTC"
    return f"{here:%A} {here.day} {here:%B %Y} at {here:%H:%M} ({zone_label})"


def place(facts: ReminderFacts) -> str:
    if facts.is_video:
        return "video session"
    room = safe_room(facts.room)
    return f"in person, {room}" if room else "in person"


def _what(facts: ReminderFacts) -> str:
    return "therapy appointment" if facts.may_name_service else "appointment"


def _how_to_cancel(facts: ReminderFacts, sender: str) -> str:
    if facts.portal_url:
        return (f"To cancel or change it, sign in at {facts.portal_url}/portal or contact "
                f"{sender}.")
    return f"To cancel or change it, contact {sender}."


CHECK_IN = "Please complete a short check-in before your visit"


def _check_in(facts: ReminderFacts) -> str:
    """The neutral check-in line, with the link when the portal has an address."""
    if not facts.check_in:
        return ""
    if facts.portal_url:
        return f"{CHECK_IN}: {facts.portal_url}/portal/measures"
    return f"{CHECK_IN}, in the portal."


def email(facts: ReminderFacts) -> ReminderText:
    """The e-mail reminder: subject and plain-text body."""
    sender = sender_name(facts)
    check_in = _check_in(facts)
    body = (f"Hello,\n\nThis is a reminder of your {_what(facts)} with {sender}:\n\n"
            f"    When: {when(facts)}\n    Where: {place(facts)}\n\n"
            + (f"{check_in}\n\n" if check_in else "")
            + f"{_how_to_cancel(facts, sender)}\n\n{sender}\n")
    return ReminderText(f"Appointment reminder from {sender}", body)


def text_message(facts: ReminderFacts) -> str:
    """The text-message reminder: one short paragraph."""
    sender = sender_name(facts)
    check_in = _check_in(facts)
    return (f"{sender}: reminder of your {_what(facts)} on {when(facts)}, {place(facts)}. "
            + (f"{check_in} " if check_in else "")
            + f"{_how_to_cancel(facts, sender)}")
