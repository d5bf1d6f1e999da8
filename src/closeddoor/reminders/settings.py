"""The practice's reminder settings, as the owner sets them (pure parsing and validation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from closeddoor.errors import InvalidInput
from closeddoor.reminders.schedule import QuietHours, format_clock, parse_clock

MAX_LEAD_HOURS = 168  # a week


@dataclass(frozen=True)
class ReminderSettings:
    lead_hours: int = 24  # reminders go out this many hours before the appointment
    may_name_service: bool = False  # reminders may say "therapy" to clients who allow it
    quiet_start: int = 21 * 60  # local minutes after midnight: no texts from ...
    quiet_end: int = 8 * 60  # ... until

    @property
    def lead(self) -> timedelta:
        return timedelta(hours=self.lead_hours)

    @property
    def quiet_hours(self) -> QuietHours:
        return QuietHours(self.quiet_start, self.quiet_end)

    def as_form(self) -> dict[str, Any]:
        return {"reminder_lead_hours": str(self.lead_hours),
                "reminders_may_name_service": self.may_name_service,
                "quiet_hours_start": format_clock(self.quiet_start),
                "quiet_hours_end": format_clock(self.quiet_end)}

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ReminderSettings:
        """Validate the owner's answers; every problem at once, each naming its field in words
        ("field: how to fix; other: how to fix"), never echoing the value."""
        problems = []
        raw_lead = str(data.get("reminder_lead_hours", "")).strip()
        lead = 0
        if raw_lead.isdigit() and 1 <= int(raw_lead) <= MAX_LEAD_HOURS:
            lead = int(raw_lead)
        else:
            problems.append("reminder_lead_hours: enter a whole number of hours from 1 to "
                            f"{MAX_LEAD_HOURS}, for example 24")
        clocks = {}
        for name, words in (("quiet_hours_start", "the start of quiet hours"),
                            ("quiet_hours_end", "the end of quiet hours")):
            try:
                clocks[name] = parse_clock(str(data.get(name, "")))
            except ValueError:
                problems.append(f"{name}: enter {words} as HH:MM, for example 21:00")
        may_name = data.get("reminders_may_name_service", False)
        if not isinstance(may_name, bool):
            problems.append("reminders_may_name_service: yes or no")
        if problems:
            raise InvalidInput("; ".join(problems))
        return cls(lead, bool(may_name), clocks["quiet_hours_start"], clocks["quiet_hours_end"])
