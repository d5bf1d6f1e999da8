"""Wire models for intake packets (docs/intake.md): mapped field by field from the views."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict


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


class IntakeFieldOut(BaseModel):
    key: str
    label: str
    kind: str  # text | long_text | choice | date | yes_no
    required: bool
    choices: list[str]
    hint: str


class IntakePageOut(BaseModel):
    key: str
    title: str
    fields: list[IntakeFieldOut]


class IntakeFormOut(BaseModel):
    """A version of the practice's intake form: what the client is asked, page by page."""

    number: int  # 0: the built-in form, not yet published
    title: str
    sections: list[str]
    questions: str  # the practice's own questions in the editor's one-a-line syntax
    pages: list[IntakePageOut]


class IntakeFormIn(Strict):
    """A new version for the owner to publish (the editor's three fields)."""

    title: str = Field(max_length=200)
    sections: list[str] = Field(default_factory=list, max_length=20)
    questions: str = Field(default="", max_length=20000)


class IntakeFormPublished(BaseModel):
    number: int
