"""Dates: every element but the year, in every common written form; and shifting them."""

from __future__ import annotations

from datetime import date

import pytest

from closeddoor.deid import Label
from closeddoor.deid.dates import parse_date_text, shift_date_text
from tests.unit.deid.helpers import covered, label_of, untouched

FORMS = ["3/14/2024", "03/14/2024", "3/14/24", "03-14-24", "2024-03-14", "14.03.2024",
         "3.14.24", "March 14th", "March 14", "March 14, 2024", "14 March 2024", "Mar. 14",
         "Mar 14, 2024", "Tuesday, March 14", "14th of March", "March 2024", "Mar 2024",
         "3/14", "Dec 24-26, 2023", "MARCH 14", "Jan '24", "march 14, 2024", "dec 3"]


@pytest.mark.parametrize("written", FORMS)
def test_date_found_when_written_any_common_way(written: str) -> None:
    text = f"Client was seen on {written} for an intake."
    assert covered(text, written)
    assert label_of(text, written) is Label.DATE


@pytest.mark.parametrize(("text", "element"), [
    ("She moved out in March.", "March"), ("Improved since August.", "August"),
    ("We meet again on the 14th.", "14th"), ("She dreads Christmas this year.", "Christmas"),
    ("Around Thanksgiving she relapsed.", "Thanksgiving"), ("In May she moved.", "May"),
    ("Last seen early May.", "May")])
def test_month_alone_ordinal_day_and_holiday_found(text: str, element: str) -> None:
    assert covered(text, element)


@pytest.mark.parametrize(("text", "plain"), [
    ("Sober since 2019 and proud.", "2019"),
    ("She may call later.", "may"),
    ("May I ask a question?", "May"),
    ("We met last Tuesday.", "Tuesday"),
    ("Worse every winter and in the fall.", "winter"),
    ("Rated urge 6/10 on Monday and 3/10 by Friday.", "3/10"),
    ("Took 1/2 tablet.", "1/2"),
    ("Available 24/7 by phone.", "24/7"),
    ("It was the 3rd session.", "3rd"),
    ("Session at 3:00 pm.", "3:00"),
    ("She will march in the parade.", "march"),
])
def test_non_dates_not_flagged(text: str, plain: str) -> None:
    assert untouched(text, plain)


def test_iso_date_found_when_a_time_follows() -> None:
    assert covered("Signed 2024-03-14T10:30 by the clinician.", "2024-03-14")


def test_rating_shaped_date_found_when_a_date_cue_precedes() -> None:
    assert covered("Next session on 3/10 at noon.", "3/10")


@pytest.mark.parametrize(("written", "days", "expected"), [
    ("3/14/2024", 10, "3/24/2024"),
    ("03/14/2024", 20, "04/03/2024"),
    ("03-14-24", -14, "02-29-24"),
    ("2024-03-14", 365, "2025-03-14"),
    ("14.03.2024", 1, "15.03.2024"),
    ("March 14th", 8, "March 22nd"),
    ("Mar. 14", 31, "Apr. 14"),
    ("14 March 2024", -20, "23 February 2024"),
    ("Tuesday, March 14, 2023", 1, "Wednesday, March 15, 2023"),
    ("Tuesday, March 14", 2, "Thursday, March 16"),
    ("March 2024", 31, "April 2024"),
    ("MARCH 14", 1, "MARCH 15"),
    ("14th", 3, "17th"),
    ("Dec 24-26, 2023", 10, "Jan 3-5, 2024"),
])
def test_shifted_date_keeps_its_written_form(written: str, days: int, expected: str) -> None:
    assert shift_date_text(written, days) == expected


def test_holiday_cannot_be_shifted() -> None:
    assert shift_date_text("Christmas", 30) is None


def test_parse_reads_full_dates_only() -> None:
    assert parse_date_text("March 14, 2024") == date(2024, 3, 14)
    assert parse_date_text("3/14/24") == date(2024, 3, 14)
    assert parse_date_text("March 14") is None
