"""Requests for restrictions (45 CFR 164.522(a)), staff side: the chart's requests, recording
one received in writing or orally, agreeing, refusing with a reason the client sees, and ending
one (for the client, or by the practice telling the client). The portal side is in portal.py."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.restrictions import (
    AgreeIn,
    RefuseIn,
    RestrictionOut,
    StaffRestrictionRequestIn,
    TerminateIn,
)
from closeddoor.disclosure.restriction_service import RestrictionView
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["restrictions"])
CHART = "/clients/{client_id}/restrictions"


def restriction_out(view: RestrictionView) -> RestrictionOut:
    terms, state = view.terms, view.state
    return RestrictionOut(
        id=view.restriction_id, kind=terms.kind.value, status=view.status.value,
        summary=terms.summary(), recipient_kind=terms.recipient_kind.value,
        recipient_name=terms.recipient.name if terms.recipient else "",
        recipient_organization=terms.recipient.organization if terms.recipient else "",
        purposes=[p.value for p in terms.purposes],
        categories=[c.value for c in terms.categories], services_from=terms.services_from,
        services_to=terms.services_to, details=terms.details,
        received_via=view.received_via.value, requested_at=state.requested_at,
        answered_at=view.answered_at, paid_in_full=state.paid_in_full,
        refusal_reason=state.answer, terminated_on=state.terminated_on,
        ended_by=state.ended_by.value if state.ended_by else "", ended_note=view.ended_note)


@router.get(CHART, response_model=PageOut[RestrictionOut])
def list_restrictions(client_id: str, services: ServicesDep, actor: ActorDep,
                      cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                      ) -> PageOut[RestrictionOut]:
    """The chart's requests for restrictions, a page at a time."""
    return page_of(services.pager,
                   lambda: services.restrictions.list_restrictions(actor, client_id),
                   lambda v: v.restriction_id, restriction_out, cursor=cursor, limit=limit,
                   sort=f"restrictions:{client_id}")


@router.post(CHART, status_code=201, response_model=Created)
def record_request(client_id: str, body: StaffRestrictionRequestIn, services: ServicesDep,
                   actor: ActorDep) -> Created:
    """A request received in writing, or said to staff and documented (`received_via`)."""
    return Created(id=services.restrictions.ask(actor, client_id, body.model_dump()))


@router.get(CHART + "/{restriction_id}", response_model=RestrictionOut)
def get_restriction(client_id: str, restriction_id: str, services: ServicesDep,
                    actor: ActorDep) -> RestrictionOut:
    return restriction_out(services.restrictions.get(actor, client_id, restriction_id))


@router.post(CHART + "/{restriction_id}/agreement", status_code=204)
def agree_restriction(client_id: str, restriction_id: str, body: AgreeIn,
                      services: ServicesDep, actor: ActorDep) -> None:
    services.restrictions.agree(actor, client_id, restriction_id, body.model_dump())


@router.post(CHART + "/{restriction_id}/refusal", status_code=204)
def refuse_restriction(client_id: str, restriction_id: str, body: RefuseIn,
                       services: ServicesDep, actor: ActorDep) -> None:
    """409 for a self-pay request: the practice must agree (164.522(a)(1)(vi))."""
    services.restrictions.refuse(actor, client_id, restriction_id, body.model_dump())


@router.post(CHART + "/{restriction_id}/termination", status_code=204)
def terminate_restriction(client_id: str, restriction_id: str, body: TerminateIn,
                          services: ServicesDep, actor: ActorDep) -> None:
    """409 when the practice tries to end a self-pay restriction (164.522(a)(2)(iii))."""
    services.restrictions.terminate(actor, client_id, restriction_id, body.model_dump())
