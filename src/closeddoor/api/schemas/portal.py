"""Wire models for the client portal: a client's own record (no model takes a client id)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict
from closeddoor.api.schemas.consent import ConsentFormOut, ConsentStatusOut, SignatureOut
from closeddoor.api.schemas.intake import IntakeFormOut


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
    # Accepted amendments; a denial with the client's statement and any rebuttal (164.526).
    amendments: list[str] = []


class PortalRecordOut(BaseModel):
    exported_at: datetime
    demographics: dict[str, str]
    contacts: dict[str, str]
    appointments: list[PortalAppointmentOut]
    progress_notes: list[PortalNoteOut]
    details_amendments: list[str] = []  # amendments of the details (164.526), as for notes


class PortalConsentOut(BaseModel):
    status: ConsentStatusOut
    form: ConsentFormOut | None  # None until the practice publishes a form
    signatures: list[SignatureOut]  # the newest page; the rest from /me/consent/signatures
    signatures_next_cursor: str | None = None  # that list's next page, if there is one


class AccessVisitOut(BaseModel):
    """One look at the client's chart by one staff member (reads within a short gap)."""

    first_at: datetime
    last_at: datetime
    staff_name: str
    staff_role: str
    basis: str  # care-team, supervision, break-glass, billing-role, practice-administration
    viewed: list[str]
    stated_reason: str  # break-glass only: the reason the staff member gave


# --- upcoming sessions and intake (docs/intake.md) ----------------------------------------------
class PortalSessionOut(BaseModel):
    """One upcoming session: times in the client's zone (with its offset) and in UTC."""

    id: str
    starts_at: datetime  # local, with the zone's offset
    ends_at: datetime
    starts_at_utc: datetime
    ends_at_utc: datetime
    place: str  # the room, "video session", or "" (ask the office)
    clinician: str
    can_cancel: bool  # the practice allows it and the session is outside the window


class PortalSessionsOut(BaseModel):
    time_zone: str  # the client's portal choice, else the practice's (IANA name)
    cancellation_allowed: bool  # the practice's setting
    late_cancel_hours: int
    sessions: list[PortalSessionOut]


class PortalCancellationOut(BaseModel):
    status: str  # cancelled | late_cancelled


class PortalIntakePacketOut(BaseModel):
    """One of the client's intake packets (no answers in the list)."""

    id: str
    status: str  # sent | draft | submitted | reviewed
    form_number: int
    form_title: str
    sent_at: datetime
    saved_at: datetime | None
    submitted_at: datetime | None


class PortalIntakeDraftOut(PortalIntakePacketOut):
    """A packet with its form, page by page, and the client's answers so far."""

    form: IntakeFormOut
    answers: dict[str, str]


class PortalIntakePageIn(Strict):
    """One page's answers (`page`: its key, as in the form's pages), by field key (fields not
    on the page are ignored; an empty answer clears it in a draft)."""

    page: str = Field(max_length=32)
    answers: dict[str, Annotated[str, Field(max_length=20000)]] = Field(max_length=60)


class PortalIntakeSubmissionIn(Strict):
    """Submit: optionally save one last page first (`page` with its `answers`)."""

    page: str = Field(default="", max_length=32)
    answers: dict[str, Annotated[str, Field(max_length=20000)]] = Field(default_factory=dict,
                                                                       max_length=60)
