"""Review before publishing, shared by the texts a practice gives its clients (the consent form,
the Notice of Privacy Practices): the owner records who reviewed the exact text (in words, e.g.
the practice's counsel), on what day, and the SHA-256 of the text reviewed; publishing is refused
unless that review is of the very text published. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from closeddoor.errors import InvalidInput


@dataclass(frozen=True)
class ReviewRecord:
    """Who reviewed a version's text (in words, e.g. the practice's counsel), on what day, and
    the SHA-256 of the text they reviewed; who recorded it in closeddoor, and when."""

    reviewed_by: str
    reviewed_on: date
    text_sha256: str
    recorded_by: str
    recorded_at: datetime


def checked_review(reviewed_by: str, reviewed_on: str, today: date) -> tuple[str, date]:
    """The reviewer (whitespace folded) and the day, or InvalidInput naming the field."""
    reviewer = " ".join(str(reviewed_by).split())
    if not reviewer or len(reviewer) > 200:
        raise InvalidInput("reviewed_by: say who reviewed the text, e.g. the practice's "
                           "counsel (at most 200 characters)")
    try:
        day = date.fromisoformat(str(reviewed_on))
    except ValueError:
        raise InvalidInput("reviewed_on: the day of the review, as YYYY-MM-DD") from None
    if day > today:
        raise InvalidInput("reviewed_on: the review cannot be in the future")
    return reviewer, day


def review_columns(reviewer: str, day: date, sha256: str, actor_id: str,
                   now: datetime) -> dict[str, object]:
    """The review's columns, named alike in every versions table."""
    return {"reviewed_by": reviewer, "reviewed_on": day, "reviewed_sha256": sha256,
            "review_recorded_by": actor_id, "review_recorded_at": now}


CLEARED_REVIEW: dict[str, object] = {"reviewed_by": None, "reviewed_on": None,
                                     "reviewed_sha256": None, "review_recorded_by": None,
                                     "review_recorded_at": None}
