"""Closing and destroying charts: discharge and reopening, legal holds, the owner's retention
list, destruction requests and their approval by a second owner."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.schemas.common import Strict
from closeddoor.records.destruction import DischargedChart, RequestView

router = APIRouter(tags=["retention"])
Text = str | None


class DischargeIn(Strict):
    discharged_on: Text = Field(default=None, max_length=10)
    reason: Text = Field(default=None, max_length=2000)


class ReasonIn(Strict):
    reason: Text = Field(default=None, max_length=2000)


class DestructionIn(Strict):
    basis: Text = Field(default=None, max_length=20)  # retention-ended | created-in-error | ...
    reason: Text = Field(default=None, max_length=2000)


class DischargedOut(BaseModel):
    destruction_due_on: date


class HoldCreated(BaseModel):
    hold_id: str


class RequestCreated(BaseModel):
    request_id: str


class LegalHoldOut(BaseModel):
    hold_id: str
    placed_at: datetime
    released_at: datetime | None


class LifecycleOut(BaseModel):
    status: str  # active | discharged
    discharged_on: date | None
    last_service_on: date | None
    destruction_due_on: date | None  # with the clock stopped by legal holds; null while held
    on_hold: bool
    legal_holds: list[LegalHoldOut]


class RequestOut(BaseModel):
    request_id: str
    client_id: str
    basis: str
    requested_by: str
    requested_at: datetime


class DischargedChartOut(BaseModel):
    client_id: str
    display_name: str
    discharged_on: date
    destruction_due_on: date | None
    on_hold: bool
    is_due: bool
    pending_request_id: str | None


class RetentionOut(BaseModel):
    charts: list[DischargedChartOut]
    requests: list[RequestOut]


def _request(view: RequestView) -> RequestOut:
    return RequestOut(request_id=view.request_id, client_id=view.client_id, basis=view.basis,
                      requested_by=view.requested_by, requested_at=view.requested_at)


def _chart(chart: DischargedChart) -> DischargedChartOut:
    return DischargedChartOut(
        client_id=chart.client_id, display_name=chart.display_name,
        discharged_on=chart.discharged_on, destruction_due_on=chart.due_on,
        on_hold=chart.on_hold, is_due=chart.is_due,
        pending_request_id=chart.pending.request_id if chart.pending else None)


@router.get("/clients/{client_id}/lifecycle", response_model=LifecycleOut)
def lifecycle(client_id: str, services: ServicesDep, actor: ActorDep) -> LifecycleOut:
    view = services.lifecycle.lifecycle(actor, client_id)
    return LifecycleOut(
        status=view.status, discharged_on=view.discharged_on,
        last_service_on=view.last_service_on, destruction_due_on=view.effective_due_on,
        on_hold=view.on_hold,
        legal_holds=[LegalHoldOut(hold_id=h.hold_id, placed_at=h.placed_at,
                                  released_at=h.released_at) for h in view.holds])


@router.post("/clients/{client_id}/discharge", response_model=DischargedOut)
def discharge(client_id: str, body: DischargeIn, services: ServicesDep,
              actor: ActorDep) -> DischargedOut:
    due = services.lifecycle.discharge(actor, client_id, body.model_dump())
    return DischargedOut(destruction_due_on=due)


@router.post("/clients/{client_id}/reopening", status_code=204)
def reopen(client_id: str, body: ReasonIn, services: ServicesDep, actor: ActorDep) -> None:
    services.lifecycle.reopen(actor, client_id, body.model_dump())


@router.post("/clients/{client_id}/legal-holds", status_code=201, response_model=HoldCreated)
def place_hold(client_id: str, body: ReasonIn, services: ServicesDep,
               actor: ActorDep) -> HoldCreated:
    return HoldCreated(hold_id=services.lifecycle.place_hold(actor, client_id, body.model_dump()))


@router.post("/clients/{client_id}/legal-holds/{hold_id}/release", status_code=204)
def release_hold(client_id: str, hold_id: str, services: ServicesDep, actor: ActorDep) -> None:
    services.lifecycle.release_hold(actor, client_id, hold_id)


@router.get("/practice/retention", response_model=RetentionOut)
def retention(services: ServicesDep, actor: ActorDep) -> RetentionOut:
    overview = services.destruction.overview(actor)
    return RetentionOut(charts=[_chart(c) for c in overview.charts],
                        requests=[_request(r) for r in overview.requests])


@router.post("/clients/{client_id}/destruction", status_code=201,
             response_model=RequestCreated)
def request_destruction(client_id: str, body: DestructionIn, services: ServicesDep,
                        actor: ActorDep) -> RequestCreated:
    return RequestCreated(request_id=services.destruction.request(actor, client_id,
                                                                  body.model_dump()))


@router.post("/destruction-requests/{request_id}/approval", status_code=204)
def approve_destruction(request_id: str, services: ServicesDep, actor: ActorDep) -> None:
    services.destruction.approve(actor, request_id)
