"""Wire models for the calendar and the practice's scheduling settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict


class CalendarEntryOut(BaseModel):
    """A session or a block of time off. `client_id` and `client_name` are empty for a busy
    block (a session of a client the caller may not see)."""

    kind: Literal["session", "time_off"]
    id: str
    starts_at: datetime
    ends_at: datetime
    clinician_id: str
    clinician_name: str
    room: str
    modality: str
    status: str
    client_id: str
    client_name: str
    busy_only: bool


class CalendarOut(BaseModel):
    scope: str
    target: str
    time_zone: str
    days: list[date]
    entries: list[CalendarEntryOut]


class SchedulingSettingsIo(Strict):
    """The practice's IANA time zone (every naive time is read in it), its late-cancel window
    in hours and its rooms."""

    time_zone: str = Field(max_length=64)
    late_cancel_hours: int = 24
    rooms: list[str] = Field(default_factory=list, max_length=50)


class TimeOffIn(Strict):
    """A block of time off; times without an offset are the practice's local time."""

    user_id: str = Field(max_length=36)
    starts_at: datetime
    ends_at: datetime


class TimeOffMoveIn(Strict):
    """A block of time off's new start and end; times without an offset are local."""

    starts_at: datetime
    ends_at: datetime
