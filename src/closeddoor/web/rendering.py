"""Jinja2 rendering: one autoescaping environment, a few display filters, the page frame."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)

from closeddoor.localtime import to_local
from closeddoor.policy import Role
from closeddoor.web.session import CSRF_FIELD, WebSession

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

ROLE_LABELS = {
    Role.BILLING: "Front desk / billing",
    Role.CLINICIAN: "Clinician",
    Role.OWNER: "Practice owner",
    Role.SUPERVISOR: "Supervisor",
}


def _zone(context: Any) -> tzinfo:
    """The zone the page shows times in: `time_zone` in the render context (the practice's,
    or a portal client's own), else UTC. No global state: each render says its zone."""
    where = context.get("time_zone") if context is not None else None
    return where if isinstance(where, tzinfo) else UTC


def format_when(moment: datetime | None, where: tzinfo = UTC) -> str:
    """`2026-03-09 10:00 CDT`: a timestamp in `where`, to the minute, with the zone's
    abbreviation (which says daylight or standard time)."""
    if moment is None:
        return ""
    local = to_local(moment, where)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def format_time_of_day(moment: datetime | None, where: tzinfo = UTC) -> str:
    if moment is None:
        return ""
    local = to_local(moment, where)
    return f"{local:%H:%M} {local.tzname()}"


@pass_context
def when(context: Any, moment: datetime | None) -> str:
    """A timestamp in the page's zone, to the minute."""
    return format_when(moment, _zone(context))


@pass_context
def time_of_day(context: Any, moment: datetime | None) -> str:
    """`14:05 CST`: for times within the day, such as a break-glass expiry or a session."""
    return format_time_of_day(moment, _zone(context))


@pass_context
def hour_minute(context: Any, moment: datetime | None) -> str:
    """`14:05`, in the page's zone, without the zone (the page's caption names it)."""
    return "" if moment is None else f"{to_local(moment, _zone(context)):%H:%M}"


@pass_context
def local_day(context: Any, moment: datetime | None) -> str:
    """The date in the page's zone (`2026-03-09`), for a form's date field."""
    return "" if moment is None else f"{to_local(moment, _zone(context)):%Y-%m-%d}"


@pass_context
def when_iso(context: Any, value: str) -> str:
    """An audit timestamp (ISO text) shown like `when`."""
    try:
        return format_when(datetime.fromisoformat(value), _zone(context))
    except ValueError:
        return value


def day(value: date | datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d")


def money(cents: object) -> str:
    amount = cents if isinstance(cents, int) else 0
    return f"${amount // 100:,}.{amount % 100:02d}"


def label(value: object) -> str:
    """`late_cancelled` -> `late cancelled`: enum values read as words."""
    return str(value).replace("_", " ")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=when, when_iso=when_iso, time_of_day=time_of_day, day=day,
                       money=money, label=label, hour_minute=hour_minute, local_day=local_day)
    env.globals.update(csrf_field=CSRF_FIELD, role_labels=ROLE_LABELS, Role=Role)
    return env


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    session: WebSession | None = None,
    status_code: int = 200,
    section: str = "",
) -> HTMLResponse:
    """Render a page. `section` marks the current top navigation item (aria-current)."""
    values: dict[str, Any] = {
        "request": request,
        "session": session,
        "user": session.user if session else None,
        "csrf_token": session.csrf_token if session else "",
        "section": section,
        "error": None,
        "notice": None,
        "time_zone": practice_zone(request),
    }
    values.update(context or {})
    values.setdefault("zone_name", str(values["time_zone"]))
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)


def practice_zone(request: Request) -> tzinfo:
    """The practice's zone for this page (UTC when the app has no services, as on an error
    page before start-up)."""
    services = getattr(request.app.state, "services", None)
    if services is None:
        return UTC
    zone: tzinfo = services.charts.practice_zone()
    return zone
