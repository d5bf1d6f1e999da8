"""Clients, care teams and appointments."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from closeddoor.api.deps import ActorDep, BearerDep, ServicesDep, answer_as_staff
from closeddoor.api.direct import direct_read
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.clients import (
    AppointmentCancelIn,
    AppointmentCancelled,
    AppointmentChangeIn,
    AppointmentIn,
    AppointmentOut,
    AppointmentStatusIn,
    CareTeamIn,
    CareTeamMemberOut,
    ClientIn,
    ClientOut,
    ClientSummaryOut,
    SearchIn,
)
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.paging import DEFAULT_LIMIT
from closeddoor.policy import Actor
from closeddoor.records.views import AppointmentView, ClientRecord, ClientSummary

router = APIRouter(prefix="/clients", tags=["clients"])
ClientSort = Literal["name", "newest", "oldest"]


def _summary(summary: ClientSummary) -> ClientSummaryOut:
    return ClientSummaryOut(id=summary.client_id, display_name=summary.display_name,
                            date_of_birth=summary.date_of_birth)


@router.get("", response_model=PageOut[ClientSummaryOut])
async def list_clients(services: ServicesDep, credentials: BearerDep, cursor: CursorQuery = None,
                       limit: LimitQuery = DEFAULT_LIMIT,
                       sort: Annotated[ClientSort | None, Query()] = None) -> Response:
    """The clients the caller may see, a page at a time. `sort=name` (family name) is for a
    clinician's or supervisor's own caseload, whose names are decrypted in memory; `newest`
    and `oldest` (by registration) work for everyone (names are sealed, so the whole practice
    cannot be sorted by name). Default: `name` for a caseload, `newest` otherwise."""
    def first_or_next_page(actor: Actor) -> PageOut[ClientSummaryOut]:
        page = services.charts.list_clients_page(actor, sort=sort, cursor=cursor, limit=limit)
        return PageOut[ClientSummaryOut](items=[_summary(s) for s in page.items],
                                         next_cursor=page.next_cursor,
                                         prev_cursor=page.prev_cursor)

    return await answer_as_staff(services, credentials, first_or_next_page)


@router.post("", status_code=201, response_model=Created)
def create_client(body: ClientIn, services: ServicesDep, actor: ActorDep) -> Created:
    return Created(id=services.charts.create_client(actor, body.model_dump()))


# Names travel in the body, never in a URL, so they cannot land in access logs.
@router.post("/search", response_model=PageOut[ClientSummaryOut])
def search_clients(body: SearchIn, services: ServicesDep, actor: ActorDep,
                   cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                   ) -> PageOut[ClientSummaryOut]:
    """Clients by name, a page at a time: the name in the body, the cursor and limit in the
    query. A cursor belongs to its search (the same words, whatever their case and spacing);
    one of another search is refused (422)."""
    page = services.charts.search_clients_page(actor, body.name, cursor=cursor, limit=limit)
    return PageOut[ClientSummaryOut](items=[_summary(s) for s in page.items],
                                     next_cursor=page.next_cursor,
                                     prev_cursor=page.prev_cursor)


@router.get("/{client_id}", response_model=ClientOut)
@direct_read
async def get_client(client_id: str, services: ServicesDep, credentials: BearerDep) -> Response:
    return await answer_as_staff(services, credentials, lambda actor: _chart(
        services.charts.get_client(actor, client_id)), one_snapshot=True, short=True)


def _chart(record: ClientRecord) -> ClientOut:
    return ClientOut(
        id=record.client_id, demographics=record.demographics, contacts=record.contacts,
        care_team=[CareTeamMemberOut(membership_id=m.membership_id, user_id=m.user_id,
                                     display_name=m.display_name, team_role=m.team_role,
                                     starts_at=m.starts_at) for m in record.care_team],
        access_basis=record.access_basis,
    )


@router.put("/{client_id}", status_code=204)
def update_client(client_id: str, body: ClientIn, services: ServicesDep, actor: ActorDep) -> None:
    services.charts.update_client(actor, client_id, body.model_dump())


@router.post("/{client_id}/care-team", status_code=201, response_model=Created)
def assign_care_team(client_id: str, body: CareTeamIn, services: ServicesDep,
                     actor: ActorDep) -> Created:
    return Created(id=services.charts.assign_care_team(actor, client_id, body.user_id))


@router.delete("/{client_id}/care-team/{membership_id}", status_code=204)
def end_care_team(client_id: str, membership_id: str, services: ServicesDep,
                  actor: ActorDep) -> None:
    services.charts.end_care_team(actor, client_id, membership_id)


def _appointment(view: AppointmentView) -> AppointmentOut:
    return AppointmentOut(
        id=view.appointment_id, client_id=view.client_id, clinician_id=view.clinician_id,
        starts_at=view.starts_at, duration_minutes=view.duration_minutes,
        modality=view.modality, status=view.status, room=view.details.get("room", ""),
        cpt_code=view.details.get("cpt_code", ""), icd10_code=view.details.get("icd10_code", ""),
        fee_cents=int(view.details.get("fee_cents", 0)), series_id=view.series_id,
        telehealth_link=str(view.details.get("telehealth_link", "")),
        paid_by_client=view.paid_by_client,
    )


@router.get("/{client_id}/appointments", response_model=PageOut[AppointmentOut])
def list_appointments(client_id: str, services: ServicesDep, actor: ActorDep,
                      cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                      ) -> PageOut[AppointmentOut]:
    return page_of(services.pager, lambda: services.charts.list_appointments(actor, client_id),
                   lambda a: a.appointment_id, _appointment, cursor=cursor, limit=limit,
                   sort=f"appointments:{client_id}")


@router.post("/{client_id}/appointments", status_code=201, response_model=Created)
def create_appointment(client_id: str, body: AppointmentIn, services: ServicesDep,
                       actor: ActorDep) -> Created:
    data = body.model_dump()
    return Created(id=services.charts.create_appointment(actor, client_id, data))


@router.put("/{client_id}/appointments/{appointment_id}", status_code=204)
def change_appointment(client_id: str, appointment_id: str, body: AppointmentChangeIn,
                       services: ServicesDep, actor: ActorDep) -> None:
    """Reschedule or edit one session, or it and the rest of its series; 409 on a clash."""
    data = body.model_dump()
    scope = data.pop("scope")
    services.charts.update_appointment(actor, client_id, appointment_id, data, scope=scope)


@router.post("/{client_id}/appointments/{appointment_id}/cancel",
             response_model=AppointmentCancelled)
def cancel_appointment(client_id: str, appointment_id: str, body: AppointmentCancelIn,
                       services: ServicesDep, actor: ActorDep) -> AppointmentCancelled:
    """Cancelled, or late-cancelled inside the practice's late-cancel window."""
    return AppointmentCancelled(status=services.charts.cancel_appointment(
        actor, client_id, appointment_id, scope=body.scope))


@router.put("/{client_id}/appointments/{appointment_id}/status", status_code=204)
def set_appointment_status(client_id: str, appointment_id: str, body: AppointmentStatusIn,
                           services: ServicesDep, actor: ActorDep) -> None:
    services.charts.set_appointment_status(actor, client_id, appointment_id, body.status)
