"""Wire models for the client portal: a client's own record (no model takes a client id)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from closeddoor.api.schemas.consent import ConsentFormOut, ConsentStatusOut, SignatureOut


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
