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
    date_of_birth: date | None  # None: the row is withheld (cannot be decrypted)


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


# --- consent, optional consents and portal invitations (staff side) ---------------------------
SignerKind = Literal["client", "guardian"]
Answer = Literal["unanswered", "granted", "refused"]


class ConsentVersionOut(BaseModel):
    id: str
    number: int
    status: str  # draft | published
    created_at: datetime
    published_at: datetime | None


class ConsentSectionIn(Strict):
    key: str = Field(max_length=64)
    title: str = Field(max_length=300)
    body: str = Field(max_length=20_000)
    citations: list[str] = Field(default_factory=list, max_length=20)


class ConsentDocumentIn(Strict):
    """A whole draft: every section, in the template's order (see consent/template.py)."""

    name: str = Field(max_length=100)
    title: str = Field(max_length=300)
    intro: str = Field(default="", max_length=20_000)
    sections: list[ConsentSectionIn] = Field(max_length=40)


class ConsentSectionOut(BaseModel):
    key: str
    title: str
    body: str
    citations: list[str]


class ConsentDocumentOut(BaseModel):
    id: str
    number: int
    status: str
    name: str
    title: str
    intro: str
    sections: list[ConsentSectionOut]


class JurisdictionIn(Strict):
    code: str = Field(max_length=16)


class JurisdictionOut(BaseModel):
    code: str
    known_codes: list[str]


class ConsentStatusOut(BaseModel):
    state: Literal["current", "reconsent-needed", "never-signed", "no-published-version"]
    current_version: int | None
    signed_version: int | None
    signed_at: datetime | None


class RenderedSectionOut(BaseModel):
    key: str
    title: str
    text: str  # paragraphs separated by a blank line; list items start with "- "
    citations: list[str]


class ConsentFormOut(BaseModel):
    version_id: str
    version_number: int
    text_sha256: str  # SHA-256 of canonical_text (UTF-8): what a signature binds to
    signer_rule: Literal["client", "guardian", "either"]
    jurisdiction_code: str
    jurisdiction_name: str
    title: str
    intro: str
    sections: list[RenderedSectionOut]
    canonical_text: str


class SignatureIn(Strict):
    version_id: str = Field(max_length=36)
    text_sha256: str = Field(min_length=64, max_length=64)
    signer_name: str = Field(max_length=200)
    signer_kind: SignerKind = "client"
    guardian_relation: str = Field(default="", max_length=80)


class SignatureOut(BaseModel):
    id: str
    version_number: int
    jurisdiction: str
    text_sha256: str
    signed_at: datetime
    method: str
    signer_kind: str
    signer_name: str
    guardian_relation: str


class PreferencesIn(Strict):
    """The full set of answers (a PUT replaces them all; anything left out is unanswered/off)."""

    telehealth: Answer = "unanswered"
    recording: Answer = "unanswered"
    teaching: Answer = "unanswered"
    voicemail: bool = False
    text_reminders: bool = False
    email_reminders: bool = False
    reminder_phone: str = Field(default="", max_length=40)
    reminder_email: str = Field(default="", max_length=200)


class PreferencesOut(BaseModel):
    telehealth: str
    recording: str
    teaching: str
    voicemail: bool
    text_reminders: bool
    email_reminders: bool
    reminder_phone: str
    reminder_email: str


class InvitationOut(BaseModel):
    """Where the invitation went; the link itself went only to the client's e-mail address."""

    sent_to: str = Field(description="the client's e-mail address on file, masked "
                                     "(s***@example.org)")
    expires_at: datetime


class PasswordResetIn(BaseModel):
    """"Forgot password": the answer is the same whether or not the user name exists."""

    model_config = ConfigDict(extra="forbid")
    username: str = Field(max_length=64)


class PasswordResetOut(BaseModel):
    detail: str


class PasswordResetConfirmIn(BaseModel):
    """The token from the e-mailed link travels in the body, never a URL."""

    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=128)
    password: str = Field(max_length=1024)


# --- the client portal (a client's own record; no model takes a client id) -----------------------
class PortalAppointmentOut(BaseModel):
    id: str
    starts_at: datetime
    duration_minutes: int
    modality: str
    status: str
    room: str
    clinician: str  # the clinician's name
    cpt_code: str
    icd10_code: str
    fee_cents: int


class PortalAddendumOut(BaseModel):
    author: str
    body: str
    created_at: datetime


class PortalNoteOut(BaseModel):
    """A signed progress note. Psychotherapy notes and drafts are never part of the record."""

    id: str
    session_date: date
    format: str
    body: str
    sections: dict[str, str]
    author: str
    signed_at: datetime | None
    addenda: list[PortalAddendumOut]


class PortalRecordOut(BaseModel):
    exported_at: datetime
    demographics: dict[str, str]
    contacts: dict[str, str]
    appointments: list[PortalAppointmentOut]
    progress_notes: list[PortalNoteOut]


class PortalConsentOut(BaseModel):
    status: ConsentStatusOut
    form: ConsentFormOut | None  # None until the practice publishes a form
    signatures: list[SignatureOut]


class AccessVisitOut(BaseModel):
    """One look at the client's chart by one staff member (reads within a short gap)."""

    first_at: datetime
    last_at: datetime
    staff_name: str
    staff_role: str
    basis: str  # care-team, supervision, break-glass, billing-role, practice-administration
    viewed: list[str]
    stated_reason: str  # break-glass only: the reason the staff member gave
