"""The review-before-publishing rules shared by the consent form and the privacy notice."""

from __future__ import annotations

from datetime import date

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.review import checked_review

TODAY = date(2026, 3, 10)


def test_review_kept_with_whitespace_folded_when_valid() -> None:
    assert checked_review("  Synthetic   Counsel ", "2026-03-10", TODAY) == (
        "Synthetic Counsel", TODAY)


@pytest.mark.parametrize(("reviewer", "day", "field"), [
    ("", "2026-03-01", "reviewed_by"),
    ("x" * 201, "2026-03-01", "reviewed_by"),
    ("Counsel", "01/03/2026", "reviewed_on"),
    ("Counsel", "2026-03-11", "reviewed_on"),
])
def test_review_refused_naming_field_when_invalid(reviewer: str, day: str, field: str) -> None:
    with pytest.raises(InvalidInput, match=f"^{field}:"):
        checked_review(reviewer, day, TODAY)
