"""A client's optional consents (telehealth, recording, teaching: granted, refused or not yet
answered) and how they may be contacted (voicemail, text and e-mail reminders, and where).

Reminders obey these later and never carry clinical content. The service validates every
answer; a refused form comes back with what was typed and a message naming the field.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.consent.preferences import ANSWERS, CONTACT_CHANNELS, OPTIONAL_CONSENTS
from closeddoor.errors import InvalidInput
from closeddoor.records.views import ClientRecord
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
CONSENT_LABELS = {
    "telehealth": "Sessions by video or telephone (telehealth)",
    "recording": "Audio or video recording of sessions",
    "teaching": "Use of de-identified material for teaching",
}
CHANNEL_LABELS = {
    "voicemail": "We may leave a voicemail",
    "text_reminders": "Text message reminders",
    "email_reminders": "E-mail reminders",
    "reminders_may_name_service": "Reminders may say the appointment is for therapy",
}
ANSWER_LABELS = {"unanswered": "Not answered yet", "granted": "Yes, I agree",
                 "refused": "No, I do not agree"}


def _page(request: Request, services: Services, session: WebSession, record: ClientRecord,
          values: dict[str, Any], *, error: str | None = None, notice: str | None = None,
          status_code: int = 200) -> Response:
    context = chart_context(
        services, session, record, "preferences", values=values, notice=notice,
        errors=forms.field_errors(error) if error else {},
        consents=[(name, CONSENT_LABELS[name]) for name in OPTIONAL_CONSENTS],
        channels=[(name, CHANNEL_LABELS[name]) for name in CONTACT_CHANNELS],
        answers=[(answer, ANSWER_LABELS[answer]) for answer in ANSWERS],
    )
    return render(request, "pages/preferences.html", context, session=session,
                  section="caseload", status_code=status_code)


def _posted(form: FormData) -> dict[str, Any]:
    """Text as typed; a ticked box is True. The service checks every value."""
    data: dict[str, Any] = {name: forms.text(form, name) or "unanswered"
                            for name in OPTIONAL_CONSENTS}
    data.update({name: forms.text(form, name) == "on" for name in CONTACT_CHANNELS})
    data.update(forms.values(form, ("reminder_phone", "reminder_email")))
    return data


@router.get("/clients/{client_id}/preferences")
def preferences(client_id: str, request: Request, services: ServicesDep, session: Page,
                saved: bool = False) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    values = services.consent.preferences(session.actor, client_id).to_json()
    return _page(request, services, session, record, values,
                 notice="The preferences were saved." if saved else None)


@router.post("/clients/{client_id}/preferences")
def update_preferences(client_id: str, request: Request, services: ServicesDep,
                       session: FormPost, form: PostedForm) -> Response:
    data = _posted(form)
    try:
        services.consent.update_preferences(session.actor, client_id, data)
    except InvalidInput as exc:
        record = services.charts.get_client(session.actor, client_id)
        return _page(request, services, session, record, data, error=str(exc),
                     status_code=422)
    return RedirectResponse(f"/clients/{client_id}/preferences?saved=1", status_code=303)
