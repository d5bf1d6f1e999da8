"""Amendment requests (45 CFR 164.526), staff side: the chart's requests, recording one received
on paper, the one extension, accepting or denying, a statement of disagreement received on paper,
the rebuttal; and the practice's queue of open requests with their due dates."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from closeddoor.amendments.rules import GROUND_TEXT, Status, denial_rights
from closeddoor.amendments.service import AmendmentView
from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.amendments import (
    AmendmentOut,
    AmendmentQueueOut,
    AnswerIn,
    DisagreementIn,
    ExtensionIn,
    ExtensionOut,
    PaperAmendmentRequestIn,
    RebuttalIn,
)
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["amendments"])
CHART = "/clients/{client_id}/amendments"


def amendment_out(view: AmendmentView, today: date, contact: str = "") -> AmendmentOut:
    """`contact`: who to complain to, from the notice in effect (164.526(d)(1)(iv))."""
    return AmendmentOut(
        id=view.amendment_id, target=view.target.value, note_id=view.note_id or None,
        note_session_date=view.note_session_date, received_via=view.received_via.value,
        requested_at=view.requested_at, change=view.change, reason=view.reason,
        status=view.status.value, due_on=view.due_on, extended_due_on=view.extended_due_on,
        extension_reason=view.extension_reason, overdue=view.is_overdue_on(today),
        ground=view.ground.value if view.ground else None,
        ground_text=GROUND_TEXT[view.ground] if view.ground else "", response=view.response,
        decided_at=view.decided_at, disagreement=view.disagreement,
        disagreement_at=view.disagreement_at, rebuttal=view.rebuttal,
        rebuttal_at=view.rebuttal_at, travels_asked_at=view.travels_asked_at,
        rights=list(denial_rights(contact)) if view.status is Status.DENIED else [])


@router.get("/amendments", response_model=PageOut[AmendmentQueueOut])
def open_amendments(services: ServicesDep, actor: ActorDep, cursor: CursorQuery = None,
                    limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[AmendmentQueueOut]:
    """Open requests in the charts the caller may read, soonest due first, a page at a time."""
    return page_of(services.pager, lambda: services.amendments.open_queue(actor),
                   lambda i: i.amendment_id,
                   lambda i: AmendmentQueueOut(
                       id=i.amendment_id, client_id=i.client_id, note_id=i.note_id or None,
                       received_via=i.received_via, requested_at=i.requested_at,
                       due_on=i.current_due, extended=i.is_extended, overdue=i.is_overdue),
                   cursor=cursor, limit=limit, sort="amendment-queue")


@router.get(CHART, response_model=PageOut[AmendmentOut])
def list_amendments(client_id: str, services: ServicesDep, actor: ActorDep,
                    cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                    ) -> PageOut[AmendmentOut]:
    """The chart's amendment requests, with each answer, a page at a time."""
    today = services.runtime.now().date()
    contact = services.amendments.complaint_contact()
    return page_of(services.pager, lambda: services.amendments.list_requests(actor, client_id),
                   lambda v: v.amendment_id, lambda v: amendment_out(v, today, contact),
                   cursor=cursor, limit=limit, sort=f"amendments:{client_id}")


@router.post(CHART, status_code=201, response_model=Created)
def record_paper_request(client_id: str, body: PaperAmendmentRequestIn, services: ServicesDep,
                         actor: ActorDep) -> Created:
    """A written request received on paper (its 60 days run from `received_on`)."""
    return Created(id=services.amendments.ask(actor, client_id, body.model_dump()))


@router.get(CHART + "/{amendment_id}", response_model=AmendmentOut)
def get_amendment(client_id: str, amendment_id: str, services: ServicesDep,
                  actor: ActorDep) -> AmendmentOut:
    return amendment_out(services.amendments.get(actor, client_id, amendment_id),
                         services.runtime.now().date(), services.amendments.complaint_contact())


@router.post(CHART + "/{amendment_id}/extension", response_model=ExtensionOut)
def extend_amendment(client_id: str, amendment_id: str, body: ExtensionIn,
                     services: ServicesDep, actor: ActorDep) -> ExtensionOut:
    return ExtensionOut(due_on=services.amendments.extend(actor, client_id, amendment_id,
                                                          body.model_dump()))


@router.post(CHART + "/{amendment_id}/answer", status_code=204)
def answer_amendment(client_id: str, amendment_id: str, body: AnswerIn, services: ServicesDep,
                     actor: ActorDep) -> None:
    services.amendments.answer(actor, client_id, amendment_id, body.model_dump())


@router.post(CHART + "/{amendment_id}/disagreement", status_code=204)
def record_paper_disagreement(client_id: str, amendment_id: str, body: DisagreementIn,
                              services: ServicesDep, actor: ActorDep) -> None:
    services.amendments.disagree(actor, client_id, amendment_id, body.model_dump())


@router.post(CHART + "/{amendment_id}/rebuttal", status_code=204)
def rebut_disagreement(client_id: str, amendment_id: str, body: RebuttalIn,
                       services: ServicesDep, actor: ActorDep) -> None:
    services.amendments.rebut(actor, client_id, amendment_id, body.model_dump())
