"""Booking appointments (one or a series), rescheduling or editing them (one session or this
and the following), cancelling (late by the practice's window) and setting their status.
Times are typed and shown in the practice's time zone; errors stand beside their fields."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.localtime import to_local
from closeddoor.records.form_access import NEW_APPOINTMENT
from closeddoor.records.views import AppointmentView
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_form
from closeddoor.web.routes.overview import chart_page
from closeddoor.web.routes.plans import diagnosis_choices
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
APPOINTMENT_FIELDS = ("date", "time", "duration_minutes", "modality", "status", "room",
                      "cpt_code", "icd10_code", "fee", "clinician_id", "telehealth_link",
                      "repeat", "repeat_until", "repeat_count", "scope")
# Service field names that stand for a form field of another name.
FIELD_OF = {"starts_at": "time", "fee_cents": "fee"}


def errors_for(message: str) -> dict[str, str]:
    """The refusal's messages by form field ("starts_at" is shown beside the time)."""
    return forms.field_errors(message, FIELD_OF)


def _form_context(services: ServicesDep, session: WebSession, record: Any,
                  values: dict[str, str], errors: dict[str, str], **extra: Any
                  ) -> dict[str, Any]:
    return chart_context(services, session, record, "appointment", values=values,
                         errors=errors, rooms=services.calendar.rooms(),
                         diagnoses=diagnosis_choices(services, session, record.client_id),
                         **extra)


@router.get("/clients/{client_id}/appointments/new")
def new_appointment_form(client_id: str, request: Request, services: ServicesDep,
                         session: Page) -> Response:
    record = open_form(request, services, session, client_id, NEW_APPOINTMENT)
    if isinstance(record, Response):
        return record
    values = {"duration_minutes": "50", "modality": "in_person", "status": "scheduled",
              "cpt_code": "90834", "clinician_id": session.user.user_id, "repeat": "none"}
    context = _form_context(services, session, record, values, {})
    return render(request, "pages/appointment_new.html", context, session=session,
                  section="caseload")


@router.post("/clients/{client_id}/appointments/new")
def new_appointment(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    try:
        ids = services.charts.book(session.actor, client_id, forms.appointment(form))
    except (InvalidInput, ConflictError) as exc:
        record = services.charts.get_client(session.actor, client_id)
        context = _form_context(services, session, record,
                                forms.values(form, APPOINTMENT_FIELDS), errors_for(str(exc)))
        return render(request, "pages/appointment_new.html", context, session=session,
                      section="caseload",
                      status_code=409 if isinstance(exc, ConflictError) else 422)
    return RedirectResponse(f"/clients/{client_id}?booked={len(ids)}#appointments",
                            status_code=303)


def _values_of(view: AppointmentView, services: ServicesDep) -> dict[str, str]:
    local = to_local(view.starts_at, services.charts.practice_zone())
    fee = int(view.details.get("fee_cents", 0))
    return {"date": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}",
            "duration_minutes": str(view.duration_minutes), "modality": view.modality,
            "room": view.room, "telehealth_link": str(view.details.get("telehealth_link", "")),
            "cpt_code": str(view.details.get("cpt_code", "")),
            "icd10_code": str(view.details.get("icd10_code", "")),
            "fee": f"{fee // 100}.{fee % 100:02d}" if fee else "",
            "clinician_id": view.clinician_id, "scope": "one"}


def _edit_page(request: Request, services: ServicesDep, session: WebSession, client_id: str,
               appointment_id: str, values: dict[str, str] | None, errors: dict[str, str],
               status_code: int = 200, notice: str | None = None) -> Response:
    record = services.charts.get_client(session.actor, client_id)
    view = services.charts.get_appointment(session.actor, client_id, appointment_id)
    context = _form_context(services, session, record, values or _values_of(view, services),
                            errors, appointment=view, notice=notice,
                            late_cancel_hours=services.charts.scheduling_settings()
                            .late_cancel_hours)
    return render(request, "pages/appointment_edit.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/appointments/{appointment_id}")
def edit_appointment_form(client_id: str, appointment_id: str, request: Request,
                          services: ServicesDep, session: Page, saved: str = "") -> Response:
    record = open_form(request, services, session, client_id, NEW_APPOINTMENT)
    if isinstance(record, Response):
        return record
    notice = {"moved": "The appointment was saved.",
              "cancelled": "The session was cancelled.",
              "late_cancelled": "The session was cancelled (late: inside the window)."}
    return _edit_page(request, services, session, client_id, appointment_id, None, {},
                      notice=notice.get(saved))


@router.post("/clients/{client_id}/appointments/{appointment_id}")
def edit_appointment(client_id: str, appointment_id: str, request: Request,
                     services: ServicesDep, session: FormPost, form: PostedForm) -> Response:
    try:
        data = forms.appointment(form)
        for name in ("repeat", "repeat_until", "repeat_count", "status"):
            data.pop(name, None)
        services.charts.update_appointment(session.actor, client_id, appointment_id, data,
                                           scope=forms.text(form, "scope") or "one")
    except (InvalidInput, ConflictError) as exc:
        return _edit_page(request, services, session, client_id, appointment_id,
                          forms.values(form, APPOINTMENT_FIELDS), errors_for(str(exc)),
                          status_code=409 if isinstance(exc, ConflictError) else 422)
    return RedirectResponse(f"/clients/{client_id}/appointments/{appointment_id}?saved=moved",
                            status_code=303)


@router.post("/clients/{client_id}/appointments/{appointment_id}/cancel")
def cancel_appointment(client_id: str, appointment_id: str, request: Request,
                       services: ServicesDep, session: FormPost, form: PostedForm) -> Response:
    try:
        status = services.charts.cancel_appointment(session.actor, client_id, appointment_id,
                                                    scope=forms.text(form, "scope") or "one")
    except (InvalidInput, ConflictError) as exc:
        return _edit_page(request, services, session, client_id, appointment_id, None,
                          errors_for(str(exc)), status_code=409)
    return RedirectResponse(
        f"/clients/{client_id}/appointments/{appointment_id}?saved={status}", status_code=303)


@router.post("/clients/{client_id}/appointments/{appointment_id}/status")
def set_status(client_id: str, appointment_id: str, request: Request, services: ServicesDep,
               session: FormPost, form: PostedForm) -> Response:
    try:
        services.charts.set_appointment_status(session.actor, client_id, appointment_id,
                                               forms.text(form, "status"))
    except (InvalidInput, ConflictError) as exc:
        record = services.charts.get_client(session.actor, client_id)
        return chart_page(request, services, session, record, status_code=422, error=str(exc))
    return RedirectResponse(f"/clients/{client_id}?saved=status#appointments",
                            status_code=303)
