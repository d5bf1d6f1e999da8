"""Outcome measures on the staff API (docs/measures.md): enter a PHQ-9, GAD-7 or PCL-5 and get
its score, band and safety flag; list a client's measures; ask the client to complete one in
the portal; read and review safety flags. Billing and front desk are refused everything here."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.measures import (
    MeasureIn,
    MeasureOut,
    MeasureRequestIn,
    MeasureRequestOut,
    SafetyFlagOut,
)
from closeddoor.measures.service import MeasureView
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["measures"])
CHART = "/clients/{client_id}"


def measure_out(view: MeasureView) -> MeasureOut:
    return MeasureOut(id=view.measure_id, instrument=view.instrument, score=view.score,
                      severity=view.severity, safety_flag=view.safety_flag,
                      answers=list(view.answers), taken_at=view.taken_at, source=view.source)


@router.post(CHART + "/measures", status_code=201, response_model=MeasureOut)
def record_measure(client_id: str, body: MeasureIn, services: ServicesDep,
                   actor: ActorDep) -> MeasureOut:
    """Score a completed measure (422 naming each answer out of the instrument's range)."""
    return measure_out(services.measures.record(actor, client_id, body.instrument,
                                                body.answers))


@router.get(CHART + "/measures", response_model=PageOut[MeasureOut])
def list_measures(client_id: str, services: ServicesDep, actor: ActorDep,
                  cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                  ) -> PageOut[MeasureOut]:
    """The client's measures, oldest first (the care team and supervisors; never billing), a
    page at a time."""
    return page_of(services.pager, lambda: services.measures.measures(actor, client_id),
                   lambda v: v.measure_id, measure_out, cursor=cursor, limit=limit,
                   sort=f"measures:{client_id}")


@router.post(CHART + "/measure-requests", status_code=201, response_model=Created)
def request_measure(client_id: str, body: MeasureRequestIn, services: ServicesDep,
                    actor: ActorDep) -> Created:
    """Ask the client to complete a measure in the portal (409 while the same is waiting)."""
    return Created(id=services.measures.request(actor, client_id, body.instrument))


@router.get(CHART + "/measure-requests", response_model=PageOut[MeasureRequestOut])
def list_measure_requests(client_id: str, services: ServicesDep, actor: ActorDep,
                          cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                          ) -> PageOut[MeasureRequestOut]:
    """Measures the client was asked to complete and has not yet, a page at a time."""
    return page_of(services.pager, lambda: services.measures.pending_requests(actor, client_id),
                   lambda r: r.request_id,
                   lambda r: MeasureRequestOut(id=r.request_id, instrument=r.instrument,
                                               requested_at=r.requested_at),
                   cursor=cursor, limit=limit, sort=f"measure-requests:{client_id}")


@router.get(CHART + "/safety-flags", response_model=PageOut[SafetyFlagOut])
def list_safety_flags(client_id: str, services: ServicesDep, actor: ActorDep,
                      cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                      ) -> PageOut[SafetyFlagOut]:
    """The client's safety flags, a page at a time."""
    return page_of(services.pager, lambda: services.measures.flags(actor, client_id),
                   lambda f: f.flag_id,
                   lambda f: SafetyFlagOut(id=f.flag_id, measure_id=f.measure_id,
                                           instrument=f.instrument, raised_at=f.raised_at,
                                           reviewed_at=f.reviewed_at,
                                           reviewed_by=f.reviewed_by),
                   cursor=cursor, limit=limit, sort=f"safety-flags:{client_id}")


@router.post(CHART + "/safety-flags/{flag_id}/review", status_code=204)
def review_safety_flag(client_id: str, flag_id: str, services: ServicesDep,
                       actor: ActorDep) -> None:
    """A treating clinician records the flag reviewed (409 if it already was)."""
    services.measures.review_flag(actor, client_id, flag_id)
