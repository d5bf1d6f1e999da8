"""Progress notes, addenda and psychotherapy notes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from closeddoor.api.deps import ActorDep, BearerDep, ServicesDep, answer_as_staff
from closeddoor.api.direct import direct_read
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.notes import (
    AddendumIn,
    AddendumOut,
    CosignQueueOut,
    NoteIn,
    NoteOut,
    NoteUpdateIn,
)
from closeddoor.paging import DEFAULT_LIMIT
from closeddoor.records.views import NoteView

router = APIRouter(tags=["notes"])


def note_out(view: NoteView) -> NoteOut:
    return NoteOut(
        id=view.note_id, client_id=view.client_id, kind=view.kind, format=view.note_format,
        body=view.body, sections=view.sections, status=view.status, author_id=view.author_id,
        session_date=view.session_date, appointment_id=view.appointment_id,
        created_at=view.created_at, signed_at=view.signed_at,
        addenda=[AddendumOut(id=a.addendum_id, author_id=a.author_id, body=a.body,
                             created_at=a.created_at) for a in view.addenda],
        cosigned_by=view.cosigned_by, cosigned_at=view.cosigned_at,
    )


@router.get("/clients/{client_id}/notes", response_model=PageOut[NoteOut])
def list_notes(client_id: str, services: ServicesDep, actor: ActorDep,
               cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[NoteOut]:
    """Progress notes in the chart (signed ones, and the caller's own drafts), a page at a
    time."""
    return page_of(services.pager, lambda: services.notes.list_progress_notes(actor, client_id),
                   lambda n: n.note_id, note_out, cursor=cursor, limit=limit,
                   sort=f"notes:{client_id}")


@router.post("/clients/{client_id}/notes", status_code=201, response_model=Created)
def create_note(client_id: str, body: NoteIn, services: ServicesDep, actor: ActorDep) -> Created:
    return Created(id=services.notes.create_note(actor, client_id, body.model_dump()))


@router.get("/clients/{client_id}/notes/{note_id}", response_model=NoteOut)
@direct_read
async def get_note(client_id: str, note_id: str, services: ServicesDep,
                   credentials: BearerDep) -> Response:
    # The read path: token, policy, durable audit, decryption and JSON, on the event loop's
    # thread with the audit wait as an await (SQLite), else in one trip to the thread pool.
    return await answer_as_staff(services, credentials, lambda actor: note_out(
        services.notes.get_note(actor, client_id, note_id)), one_snapshot=True, short=True)


@router.put("/clients/{client_id}/notes/{note_id}", status_code=204)
def update_draft(client_id: str, note_id: str, body: NoteUpdateIn, services: ServicesDep,
                 actor: ActorDep) -> None:
    services.notes.update_draft(actor, client_id, note_id, body.model_dump())


@router.post("/clients/{client_id}/notes/{note_id}/sign", status_code=204)
def sign_note(client_id: str, note_id: str, services: ServicesDep, actor: ActorDep) -> None:
    services.notes.sign_note(actor, client_id, note_id)


@router.post("/clients/{client_id}/notes/{note_id}/addenda", status_code=201,
             response_model=Created)
def add_addendum(client_id: str, note_id: str, body: AddendumIn, services: ServicesDep,
                 actor: ActorDep) -> Created:
    return Created(id=services.notes.add_addendum(actor, client_id, note_id, body.model_dump()))


@router.get("/clients/{client_id}/psychotherapy-notes", response_model=PageOut[NoteOut])
def list_psychotherapy_notes(client_id: str, services: ServicesDep, actor: ActorDep,
                             cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                             ) -> PageOut[NoteOut]:
    """The caller's own psychotherapy notes for this client; nobody else's ever."""
    return page_of(services.pager,
                   lambda: services.notes.list_psychotherapy_notes(actor, client_id),
                   lambda n: n.note_id, note_out, cursor=cursor, limit=limit,
                   sort=f"psychotherapy-notes:{client_id}")


@router.post("/clients/{client_id}/notes/{note_id}/cosign", status_code=204)
def cosign_note(client_id: str, note_id: str, services: ServicesDep, actor: ActorDep) -> None:
    """A supervisor co-signs a supervisee's signed note; the note stays locked."""
    services.notes.cosign_note(actor, client_id, note_id)


@router.get("/cosign-queue", response_model=PageOut[CosignQueueOut])
def cosign_queue(services: ServicesDep, actor: ActorDep, cursor: CursorQuery = None,
                 limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[CosignQueueOut]:
    """The caller's supervisees' signed notes not yet co-signed (empty for anyone else), a
    page at a time; a cursor is the caller's own."""
    return page_of(services.pager, lambda: services.notes.cosign_queue(actor),
                   lambda i: i.note_id,
                   lambda i: CosignQueueOut(note_id=i.note_id, client_id=i.client_id,
                                            author_id=i.author_id,
                                            session_date=i.session_date, signed_at=i.signed_at),
                   cursor=cursor, limit=limit, sort=f"cosign-queue:{actor.actor_id}")
