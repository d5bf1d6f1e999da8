"""Shared pieces of the chart pages: loading a section that a role may not see, the chart
header's facts, and the break-glass offer when a clinician may not open a chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import Response

from closeddoor.bootstrap import Services
from closeddoor.errors import NotFound, PolicyDenied
from closeddoor.policy import Role
from closeddoor.records.views import ClientRecord
from closeddoor.web.rendering import render
from closeddoor.web.session import WebSession

T = TypeVar("T")
TREATING_ROLES = (Role.CLINICIAN, Role.OWNER)


@dataclass(frozen=True)
class Section(Generic[T]):
    """A part of a page: its items, or `available=False` when policy refused this viewer."""

    items: list[T] = field(default_factory=list)
    available: bool = True


def section(load: Callable[[], list[T]]) -> Section[T]:
    try:
        return Section(load())
    except PolicyDenied:
        return Section([], available=False)


@dataclass(frozen=True)
class Tabs:
    """Which chart tabs to offer this viewer. Presentation only: the services still decide."""

    notes: bool
    write_note: bool
    psychotherapy: bool
    write_psychotherapy: bool
    new_appointment: bool
    manage_team: bool


def tabs_for(session: WebSession, record: ClientRecord) -> Tabs:
    role = session.user.role
    on_team = any(m.user_id == session.user.user_id for m in record.care_team)
    treats = role in TREATING_ROLES and on_team
    return Tabs(
        notes=role is not Role.BILLING,  # billing pages never even carry a notes section
        write_note=treats,
        psychotherapy=role is not Role.BILLING,
        write_psychotherapy=treats,
        new_appointment=treats or role is Role.BILLING,
        manage_team=role is Role.OWNER,
    )


def client_name(record: ClientRecord) -> str:
    demo = record.demographics
    name = f"{demo.get('given_name', '')} {demo.get('family_name', '')}".strip()
    if demo.get("preferred_name"):
        name += f" ({demo['preferred_name']})"
    return name


def chart_context(
    session: WebSession, record: ClientRecord, tab: str, **extra: Any
) -> dict[str, Any]:
    return {
        "record": record,
        "client_name": client_name(record),
        "tabs": tabs_for(session, record),
        "tab": tab,
        "glass_expires": None,
        **extra,
    }


def open_chart(
    request: Request, services: Services, session: WebSession, client_id: str
) -> ClientRecord | Response:
    """The client record, or for a clinician who may not see it, the break-glass offer.

    The offer looks the same whether or not the client exists, so it reveals nothing.
    """
    try:
        return services.charts.get_client(session.actor, client_id)
    except (NotFound, PolicyDenied) as exc:
        if session.user.role is not Role.CLINICIAN:
            raise
        status = 404 if isinstance(exc, NotFound) else 403
        return break_glass_offer(request, session, client_id, status_code=status)


def break_glass_offer(
    request: Request,
    session: WebSession,
    client_id: str,
    *,
    status_code: int,
    reason: str = "",
    error: str | None = None,
) -> Response:
    minutes = int(request.app.state.services.settings.break_glass_duration.total_seconds() // 60)
    context = {"client_id": client_id, "reason": reason, "error": error, "minutes": minutes}
    return render(request, "pages/break_glass.html", context, session=session,
                  status_code=status_code, section="caseload")
