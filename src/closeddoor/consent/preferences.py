"""Optional consents the client grants or refuses one by one, and how they may be contacted.

Reminders and notifications obey these and never carry clinical content.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from closeddoor.errors import InvalidInput, join_problems

ANSWERS = ("unanswered", "granted", "refused")
OPTIONAL_CONSENTS = ("telehealth", "recording", "teaching")
CONTACT_CHANNELS = ("voicemail", "text_reminders", "email_reminders", "reminders_may_name_service")
MAX_PHONE = 40
MAX_EMAIL = 200
_PHONE = re.compile(r"[0-9+().\-\s]{7,40}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Preferences:
    telehealth: str = "unanswered"
    recording: str = "unanswered"  # audio or video recording of sessions
    teaching: str = "unanswered"  # de-identified material used for teaching
    voicemail: bool = False  # may we leave a voicemail
    text_reminders: bool = False
    email_reminders: bool = False
    reminder_phone: str = ""
    reminder_email: str = ""
    # Whether a reminder may say what the appointment is for ("therapy appointment"); off
    # unless the client says yes, and only if the practice allows it too (docs/reminders.md).
    reminders_may_name_service: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Preferences:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Preferences:
        """Validate a full set of answers, naming every problem at once (all-or-nothing).
        Errors name the field, never echo the value; over-long text is refused, not cut."""
        problems: list[str] = []
        answers = {}
        for name in OPTIONAL_CONSENTS:
            value = data.get(name, "unanswered")
            if value not in ANSWERS:
                problems.append(f"{name}: choose one of {', '.join(ANSWERS)}")
            answers[name] = value
        channels = {}
        for name in CONTACT_CHANNELS:
            value = data.get(name, False)
            if not isinstance(value, bool):
                problems.append(f"{name}: true or false")
            channels[name] = value is True
        phone = str(data.get("reminder_phone") or "").strip()
        email = str(data.get("reminder_email") or "").strip()
        if len(phone) > MAX_PHONE:
            problems.append(f"reminder_phone: at most {MAX_PHONE} characters (shorten it)")
        elif phone and not _PHONE.fullmatch(phone):
            problems.append("reminder_phone: enter at least 7 digits, using only digits, "
                            "spaces and + ( ) . -, for example 555-0100")
        if len(email) > MAX_EMAIL:
            problems.append(f"reminder_email: at most {MAX_EMAIL} characters (shorten it)")
        elif email and not _EMAIL.fullmatch(email):
            problems.append("reminder_email: enter an e-mail address, for example "
                            "name@example.org")
        if (channels["voicemail"] or channels["text_reminders"]) and not phone:
            problems.append("reminder_phone: enter a phone number, or untick voicemail and "
                            "text reminders")
        if channels["email_reminders"] and not email:
            problems.append("reminder_email: enter an e-mail address, or untick e-mail "
                            "reminders")
        if problems:
            raise InvalidInput(join_problems(problems))
        return cls(telehealth=answers["telehealth"], recording=answers["recording"],
                   teaching=answers["teaching"], voicemail=channels["voicemail"],
                   text_reminders=channels["text_reminders"],
                   email_reminders=channels["email_reminders"], reminder_phone=phone,
                   reminder_email=email,
                   reminders_may_name_service=channels["reminders_may_name_service"])
