"""Progress notes (write, edit a draft, sign, add an addendum) and the viewer's own
psychotherapy notes. Note text is only ever in request bodies and page bodies, never in URLs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput
from closeddoor.localtime import to_local
from closeddoor.policy import Role
from closeddoor.records.form_access import NEW_NOTE
from closeddoor.records.model import NOTE_SECTIONS, NoteFormat, convert_sections
from closeddoor.records.views import ClientRecord, NoteView
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import (
    Section,
    chart_context,
    open_chart,
    open_form,
    section,
)
from closeddoor.web.routes.plans import note_goal_choices
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
FORMATS = tuple(NoteFormat)
# What the note page says after a save (post/redirect/get: `?saved=...`).
SAVED = {
    "draft": "The draft was saved. It stays yours alone until you sign it.",
    "signed": "The note was signed and locked. Corrections from now on are dated addenda.",
    "addendum": "The addendum was saved and signed by you.",
    "cosigned": "Your co-signature was recorded. The note is unchanged and stays locked.",
}
SWITCHED = "Switched to {format}. Everything you typed is kept{moved}; nothing is saved yet."
APPOINTMENT_USED = ("The session date{code} now come from the appointment; nothing is saved "
                    "yet.")


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


def _switched(form: FormData) -> tuple[NoteFormat, dict[str, str], str]:
    """The form re-laid in the format asked for (`switch_to`), keeping every word typed, with
    the message that says so. Nothing is saved: the text only goes back into the page."""
    old = _format(forms.text(form, "format"))
    new = _format(forms.text(form, "switch_to"))
    typed = {n: forms.text(form, "body" if old is NoteFormat.FREE else f"section_{n}")
             for n in NOTE_SECTIONS[old]}
    placed = convert_sections(typed, new)
    values = forms.values(form, ("session_date", "appointment_id"))
    values.update({"body" if new is NoteFormat.FREE else f"section_{n}": text
                   for n, text in placed.items()})
    kept = [n for n, text in typed.items() if text and n not in NOTE_SECTIONS[new]]
    first = NOTE_SECTIONS[new][0]
    moved = (f" (what had no {new.value.upper()} section is now in "
             f"{'the note' if new is NoteFormat.FREE else first.capitalize()})" if kept else "")
    return new, values, SWITCHED.format(format=new.value.upper(), moved=moved)


def _appointment_choices(services: Services, session: WebSession, client_id: str
                         ) -> Section[dict[str, str]]:
    """The client's appointments for the note form: id, the label, the session's date in the
    practice's zone and its service (CPT) code, so choosing one can fill both."""
    where = services.charts.practice_zone()
    found = section(lambda: services.charts.list_appointments(session.actor, client_id))
    return Section([{"id": a.appointment_id, "starts_at": a.starts_at.isoformat(),
                     "status": a.status, "date": to_local(a.starts_at, where).date().isoformat(),
                     "code": str(a.details.get("cpt_code", "") or "")}
                    for a in found.items], found.available)


def _note_form(request: Request, services: Services, session: WebSession, record: ClientRecord,
               note_format: NoteFormat, values: dict[str, str], *, error: str | None = None,
               notice: str | None = None, status_code: int = 200) -> Response:
    appointments = _appointment_choices(services, session, record.client_id)
    chosen = next((a for a in appointments.items if a["id"] == values.get("appointment_id")),
                  None)
    errors = forms.field_errors(error) if error else {}
    context = chart_context(
        services, session, record, "write", note_format=note_format, formats=FORMATS,
        sections=NOTE_SECTIONS[note_format], values=values, errors=errors, notice=notice,
        appointments=appointments, chosen=chosen, today=services.notes.local_today(),
    )
    return render(request, "pages/note_new.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/notes/new")
def new_note_form(client_id: str, request: Request, services: ServicesDep, session: Page,
                  note_format: Annotated[str, Query(alias="format")] = "soap") -> Response:
    record = open_form(request, services, session, client_id, NEW_NOTE)
    if isinstance(record, Response):
        return record
    today = services.notes.local_today().isoformat()
    return _note_form(request, services, session, record, _format(note_format),
                      {"session_date": today})


@router.post("/clients/{client_id}/notes/new")
def new_note(client_id: str, request: Request, services: ServicesDep, session: FormPost,
             form: PostedForm) -> Response:
    action = forms.text(form, "action")
    note_format = _format(forms.text(form, "format"))
    if action in ("switch", "use_appointment"):
        record = open_form(request, services, session, client_id, NEW_NOTE)
        if isinstance(record, Response):
            return record
        if action == "switch":
            note_format, values, notice = _switched(form)
            return _note_form(request, services, session, record, note_format, values,
                              notice=notice)
        return _use_appointment(request, services, session, record, note_format,
                                _typed(form, note_format))
    data = {**_note_data(form, note_format), "kind": "progress",
            "session_date": forms.text(form, "session_date"),
            "appointment_id": forms.text(form, "appointment_id") or None,
            "sign": False}  # signing is a step of its own, confirmed on its page
    try:
        note_id = services.notes.create_note(session.actor, client_id, data)
    except (InvalidInput, ConflictError) as exc:
        record = services.charts.get_client(session.actor, client_id)
        return _note_form(request, services, session, record, note_format,
                          _typed(form, note_format), error=str(exc), status_code=422)
    if action == "sign":
        return RedirectResponse(f"/clients/{client_id}/notes/{note_id}/sign?saved=draft",
                                status_code=303)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}?saved=draft",
                            status_code=303)


def _use_appointment(request: Request, services: Services, session: WebSession,
                     record: ClientRecord, note_format: NoteFormat,
                     values: dict[str, str]) -> Response:
    """The form again with the chosen appointment's date as the session date (its service code
    shown beside it); without a choice, a field-named message."""
    chosen = next((a for a in _appointment_choices(services, session, record.client_id).items
                   if a["id"] == values.get("appointment_id")), None)
    if chosen is None:
        return _note_form(request, services, session, record, note_format, values,
                          error="appointment_id: choose an appointment from the list first",
                          status_code=422)
    values["session_date"] = chosen["date"]
    code = " and service code" if chosen["code"] else ""
    return _note_form(request, services, session, record, note_format, values,
                      notice=APPOINTMENT_USED.format(code=code))


def _note_page(request: Request, services: Services, session: WebSession, client_id: str,
               note_id: str, *, values: dict[str, str] | None = None, error: str | None = None,
               notice: str | None = None, note_format: NoteFormat | None = None,
               status_code: int = 200) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    note: NoteView = services.notes.get_note(session.actor, client_id, note_id)
    shown_format = note_format or _format(note.note_format)
    if values is None and note.status == "draft":
        # The draft's own text fills the edit form (and is shown there alone, not twice).
        values = {"body": note.sections.get("body", "")}
        values.update({f"section_{name}": text for name, text in note.sections.items()})
    may_cosign = (session.user.role is Role.SUPERVISOR and note.kind == "progress"
                  and note.status == "signed" and note.cosigned_by is None
                  and services.notes.is_authors_supervisor(session.actor, client_id, note_id))
    context = chart_context(
        services, session, record, "note", note=note, names=services.accounts.display_names(),
        is_author=note.author_id == session.user.user_id, note_format=shown_format,
        formats=FORMATS, sections=NOTE_SECTIONS[shown_format], values=values or {},
        error=error, notice=notice, may_cosign=may_cosign,
        plan_goals=note_goal_choices(  # the plan's goals it addressed (docs/treatment-plans.md)
            services, session, client_id, note_id,
            is_draft_author=note.status == "draft" and note.author_id == session.user.user_id),
    )
    return render(request, "pages/note.html", context, session=session, section="caseload",
                  status_code=status_code)


@router.get("/clients/{client_id}/notes/{note_id}")
def note_page(client_id: str, note_id: str, request: Request, services: ServicesDep,
              session: Page, saved: str = "") -> Response:
    return _note_page(request, services, session, client_id, note_id, notice=SAVED.get(saved))


@router.get("/clients/{client_id}/notes/{note_id}/sign")
def confirm_sign(client_id: str, note_id: str, request: Request, services: ServicesDep,
                 session: Page, saved: str = "") -> Response:
    """The confirmation step before signing: what signing locks, with the text to check once
    more. A signed note goes back to its page."""
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    note = services.notes.get_note(session.actor, client_id, note_id)
    if note.kind != "progress" or note.status != "draft":
        return RedirectResponse(f"/clients/{client_id}/notes/{note_id}", status_code=303)
    context = chart_context(services, session, record, "note", note=note,
                            names=services.accounts.display_names(),
                            notice=SAVED.get(saved) if saved == "draft" else None)
    return render(request, "pages/note_sign.html", context, session=session,
                  section="caseload")


@router.post("/clients/{client_id}/notes/{note_id}/sign")
def sign(client_id: str, note_id: str, services: ServicesDep, session: FormPost,
         form: PostedForm) -> Response:
    """Sign only when the confirmation page's own button sent `confirm=sign`; any other post
    (an old form, a bare request) goes to that page and signs nothing."""
    if forms.text(form, "confirm") != "sign":
        return RedirectResponse(f"/clients/{client_id}/notes/{note_id}/sign", status_code=303)
    services.notes.sign_note(session.actor, client_id, note_id)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}?saved=signed",
                            status_code=303)


@router.post("/clients/{client_id}/notes/{note_id}/edit")
def edit_draft(client_id: str, note_id: str, request: Request, services: ServicesDep,
               session: FormPost, form: PostedForm) -> Response:
    action = forms.text(form, "action")
    if action == "switch":
        new_format, values, notice = _switched(form)
        return _note_page(request, services, session, client_id, note_id, values=values,
                          notice=notice, note_format=new_format)
    note_format = _format(forms.text(form, "format"))
    try:
        services.notes.update_draft(session.actor, client_id, note_id,
                                    _note_data(form, note_format))
    except InvalidInput as exc:
        return _note_page(request, services, session, client_id, note_id,
                          values=_typed(form, note_format), error=str(exc),
                          note_format=note_format, status_code=422)
    if action == "sign":
        return RedirectResponse(f"/clients/{client_id}/notes/{note_id}/sign?saved=draft",
                                status_code=303)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}?saved=draft",
                            status_code=303)


@router.post("/clients/{client_id}/notes/{note_id}/addenda")
def add_addendum(client_id: str, note_id: str, request: Request, services: ServicesDep,
                 session: FormPost, form: PostedForm) -> Response:
    body = forms.text(form, "body")
    try:
        services.notes.add_addendum(session.actor, client_id, note_id, {"body": body})
    except InvalidInput as exc:
        return _note_page(request, services, session, client_id, note_id,
                          values={"addendum": body}, error=str(exc), status_code=422)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}?saved=addendum#addenda",
                            status_code=303)


@router.post("/clients/{client_id}/notes/{note_id}/cosign")
def cosign(client_id: str, note_id: str, services: ServicesDep, session: FormPost) -> Response:
    services.notes.cosign_note(session.actor, client_id, note_id)
    return RedirectResponse(f"/clients/{client_id}/notes/{note_id}?saved=cosigned",
                            status_code=303)


@router.get("/cosign")
def cosign_queue(request: Request, services: ServicesDep, session: Page) -> Response:
    """A supervisor's queue: supervisees' signed notes not yet co-signed (dates and names, no
    text); reviewing one opens the note, an audited read."""
    queue = services.notes.cosign_queue(session.actor)
    clients = ({c.client_id: c.display_name for c in services.charts.list_clients(session.actor)}
               if queue else {})
    return render(request, "pages/cosign_queue.html",
                  {"queue": queue, "clients": clients, "names": services.accounts.display_names()},
                  session=session, section="cosign")


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
