"""Wire models for charts: clients, care teams and appointments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict


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
    # https:// address of the video room (telehealth only); sealed under the client's key.
    telehealth_link: str = Field(default="", max_length=500)
    # A series: "weekly" or "fortnightly" (every other week), until a date or for a count.
    repeat: Literal["none", "weekly", "fortnightly"] = "none"
    repeat_until: date | None = None
    repeat_count: int | None = None


class AppointmentChangeIn(Strict):
    """A reschedule or edit; `scope` "following" changes this session and the rest of its
    series. A `starts_at` without an offset is read in the practice's time zone."""

    starts_at: datetime
    duration_minutes: int = 50
    modality: Literal["in_person", "telehealth"] = "in_person"
    room: str = Field(default="", max_length=60)
    cpt_code: str = Field(default="", max_length=5)
    icd10_code: str = Field(default="", max_length=8)
    fee_cents: int = 0
    clinician_id: str | None = Field(default=None, max_length=36)
    telehealth_link: str = Field(default="", max_length=500)
    scope: Literal["one", "following"] = "one"


class AppointmentCancelIn(Strict):
    scope: Literal["one", "following"] = "one"


class AppointmentCancelled(BaseModel):
    status: str


class AppointmentStatusIn(Strict):
    status: Literal["scheduled", "attended", "cancelled", "late_cancelled", "no_show"]


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
    series_id: str = ""
    telehealth_link: str = ""
    # Under a self-pay restriction (45 CFR 164.522(a)(1)(vi)): not to be billed to the plan.
    paid_by_client: bool = False
