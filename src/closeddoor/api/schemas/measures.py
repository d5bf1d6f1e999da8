"""Wire models for outcome measures (docs/measures.md): mapped field by field from the views."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, StrictInt

from closeddoor.api.schemas.common import Strict


class MeasureIn(Strict):
    instrument: str = Field(max_length=16, description='"PHQ-9", "GAD-7" or "PCL-5"')
    # Whole numbers only (true/false or "2" are refused); the range is the instrument's and
    # is checked by the service, naming each question (`item_N`).
    answers: list[StrictInt] = Field(max_length=40)


class MeasureOut(Strict):
    id: str
    instrument: str
    score: int
    severity: str  # the published band, lower case ("moderately severe")
    safety_flag: bool  # PHQ-9 question 9 answered above 0
    answers: list[int]
    taken_at: datetime
    source: str  # session | portal


class MeasureRequestIn(Strict):
    instrument: str = Field(max_length=16)


class MeasureRequestOut(Strict):
    id: str
    instrument: str
    requested_at: datetime


class SafetyFlagOut(Strict):
    id: str
    measure_id: str
    instrument: str
    raised_at: datetime
    reviewed_at: datetime | None
    reviewed_by: str
