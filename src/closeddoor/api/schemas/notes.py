"""Wire models for progress notes, psychotherapy notes and addenda."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict


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
    cosigned_by: str | None = None
    cosigned_at: datetime | None = None


class CosignQueueOut(BaseModel):
    """A supervisee's signed note waiting for co-signature: ids and dates, never text."""

    note_id: str
    client_id: str
    author_id: str
    session_date: date
    signed_at: datetime
