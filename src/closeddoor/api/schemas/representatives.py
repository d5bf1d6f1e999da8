"""Wire models for personal representatives and minor-consent findings (45 CFR 164.502(g))."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict


class RepresentativeIn(Strict):
    kind: str = Field(max_length=32)  # guardian | health-care-agent | parent
    name: str = Field(max_length=200)
    document_date: str = Field(max_length=10)  # YYYY-MM-DD, the date on the document
    document: str = Field(default="", max_length=300)  # what the document is
    scope: list[str] = Field(max_length=3)  # consent | authorizations | records
    email: str = Field(default="", max_length=254)  # their own, for a portal invitation


class RepresentativeOut(BaseModel):
    id: str
    kind: str
    name: str
    document_date: date
    document: str
    scope: list[str]
    status: str  # active | ended | refused
    email: str  # the representative's own address on file ("" when none)
    portal: str  # their own portal account: "" (none), active or revoked
    recorded_at: datetime
    ended_at: datetime | None
    refused_at: datetime | None


class RefusalIn(Strict):
    reason: str = Field(max_length=2000)  # the 164.502(g)(5) determination


class FindingIn(Strict):
    ground: str = Field(max_length=400)  # one of the jurisdiction's minor_consent_grounds
    note: str = Field(max_length=2000)


class FindingOut(BaseModel):
    id: str
    jurisdiction: str
    ground: str
    recorded_at: datetime
    recorded_by: str
    withdrawn_at: datetime | None
