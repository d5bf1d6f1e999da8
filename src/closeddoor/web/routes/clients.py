"""The caseload, name search (POST only: a name never goes in a URL), new clients, the chart
overview, break-glass, appointments and, for owners, care teams."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, PolicyDenied
from closeddoor.policy import Role
from closeddoor.records.views import ClientRecord
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import (
    break_glass_offer,
    chart_context,
    open_chart,
    section,
    tabs_for,
)
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
CLIENT_FIELDS = (
    "given_name", "family_name", "date_of_birth", "preferred_name", "pronouns",
    "gender_identity", "phone", "email", "address", "emergency_contact",
)


def _see_other(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


@router.get("/")
def caseload(request: Request, services: ServicesDep, session: Page) -> Response:
    clients = services.charts.list_clients(session.actor)
    return render(request, "pages/caseload.html", {"clients": clients, "results": None,
                                                   "query": ""},
                  session=session, section="caseload")


@router.post("/clients/search")
def search(request: Request, services: ServicesDep, session: FormPost,
           form: PostedForm) -> Response:
    query = forms.text(form, "name")
    context = {"clients": services.charts.list_clients(session.actor), "query": query,
               "results": None}
    try:
        context["results"] = services.charts.search_clients(session.actor, query)
    except InvalidInput as exc:
        return render(request, "pages/caseload.html", {**context, "error": str(exc)},
                      session=session, section="caseload", status_code=422)
    return render(request, "pages/caseload.html", context, session=session, section="caseload")


@router.get("/clients/new")
def new_client_form(request: Request, session: Page) -> Response:
    return render(request, "pages/client_new.html", {"values": {}}, session=session,
                  section="new-client")


@router.post("/clients/new")
def new_client(request: Request, services: ServicesDep, session: FormPost,
               form: PostedForm) -> Response:
    data = forms.values(form, CLIENT_FIELDS)
    try:
        client_id = services.charts.create_client(session.actor, dict(data))
    except InvalidInput as exc:
        return render(request, "pages/client_new.html", {"values": data, "error": str(exc)},
                      session=session, section="new-client", status_code=422)
    return _see_other(f"/clients/{client_id}")


def chart_page(request: Request, services: Services, session: WebSession, record: ClientRecord,
               *, glass_expires: datetime | None = None, status_code: int = 200,
               error: str | None = None) -> Response:
    actor, client_id = session.actor, record.client_id
    tabs = tabs_for(session, record)
    context = chart_context(
        session, record, "overview",
        appointments=section(lambda: services.charts.list_appointments(actor, client_id)),
        # Billing never loads notes at all; other roles see "not available" if policy refuses.
        notes=section(lambda: services.notes.list_progress_notes(actor, client_id))
        if tabs.notes else None,
        names=services.accounts.display_names(),
        staff=_assignable_staff(services, session, record) if tabs.manage_team else [],
        glass_expires=glass_expires,
        error=error,
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


@router.get("/clients/{client_id}")
def chart(client_id: str, request: Request, services: ServicesDep, session: Page) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    return chart_page(request, services, session, record)


@router.post("/clients/{client_id}/break-glass")
def break_glass(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                form: PostedForm) -> Response:
    reason = forms.text(form, "reason")
    try:
        grant = services.break_glass.open(session.actor, client_id, reason)
    except InvalidInput as exc:
        return break_glass_offer(request, session, client_id, status_code=422, reason=reason,
                                 error=str(exc))
    record = services.charts.get_client(session.actor, client_id)
    # Shown in this response, not after a redirect: only here is the grant's expiry known.
    return chart_page(request, services, session, record, glass_expires=grant.expires_at)


@router.get("/clients/{client_id}/appointments/new")
def new_appointment_form(client_id: str, request: Request, services: ServicesDep,
                         session: Page) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    values = {"duration_minutes": "50", "modality": "in_person", "status": "scheduled",
              "cpt_code": "90834", "clinician_id": session.user.user_id}
    context = chart_context(session, record, "appointment", values=values, error=None)
    return render(request, "pages/appointment_new.html", context, session=session,
                  section="caseload")


@router.post("/clients/{client_id}/appointments/new")
def new_appointment(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    try:
        services.charts.create_appointment(session.actor, client_id, forms.appointment(form))
    except InvalidInput as exc:
        record = services.charts.get_client(session.actor, client_id)
        names = ("date", "time", "duration_minutes", "modality", "status", "room", "cpt_code",
                 "icd10_code", "fee", "clinician_id")
        context = chart_context(session, record, "appointment",
                                values=forms.values(form, names), error=str(exc))
        return render(request, "pages/appointment_new.html", context, session=session,
                      section="caseload", status_code=422)
    return _see_other(f"/clients/{client_id}#appointments")


@router.post("/clients/{client_id}/care-team")
def assign_care_team(client_id: str, request: Request, services: ServicesDep,
                     session: FormPost, form: PostedForm) -> Response:
    try:
        services.charts.assign_care_team(session.actor, client_id, forms.text(form, "user_id"))
    except (InvalidInput, ConflictError) as exc:
        record = services.charts.get_client(session.actor, client_id)
        return chart_page(request, services, session, record, status_code=422, error=str(exc))
    return _see_other(f"/clients/{client_id}#care-team")


@router.post("/clients/{client_id}/care-team/{membership_id}/end")
def end_care_team(client_id: str, membership_id: str, services: ServicesDep,
                  session: FormPost) -> Response:
    services.charts.end_care_team(session.actor, client_id, membership_id)
    return _see_other(f"/clients/{client_id}#care-team")
