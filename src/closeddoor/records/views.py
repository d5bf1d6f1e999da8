"""What the services hand to adapters: plain, already-authorized values (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class ClientSummary:
    client_id: str
    display_name: str
    date_of_birth: date | None  # None when the row is withheld (it cannot be decrypted)


@dataclass(frozen=True)
class CareTeamMember:
    membership_id: str
    user_id: str
    display_name: str
    team_role: str
    starts_at: datetime
    ends_at: datetime | None


@dataclass(frozen=True)
class ClientRecord:
    client_id: str
    demographics: dict[str, str]
    contacts: dict[str, str]
    care_team: list[CareTeamMember]
    access_basis: str  # why this actor may see it: care-team, supervision, break-glass, ...
    created_at: datetime


@dataclass(frozen=True)
class AppointmentView:
    appointment_id: str
    client_id: str
    clinician_id: str
    starts_at: datetime
    duration_minutes: int
    modality: str
    status: str
    details: dict[str, Any]
    series_id: str = ""
    # Under a self-pay restriction (45 CFR 164.522(a)(1)(vi)): paid by the client, not to be
    # billed to the health plan.
    paid_by_client: bool = False

    @property
    def room(self) -> str:
        return str(self.details.get("room", ""))


@dataclass(frozen=True)
class AddendumView:
    addendum_id: str
    author_id: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class NoteView:
    note_id: str
    client_id: str
    kind: str  # progress | psychotherapy
    author_id: str
    session_date: date
    body: str
    note_format: str = "free"
    sections: dict[str, str] = field(default_factory=dict)
    status: str = "draft"
    appointment_id: str | None = None
    created_at: datetime | None = None
    signed_at: datetime | None = None
    addenda: list[AddendumView] = field(default_factory=list)
    cosigned_by: str | None = None  # the supervisor who co-signed the signed note, if any
    cosigned_at: datetime | None = None


@dataclass(frozen=True)
class BreakGlassView:
    grant_id: str
    client_id: str
    actor_id: str
    reason: str
    opened_at: datetime
    expires_at: datetime
    reviewed_at: datetime | None
    reviewed_by: str | None
    review_comment: str | None
