"""The calendar's pure rules: overlaps, recurring series in local time, the late-cancel window
and the week a day belongs to. No I/O; `closeddoor.records.appointments` applies them inside the
write transaction and `closeddoor.store.appointment_repository` finds the candidate rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from closeddoor.errors import InvalidInput
from closeddoor.localtime import to_local, to_utc

MAX_SERIES = 52  # a year of weekly sessions in one request
ACTIVE_STATUSES = ("scheduled", "attended")  # what occupies a clinician, room or client


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals [start, end): a session that starts when another ends does not
    clash with it."""
    return a_start < b_end and b_start < a_end


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"  # every other week


@dataclass(frozen=True)
class SeriesRule:
    repeat: Repeat
    until: date | None = None
    count: int | None = None

    @classmethod
    def parse(cls, repeat: object, until: object, count: object) -> SeriesRule:
        try:
            rule = Repeat(str(repeat or Repeat.NONE))
        except ValueError:
            raise InvalidInput("repeat: none, weekly or fortnightly (every other week)") from None
        if rule is Repeat.NONE:
            return cls(rule)
        end: date | None = None
        if until not in (None, ""):
            if isinstance(until, date):
                end = until
            else:
                try:
                    end = date.fromisoformat(str(until))
                except ValueError:
                    raise InvalidInput("repeat_until: a date such as 2026-06-30") from None
        times: int | None = None
        if count not in (None, ""):
            try:
                times = int(str(count))
            except ValueError:
                raise InvalidInput(f"repeat_count: a whole number from 2 to {MAX_SERIES}"
                                   ) from None
            if not 2 <= times <= MAX_SERIES:
                raise InvalidInput(f"repeat_count: a whole number from 2 to {MAX_SERIES}")
        if (end is None) == (times is None):
            raise InvalidInput("repeat_until: give either an end date or a number of sessions "
                               "(repeat_count), not both and not neither")
        return cls(rule, end, times)


def occurrences(first_wall: datetime, where: tzinfo, rule: SeriesRule) -> list[datetime]:
    """The UTC starts of a series whose first session is at naive local `first_wall`.

    Every session keeps the same local wall-clock time: across a daylight-saving change the UTC
    instants move by the hour so the client still comes at 10:00. A session that would fall in
    a spring-forward gap is refused with its date named."""
    if rule.repeat is Repeat.NONE:
        return [to_utc(first_wall, where, field="time")]
    step = timedelta(weeks=1 if rule.repeat is Repeat.WEEKLY else 2)
    starts: list[datetime] = []
    wall = first_wall
    while True:
        if rule.count is not None and len(starts) >= rule.count:
            break
        if rule.until is not None and wall.date() > rule.until:
            break
        if len(starts) >= MAX_SERIES:
            raise InvalidInput(f"repeat_until: a series has at most {MAX_SERIES} sessions — "
                               "choose an earlier end date")
        starts.append(to_utc(wall, where, field="time"))
        wall += step  # naive: wall-clock arithmetic, not elapsed time
    if len(starts) < 1:
        raise InvalidInput("repeat_until: on or after the first session's date")
    return starts


def shift_keeping_wall_time(start: datetime, new_first: datetime, where: tzinfo,
                            old_first: datetime) -> datetime:
    """For "this and following": move `start` by the local wall-clock difference between the
    old and new first session (same days later, same new local time)."""
    delta = to_local(new_first, where).replace(tzinfo=None) - \
        to_local(old_first, where).replace(tzinfo=None)
    wall = to_local(start, where).replace(tzinfo=None) + delta
    return to_utc(wall, where, field="time")


def is_late_cancel(now: datetime, starts_at: datetime, window_hours: int) -> bool:
    """A cancellation inside the practice's late-cancel window (or after the start)."""
    return starts_at - now < timedelta(hours=window_hours)


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())
