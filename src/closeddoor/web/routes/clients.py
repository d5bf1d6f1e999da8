"""The caseload, name search (POST only: a name never goes in a URL), new clients and editing a
client's demographics and contacts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.errors import InvalidInput
from closeddoor.policy import Role
from closeddoor.records.form_access import EDIT_CLIENT
from closeddoor.records.views import ClientRecord
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.calendar import calendar, today
from closeddoor.web.routes.chart import chart_context, open_form
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
PAGE_SIZE = 50
CLIENT_FIELDS = (
    "given_name", "family_name", "date_of_birth", "preferred_name", "pronouns",
    "gender_identity", "phone", "email", "address", "emergency_contact",
)


@router.get("/")
def home(request: Request, services: ServicesDep, session: Page) -> Response:
    """Where each role's day starts (shown at "/" itself, so signing in lands on it): a
    clinician's is Today (sessions, notes still to sign);
    the front desk's is the practice's day on the calendar; the owner and supervisors keep
    the client list (the owner runs the practice; a supervisor reviews supervisees' charts)."""
    if session.user.role is Role.CLINICIAN:
        return today(request, services, session)
    if session.user.role is Role.BILLING:
        return calendar(request, services, session, scope="practice", span="day")
    return caseload(request, services, session)


SORTS = {"name": "Family name", "newest": "Newest first", "oldest": "Oldest first"}


def _list_page(request: Request, services: Services, session: WebSession, *,
               sort: str | None, cursor: str | None, **extra: Any) -> Response:
    """The caseload page: one page of the list (sort and cursor from the URL; names never go
    in it), and the search form with its results, if any."""
    caseload_only = session.user.role in (Role.CLINICIAN, Role.SUPERVISOR)
    sorts = SORTS if caseload_only else {k: v for k, v in SORTS.items() if k != "name"}
    sort = sort or ("name" if caseload_only else "newest")
    if sort not in sorts:
        sort, cursor = next(iter(sorts)), None  # a hand-edited URL: show the first page
    status = 422 if extra.get("search_error") else 200
    try:
        page = services.charts.list_clients_page(session.actor, sort=sort, cursor=cursor,
                                                 limit=PAGE_SIZE)
    except InvalidInput:
        # A link that was changed or cut short: say so, and show the first page.
        page = services.charts.list_clients_page(session.actor, sort=sort, limit=PAGE_SIZE)
        extra["error"] = "That page link is not valid; here is the first page of the list."
        status, cursor = 422, None
    context = {"page": page, "sort": sort, "sorts": sorts, "first_page": cursor is None,
               "results": None, "query": "", "search_error": None, **extra}
    return render(request, "pages/caseload.html", context, session=session, section="caseload",
                  status_code=status)


@router.get("/clients")
def caseload(request: Request, services: ServicesDep, session: Page,
             sort: Annotated[str | None, Query(max_length=16)] = None,
             cursor: Annotated[str | None, Query(max_length=512)] = None) -> Response:
    return _list_page(request, services, session, sort=sort, cursor=cursor)


@router.post("/clients/search")
def search(request: Request, services: ServicesDep, session: FormPost,
           form: PostedForm) -> Response:
    """Search by name (POST: a name never goes in a URL); the results come a page at a time,
    the next page asked for by posting the name again with the results' cursor."""
    query = forms.text(form, "name")
    cursor = forms.text(form, "cursor") or None
    try:
        results = services.charts.search_clients_page(session.actor, query, cursor=cursor,
                                                      limit=PAGE_SIZE)
    except InvalidInput as exc:
        problem = forms.field_errors(str(exc))
        error = problem.get("name") or problem.get("cursor") or problem.get("")
        return _list_page(request, services, session, sort=None, cursor=None, query=query,
                          search_error=error, error="Please fix the problem marked below.")
    return _list_page(request, services, session, sort=None, cursor=None, query=query,
                      results=results)


@router.get("/clients/new")
def new_client_form(request: Request, session: Page) -> Response:
    return render(request, "pages/client_new.html", {"values": {}, "errors": {}},
                  session=session,
                  section="new-client")


@router.post("/clients/new")
def new_client(request: Request, services: ServicesDep, session: FormPost,
               form: PostedForm) -> Response:
    data = forms.values(form, CLIENT_FIELDS)
    try:
        client_id = services.charts.create_client(session.actor, dict(data))
    except InvalidInput as exc:
        return render(request, "pages/client_new.html",
                      {"values": data, "errors": forms.field_errors(str(exc))},
                      session=session, section="new-client", status_code=422)
    return RedirectResponse(f"/clients/{client_id}?saved=created", status_code=303)


def _edit_page(request: Request, services: Services, session: WebSession, record: ClientRecord,
               values: dict[str, str], *, error: str | None = None,
               status_code: int = 200) -> Response:
    context = chart_context(services, session, record, "edit", values=values,
                            errors=forms.field_errors(error) if error else {})
    return render(request, "pages/client_edit.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/edit")
def edit_client_form(client_id: str, request: Request, services: ServicesDep,
                     session: Page) -> Response:
    record = open_form(request, services, session, client_id, EDIT_CLIENT)
    if isinstance(record, Response):
        return record
    stored = {**record.demographics, **record.contacts}
    values = {name: str(stored.get(name) or "") for name in CLIENT_FIELDS}
    return _edit_page(request, services, session, record, values)


@router.post("/clients/{client_id}/edit")
def edit_client(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                form: PostedForm) -> Response:
    data = forms.values(form, CLIENT_FIELDS)
    try:
        services.charts.update_client(session.actor, client_id, dict(data))
    except InvalidInput as exc:
        record = services.charts.get_client(session.actor, client_id)
        return _edit_page(request, services, session, record, data, error=str(exc),
                          status_code=422)
    return RedirectResponse(f"/clients/{client_id}?saved=details", status_code=303)


@router.get("/clients/{client_id}/record.fhir.json")
def chart_fhir(client_id: str, services: ServicesDep, session: Page,
               own_psychotherapy_notes: bool = False) -> Response:
    """The chart as a FHIR R4 Bundle, for the treating care team; with
    `own_psychotherapy_notes`, the viewer's own process notes too (never anyone else's). The
    file name carries the chart's id, never the client's name (docs/operations.md)."""
    export = services.exports.chart_bundle(
        session.actor, client_id, with_own_psychotherapy_notes=own_psychotherapy_notes)
    suffix = "-with-my-psychotherapy-notes" if own_psychotherapy_notes else ""
    return Response(export.to_bytes(), media_type="application/fhir+json", headers={
        "Content-Disposition": f'attachment; filename="chart-{client_id}{suffix}.fhir.json"'})
