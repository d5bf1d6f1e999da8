"""Outcome measures on the staff pages (docs/measures.md): the chart's measures tab (safety
flags with the prompt to review or write a safety plan, what the client was asked to complete,
a trend chart per instrument with its numbers as a table), entering a measure in session, asking
the client to complete one in the portal, and the trend chart itself as an SVG image.

The chart's SVG carries inline styles, which the pages' CSP (`style-src 'self'`) forbids; it is
served from its own route as an image with a CSP of its own (images run no scripts). The
services decide who may do what; this module only draws and parses.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, PolicyDenied
from closeddoor.measures.chart import trend_svg
from closeddoor.measures.model import DEFINITIONS, Instrument, definition
from closeddoor.measures.service import Trend
from closeddoor.records.form_access import NEW_MEASURE as _WRITE
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import chart_context, open_chart
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
INSTRUMENTS = [i.value for i in sorted(Instrument, key=lambda i: i.value)]
NOTICES = {"saved": "The measure is saved.",
           "flagged": "The measure is saved. Question 9 was answered above 0: a safety flag is "
                      "raised below. Review it with the client today.",
           "requested": "Asked. The client finds it in the portal, and their next reminder "
                        "carries a neutral link to it.",
           "reviewed": "The safety flag is marked reviewed."}
# The SVG's own inline styles need 'unsafe-inline' for styles, and nothing else: an image
# document runs no scripts, loads nothing, and cannot be framed.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def answers_from(form: FormData, instrument: str) -> list[object]:
    """Each question's posted choice, as a whole number, or None when it is missing or not a
    number (the service names those: `item_N`)."""
    try:
        count = len(definition(instrument).items)
    except InvalidInput:
        return []
    answers: list[object] = []
    for number in range(1, count + 1):
        raw = forms.text(form, f"item_{number}")
        answers.append(int(raw) if raw.isdigit() and len(raw) < 3 else None)
    return answers


def target_of(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 4 else None


def plan_targets(services: Services, session: WebSession, client_id: str) -> dict[str, int]:
    """The score each measured goal of the client's plan in effect aims below (the newest
    revision that is not a draft), by instrument; none when there is no such plan or the
    reader may not read it (docs/treatment-plans.md)."""
    try:
        revisions = services.plans.revisions(session.actor, client_id)
    except PolicyDenied:
        return {}
    in_effect = [r for r in revisions if r.state != "draft"]
    if not in_effect:
        return {}
    newest = max(in_effect, key=lambda r: r.number)
    return {goal.measure: goal.target for goal in newest.document.goals
            if goal.measure and goal.target is not None}


def _page(request: Request, services: Services, session: WebSession, client_id: str, *,
          target: int | None = None, error: str | None = None, notice: str | None = None,
          requested: str = "", status_code: int = 200) -> Response:
    actor = session.actor
    record = services.charts.get_client(actor, client_id)
    try:
        trends: list[Trend] = services.measures.trends(actor, client_id, target)
        if target is None:  # the treatment plan's own targets, one per measure it names
            targets = plan_targets(services, session, client_id)
            trends = [replace(t, target=targets.get(t.definition.instrument.value))
                      for t in trends]
        flags = services.measures.flags(actor, client_id)
        pending = services.measures.pending_requests(actor, client_id)
        readable = True
    except PolicyDenied:
        trends, flags, pending, readable = [], [], [], False
    context = chart_context(
        services, session, record, "measures", trends=[t for t in trends if t.points],
        flags=flags, pending=pending, readable=readable, instruments=INSTRUMENTS,
        may_write=services.forms.may_use(actor, _WRITE, client_id), target=target,
        requested=requested, errors=forms.field_errors(error) if error else {},
        error="Nothing was asked: fix the field marked below." if error else None,
        notice=notice)
    return render(request, "pages/measures.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/measures")
def measures_page(client_id: str, request: Request, services: ServicesDep, session: Page,
                  done: str = "", target: str = "") -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    return _page(request, services, session, client_id, target=target_of(target),
                 notice=NOTICES.get(done))


@router.get("/clients/{client_id}/measures/{instrument}/chart.svg")
def trend_chart(client_id: str, instrument: str, services: ServicesDep, session: Page,
                target: str = "") -> Response:
    """The trend as an SVG image (the numbers are in the table beside it on the page)."""
    trend = services.measures.trend(session.actor, client_id, instrument, target_of(target))
    zone = services.charts.practice_zone()  # dates as the table beside it shows them
    svg = trend_svg(trend.definition,
                    [(p.taken_at.astimezone(zone), p.score) for p in trend.points],
                    target=trend.target, reliable_band=trend.band_from_first)
    return Response(svg, media_type="image/svg+xml",
                    headers={"Content-Security-Policy": SVG_CSP})


def _form(request: Request, services: Services, session: WebSession, client_id: str,
          instrument: str, *, answers: list[object] | None = None, error: str = "",
          status_code: int = 200) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    spec = DEFINITIONS.get(Instrument(instrument)) if instrument in INSTRUMENTS else None
    context = chart_context(
        services, session, record, "measures", spec=spec, instruments=INSTRUMENTS,
        answers=answers or [], errors=forms.field_errors(error) if error else {},
        error=("Nothing was saved: answer every question marked below." if error else None))
    return render(request, "pages/measure_new.html", context, session=session,
                  section="caseload", status_code=status_code)


@router.get("/clients/{client_id}/measures/new")
def new_measure(client_id: str, request: Request, services: ServicesDep, session: Page,
                instrument: str = "") -> Response:
    services.forms.require(session.actor, _WRITE, client_id)
    return _form(request, services, session, client_id, instrument)


@router.post("/clients/{client_id}/measures")
def save_measure(client_id: str, request: Request, services: ServicesDep, session: FormPost,
                 form: PostedForm) -> Response:
    instrument = forms.text(form, "instrument")
    answers = answers_from(form, instrument)
    try:
        saved = services.measures.record(session.actor, client_id, instrument, answers)
    except InvalidInput as exc:
        return _form(request, services, session, client_id, instrument, answers=answers,
                     error=str(exc), status_code=422)
    done = "flagged" if saved.safety_flag else "saved"
    return RedirectResponse(f"/clients/{client_id}/measures?done={done}", status_code=303)


@router.post("/clients/{client_id}/measure-requests")
def ask_client(client_id: str, request: Request, services: ServicesDep, session: FormPost,
               form: PostedForm) -> Response:
    instrument = forms.text(form, "instrument")
    return forms.submit(
        lambda: services.measures.request(session.actor, client_id, instrument),
        lambda error, status: _page(request, services, session, client_id, error=error,
                                    requested=instrument, status_code=status),
        f"/clients/{client_id}/measures?done=requested")


@router.post("/clients/{client_id}/safety-flags/{flag_id}/review")
def review_flag(client_id: str, flag_id: str, request: Request, services: ServicesDep,
                session: FormPost) -> Response:
    try:
        services.measures.review_flag(session.actor, client_id, flag_id)
    except ConflictError:
        return _page(request, services, session, client_id, status_code=409,
                     notice="This safety flag was already reviewed; nothing changed.")
    return RedirectResponse(f"/clients/{client_id}/measures?done=reviewed", status_code=303)
