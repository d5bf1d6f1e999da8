"""The practice's local time: one IANA zone, every time entered and shown in it, stored in UTC.

Pure (no I/O). Wall-clock times that daylight saving makes odd are handled explicitly:

- A local time in the spring-forward gap (for example 02:30 on the night clocks go from 02:00 to
  03:00) does not exist: `to_utc` refuses it with a message saying so.
- A local time in the fall-back fold (01:30 happens twice) is ambiguous: `to_utc` takes the
  FIRST occurrence (the earlier instant, still on daylight time; PEP 495 `fold=0`).
  docs/scheduling.md says so to the people who book.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from closeddoor.errors import InvalidInput

DEFAULT_ZONE = "UTC"
MAX_ZONE_LENGTH = 64


def zone(name: str) -> ZoneInfo:
    """The zone called `name` (an IANA name such as America/Chicago); InvalidInput otherwise.
    Names are checked against the zone database, not just tried as paths."""
    text = (name or "").strip()
    if not text or len(text) > MAX_ZONE_LENGTH or text not in _known_zones():
        raise InvalidInput("time_zone: an IANA time zone name, for example America/Chicago")
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - listed but unreadable
        raise InvalidInput("time_zone: an IANA time zone name, for example America/Chicago"
                           ) from None


_ZONES: frozenset[str] | None = None


def _known_zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones()) | {"UTC"}
    return _ZONES


def zone_or_utc(name: str | None) -> ZoneInfo:
    """The stored zone, or UTC when none (or an unreadable one) is stored: display never fails."""
    try:
        return zone(name or DEFAULT_ZONE)
    except InvalidInput:
        return ZoneInfo(DEFAULT_ZONE)


def is_gap(wall: datetime, where: tzinfo) -> bool:
    """Whether the naive local `wall` time does not exist in `where` (skipped by spring-forward)."""
    aware = wall.replace(tzinfo=where, fold=0)
    back = aware.astimezone(UTC).astimezone(where).replace(tzinfo=None, fold=0)
    return back != wall.replace(fold=0)


def is_ambiguous(wall: datetime, where: tzinfo) -> bool:
    """Whether the naive local `wall` time happens twice in `where` (fall-back)."""
    first = wall.replace(tzinfo=where, fold=0).utcoffset()
    second = wall.replace(tzinfo=where, fold=1).utcoffset()
    return first != second and not is_gap(wall, where)


def to_utc(wall: datetime, where: tzinfo, *, field: str = "time") -> datetime:
    """The UTC instant of the naive local time `wall` in `where`.

    Refuses a time in a spring-forward gap; takes the first (daylight-time) occurrence of a
    time in a fall-back fold."""
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    if is_gap(wall, where):
        raise InvalidInput(
            f"{field}: {wall:%Y-%m-%d %H:%M} does not exist in {where} (the clocks skip "
            "that hour for daylight saving time); choose a time outside it")
    return wall.replace(tzinfo=where, fold=0).astimezone(UTC)


def to_local(moment: datetime, where: tzinfo) -> datetime:
    """The aware `moment` as a local time in `where` (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(where)


def parse_instant(value: str, where: tzinfo, *, field: str) -> datetime:
    """An ISO 8601 date and time to UTC: with an offset it is that instant; without one it is a
    local time in the practice's zone (gap refused, fold resolved as `to_utc` does)."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{field}: an ISO 8601 date and time, for example "
                           "2026-03-09T10:00") from None
    return to_utc(parsed, where, field=field)


def day_bounds(day: date, where: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants at which the local `day` starts and the next one starts (23 or 25
    hours apart on the days the clocks change)."""
    start = datetime.combine(day, time(0)).replace(tzinfo=where).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0)).replace(tzinfo=where).astimezone(UTC)
    return start, end


def local_today(now: datetime, where: tzinfo) -> date:
    return to_local(now, where).date()


def zone_label(where: tzinfo, moment: datetime) -> str:
    """The zone's short name at `moment` (CST, CDT, UTC) for captions and time stamps."""
    return to_local(moment, where).tzname() or str(where)
