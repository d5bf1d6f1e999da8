"""Booking appointments and setting their status (attended, cancelled, no-show, ...)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.errors import InvalidInput
from closeddoor.records.form_access import NEW_APPOINTMENT
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_form
from closeddoor.web.routes.overview import chart_page
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep

router = APIRouter()
APPOINTMENT_FIELDS = ("date", "time", "duration_minutes", "modality", "status", "room",
                      "cpt_code", "icd10_code", "fee", "clinician_id", "telehealth_link",
                      "repeat", "repeat_until", "repeat_count")


@router.get("/clients/{client_id}/appointments/new")
def new_appointment_form(client_id: str, request: Request, services: ServicesDep,
                         session: Page) -> Response:
    record = open_form(request, services, session, client_id, NEW_APPOINTMENT)
    if isinstance(record, Response):
        return record
    values = {"duration_minutes": "50", "modality": "in_person", "status": "scheduled",
              "cpt_code": "90834", "clinician_id": session.user.user_id}
    context = chart_context(services, session, record, "appointment", values=values,
                            error=None)
    return render(request, "pages/appointment_new.html", context, session=session,
                  section="caseload")


@router.post("/clients/{client_id}/appointments/new")
def new_appointment(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    try:
        services.charts.create_appointment(session.actor, client_id, forms.appointment(form))
    except InvalidInput as exc:
        record = services.charts.get_client(session.actor, client_id)
        context = chart_context(services, session, record, "appointment",
                                values=forms.values(form, APPOINTMENT_FIELDS), error=str(exc))
        return render(request, "pages/appointment_new.html", context, session=session,
                      section="caseload", status_code=422)
    return RedirectResponse(f"/clients/{client_id}#appointments", status_code=303)


@router.post("/clients/{client_id}/appointments/{appointment_id}/status")
def set_status(client_id: str, appointment_id: str, request: Request, services: ServicesDep,
               session: FormPost, form: PostedForm) -> Response:
    try:
        services.charts.set_appointment_status(session.actor, client_id, appointment_id,
                                               forms.text(form, "status"))
    except InvalidInput as exc:
        record = services.charts.get_client(session.actor, client_id)
        return chart_page(request, services, session, record, status_code=422, error=str(exc))
    return RedirectResponse(f"/clients/{client_id}#appointments", status_code=303)
