"""Wire models. They are not rows: services return views, routers map them here explicitly."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TokenRequest(Strict):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)
    totp: str | None = Field(default=None, max_length=12)


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_in_idle_seconds: int


class ClientIn(Strict):
    given_name: str = Field(max_length=200)
    family_name: str = Field(max_length=200)
    date_of_birth: date
    preferred_name: str = Field(default="", max_length=200)
    pronouns: str = Field(default="", max_length=40)
    gender_identity: str = Field(default="", max_length=60)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=400)
    emergency_contact: str = Field(default="", max_length=400)


class Created(BaseModel):
    id: str


class ClientSummaryOut(BaseModel):
    id: str
    display_name: str
    date_of_birth: date


class CareTeamMemberOut(BaseModel):
    membership_id: str
    user_id: str
    display_name: str
    team_role: str
    starts_at: datetime


class ClientOut(BaseModel):
    id: str
    demographics: dict[str, str]
    contacts: dict[str, str]
    care_team: list[CareTeamMemberOut]
    access_basis: str


class SearchIn(Strict):
    name: str = Field(min_length=1, max_length=200)


class CareTeamIn(Strict):
    user_id: str = Field(max_length=36)


class AppointmentIn(Strict):
    starts_at: datetime
    duration_minutes: int = 50
    modality: Literal["in_person", "telehealth"] = "in_person"
    status: Literal["scheduled", "attended", "cancelled", "late_cancelled", "no_show"] = (
        "scheduled"
    )
    room: str = Field(default="", max_length=60)
    cpt_code: str = Field(default="", max_length=5)
    icd10_code: str = Field(default="", max_length=8)
    fee_cents: int = 0
    clinician_id: str | None = Field(default=None, max_length=36)


class AppointmentStatusIn(Strict):
    status: Literal["scheduled", "attended", "cancelled", "late_cancelled", "no_show"]


class PasswordChangeIn(Strict):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class AppointmentOut(BaseModel):
    id: str
    client_id: str
    clinician_id: str
    starts_at: datetime
    duration_minutes: int
    modality: str
    status: str
    room: str
    cpt_code: str
    icd10_code: str
    fee_cents: int


class NoteIn(Strict):
    kind: Literal["progress", "psychotherapy"] = "progress"
    format: Literal["soap", "dap", "birp", "free"] = "free"
    body: str | None = Field(default=None, max_length=100_000)
    sections: dict[str, str] | None = None
    session_date: date | None = None
    appointment_id: str | None = Field(default=None, max_length=36)
    sign: bool = False


class NoteUpdateIn(Strict):
    format: Literal["soap", "dap", "birp", "free"] = "free"
    body: str | None = Field(default=None, max_length=100_000)
    sections: dict[str, str] | None = None


class AddendumIn(Strict):
    body: str = Field(max_length=100_000)


class AddendumOut(BaseModel):
    id: str
    author_id: str
    body: str
    created_at: datetime


class NoteOut(BaseModel):
    id: str
    client_id: str
    kind: str
    format: str
    body: str
    sections: dict[str, str]
    status: str
    author_id: str
    session_date: date
    appointment_id: str | None
    created_at: datetime | None
    signed_at: datetime | None
    addenda: list[AddendumOut]


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
