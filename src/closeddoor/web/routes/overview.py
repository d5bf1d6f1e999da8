"""The chart overview (details, care team, appointments, progress notes) and, for owners,
staffing the care team."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, PolicyDenied
from closeddoor.policy import Role
from closeddoor.records.model import AppointmentStatus
from closeddoor.records.views import ClientRecord
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import (
    chart_context,
    consent_glance,
    notice_glance,
    open_chart,
    section,
    tabs_for,
)
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
APPOINTMENT_STATUSES = tuple(s.value for s in AppointmentStatus)


def chart_page(request: Request, services: Services, session: WebSession, record: ClientRecord,
               *, status_code: int = 200, error: str | None = None,
               notice: str | None = None) -> Response:
    actor, client_id = session.actor, record.client_id
    tabs = tabs_for(services, session, record)
    context = chart_context(
        services, session, record, "overview",
        appointments=section(lambda: services.charts.list_appointments(actor, client_id)),
        statuses=APPOINTMENT_STATUSES,
        # Billing never loads notes at all; other roles see "not available" if policy refuses.
        notes=section(lambda: services.notes.list_progress_notes(actor, client_id))
        if tabs.notes else None,
        # Open safety flags (docs/measures.md): loaded only for those who read notes, never
        # for billing or front desk.
        safety_flags=section(lambda: [f for f in services.measures.flags(actor, client_id)
                                      if f.is_open]) if tabs.measures else None,
        names=services.accounts.display_names(),
        staff=_assignable_staff(services, session, record) if tabs.manage_team else [],
        consent=consent_glance(services, session, client_id),
        notice_status=notice_glance(services, session, client_id),
        error=error,
        notice=notice,
    )
    return render(request, "pages/chart.html", context, session=session, section="caseload",
                  status_code=status_code)


def _assignable_staff(services: Services, session: WebSession,
                      record: ClientRecord) -> list[tuple[str, str]]:
    """Active treating staff not already on this care team (owners staff care teams)."""
    try:
        users = services.accounts.list_users(session.actor)
    except PolicyDenied:
        return []
    members = {m.user_id for m in record.care_team}
    return [(u.user_id, u.display_name) for u in users
            if u.is_active and u.user_id not in members
            and u.role in (Role.CLINICIAN, Role.SUPERVISOR, Role.OWNER)]


SAVED = {"created": "The client was created.", "details": "The client's details were saved.",
         "status": "The session's status was saved."}


@router.get("/clients/{client_id}")
def chart(client_id: str, request: Request, services: ServicesDep, session: Page,
          saved: str = "", booked: int = 0) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    notice = SAVED.get(saved)
    if booked > 0:  # after booking (web/routes/appointments.py): one session or a series
        notice = ("The appointment was booked." if booked == 1
                  else f"{booked} appointments were booked (the series).")
    return chart_page(request, services, session, record, notice=notice)


@router.post("/clients/{client_id}/care-team")
def assign_care_team(client_id: str, request: Request, services: ServicesDep,
                     session: FormPost, form: PostedForm) -> Response:
    try:
        services.charts.assign_care_team(session.actor, client_id, forms.text(form, "user_id"))
    except (InvalidInput, ConflictError) as exc:
        record = services.charts.get_client(session.actor, client_id)
        return chart_page(request, services, session, record, status_code=422, error=str(exc))
    return RedirectResponse(f"/clients/{client_id}#care-team", status_code=303)


@router.post("/clients/{client_id}/care-team/{membership_id}/end")
def end_care_team(client_id: str, membership_id: str, services: ServicesDep,
                  session: FormPost) -> Response:
    services.charts.end_care_team(session.actor, client_id, membership_id)
    return RedirectResponse(f"/clients/{client_id}#care-team", status_code=303)
