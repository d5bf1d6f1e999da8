"""Progress notes (write, edit a draft, sign, add an addendum) and the viewer's own
psychotherapy notes. Note text is only ever in request bodies and page bodies, never in URLs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.records.form_access import NEW_NOTE
from closeddoor.records.model import NOTE_SECTIONS, NoteFormat
from closeddoor.records.views import ClientRecord, NoteView
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart, open_form, section
from closeddoor.web.routes.plans import note_goal_choices
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
FORMATS = tuple(NoteFormat)


def _format(value: str) -> NoteFormat:
    try:
        return NoteFormat(value)
    except ValueError:
        return NoteFormat.SOAP


def _note_data(form: FormData, note_format: NoteFormat) -> dict[str, Any]:
    """The service's note shape from the form: `body` for free text, else named sections."""
    data: dict[str, Any] = {"format": note_format.value}
    if note_format is NoteFormat.FREE:
        data["body"] = forms.text(form, "body")
    else:
        data["sections"] = {n: forms.text(form, f"section_{n}")
                            for n in NOTE_SECTIONS[note_format]}
    return data


def _typed(form: FormData, note_format: NoteFormat) -> dict[str, str]:
    """What the clinician typed, to put back in the form after an error (never lost)."""
    names = [f"section_{n}" for n in NOTE_SECTIONS[note_format]]
    return forms.values(form, ("body", "session_date", "appointment_id", *names))


def _note_form(request: Request, services: Services, session: WebSession, record: ClientRecord,
               note_format: NoteFormat, values: dict[str, str], *, error: str | None = None,
               status_code: int = 200) -> Response:
    actor = session.actor
    context = chart_context(
        services, session, record, "write", note_format=note_format, formats=FORMATS,
        sections=NOTE_SECTIONS[note_format], values=values, error=error,
        appointments=section(lambda: services.charts.list_appointments(actor, record.client_id)),
    )
    return render(request, "pages/note_new.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/notes/new")
def new_note_form(client_id: str, request: Request, services: ServicesDep, session: Page,
                  note_format: Annotated[str, Query(alias="format")] = "soap") -> Response:
    record = open_form(request, services, session, client_id, NEW_NOTE)
    if isinstance(record, Response):
        return record
    today = services.runtime.now().date().isoformat()
    return _note_form(request, services, session, record, _format(note_format),
                      {"session_date": today})


@router.post("/clients/{client_id}/notes/new")
def new_note(client_id: str, request: Request, services: ServicesDep, session: FormPost,
             form: PostedForm) -> Response:
    note_format = _format(forms.text(form, "format"))
    data = {**_note_data(form, note_format), "kind": "progress",
            "session_date": forms.text(form, "session_date"),
            "appointment_id": forms.text(form, "appointment_id") or None,
            "sign": forms.text(form, "action") == "sign"}
    try:
        note_id = services.notes.create_note(session.actor, client_id, data)
    except (InvalidInput, ConflictError) as exc:
        record = services.charts.get_client(session.actor, client_id)
        return _note_form(request, services, session, record, note_format,
                          _typed(form, note_format), error=str(exc), status_code=422)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}", status_code=303)


def _note_page(request: Request, services: Services, session: WebSession, client_id: str,
               note_id: str, *, values: dict[str, str] | None = None, error: str | None = None,
               status_code: int = 200) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    note: NoteView = services.notes.get_note(session.actor, client_id, note_id)
    note_format = _format(note.note_format)
    if values is None and note.status == "draft":
        # The draft's own text fills the edit form.
        values = {"body": note.sections.get("body", "")}
        values.update({f"section_{name}": text for name, text in note.sections.items()})
    context = chart_context(
        services, session, record, "note", note=note, names=services.accounts.display_names(),
        is_author=note.author_id == session.user.user_id, note_format=note_format,
        sections=NOTE_SECTIONS[note_format], values=values or {}, error=error,
        plan_goals=note_goal_choices(  # the plan's goals it addressed (docs/treatment-plans.md)
            services, session, client_id, note_id,
            is_draft_author=note.status == "draft" and note.author_id == session.user.user_id),
    )
    return render(request, "pages/note.html", context, session=session, section="caseload",
                  status_code=status_code)


@router.get("/clients/{client_id}/notes/{note_id}")
def note_page(client_id: str, note_id: str, request: Request, services: ServicesDep,
              session: Page) -> Response:
    return _note_page(request, services, session, client_id, note_id)


@router.post("/clients/{client_id}/notes/{note_id}/sign")
def sign(client_id: str, note_id: str, services: ServicesDep, session: FormPost) -> Response:
    services.notes.sign_note(session.actor, client_id, note_id)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}", status_code=303)


@router.post("/clients/{client_id}/notes/{note_id}/edit")
def edit_draft(client_id: str, note_id: str, request: Request, services: ServicesDep,
               session: FormPost, form: PostedForm) -> Response:
    note_format = _format(forms.text(form, "format"))
    try:
        services.notes.update_draft(session.actor, client_id, note_id,
                                    _note_data(form, note_format))
    except InvalidInput as exc:
        return _note_page(request, services, session, client_id, note_id,
                          values=_typed(form, note_format), error=str(exc), status_code=422)
    if forms.text(form, "action") == "sign":
        services.notes.sign_note(session.actor, client_id, note_id)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}", status_code=303)


@router.post("/clients/{client_id}/notes/{note_id}/addenda")
def add_addendum(client_id: str, note_id: str, request: Request, services: ServicesDep,
                 session: FormPost, form: PostedForm) -> Response:
    body = forms.text(form, "body")
    try:
        services.notes.add_addendum(session.actor, client_id, note_id, {"body": body})
    except InvalidInput as exc:
        return _note_page(request, services, session, client_id, note_id,
                          values={"addendum": body}, error=str(exc), status_code=422)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}#addenda", status_code=303)


def _psychotherapy_page(request: Request, services: Services, session: WebSession,
                        record: ClientRecord, *, values: dict[str, str] | None = None,
                        error: str | None = None, status_code: int = 200) -> Response:
    actor = session.actor
    context = chart_context(
        services, session, record, "psychotherapy",
        notes=section(lambda: services.notes.list_psychotherapy_notes(actor, record.client_id)),
        values=values or {"session_date": services.runtime.now().date().isoformat()},
        error=error,
    )
    return render(request, "pages/psychotherapy.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/psychotherapy-notes")
def psychotherapy_notes(client_id: str, request: Request, services: ServicesDep,
                        session: Page) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    return _psychotherapy_page(request, services, session, record)


@router.post("/clients/{client_id}/psychotherapy-notes")
def new_psychotherapy_note(client_id: str, request: Request, services: ServicesDep,
                           session: FormPost, form: PostedForm) -> Response:
    data = {"kind": "psychotherapy", "format": "free", "body": forms.text(form, "body"),
            "session_date": forms.text(form, "session_date")}
    try:
        services.notes.create_note(session.actor, client_id, data)
    except InvalidInput as exc:
        record = services.charts.get_client(session.actor, client_id)
        return _psychotherapy_page(request, services, session, record,
                                   values=forms.values(form, ("body", "session_date")),
                                   error=str(exc), status_code=422)
    return RedirectResponse(f"/clients/{client_id}/psychotherapy-notes", status_code=303)
