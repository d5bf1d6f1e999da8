"""Wire models for amendment requests (45 CFR 164.526). Inputs take text as sent; the rules in
closeddoor.amendments name each problem by its field."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict

LONG = 8000


class AmendmentRequestIn(Strict):
    """The client's request (portal), or a written one staff record (`received_on`)."""

    target: str = Field(default="note", max_length=16)
    note_id: str | None = Field(default=None, max_length=64)
    change: str | None = Field(default=None, max_length=LONG)
    reason: str | None = Field(default=None, max_length=LONG)


class PaperAmendmentRequestIn(AmendmentRequestIn):
    received_on: date | None = None


class ExtensionIn(Strict):
    reason: str | None = Field(default=None, max_length=LONG)


class ExtensionOut(BaseModel):
    due_on: date


class AnswerIn(Strict):
    decision: str = Field(max_length=16)  # accept | deny
    amendment: str | None = Field(default=None, max_length=LONG)
    ground: str | None = Field(default=None, max_length=64)
    explanation: str | None = Field(default=None, max_length=LONG)


class DisagreementIn(Strict):
    statement: str | None = Field(default=None, max_length=LONG)


class RebuttalIn(Strict):
    rebuttal: str | None = Field(default=None, max_length=LONG)


class AmendmentOut(BaseModel):
    id: str
    target: str  # note | details
    note_id: str | None
    note_session_date: date | None
    received_via: str  # portal | paper
    requested_at: datetime
    change: str
    reason: str
    status: str  # open | accepted | denied
    due_on: date  # the 60 days (164.526(b)(2))
    extended_due_on: date | None  # the one 30-day extension
    extension_reason: str
    overdue: bool
    ground: str | None  # a 164.526(a)(2) code, for a denial
    ground_text: str
    response: str  # the accepted amendment, or the denial's explanation
    decided_at: datetime | None
    disagreement: str
    disagreement_at: datetime | None
    rebuttal: str
    rebuttal_at: datetime | None
    # 164.526(d)(5)(ii): when the client asked that the request and its denial go with later
    # disclosures (no statement of disagreement filed), or null.
    travels_asked_at: datetime | None = None
    rights: list[str]  # what a denial tells the client (164.526(d)(1)(ii)-(iv)); empty otherwise


class AmendmentQueueOut(BaseModel):
    id: str
    client_id: str
    note_id: str | None
    received_via: str
    requested_at: datetime
    due_on: date
    extended: bool
    overdue: bool
