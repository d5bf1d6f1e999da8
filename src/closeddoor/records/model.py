"""Chart records and their invariants; pure, no I/O. Errors name the field, never echo values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from closeddoor.errors import InvalidInput, join_problems
from closeddoor.localtime import to_utc
from closeddoor.names import clean_name

MAX_NOTE_CHARS = 100_000
MAX_SHORT_TEXT = 200


class NoteFormat(StrEnum):
    SOAP = "soap"
    DAP = "dap"
    BIRP = "birp"
    FREE = "free"


NOTE_SECTIONS: dict[NoteFormat, tuple[str, ...]] = {
    NoteFormat.SOAP: ("subjective", "objective", "assessment", "plan"),
    NoteFormat.DAP: ("data", "assessment", "plan"),
    NoteFormat.BIRP: ("behavior", "intervention", "response", "plan"),
    NoteFormat.FREE: ("body",),
}


class Modality(StrEnum):
    IN_PERSON = "in_person"
    TELEHEALTH = "telehealth"


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    LATE_CANCELLED = "late_cancelled"
    NO_SHOW = "no_show"


CPT_PATTERN = re.compile(r"^\d{5}$|^[A-Z]\d{4}$")
ICD10_PATTERN = re.compile(r"^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _text(value: Any, name: str, *, required: bool, limit: int = MAX_SHORT_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"{name}: must be text")
    text: str = value.strip()
    if required and not text:
        raise InvalidInput(f"{name}: required")
    if len(text) > limit:
        raise InvalidInput(f"{name}: at most {limit} characters")
    return text


def _multiline_name(value: Any) -> str:
    """The emergency contact (a name and how to reach them, on up to a few lines): each line is
    checked as a name, so no control or text-direction character gets in."""
    text = _text(value, "emergency_contact", required=False, limit=400)
    lines = [clean_name(line, "emergency_contact", "the emergency contact", limit=400)
             for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines)


@dataclass(frozen=True)
class Demographics:
    given_name: str
    family_name: str
    date_of_birth: date
    preferred_name: str = ""
    pronouns: str = ""
    gender_identity: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @classmethod
    def parse(cls, data: dict[str, Any], today: date) -> Demographics:
        """Validate; every problem at once, each naming its field."""
        problems: list[str] = []
        demographics = cls.collect(data, today, problems)
        if demographics is None:
            raise InvalidInput(join_problems(problems))
        return demographics

    @classmethod
    def collect(cls, data: dict[str, Any], today: date,
                problems: list[str]) -> Demographics | None:
        """The demographics, or None with each problem appended to `problems`."""
        before = len(problems)
        dob = data.get("date_of_birth")
        if isinstance(dob, str) and dob.strip():
            try:
                dob = date.fromisoformat(dob.strip())
            except ValueError:
                problems.append("date_of_birth: enter the date of birth as YYYY-MM-DD, "
                                "for example 1987-06-15")
                dob = None
        elif isinstance(dob, str):
            dob = None
        if isinstance(dob, date) and (dob > today or dob.year < 1900):
            problems.append("date_of_birth: enter a past date after 1900")
        elif not isinstance(dob, date) and len(problems) == before:
            problems.append("date_of_birth: required, enter it as YYYY-MM-DD, for example "
                            "1987-06-15")
        given = _collect(problems, lambda: clean_name(
            data.get("given_name"), "given_name", "the given name", required=True), "")
        family = _collect(problems, lambda: clean_name(
            data.get("family_name"), "family_name", "the family name", required=True), "")
        preferred = _collect(problems, lambda: clean_name(
            data.get("preferred_name"), "preferred_name", "the preferred name"), "")
        pronouns = _collect(problems, lambda: _text(
            data.get("pronouns"), "pronouns", required=False, limit=40), "")
        gender = _collect(problems, lambda: _text(
            data.get("gender_identity"), "gender_identity", required=False, limit=60), "")
        if len(problems) > before or not isinstance(dob, date):
            return None
        return cls(given_name=given, family_name=family, date_of_birth=dob,
                   preferred_name=preferred, pronouns=pronouns, gender_identity=gender)

    def to_json(self) -> dict[str, str]:
        return {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "date_of_birth": self.date_of_birth.isoformat(),
            "preferred_name": self.preferred_name,
            "pronouns": self.pronouns,
            "gender_identity": self.gender_identity,
        }


@dataclass(frozen=True)
class Contacts:
    phone: str = ""
    email: str = ""
    address: str = ""
    emergency_contact: str = ""

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Contacts:
        """Validate; every problem at once, each naming its field."""
        problems: list[str] = []
        contacts = cls.collect(data, problems)
        if contacts is None:
            raise InvalidInput(join_problems(problems))
        return contacts

    @classmethod
    def collect(cls, data: dict[str, Any], problems: list[str]) -> Contacts | None:
        """The contacts, or None with each problem appended to `problems`."""
        before = len(problems)
        email = _collect(problems, lambda: _text(data.get("email"), "email", required=False),
                         "")
        if email and not EMAIL_PATTERN.match(email):
            problems.append("email: enter an e-mail address such as name@example.org")
        phone = _collect(problems, lambda: _text(data.get("phone"), "phone", required=False,
                                                 limit=40), "")
        if phone and not re.fullmatch(r"[0-9+().\-\s]{7,40}", phone):
            problems.append("phone: use 7 to 40 digits, spaces and + ( ) . - only")
        address = _collect(problems, lambda: _text(data.get("address"), "address",
                                                   required=False, limit=400), "")
        emergency = _collect(problems, lambda: _multiline_name(data.get("emergency_contact")),
                             "")
        if len(problems) > before:
            return None
        return cls(phone=phone, email=email, address=address, emergency_contact=emergency)


    def to_json(self) -> dict[str, str]:
        return {
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "emergency_contact": self.emergency_contact,
        }


def parse_profile(data: dict[str, Any], today: date) -> tuple[Demographics, Contacts]:
    """A client's demographics and contacts; every problem of both at once."""
    problems: list[str] = []
    demographics = Demographics.collect(data, today, problems)
    contacts = Contacts.collect(data, problems)
    if demographics is None or contacts is None:
        raise InvalidInput(join_problems(problems))
    return demographics, contacts


@dataclass(frozen=True)
class AppointmentDetails:
    """The sealed part of an appointment: where, what was billed and why, and the video link.
    (The room's name is also kept in the clear for clash checks and the room calendar.)"""

    room: str = ""
    cpt_code: str = ""
    icd10_code: str = ""
    fee_cents: int = 0
    telehealth_link: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "room": self.room,
            "cpt_code": self.cpt_code,
            "icd10_code": self.icd10_code,
            "fee_cents": self.fee_cents,
            "telehealth_link": self.telehealth_link,
        }


TELEHEALTH_LINK = re.compile(r"^https://[^\s<>\"']{4,490}$")


def _starts_at(value: Any, where: tzinfo, errors: list[str]) -> datetime | None:
    """An aware datetime is that instant; ISO text with an offset likewise; a naive one is a
    wall-clock time in the practice's zone (gap refused, fold: the first occurrence)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            errors.append("starts_at: an ISO 8601 date and time, for example 2026-03-09T10:00")
            return None
    if not isinstance(value, datetime):
        errors.append("starts_at: required, an ISO 8601 date and time")
        return None
    try:
        return to_utc(value, where, field="starts_at")
    except InvalidInput as exc:
        errors.append(str(exc))
        return None


@dataclass(frozen=True)
class NewAppointment:
    starts_at: datetime  # UTC
    duration_minutes: int
    modality: Modality
    status: AppointmentStatus
    details: AppointmentDetails
    clinician_id: str | None = None
    wall_time: datetime | None = None  # the naive local start, for a series

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @classmethod
    def parse(cls, data: dict[str, Any], where: tzinfo = UTC) -> NewAppointment:
        """Validate a booking; every problem at once, each naming its field. `where` is the
        practice's zone, in which a time without an offset is read."""
        errors: list[str] = []
        starts_at = _starts_at(data.get("starts_at"), where, errors)
        duration = data.get("duration_minutes", 50)
        if not isinstance(duration, int) or isinstance(duration, bool) or not 5 <= duration <= 480:
            errors.append("duration_minutes: a whole number of minutes from 5 to 480")
            duration = 50
        try:
            modality = Modality(data.get("modality") or Modality.IN_PERSON)
        except ValueError:
            errors.append("modality: in person or telehealth")
            modality = Modality.IN_PERSON
        try:
            status = AppointmentStatus(data.get("status") or AppointmentStatus.SCHEDULED)
        except ValueError:
            choices = ", ".join(s.value for s in AppointmentStatus)
            errors.append(f"status: one of {choices}")
            status = AppointmentStatus.SCHEDULED
        room = _collect(errors, lambda: _text(data.get("room"), "room", required=False,
                                              limit=60), "")
        if modality is Modality.TELEHEALTH and room:
            errors.append("room: a telehealth appointment has no room — clear the room")
        link = _collect(errors, lambda: _text(data.get("telehealth_link"), "telehealth_link",
                                              required=False, limit=500), "")
        if link and modality is not Modality.TELEHEALTH:
            errors.append("telehealth_link: only a telehealth appointment has a video link")
        elif link and not TELEHEALTH_LINK.match(link):
            errors.append("telehealth_link: a web address starting with https://")
        cpt = _collect(errors, lambda: _text(data.get("cpt_code"), "cpt_code", required=False,
                                             limit=5), "").upper()
        if cpt and not CPT_PATTERN.match(cpt):
            errors.append("cpt_code: enter the 5-digit CPT code, for example 90834")
        icd = _collect(errors, lambda: _text(data.get("icd10_code"), "icd10_code",
                                             required=False, limit=8), "").upper()
        if icd and not ICD10_PATTERN.match(icd):
            errors.append("icd10_code: an ICD-10-CM code such as F41.1")
        fee = data.get("fee_cents", 0)
        if not isinstance(fee, int) or isinstance(fee, bool) or not 0 <= fee <= 10_000_000:
            errors.append("fee_cents: a whole number of cents, not negative")
            fee = 0
        if errors or starts_at is None:
            raise InvalidInput(join_problems(errors))
        clinician_id = data.get("clinician_id")
        raw = data.get("starts_at")
        wall = None
        if isinstance(raw, datetime) and raw.tzinfo is None:
            wall = raw
        elif isinstance(raw, str) and datetime.fromisoformat(raw).tzinfo is None:
            wall = datetime.fromisoformat(raw)
        return cls(
            starts_at,
            duration,
            modality,
            status,
            AppointmentDetails(room, cpt, icd, fee, link),
            clinician_id if isinstance(clinician_id, str) and clinician_id else None,
            wall,
        )


def _collect(errors: list[str], read: Any, default: str) -> str:
    try:
        value: str = read()
        return value
    except InvalidInput as exc:
        errors.append(str(exc))
        return default


@dataclass(frozen=True)
class NoteContent:
    note_format: NoteFormat
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The note as one text: the free-form body, or the labelled sections in order."""
        if self.note_format is NoteFormat.FREE:
            return self.sections["body"]
        return "\n\n".join(
            f"{name.capitalize()}: {self.sections[name]}"
            for name in NOTE_SECTIONS[self.note_format]
            if self.sections[name]
        )

    @classmethod
    def parse(cls, data: dict[str, Any]) -> NoteContent:
        try:
            note_format = NoteFormat(data.get("format") or NoteFormat.FREE)
        except ValueError:
            raise InvalidInput("format: one of soap, dap, birp, free") from None
        names = NOTE_SECTIONS[note_format]
        if note_format is NoteFormat.FREE:
            sections = {
                "body": _text(data.get("body"), "body", required=True, limit=MAX_NOTE_CHARS)
            }
        else:
            given = data.get("sections") or {}
            if not isinstance(given, dict):
                raise InvalidInput("sections: an object of section name to text")
            unknown = set(given) - set(names)
            if unknown:
                raise InvalidInput(f"sections: {note_format.value} has only {', '.join(names)}")
            sections = {
                n: _text(given.get(n), f"sections.{n}", required=False, limit=MAX_NOTE_CHARS)
                for n in names
            }
            if not any(sections.values()):
                raise InvalidInput("sections: write at least one section")
        return cls(note_format, sections)

    def to_json(self) -> dict[str, Any]:
        return {"format": self.note_format.value, "sections": self.sections}


def parse_session_date(value: Any, today: date) -> date:
    """A note's session date: `today` (the practice's local date) when none is given; a date
    after `today` is refused, since a note records a session that took place."""
    if value in (None, ""):
        return today
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput("session_date: use YYYY-MM-DD") from None
    if not isinstance(value, date):
        raise InvalidInput("session_date: use YYYY-MM-DD")
    if value > today:
        raise InvalidInput(
            "session_date: a future date is not allowed, enter the date the session took "
            f"place, today ({today.isoformat()}) or earlier")
    return value


def convert_sections(sections: dict[str, str], to_format: NoteFormat) -> dict[str, str]:
    """What was typed in one note format, placed in `to_format`'s sections so none of it is
    lost: a section of the same name keeps its text; text with no counterpart goes, labelled
    with its old section's name, to the end of the new format's first section (or the free
    text body). Pure; `sections` maps section names to text (the free format's is "body")."""
    names = NOTE_SECTIONS[to_format]
    placed = {name: sections.get(name, "").strip() for name in names}
    leftover = [f"{name.capitalize()}: {text.strip()}" if name != "body" else text.strip()
                for name, text in sections.items() if name not in names and text.strip()]
    if leftover:
        first = names[0]
        placed[first] = "\n\n".join([t for t in (placed[first], *leftover) if t])
    return placed


def require_reason(value: Any, name: str = "reason") -> str:
    reason = _text(value, name, required=True, limit=2000)
    if len(reason) < 10:
        raise InvalidInput(f"{name}: say why in at least 10 characters")
    return reason
