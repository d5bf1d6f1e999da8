"""The day: a clinician's home page (`/today`: today's sessions, past sessions with no signed
note yet) and the calendar (`/calendar`: a day or a week for me, a clinician, a room or the
practice). Who may see which client is the calendar service's business (records/calendar.py);
these pages only lay it out."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.bootstrap import Services
from closeddoor.errors import InvalidInput, NotFound, PolicyDenied, join_problems
from closeddoor.policy import Role
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()


@router.get("/today")
def today(request: Request, services: ServicesDep, session: Page) -> Response:
    day = services.calendar.today(session.actor)
    return render(request, "pages/today.html",
                  {"view": day.view, "unsigned": day.unsigned,
                   "zone": services.charts.practice_zone(),
                   # Open safety flags of the clients this clinician treats (docs/measures.md);
                   # empty for everyone else, without a query.
                   "safety_flags": services.measures.open_flags_for(session.actor),
                   "plans_due": plans_due(services, session)},
                  session=session, section="today")


def plans_due(services: Services, session: WebSession) -> list[Any]:
    """The treating clinician's plans due for review (docs/treatment-plans.md), with names."""
    if session.user.role not in (Role.CLINICIAN, Role.OWNER):
        return []
    names = {c.client_id: c.display_name for c in services.charts.list_clients(session.actor)}
    return [SimpleNamespace(client_name=names.get(d.client_id, "a client"), client_id=d.client_id,
                            review_on=d.review_on, overdue=d.overdue)
            for d in services.plans.due_for_review(session.actor, list(names))]


OFF_FIELDS = ("off_day", "off_from", "off_to")
# The service's names for a block's times, and the form fields that hold them.
OFF_FIELD_OF = {"starts_at": "off_from", "ends_at": "off_to"}


def _block_times(form: FormData) -> tuple[datetime, datetime]:
    """The day, from and until fields as wall-clock (naive) times in the practice's zone; every
    field's problem at once."""
    problems: list[str] = []
    on = None
    try:
        on = date.fromisoformat(forms.text(form, "off_day"))
    except ValueError:
        problems.append("off_day: enter the date as YYYY-MM-DD, for example 2026-03-09")
    times = {}
    for name in ("off_from", "off_to"):
        try:
            times[name] = time.fromisoformat(forms.text(form, name))
        except ValueError:
            problems.append(f"{name}: enter the time as HH:MM, for example 13:00")
    if problems or on is None:
        raise InvalidInput(join_problems(problems))
    return datetime.combine(on, times["off_from"]), datetime.combine(on, times["off_to"])


@router.post("/calendar/time-off")
def add_time_off(request: Request, services: ServicesDep, session: FormPost,
                 form: PostedForm) -> Response:
    """A block of time off: a clinician's own, or anyone's for the owner and front desk."""
    user_id = forms.text(form, "user_id") or session.user.user_id
    values = forms.values(form, (*OFF_FIELDS, "user_id"))
    try:
        starts, ends = _block_times(form)
        services.calendar.add_time_off(session.actor, user_id, starts, ends)
    except (InvalidInput, PolicyDenied) as exc:
        message = str(exc) if isinstance(exc, InvalidInput) else \
            "You may add time off for yourself only."
        return _calendar_page(request, services, session, day=_valid_day(values["off_day"]),
                              errors=forms.field_errors(message, OFF_FIELD_OF),
                              values=values, status_code=422)
    return RedirectResponse(f"/calendar?day={starts.date().isoformat()}&span=day&saved=1",
                            status_code=303)


@router.post("/calendar/time-off/{block_id}/move")
def move_time_off(block_id: str, request: Request, services: ServicesDep, session: FormPost,
                  form: PostedForm) -> Response:
    """Move a block of time off to another day or other hours: one's own, or anyone's for the
    owner and front desk (the service decides). A refusal shows the block's form again."""
    values = forms.values(form, OFF_FIELDS)
    try:
        starts, ends = _block_times(form)
        services.calendar.change_time_off(session.actor, block_id, starts, ends)
    except InvalidInput as exc:
        # Shown again on the block's own day (a hidden field), where its form stands.
        return _calendar_page(request, services, session,
                              day=_valid_day(forms.text(form, "block_day")),
                              span="day", moving=block_id, values=values,
                              errors=forms.field_errors(str(exc), OFF_FIELD_OF),
                              status_code=422)
    except PolicyDenied:
        return _calendar_page(request, services, session,
                              problem="You may move your own time off only.", status_code=403)
    except NotFound:
        return _calendar_page(request, services, session,
                              problem="That time off was removed, so it was not moved.",
                              status_code=404)
    return RedirectResponse(f"/calendar?day={starts.date().isoformat()}&span=day&moved=1",
                            status_code=303)


def _valid_day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


@router.post("/calendar/time-off/{block_id}/remove")
def remove_time_off(block_id: str, request: Request, services: ServicesDep, session: FormPost
                    ) -> Response:
    """Delete a block of time off: one's own, or anyone's for the owner and front desk."""
    try:
        services.calendar.remove_time_off(session.actor, block_id)
    except PolicyDenied:
        return _calendar_page(request, services, session,
                              problem="You may remove your own time off only.",
                              status_code=403)
    except NotFound:
        return _calendar_page(request, services, session,
                              problem="That time off was already removed.",
                              status_code=404)
    return RedirectResponse("/calendar?removed=1", status_code=303)


@router.get("/calendar")
def calendar(request: Request, services: ServicesDep, session: Page, scope: str = "clinician",
             target: str = "", day: str = "", span: str = "week", saved: str = "",
             removed: str = "", moved: str = "") -> Response:
    return _calendar_page(request, services, session, scope=scope, target=target, day=day,
                          span=span, saved=saved, removed=removed, moved=moved)


def _calendar_page(request: Request, services: Services, session: WebSession, *,
                   scope: str = "clinician", target: str = "", day: str = "",
                   span: str = "week", saved: str = "", removed: str = "", moved: str = "",
                   problem: str | None = None, errors: dict[str, str] | None = None,
                   values: dict[str, str] | None = None, moving: str = "",
                   status_code: int = 200) -> Response:
    error = problem
    try:
        on = date.fromisoformat(day) if day else None
    except ValueError:
        on, error = None, "day: enter the date as YYYY-MM-DD"
    week = span != "day"
    sees_practice = session.user.role in (Role.OWNER, Role.BILLING)
    try:
        view = services.calendar.view(session.actor, scope=scope, target=target, day=on,
                                      week=week)
    except (InvalidInput, PolicyDenied) as exc:
        error = str(exc) if isinstance(exc, InvalidInput) else \
            "Only the owner and front desk see the practice's and the rooms' calendars."
        view = services.calendar.view(session.actor, scope="clinician", day=on, week=week)
        scope, target = "clinician", ""
    step = timedelta(days=7 if week else 1)
    zone = services.charts.practice_zone()
    context = {
        "view": view, "zone": zone, "scope": scope, "target": target, "span": span,
        "error": error, "previous": view.first_day - step, "next": view.first_day + step,
        "clinicians": services.calendar.clinicians(),
        "rooms": services.calendar.rooms() if sees_practice else [],
        "sees_practice": sees_practice, "errors": errors or {}, "values": values or {},
        "moving": moving,
        "notice": "The time off was saved." if saved else
        "The time off was moved." if moved else
        "The time off was removed." if removed else None,
    }
    return render(request, "pages/calendar.html", context, session=session,
                  section="calendar",
                  status_code=422 if error and not problem else status_code)
