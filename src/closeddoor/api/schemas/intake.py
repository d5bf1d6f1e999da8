"""Wire models for intake packets (docs/intake.md): mapped field by field from the views."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class IntakePacketOut(BaseModel):
    id: str
    status: str  # sent | draft | submitted | reviewed
    form_number: int
    form_title: str
    sent_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None
    contacts_accepted_at: datetime | None
    answers: dict[str, str]  # empty until the client submits


class ContactsAccepted(BaseModel):
    changed: int
