"""Jinja2 rendering: one autoescaping environment, a few display filters, the page frame."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

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


def when(moment: datetime | None) -> str:
    """A timestamp in UTC, to the minute (the practice has no time-zone setting yet)."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def time_of_day(moment: datetime | None) -> str:
    """`14:05 UTC`: for times within the hour or so ahead, such as a break-glass expiry."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).strftime("%H:%M UTC")


def when_iso(value: str) -> str:
    """An audit timestamp (ISO text) shown like `when`."""
    try:
        return when(datetime.fromisoformat(value))
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
                       money=money, label=label)
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
    }
    values.update(context or {})
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)
