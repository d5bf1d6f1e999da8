"""Shared pieces of the chart pages: loading a section that a role may not see, the chart
header's facts (with the break-glass banner on every visit while a grant holds), and the
break-glass offer when a clinician may not open a chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import Response

from closeddoor.bootstrap import Services
from closeddoor.consent.service import ConsentStatus
from closeddoor.errors import NotFound, PolicyDenied
from closeddoor.notice.service import NoticeStatus
from closeddoor.policy import Role
from closeddoor.policy.decide import BASIS_BREAK_GLASS
from closeddoor.records.form_access import (
    EDIT_CLIENT,
    NEW_APPOINTMENT,
    NEW_NOTE,
    NEW_PSYCHOTHERAPY_NOTE,
    SEND_INTAKE,
    SIGN_CONSENT,
    FormUse,
)
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
    write_appointments: bool  # book appointments and set their status
    edit_client: bool  # demographics and contacts
    manage_team: bool
    sign_consent: bool  # office signing and contact preferences (front desk or care team)
    invite_to_portal: bool
    releases: bool  # authorizations, disclosures and the accounting (never billing)
    disclose: bool  # request and release disclosures (the care team)
    excerpt: bool  # de-identified excerpts for consultation, supervision, teaching
    amendments: bool  # the client's requests to amend (164.526; read like notes, never billing)
    intake: bool  # intake packets: answers read like notes (never billing)
    send_intake: bool = False  # the owner, the care team, the front desk (reads no answer)
    restrictions: bool = False  # requests for restrictions (164.522(a); release paperwork)
    export: bool = False  # the chart as a FHIR download (the treating care team)
    measures: bool = False  # outcome measures and safety flags (read like notes; never billing)
    plan: bool = False  # the problem list and treatment plan (read like notes, never billing)


def tabs_for(services: Services, session: WebSession, record: ClientRecord) -> Tabs:
    """Links to the forms come from the same decisions their submits get (services.forms)."""
    role = session.user.role
    on_team = any(m.user_id == session.user.user_id for m in record.care_team)
    treats = role in TREATING_ROLES and on_team

    def may(form: FormUse) -> bool:
        return services.forms.may_use(session.actor, form, record.client_id)

    return Tabs(
        notes=role is not Role.BILLING,  # billing pages never even carry a notes section
        write_note=may(NEW_NOTE),
        psychotherapy=role is not Role.BILLING,
        write_psychotherapy=may(NEW_PSYCHOTHERAPY_NOTE),
        write_appointments=may(NEW_APPOINTMENT),
        edit_client=may(EDIT_CLIENT),
        manage_team=role is Role.OWNER,
        sign_consent=may(SIGN_CONSENT),
        invite_to_portal=role is Role.OWNER or treats,
        releases=role is not Role.BILLING,
        disclose=treats,
        excerpt=treats,
        amendments=role is not Role.BILLING,
        intake=role is not Role.BILLING or may(SEND_INTAKE),
        send_intake=may(SEND_INTAKE),
        restrictions=role is not Role.BILLING,
        export=treats,
        measures=role is not Role.BILLING,
        plan=role is not Role.BILLING,
    )


def consent_glance(services: Services, session: WebSession,
                   client_id: str) -> ConsentStatus | None:
    """The client's consent status for the chart, or None when policy refuses this viewer."""
    try:
        return services.consent.status(session.actor, client_id)
    except PolicyDenied:
        return None


def notice_glance(services: Services, session: WebSession,
                  client_id: str) -> NoticeStatus | None:
    """The client's Notice of Privacy Practices status, or None when policy refuses."""
    try:
        return services.notice.status(session.actor, client_id)
    except PolicyDenied:
        return None


def client_name(record: ClientRecord) -> str:
    demo = record.demographics
    name = f"{demo.get('given_name', '')} {demo.get('family_name', '')}".strip()
    if demo.get("preferred_name"):
        name += f" ({demo['preferred_name']})"
    return name


def glass_expiry(services: Services, session: WebSession,
                 record: ClientRecord) -> datetime | None:
    """When the viewer's break-glass grant on this chart ends, if that is how they see it."""
    if record.access_basis != BASIS_BREAK_GLASS:
        return None
    grant = services.break_glass.active_grant(session.actor, record.client_id)
    return grant.expires_at if grant is not None else None


def chart_context(
    services: Services, session: WebSession, record: ClientRecord, tab: str, **extra: Any
) -> dict[str, Any]:
    return {
        "record": record,
        "client_name": client_name(record),
        "tabs": tabs_for(services, session, record),
        "tab": tab,
        "glass_expires": glass_expiry(services, session, record),
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
    found: bool = False,
) -> Response:
    """The reason form for breaking the glass. `found`: reached through the emergency lookup,
    so the client exists (the viewer typed their exact name and date of birth)."""
    minutes = int(request.app.state.services.settings.break_glass_duration.total_seconds() // 60)
    context = {"client_id": client_id, "reason": reason, "error": error, "minutes": minutes,
               "found": found}
    return render(request, "pages/break_glass.html", context, session=session,
                  status_code=status_code, section="caseload")


def open_form(
    request: Request, services: Services, session: WebSession, client_id: str, form: FormUse
) -> ClientRecord | Response:
    """The chart behind a form page, once the gate says the viewer may submit that form:
    refused on opening (with the reason, and audited) otherwise, never after typing. A
    clinician whose chart is closed to them still gets the break-glass offer."""
    try:
        services.forms.require(session.actor, form, client_id)
    except (NotFound, PolicyDenied):
        if session.user.role is Role.CLINICIAN:
            record = open_chart(request, services, session, client_id)
            if isinstance(record, Response):
                return record
        raise
    return open_chart(request, services, session, client_id)
