"""Optional consents the client grants or refuses one by one, and how they may be contacted.

Reminders and notifications obey these and never carry clinical content.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from closeddoor.errors import InvalidInput

ANSWERS = ("unanswered", "granted", "refused")
OPTIONAL_CONSENTS = ("telehealth", "recording", "teaching")
CONTACT_CHANNELS = ("voicemail", "text_reminders", "email_reminders", "reminders_may_name_service")
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
        """Validate a full set of answers. Errors name the field, never echo the value."""
        answers = {}
        for name in OPTIONAL_CONSENTS:
            value = data.get(name, "unanswered")
            if value not in ANSWERS:
                raise InvalidInput(f"{name}: one of {', '.join(ANSWERS)}")
            answers[name] = value
        channels = {}
        for name in CONTACT_CHANNELS:
            value = data.get(name, False)
            if not isinstance(value, bool):
                raise InvalidInput(f"{name}: true or false")
            channels[name] = value
        phone = str(data.get("reminder_phone") or "").strip()
        email = str(data.get("reminder_email") or "").strip()
        if phone and not _PHONE.fullmatch(phone):
            raise InvalidInput("reminder_phone: digits, spaces and + ( ) . - only")
        if email and (len(email) > 200 or not _EMAIL.fullmatch(email)):
            raise InvalidInput("reminder_email: not an e-mail address")
        if (channels["voicemail"] or channels["text_reminders"]) and not phone:
            raise InvalidInput("reminder_phone: required for voicemail or text reminders")
        if channels["email_reminders"] and not email:
            raise InvalidInput("reminder_email: required for e-mail reminders")
        return cls(telehealth=answers["telehealth"], recording=answers["recording"],
                   teaching=answers["teaching"], voicemail=channels["voicemail"],
                   text_reminders=channels["text_reminders"],
                   email_reminders=channels["email_reminders"], reminder_phone=phone,
                   reminder_email=email,
                   reminders_may_name_service=channels["reminders_may_name_service"])
