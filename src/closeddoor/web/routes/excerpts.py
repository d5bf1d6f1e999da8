"""De-identified excerpts on the staff pages: choose notes and a purpose, preview every span the
engine found (highlighted by category), redact more or keep a span visible with a reason, then
take the excerpt as text or PDF. Each step re-reads the notes through the gate; nothing of the
excerpt is stored but its hash.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup, escape
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.deid import Label, Span
from closeddoor.errors import InvalidInput, PolicyDenied
from closeddoor.excerpts.model import ExcerptRequest, Purpose
from closeddoor.excerpts.pdf import render_excerpt_pdf
from closeddoor.records.form_access import NEW_EXCERPT
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_form, section
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
KEEP = re.compile(r"keep-(\d+)-(\d+)")
WHY_NOT = {
    "consent-not-current": "The client's informed consent is not signed for the current "
                           "version, so nothing identifying may be kept visible.",
    "consultation-excerpts-are-de-identified":
        "A consultation excerpt is de-identified: the consent form promises that colleagues "
        "never learn who the client is. To share identifying detail, choose the client's "
        "signed authorization naming the recipient; the excerpt is then a disclosure.",
    "teaching-excerpts-are-de-identified":
        "A teaching excerpt is de-identified (the client's teaching choice is about "
        "de-identified material). To share identifying detail, choose the client's signed "
        "authorization naming the recipient; the excerpt is then a disclosure.",
    "supervision-names-the-supervisor":
        "To keep identifying detail in a supervision excerpt, name the supervisor who will "
        "read it.",
    "not-a-supervisor-of-the-care-team":
        "That staff member does not supervise a clinician on this client's care team.",
    "authorization-wrong-recipient": "The authorization does not name that recipient.",
    "authorization-wrong-category":
        "The authorization does not cover these notes (a psychotherapy note needs an "
        "authorization for psychotherapy notes).",
    "psychotherapy-notes-alone":
        "Psychotherapy notes are disclosed on their own: choose them without progress notes.",
    "authorization-wrong-dates": "The authorization does not cover these notes' dates.",
    "not-on-care-team": "Only the care team may keep identifying detail visible.",
}


# The choosing form's fields in words, for the summary's links (id of the field, label).
LABELS = {"note_ids": ("notes", "Notes"), "purpose": ("purpose", "Purpose"),
          "output": ("output-tags", "Identifiers become"),
          "authorization_id": ("authorization_id", "The client's signed authorization"),
          "supervisor_id": ("supervisor_id", "The supervisor who will read it"),
          "passage": ("passage", "Only a passage"), "extra": ("passage", "More to redact"),
          "unredact": ("passage", "Spans kept visible")}


def excerpt_request(form: FormData) -> ExcerptRequest:
    """The request as the form carries it: notes, purpose, passage, extra phrases, and each
    span kept visible (a `keep-START-END` box ticked, with its `why-START-END` reason)."""
    unredact = []
    for name in form:
        match = KEEP.fullmatch(name)
        if match and forms.text(form, name) == "on":
            start, end = match.groups()
            unredact.append({"start": int(start), "end": int(end),
                             "reason": forms.text(form, f"why-{start}-{end}")})
    return ExcerptRequest.parse({
        "note_ids": forms.all_values(form, "note_ids"),
        "purpose": forms.text(form, "purpose"), "passage": forms.text(form, "passage"),
        "extra": forms.text(form, "extra"), "extra_label": forms.text(form, "extra_label"),
        "unredact": unredact, "output": forms.text(form, "output") or "tags",
        "supervisor_id": forms.text(form, "supervisor_id"),
        "authorization_id": forms.text(form, "authorization_id")})


def highlighted(source: str, spans: list[Span]) -> Markup:
    """The source with each span in a <mark> naming its category (escaped throughout)."""
    parts: list[str] = []
    cursor = 0
    for span in spans:
        parts.append(str(escape(source[cursor:span.start])))
        parts.append(f'<mark class="deid deid-{span.label.value.lower()}" '
                     f'data-label="{span.label.value}" id="span-{span.start}-{span.end}" '
                     f'title="{span.label.value}">{escape(source[span.start:span.end])}'
                     f'<span class="visually-hidden"> ({span.label.value})</span></mark>')
        cursor = span.end
    parts.append(str(escape(source[cursor:])))
    return Markup("".join(parts))  # noqa: S704 (every piece escaped above)


@router.get("/clients/{client_id}/excerpts/new")
def choose(client_id: str, request: Request, services: ServicesDep, session: Page) -> Response:
    record = open_form(request, services, session, client_id, NEW_EXCERPT)
    if isinstance(record, Response):
        return record
    return _choose_page(request, services, session, client_id, {})


def _choose_page(request: Request, services: Services, session: WebSession, client_id: str,
                 values: dict[str, Any], *, error: str | None = None,
                 status_code: int = 200) -> Response:
    actor = session.actor
    record = services.charts.get_client(actor, client_id)
    context = chart_context(
        services, session, record, "excerpt", values=values, labels=LABELS,
        errors=forms.field_errors(error) if error else {},
        progress=section(lambda: services.notes.list_progress_notes(actor, client_id)),
        process=section(lambda: services.notes.list_psychotherapy_notes(actor, client_id)),
        authorizations=section(lambda: [
            a for a in services.authorizations.list_authorizations(actor, client_id)
            if a.status == "active"]),
        supervisors=section(lambda: services.excerpts.supervisors_of_care_team(actor, client_id)),
        purposes=list(Purpose))
    return render(request, "pages/excerpt_new.html", context, session=session,
                  section="caseload", status_code=status_code)


def _form_values(form: FormData) -> dict[str, Any]:
    return {"note_ids": forms.all_values(form, "note_ids"),
            **forms.values(form, ("purpose", "passage", "extra", "extra_label", "output",
                                  "supervisor_id", "authorization_id"))}


@router.post("/clients/{client_id}/excerpts/preview")
def preview(client_id: str, request: Request, services: ServicesDep, session: FormPost,
            form: PostedForm) -> Response:
    values = _form_values(form)
    try:
        wanted = excerpt_request(form)
        shown = services.excerpts.preview(session.actor, client_id, wanted)
    except (InvalidInput, PolicyDenied) as exc:
        return _choose_page(request, services, session, client_id, values, error=_message(exc),
                            status_code=403 if isinstance(exc, PolicyDenied) else 422)
    record = services.charts.get_client(session.actor, client_id)
    kept = {(u.start, u.end): u.reason for u in wanted.unredact}
    context = chart_context(
        services, session, record, "excerpt", values=values, preview=shown, kept=kept,
        marked=highlighted(shown.source, shown.spans), labels=list(Label),
        why_not=WHY_NOT.get(shown.why_not_identifiable, shown.why_not_identifiable))
    return render(request, "pages/excerpt_preview.html", context, session=session,
                  section="caseload")


@router.post("/clients/{client_id}/excerpts")
def produce(client_id: str, request: Request, services: ServicesDep, session: FormPost,
            form: PostedForm) -> Response:
    try:
        excerpt = services.excerpts.create(session.actor, client_id, excerpt_request(form))
    except (InvalidInput, PolicyDenied) as exc:
        return _choose_page(request, services, session, client_id, _form_values(form),
                            error=_message(exc),
                            status_code=403 if isinstance(exc, PolicyDenied) else 422)
    if forms.text(form, "format") == "pdf":
        return Response(render_excerpt_pdf(excerpt), media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="excerpt-{excerpt.excerpt_id}.pdf"'})
    record = services.charts.get_client(session.actor, client_id)
    context = chart_context(services, session, record, "excerpt", excerpt=excerpt)
    return render(request, "pages/excerpt.html", context, session=session, section="caseload")


def _message(exc: Exception) -> str:
    if isinstance(exc, PolicyDenied):
        return WHY_NOT.get(exc.reason, f"Not allowed ({exc.reason}).")
    return str(exc)
