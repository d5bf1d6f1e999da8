"""When reminders go out: the due window, quiet hours, back-off after a failure, local time.

Pure functions of their arguments (the caller passes `now`); no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_LEAD = timedelta(hours=24)
MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=2)
# A `sending` row whose run died (killed, power cut) is retried after this long; a run that
# is still alive finishes far sooner (one SMTP or HTTP call of at most 20 s per reminder).
CLAIM_EXPIRES = timedelta(minutes=30)


def zone(name: str | None) -> ZoneInfo:
    """The practice's time zone by IANA name (e.g. "America/Chicago"); UTC when none is set
    or the name is unknown, so a reminder always states its zone truthfully."""
    if not name:
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local(moment: datetime, zone_name: str | None) -> datetime:
    """`moment` (aware) in the practice's time zone."""
    return moment.astimezone(zone(zone_name))


def is_due(starts_at: datetime, now: datetime, lead: timedelta) -> bool:
    """A reminder is due once its appointment starts within `lead` of `now`, and until the
    appointment starts (a reminder after the start is no use to anyone)."""
    return now < starts_at <= now + lead


@dataclass(frozen=True)
class QuietHours:
    """Local minutes after midnight: no text is sent from `start` to `end` (may wrap midnight,
    e.g. 21:00 to 08:00). Equal start and end means no quiet hours."""

    start: int = 21 * 60
    end: int = 8 * 60

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if not 0 <= value < 24 * 60:
                raise ValueError("quiet hours: minutes after midnight, 0 to 1439")

    def contains(self, local_moment: datetime) -> bool:
        minute = local_moment.hour * 60 + local_moment.minute
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    def next_end(self, now: datetime, zone_name: str | None) -> datetime:
        """The first moment after `now` at which quiet hours end, in UTC."""
        here = local(now, zone_name)
        end = time(self.end // 60, self.end % 60)
        candidate = datetime.combine(here.date(), end, tzinfo=here.tzinfo)
        if candidate <= here:
            candidate = datetime.combine(here.date() + timedelta(days=1), end,
                                         tzinfo=here.tzinfo)
        return candidate.astimezone(UTC)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after `attempts` failed sends: 5, 10, 20, 40 minutes, ... capped at
    two hours."""
    if attempts < 1:
        return timedelta(0)
    delay: timedelta = min(FIRST_RETRY * (2 ** (attempts - 1)), LONGEST_RETRY)
    return delay


def gives_up(attempts: int) -> bool:
    """After MAX_ATTEMPTS failures a reminder is recorded as failed and not tried again."""
    return attempts >= MAX_ATTEMPTS


def parse_clock(value: str) -> int:
    """"21:00" → 1260 minutes after midnight. Raises ValueError naming the format."""
    hours, sep, minutes = value.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError("use HH:MM, for example 21:00")
    total = int(hours) * 60 + int(minutes)
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError("use HH:MM, for example 21:00")
    return total


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
