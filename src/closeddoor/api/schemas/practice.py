"""Wire models for running the practice: staff, settings, break-glass review and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict


class BreakGlassIn(Strict):
    reason: str = Field(max_length=2000)


class BreakGlassOut(BaseModel):
    id: str
    client_id: str
    actor_id: str
    reason: str
    opened_at: datetime
    expires_at: datetime
    reviewed_at: datetime | None
    reviewed_by: str | None
    review_comment: str | None


class ReviewIn(Strict):
    comment: str = Field(max_length=2000)


class UserIn(Strict):
    username: str = Field(max_length=64)
    display_name: str = Field(max_length=200)
    role: Literal["owner", "clinician", "supervisor", "billing"]
    password: str = Field(max_length=1024)
    supervisor_username: str | None = Field(default=None, max_length=64)


class UserOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    mfa_enrolled: bool
    supervisor_id: str | None
    is_active: bool


class UserUpdateIn(Strict):
    """Only the fields given change; `supervisor_username: ""` removes the supervisor."""

    display_name: str | None = Field(default=None, max_length=200)
    role: Literal["owner", "clinician", "supervisor", "billing"] | None = None
    supervisor_username: str | None = Field(default=None, max_length=64)


class AuditEventOut(BaseModel):
    seq: int
    at: str
    actor_id: str
    tag: str
    outcome: str
    client_id: str
    resource_id: str
    reason: str
    details: dict[str, Any]
    hash: str


class VerifyOut(BaseModel):
    ok: bool
    events_checked: int
    last_event: int
    started_after_checkpoint: int
    first_bad_event: int | None = None
    problem: str | None = None


class SettingsIn(Strict):
    mfa_required: bool


class ReminderSettingsWire(Strict):
    """How far ahead reminders go, the quiet hours for texts (local HH:MM), and whether a
    reminder may say "therapy" to clients who allow it (docs/reminders.md)."""

    lead_hours: int = 24
    quiet_hours_start: str = Field(default="21:00", max_length=5)
    quiet_hours_end: str = Field(default="08:00", max_length=5)
    may_name_service: bool = False


class AccessHistorySettings(Strict):
    """Whether a psychotherapy note's author's own work on it shows in clients' access history."""

    process_note_reads_shown: bool
