"""The day: a clinician's home page (`/today`: today's sessions, past sessions with no signed
note yet) and the calendar (`/calendar`: a day or a week for me, a clinician, a room or the
practice). Who may see which client is the calendar service's business (records/calendar.py);
these pages only lay it out."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from closeddoor.errors import InvalidInput, PolicyDenied
from closeddoor.policy import Role
from closeddoor.web.rendering import render
from closeddoor.web.session import Page, ServicesDep

router = APIRouter()


@router.get("/today")
def today(request: Request, services: ServicesDep, session: Page) -> Response:
    day = services.calendar.today(session.actor)
    return render(request, "pages/today.html",
                  {"view": day.view, "unsigned": day.unsigned,
                   "zone": services.charts.practice_zone()},
                  session=session, section="today")


@router.get("/calendar")
def calendar(request: Request, services: ServicesDep, session: Page, scope: str = "clinician",
             target: str = "", day: str = "", span: str = "week") -> Response:
    error = None
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
        "sees_practice": sees_practice,
    }
    return render(request, "pages/calendar.html", context, session=session,
                  section="calendar", status_code=422 if error else 200)
