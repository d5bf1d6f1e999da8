"""Intake on the staff pages: send a packet to the client's portal, read the submitted
answers on the chart, mark them reviewed, accept the contact details they hold (shown side by
side with the chart's first, never applied silently); and the owner's intake form editor.
The services decide who may do what; this module only draws and parses.
"""

from __future__ import annotations

import contextlib

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, PolicyDenied
from closeddoor.intake.model import (
    SECTIONS,
    FieldKind,
    contact_changes,
    questions_as_text,
)
from closeddoor.policy import Role
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
NOTICES = {"sent": "The intake form was sent. The client finds it in the portal.",
           "reviewed": "The answers are marked reviewed.",
           "accepted": "The contact details were saved to the chart.",
           "unchanged": "The chart already holds these contact details; nothing changed.",
           "published": "The new version of the intake form is published. Forms already sent "
                        "keep the version they were sent with."}
CONTACT_WORDS = {"phone": "Phone", "email": "E-mail", "address": "Address",
                 "emergency_contact": "Emergency contact"}


def _page(request: Request, services: Services, session: WebSession, client_id: str, *,
          error: str | None = None, notice: str | None = None,
          status_code: int = 200) -> Response:
    actor = session.actor
    record = services.charts.get_client(actor, client_id)
    packets, readable = [], False
    if session.user.role is not Role.BILLING:  # the front desk sends; it never reads answers
        with contextlib.suppress(PolicyDenied):
            packets, readable = services.intake.packets(actor, client_id), True
    proposals = {p.packet_id: contact_changes(p.answers, record.contacts)
                 for p in packets if p.answers}
    context = chart_context(services, session, record, "intake", packets=packets,
                            readable=readable, proposals=proposals, kinds=FieldKind,
                            contact_words=CONTACT_WORDS, error=error, notice=notice)
    return render(request, "pages/intake.html", context, session=session, section="caseload",
                  status_code=status_code)


@router.get("/clients/{client_id}/intake")
def intake(client_id: str, request: Request, services: ServicesDep, session: Page,
           done: str = "") -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    return _page(request, services, session, client_id, notice=NOTICES.get(done))


def _act(request: Request, services: Services, session: WebSession, client_id: str,
         action: str, run: object) -> Response:
    try:
        assert callable(run)
        result = run()
    except (ConflictError, InvalidInput) as exc:
        return _page(request, services, session, client_id, error=str(exc),
                     status_code=status_for(exc))
    done = "unchanged" if action == "accepted" and result == 0 else action
    return RedirectResponse(f"/clients/{client_id}/intake?done={done}", status_code=303)


@router.post("/clients/{client_id}/intake")
def send(client_id: str, request: Request, services: ServicesDep,
         session: FormPost) -> Response:
    return _act(request, services, session, client_id, "sent",
                lambda: services.intake.send(session.actor, client_id))


@router.post("/clients/{client_id}/intake/{packet_id}/review")
def review(client_id: str, packet_id: str, request: Request, services: ServicesDep,
           session: FormPost) -> Response:
    return _act(request, services, session, client_id, "reviewed",
                lambda: services.intake.mark_reviewed(session.actor, client_id, packet_id))


@router.post("/clients/{client_id}/intake/{packet_id}/accept-contacts")
def accept_contacts(client_id: str, packet_id: str, request: Request, services: ServicesDep,
                    session: FormPost) -> Response:
    return _act(request, services, session, client_id, "accepted",
                lambda: services.intake.accept_contacts(session.actor, client_id, packet_id))


# --- the owner's form editor -------------------------------------------------------------------
def _editor(request: Request, services: Services, session: WebSession, *,
            values: dict[str, object] | None = None, error: str = "",
            notice: str | None = None, status_code: int = 200) -> Response:
    current = services.intake.editor_form(session.actor)
    shown = values or {"title": current.form.title, "sections": list(current.form.sections),
                       "questions": questions_as_text(current.form.questions)}
    return render(request, "pages/intake_form_edit.html", {
        "current": current, "values": shown, "sections": SECTIONS,
        "errors": forms.field_errors(error) if error else {},
        "error": "Nothing was published: fix the fields marked below." if error else None,
        "notice": notice}, session=session, section="settings", status_code=status_code)


@router.get("/practice/intake-form")
def intake_form(request: Request, services: ServicesDep, session: Page,
                done: str = "") -> Response:
    return _editor(request, services, session, notice=NOTICES.get(done))


@router.post("/practice/intake-form")
def publish_intake_form(request: Request, services: ServicesDep, session: FormPost,
                        form: PostedForm) -> Response:
    values: dict[str, object] = {
        "title": forms.text(form, "title"), "sections": forms.all_values(form, "sections"),
        "questions": forms.text(form, "questions", strip=False)}
    try:
        services.intake.publish_definition(session.actor, str(values["title"]),
                                           forms.all_values(form, "sections"),
                                           str(values["questions"]))
    except InvalidInput as exc:
        return _editor(request, services, session, values=values, error=str(exc),
                       status_code=422)
    return RedirectResponse("/practice/intake-form?done=published", status_code=303)
