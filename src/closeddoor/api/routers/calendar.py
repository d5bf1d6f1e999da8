"""The calendar (day or week for a clinician, a room or the practice), blocks of time off and
the practice's scheduling settings (time zone, late-cancel window, rooms)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.schemas.calendar import (
    CalendarEntryOut,
    CalendarOut,
    SchedulingSettingsIo,
    TimeOffIn,
    TimeOffMoveIn,
)
from closeddoor.api.schemas.common import Created

router = APIRouter(tags=["calendar"])


@router.get("/calendar", response_model=CalendarOut)
def calendar(services: ServicesDep, actor: ActorDep,
             scope: Literal["clinician", "room", "practice"] = "clinician", target: str = "",
             day: date | None = None, span: Literal["day", "week"] = "week") -> CalendarOut:
    """Clients the caller may not see are busy blocks; every client shown is audited."""
    view = services.calendar.view(actor, scope=scope, target=target, day=day,
                                  week=span == "week")
    return CalendarOut(
        scope=view.scope, target=view.target, time_zone=str(services.charts.practice_zone()),
        days=view.days,
        entries=[CalendarEntryOut(kind=e.kind, id=e.entry_id, starts_at=e.starts_at,
                                  ends_at=e.ends_at, clinician_id=e.clinician_id,
                                  clinician_name=e.clinician_name, room=e.room,
                                  modality=e.modality, status=e.status, client_id=e.client_id,
                                  client_name=e.client_name, busy_only=e.busy_only)
                 for e in view.entries])


@router.post("/calendar/time-off", status_code=201, response_model=Created)
def add_time_off(body: TimeOffIn, services: ServicesDep, actor: ActorDep) -> Created:
    return Created(id=services.calendar.add_time_off(actor, body.user_id, body.starts_at,
                                                     body.ends_at))


@router.put("/calendar/time-off/{block_id}", status_code=204)
def change_time_off(block_id: str, body: TimeOffMoveIn, services: ServicesDep,
                    actor: ActorDep) -> None:
    """Move a block of time off: one's own, or anyone's for the owner and front desk."""
    services.calendar.change_time_off(actor, block_id, body.starts_at, body.ends_at)


@router.delete("/calendar/time-off/{block_id}", status_code=204)
def remove_time_off(block_id: str, services: ServicesDep, actor: ActorDep) -> None:
    """Delete a block of time off: one's own, or anyone's for the owner and front desk."""
    services.calendar.remove_time_off(actor, block_id)


@router.get("/settings/scheduling", response_model=SchedulingSettingsIo)
def get_scheduling(services: ServicesDep, actor: ActorDep) -> SchedulingSettingsIo:
    settings = services.charts.scheduling_settings()
    return SchedulingSettingsIo(time_zone=settings.time_zone,
                                late_cancel_hours=settings.late_cancel_hours,
                                rooms=services.calendar.rooms())


@router.put("/settings/scheduling", status_code=204)
def update_scheduling(body: SchedulingSettingsIo, services: ServicesDep,
                      actor: ActorDep) -> None:
    services.charts.update_scheduling_settings(actor, body.time_zone, body.late_cancel_hours)
    services.calendar.set_rooms(actor, body.rooms)
