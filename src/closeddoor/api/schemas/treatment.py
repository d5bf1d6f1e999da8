"""Wire models for the problem list and treatment plans. Inputs take values as sent; the rules
in closeddoor.treatment name each problem by its field."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict

Text = str | None


class CodeOut(BaseModel):
    code: str
    description: str


class ProblemIn(Strict):
    code: str = Field(default="", max_length=10)  # a billable ICD-10-CM code, e.g. F32.1
    onset_on: Text = Field(default=None, max_length=10)
    primary: bool = False


class ResolutionIn(Strict):
    resolved_on: Text = Field(default=None, max_length=10)


class ProblemOut(BaseModel):
    id: str
    code: str
    description: str
    onset_on: date | None
    resolved_on: date | None
    status: str  # active | resolved
    primary: bool


class PlanIn(Strict):
    """A whole plan: `review_on` and `problems`, each {code (on the problem list), goals: [{id
    (kept from the revision before, or empty), text, measure (PHQ-9, GAD-7, PCL-5 or empty),
    target (the score to get below), criterion (when no measure), target_on, objectives: [{text,
    target_on, interventions: [{text, modality}]}]}]}."""

    review_on: Text = Field(default=None, max_length=10)
    problems: list[dict[str, Any]] = Field(default_factory=list, max_length=20)


class PlanSignatureOut(BaseModel):
    signer_kind: str
    signed_at: datetime
    signed_by: str
    text_sha256: str


class PlanSummaryOut(BaseModel):
    id: str
    revision: int
    created_at: datetime
    review_on: date
    state: str  # draft | awaiting-client | signed
    text_sha256: str
    is_latest: bool


class PlanOut(PlanSummaryOut):
    text: str  # the canonical text both signatures bind to
    document: dict[str, Any]
    signatures: list[PlanSignatureOut]


class PlanSignIn(Strict):
    text_sha256: str = Field(default="", max_length=64)  # of the text the signer was shown


class PortalPlanSignIn(PlanSignIn):
    signer_name: str = Field(default="", max_length=200)


class NoteGoalsIn(Strict):
    goal_ids: list[str] = Field(default_factory=list, max_length=50)


class NoteGoalsOut(BaseModel):
    goal_ids: list[str]
