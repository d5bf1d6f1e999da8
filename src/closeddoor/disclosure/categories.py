"""What may leave the practice: a closed list, the "specific description" of 164.508(c)(1)(i)."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    DEMOGRAPHICS = "demographics"
    ATTENDANCE = "attendance"
    DIAGNOSIS = "diagnosis"
    TREATMENT_SUMMARY = "treatment_summary"
    PROGRESS_NOTES = "progress_notes"
    TEST_RESULTS = "test_results"
    PSYCHOTHERAPY_NOTES = "psychotherapy_notes"


CATEGORY_TITLES: dict[Category, str] = {
    Category.DEMOGRAPHICS: "Demographics and contact details",
    Category.ATTENDANCE: "Dates of attendance",
    Category.DIAGNOSIS: "Diagnosis",
    Category.TREATMENT_SUMMARY: "Treatment plan and progress summary",
    Category.PROGRESS_NOTES: "Progress notes",
    Category.TEST_RESULTS: "Psychological test results",
    Category.PSYCHOTHERAPY_NOTES: "Psychotherapy notes",
}

# Categories whose content is dated, so an authorization's date range limits them.
DATED = frozenset({Category.ATTENDANCE, Category.DIAGNOSIS, Category.PROGRESS_NOTES,
                   Category.PSYCHOTHERAPY_NOTES})
# Categories that need a date range: notes without one would mean "the whole chart".
NEEDS_RANGE = frozenset({Category.PROGRESS_NOTES, Category.PSYCHOTHERAPY_NOTES})
# Written by the clinician for this disclosure; closeddoor keeps no such record to copy from.
WRITTEN_FOR_DISCLOSURE = frozenset({Category.TREATMENT_SUMMARY, Category.TEST_RESULTS})


def describe(categories: tuple[Category, ...]) -> str:
    return "; ".join(CATEGORY_TITLES[c] for c in categories)
