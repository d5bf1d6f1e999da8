"""The practice's local time and the calendar's pure rules: DST gaps refused, folds resolved to
the first occurrence, a series keeping its wall-clock time across a change, touching sessions
not clashing, the late-cancel window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.localtime import day_bounds, is_ambiguous, is_gap, parse_instant, to_utc, zone
from closeddoor.records.model import NewAppointment
from closeddoor.records.schedule import (
    Repeat,
    SeriesRule,
    is_late_cancel,
    occurrences,
    overlaps,
    shift_keeping_wall_time,
)

CHICAGO = ZoneInfo("America/Chicago")


def test_zone_accepts_iana_names_and_refuses_others() -> None:
    assert str(zone("America/Chicago")) == "America/Chicago"
    assert str(zone("UTC")) == "UTC"
    for bad in ("", "Mars/Olympus", "../../etc/passwd", "America/chicago ", "x" * 100):
        with pytest.raises(InvalidInput, match=r"^time_zone:"):
            zone(bad)


def test_a_time_in_the_spring_forward_gap_is_refused_with_a_clear_message() -> None:
    wall = datetime(2026, 3, 8, 2, 30)  # US clocks go 02:00 -> 03:00 that night
    assert is_gap(wall, CHICAGO)
    with pytest.raises(InvalidInput, match=r"^starts_at: 2026-03-08 02:30 does not exist"):
        to_utc(wall, CHICAGO, field="starts_at")
    assert not is_gap(datetime(2026, 3, 8, 3, 30), CHICAGO)


def test_an_ambiguous_fall_back_time_takes_the_first_occurrence() -> None:
    wall = datetime(2026, 11, 1, 1, 30)  # 01:30 happens twice in Chicago
    assert is_ambiguous(wall, CHICAGO)
    assert to_utc(wall, CHICAGO) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # CDT, UTC-5
    assert not is_ambiguous(datetime(2026, 11, 1, 3, 0), CHICAGO)


def test_iso_with_offset_is_that_instant_and_naive_is_practice_local() -> None:
    assert parse_instant("2026-01-05T10:00:00+00:00", CHICAGO, field="t") == \
        datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    assert parse_instant("2026-01-05T10:00", CHICAGO, field="t") == \
        datetime(2026, 1, 5, 16, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput, match=r"^t:"):
        parse_instant("next tuesday", CHICAGO, field="t")


def test_the_day_the_clocks_change_is_23_hours_long() -> None:
    start, end = day_bounds(date(2026, 3, 8), CHICAGO)
    assert end - start == timedelta(hours=23)


def test_a_weekly_series_keeps_its_local_time_across_the_dst_change() -> None:
    rule = SeriesRule.parse("weekly", None, 3)
    starts = occurrences(datetime(2026, 3, 2, 10, 0), CHICAGO, rule)
    assert [s.astimezone(CHICAGO).hour for s in starts] == [10, 10, 10]
    assert [s.hour for s in starts] == [16, 15, 15]  # the UTC instants shift by the hour


def test_every_other_week_until_a_date_includes_that_date() -> None:
    rule = SeriesRule.parse("fortnightly", "2026-02-02", None)
    starts = occurrences(datetime(2026, 1, 5, 9, 0), CHICAGO, rule)
    assert [s.astimezone(CHICAGO).date() for s in starts] == [
        date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2)]


def test_a_series_landing_in_a_gap_is_refused_naming_the_date() -> None:
    rule = SeriesRule(Repeat.WEEKLY, count=2)
    with pytest.raises(InvalidInput, match="2026-03-08 02:30 does not exist"):
        occurrences(datetime(2026, 3, 1, 2, 30), CHICAGO, rule)


@pytest.mark.parametrize(("repeat", "until", "count", "field"), [
    ("daily", None, 3, "repeat"),
    ("weekly", None, None, "repeat_until"),
    ("weekly", "2026-02-01", 3, "repeat_until"),
    ("weekly", None, 1, "repeat_count"),
    ("weekly", None, 53, "repeat_count"),
    ("weekly", "soon", None, "repeat_until"),
])
def test_series_rule_errors_name_the_field(repeat: str, until: str | None, count: int | None,
                                           field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^{field}:"):
        SeriesRule.parse(repeat, until, count)


def test_a_year_long_until_is_capped() -> None:
    with pytest.raises(InvalidInput, match="at most 52"):
        occurrences(datetime(2026, 1, 5, 9, 0), CHICAGO,
                    SeriesRule.parse("weekly", "2028-01-01", None))


def test_touching_sessions_do_not_overlap_but_one_minute_in_does() -> None:
    nine = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    ten = nine + timedelta(hours=1)
    assert not overlaps(nine, ten, ten, ten + timedelta(minutes=50))
    assert overlaps(nine, ten + timedelta(minutes=1), ten, ten + timedelta(minutes=50))
    assert overlaps(nine, ten, nine + timedelta(minutes=10), nine + timedelta(minutes=20))


def test_late_cancel_window() -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert is_late_cancel(start - timedelta(hours=23), start, 24)
    assert not is_late_cancel(start - timedelta(hours=25), start, 24)
    assert is_late_cancel(start + timedelta(minutes=5), start, 24)  # after the start
    assert not is_late_cancel(start - timedelta(minutes=1), start, 0)


def test_this_and_following_moves_each_by_the_same_wall_clock_change() -> None:
    old_first = to_utc(datetime(2026, 3, 2, 10, 0), CHICAGO)
    later = to_utc(datetime(2026, 3, 16, 10, 0), CHICAGO)  # after the change
    new_first = to_utc(datetime(2026, 3, 2, 11, 30), CHICAGO)
    moved = shift_keeping_wall_time(later, new_first, CHICAGO, old_first)
    assert moved.astimezone(CHICAGO).replace(tzinfo=None) == datetime(2026, 3, 16, 11, 30)


def test_new_appointment_reads_a_naive_time_in_the_practice_zone_and_reports_all_errors(
) -> None:
    appt = NewAppointment.parse({"starts_at": "2026-01-05T10:00"}, CHICAGO)
    assert appt.starts_at == datetime(2026, 1, 5, 16, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput) as raised:
        NewAppointment.parse({"starts_at": "2026-03-08T02:15", "cpt_code": "9", "fee_cents": -1},
                             CHICAGO)
    message = str(raised.value)
    assert "starts_at:" in message and "cpt_code:" in message and "fee_cents:" in message
    with pytest.raises(InvalidInput, match="telehealth_link: a web address"):
        NewAppointment.parse({"starts_at": "2026-01-05T10:00", "modality": "telehealth",
                              "telehealth_link": "javascript:alert(1)"}, CHICAGO)
