"""Wire models for the Notice of Privacy Practices (45 CFR 164.520)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict
from closeddoor.api.schemas.consent_review import ReviewOut


class NoticeSectionIn(Strict):
    key: str = Field(max_length=40)
    title: str = Field(max_length=300)
    body: str = Field(max_length=20_000)  # a blank line starts a paragraph; "- " a list item
    citations: list[str] = Field(default_factory=list, max_length=20)


class NoticeDocumentIn(Strict):
    """A draft's whole text. The practice's name and jurisdiction are the draft's own."""

    title: str = Field(max_length=300)
    contact: str = Field(default="", max_length=1000)  # 164.520(b)(1)(vii)
    effective_on: str = Field(default="", max_length=10)  # YYYY-MM-DD, 164.520(b)(1)(viii)
    sections: list[NoticeSectionIn] = Field(max_length=40)


class NoticeSectionOut(BaseModel):
    key: str
    title: str
    body: str
    citations: list[str]


class NoticeVersionOut(BaseModel):
    id: str
    number: int
    status: str
    is_current: bool
    is_demo: bool
    created_at: datetime
    published_at: datetime | None
    review: ReviewOut | None
    review_is_current: bool
    text_sha256: str  # the text published ("" for a draft)
    rendered_sha256: str  # the text as it reads now: a review quotes this
    problems: list[str]  # elements of 164.520(b)(1) still missing (review is refused until none)


class NoticeVersionDetailOut(NoticeVersionOut):
    title: str
    practice_name: str
    jurisdiction_code: str
    contact: str
    effective_on: date | None
    sections: list[NoticeSectionOut]
    canonical_text: str
    review_notes: list[str]  # the default text's notes for the practice's counsel


class AcknowledgmentIn(Strict):
    version_id: str = Field(max_length=36)
    text_sha256: str = Field(max_length=64)
    signer_name: str = Field(default="", max_length=10_000)  # who signed in the office


class EffortIn(Strict):
    version_id: str = Field(max_length=36)
    text_sha256: str = Field(max_length=64)
    effort: str = Field(max_length=10_000)
    reason: str = Field(max_length=10_000)


class PortalAcknowledgmentIn(Strict):
    version_id: str = Field(max_length=36)
    text_sha256: str = Field(max_length=64)


class NoticeStatusOut(BaseModel):
    # acknowledged | effort-documented | earlier-version | not-recorded | no-published-notice
    state: str
    current_version: int | None
    recorded_version: int | None
    recorded_kind: str
    recorded_at: datetime | None
    has_session: bool
    needs_attention: bool  # a session took place and nothing was ever recorded


class AcknowledgmentOut(BaseModel):
    id: str
    version_number: int
    kind: str
    method: str
    text_sha256: str
    recorded_at: datetime
    signer_name: str
    effort: str
    reason: str


class ClientNoticeOut(BaseModel):
    status: NoticeStatusOut
    records: list[AcknowledgmentOut]  # the newest page; the rest from .../notice/acknowledgments
    records_next_cursor: str | None = None  # that list's next page, if there is one


class CurrentNoticeOut(BaseModel):
    version_id: str
    version_number: int
    title: str
    text_sha256: str  # an acknowledgment quotes this
    canonical_text: str


class PortalNoticeOut(BaseModel):
    notice: CurrentNoticeOut | None
    status: NoticeStatusOut
    records: list[AcknowledgmentOut]  # the newest page; the rest from /me/notice/acknowledgments
    records_next_cursor: str | None = None  # that list's next page, if there is one
