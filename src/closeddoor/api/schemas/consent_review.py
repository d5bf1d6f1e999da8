"""Wire models for the consent form's review and the signed text (issue 11's consent promises).

They extend its consent version models with the review record,
the text hashes that tell a stale version, and the jurisdiction facts' review notes.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from closeddoor.api.schemas.common import Strict
from closeddoor.api.schemas.consent import ConsentDocumentOut, ConsentVersionOut
from closeddoor.consent.jurisdictions import Jurisdiction
from closeddoor.consent.service import VersionSummary


class ReviewIn(Strict):
    """Who reviewed the draft's text (in words, e.g. "Counsel A. Example, Example LLP"), the
    day of the review, and the SHA-256 of the text reviewed (the preview's `text_sha256`)."""

    reviewed_by: str = Field(max_length=200)
    reviewed_on: str = Field(max_length=10)  # YYYY-MM-DD
    text_sha256: str = Field(max_length=64)


class ReviewOut(BaseModel):
    reviewed_by: str
    reviewed_on: date
    text_sha256: str
    recorded_by: str
    recorded_at: datetime


class VersionReviewFields(BaseModel):
    review: ReviewOut | None
    review_is_current: bool  # the review is of the text as it renders now
    text_sha256: str  # the text published ("" for a draft)
    rendered_sha256: str  # the text as it renders now for this practice
    is_stale: bool  # published, but the practice name or the law's facts changed since
    is_demo: bool  # `closeddoor demo`'s form, published unreviewed (its text says so)


class ConsentVersionReviewedOut(ConsentVersionOut, VersionReviewFields):
    pass


class FactReviewOut(BaseModel):
    key: str
    value: str | int
    citation: str
    summary: str
    review_note: str  # the compilers' doubts for the practice's counsel ("" when none)


class JurisdictionReviewOut(BaseModel):
    code: str
    name: str
    compiled_on: date
    review_status: str  # who compiled the facts from what, and the review they still need
    facts: list[FactReviewOut]


class ConsentVersionDetailOut(ConsentDocumentOut, VersionReviewFields):
    jurisdiction: JurisdictionReviewOut


def review_fields(summary: VersionSummary) -> dict[str, object]:
    review = summary.review
    return {
        "review": None if review is None else ReviewOut(
            reviewed_by=review.reviewed_by, reviewed_on=review.reviewed_on,
            text_sha256=review.text_sha256, recorded_by=review.recorded_by,
            recorded_at=review.recorded_at),
        "review_is_current": summary.review_is_current, "text_sha256": summary.text_sha256,
        "rendered_sha256": summary.rendered_sha256, "is_stale": summary.is_stale,
        "is_demo": summary.is_demo}


def jurisdiction_review_out(jurisdiction: Jurisdiction) -> JurisdictionReviewOut:
    return JurisdictionReviewOut(
        code=jurisdiction.code, name=jurisdiction.name, compiled_on=jurisdiction.compiled_on,
        review_status=jurisdiction.review_status,
        facts=[FactReviewOut(key=f.key, value=f.value, citation=f.citation, summary=f.summary,
                             review_note=f.review_note) for f in jurisdiction.facts.values()])
