"""The client portal's API for upcoming sessions and intake forms (docs/intake.md): the JSON
twins of /portal/sessions and /portal/intake, under the same portal bearer token. No route takes
a client id: a session or packet id is looked up among the token holder's own (another client's
is 404), and the services decide as for the pages (`portal:record:read` for the sessions,
`portal:appointment:cancel`, `portal:intake:fill`; a representative only within the scope of
the document on file)."""

from __future__ import annotations

from datetime import UTC

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from closeddoor.api.deps import ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.portal_deps import ClientDep
from closeddoor.api.routers.intake import form_out
from closeddoor.api.schemas.common import CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.portal import (
    PortalCancellationOut,
    PortalIntakeDraftOut,
    PortalIntakePacketOut,
    PortalIntakePageIn,
    PortalIntakeSubmissionIn,
    PortalSessionOut,
    PortalSessionsOut,
)
from closeddoor.intake.errors import IntakeProblems
from closeddoor.intake.service import PacketView
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(prefix="/portal", tags=["portal"])


# --- upcoming sessions (docs/intake.md) ---------------------------------------------------------
@router.get("/me/sessions", response_model=PortalSessionsOut)
def my_sessions(services: ServicesDep, client: ClientDep) -> PortalSessionsOut:
    """Your scheduled sessions from now on, soonest first, in your time zone (your portal
    choice, else the practice's) and in UTC; `can_cancel` says whether the portal may cancel
    each (the practice allows it and it is outside the late-cancel window)."""
    upcoming = services.portal_sessions.upcoming(client)
    return PortalSessionsOut(
        time_zone=upcoming.zone_name, cancellation_allowed=upcoming.cancellation_allowed,
        late_cancel_hours=upcoming.late_cancel_hours,
        sessions=[PortalSessionOut(
            id=s.appointment_id, starts_at=s.starts_at, ends_at=s.ends_at,
            starts_at_utc=s.starts_at.astimezone(UTC), ends_at_utc=s.ends_at.astimezone(UTC),
            place=s.place, clinician=s.clinician, can_cancel=s.can_cancel)
            for s in upcoming.sessions])


@router.post("/me/sessions/{appointment_id}/cancellation", response_model=PortalCancellationOut,
             responses={409: {"description": "inside the late-cancel window, or the practice "
                                             "takes cancellations by phone only"}})
def cancel_my_session(appointment_id: str, services: ServicesDep,
                      client: ClientDep) -> PortalCancellationOut:
    """Cancel one of your own upcoming sessions, by the same rules as the portal page."""
    return PortalCancellationOut(status=services.portal_sessions.cancel(client, appointment_id))


# --- intake packets (docs/intake.md) ------------------------------------------------------------
def _packet_out(view: PacketView) -> PortalIntakePacketOut:
    return PortalIntakePacketOut(id=view.packet_id, status=view.status,
                                 form_number=view.form_number, form_title=view.form.title,
                                 sent_at=view.sent_at, saved_at=view.saved_at,
                                 submitted_at=view.submitted_at)


def _problems(exc: IntakeProblems) -> JSONResponse:
    """Every problem at once, each beside its field's key, as the API's 422 body."""
    return JSONResponse({"detail": str(exc), "errors": [
        {"field": key, "problem": problem} for key, problem in exc.fields.items()]},
        status_code=422)


@router.get("/me/intake-packets", response_model=PageOut[PortalIntakePacketOut])
def my_intake_packets(services: ServicesDep, client: ClientDep, cursor: CursorQuery = None,
                      limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[PortalIntakePacketOut]:
    """Your intake forms from the practice, newest first, a page at a time."""
    return page_of(services.pager, lambda: services.intake.client_packets(client),
                   lambda v: v.packet_id, _packet_out, cursor=cursor, limit=limit,
                   sort=f"portal-intake-packets:{client.client_id}")


@router.get("/me/intake-packets/{packet_id}", response_model=PortalIntakeDraftOut)
def my_intake_packet(packet_id: str, services: ServicesDep,
                     client: ClientDep) -> PortalIntakeDraftOut:
    """One intake form: its pages and fields, and your answers so far."""
    view = services.intake.client_packet(client, packet_id)
    return PortalIntakeDraftOut(**_packet_out(view).model_dump(),
                                form=form_out(view.form_number, view.form),
                                answers=view.answers)


@router.put("/me/intake-packets/{packet_id}/draft", status_code=204,
            responses={422: {"description": "each field's problem (format only in a draft)"},
                       409: {"description": "the answers were sent and are locked"}})
def save_my_intake_page(packet_id: str, body: PortalIntakePageIn, services: ServicesDep,
                        client: ClientDep) -> Response:
    """Save one page's answers as a draft (checked for format only)."""
    try:
        services.intake.save_draft(client, packet_id, body.page, body.answers)
    except IntakeProblems as exc:
        return _problems(exc)
    return Response(status_code=204)


@router.post("/me/intake-packets/{packet_id}/submission", status_code=204,
             responses={422: {"description": "each missing or malformed answer"},
                        409: {"description": "the answers were already sent"}})
def submit_my_intake(packet_id: str, body: PortalIntakeSubmissionIn, services: ServicesDep,
                     client: ClientDep) -> Response:
    """Send your answers to the practice (saving `page` first when given); every required
    answer is needed. Sending locks them."""
    try:
        services.intake.submit(client, packet_id, body.page, body.answers)
    except IntakeProblems as exc:
        return _problems(exc)
    return Response(status_code=204)
