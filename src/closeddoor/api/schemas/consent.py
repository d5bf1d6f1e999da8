"""Wire models for consent, optional consents and portal invitations (staff side)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict

SignerKind = Literal["client", "guardian", "representative"]
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
    representative_id: str = Field(default="", max_length=36)  # signer_kind "representative"


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
    reminders_may_name_service: bool = False
    reminder_phone: str = Field(default="", max_length=40)
    reminder_email: str = Field(default="", max_length=200)


class PreferencesOut(BaseModel):
    telehealth: str
    recording: str
    teaching: str
    voicemail: bool
    text_reminders: bool
    email_reminders: bool
    reminders_may_name_service: bool
    reminder_phone: str
    reminder_email: str


class InvitationOut(BaseModel):
    """Where the invitation went; the link itself went only to the client's e-mail address."""

    sent_to: str = Field(description="the client's e-mail address on file, masked "
                                     "(s***@example.org)")
    expires_at: datetime
