"""When reminders go out (pure; closeddoor.reminders.schedule and settings)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.reminders import schedule
from closeddoor.reminders.schedule import QuietHours
from closeddoor.reminders.settings import ReminderSettings

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


@pytest.mark.parametrize(("offset", "due"), [
    (timedelta(minutes=1), True), (DAY, True), (DAY + timedelta(seconds=1), False),
    (timedelta(0), False), (-timedelta(minutes=5), False)])
def test_due_within_the_lead_time_and_before_the_start(offset: timedelta, due: bool) -> None:
    assert schedule.is_due(NOW + offset, NOW, DAY) is due


@pytest.mark.parametrize(("hour", "minute", "quiet"), [
    (20, 59, False), (21, 0, True), (23, 30, True), (0, 0, True), (7, 59, True), (8, 0, False),
    (12, 0, False)])
def test_quiet_hours_wrap_midnight(hour: int, minute: int, quiet: bool) -> None:
    moment = NOW.replace(hour=hour, minute=minute)
    assert QuietHours(21 * 60, 8 * 60).contains(moment) is quiet


def test_quiet_hours_within_one_day_and_none_when_start_equals_end() -> None:
    assert QuietHours(13 * 60, 14 * 60).contains(NOW.replace(hour=13, minute=30))
    assert not QuietHours(13 * 60, 14 * 60).contains(NOW.replace(hour=14))
    assert not QuietHours(600, 600).contains(NOW.replace(hour=10))


def test_quiet_hours_end_is_found_in_the_practice_time_zone() -> None:
    late = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)  # 22:00 the day before in Chicago (CST)
    end = QuietHours(21 * 60, 8 * 60).next_end(late, "America/Chicago")
    assert end == datetime(2026, 3, 3, 14, 0, tzinfo=UTC)  # 08:00 CST


def test_unknown_or_missing_zone_means_utc() -> None:
    assert schedule.local(NOW, "Not/AZone").utcoffset() == timedelta(0)
    assert schedule.local(NOW, None).utcoffset() == timedelta(0)


def test_back_off_doubles_to_a_cap_and_gives_up_after_the_limit() -> None:
    assert [schedule.retry_delay(n) for n in range(1, 7)] == [
        timedelta(minutes=m) for m in (5, 10, 20, 40, 80, 120)]
    assert schedule.retry_delay(30) == timedelta(hours=2)
    assert not schedule.gives_up(schedule.MAX_ATTEMPTS - 1)
    assert schedule.gives_up(schedule.MAX_ATTEMPTS)


def test_settings_default_to_a_day_ahead_and_quiet_nights() -> None:
    default = ReminderSettings()
    assert default.lead == DAY and not default.may_name_service
    assert default.as_form()["quiet_hours_start"] == "21:00"
    assert ReminderSettings.parse(default.as_form()) == default


def test_settings_refused_naming_every_bad_field_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        ReminderSettings.parse({"reminder_lead_hours": "200", "quiet_hours_start": "9pm",
                                "quiet_hours_end": "24:00", "reminders_may_name_service": "y"})
    parts = str(refused.value).split("; ")
    assert [p.split(":")[0] for p in parts] == [
        "reminder_lead_hours", "quiet_hours_start", "quiet_hours_end",
        "reminders_may_name_service"]
