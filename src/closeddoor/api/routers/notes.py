"""Progress notes, addenda and psychotherapy notes."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.notes import AddendumIn, AddendumOut, NoteIn, NoteOut, NoteUpdateIn
from closeddoor.paging import DEFAULT_LIMIT
from closeddoor.records.views import NoteView

router = APIRouter(prefix="/clients/{client_id}", tags=["notes"])


def note_out(view: NoteView) -> NoteOut:
    return NoteOut(
        id=view.note_id, client_id=view.client_id, kind=view.kind, format=view.note_format,
        body=view.body, sections=view.sections, status=view.status, author_id=view.author_id,
        session_date=view.session_date, appointment_id=view.appointment_id,
        created_at=view.created_at, signed_at=view.signed_at,
        addenda=[AddendumOut(id=a.addendum_id, author_id=a.author_id, body=a.body,
                             created_at=a.created_at) for a in view.addenda],
    )


@router.get("/notes", response_model=PageOut[NoteOut])
def list_notes(client_id: str, services: ServicesDep, actor: ActorDep,
               cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[NoteOut]:
    """Progress notes in the chart (signed ones, and the caller's own drafts), a page at a
    time."""
    return page_of(services.pager, services.notes.list_progress_notes(actor, client_id),
                   lambda n: n.note_id, note_out, cursor=cursor, limit=limit,
                   sort=f"notes:{client_id}")


@router.post("/notes", status_code=201, response_model=Created)
def create_note(client_id: str, body: NoteIn, services: ServicesDep, actor: ActorDep) -> Created:
    return Created(id=services.notes.create_note(actor, client_id, body.model_dump()))


@router.get("/notes/{note_id}", response_model=NoteOut)
def get_note(client_id: str, note_id: str, services: ServicesDep, actor: ActorDep) -> NoteOut:
    return note_out(services.notes.get_note(actor, client_id, note_id))


@router.put("/notes/{note_id}", status_code=204)
def update_draft(client_id: str, note_id: str, body: NoteUpdateIn, services: ServicesDep,
                 actor: ActorDep) -> None:
    services.notes.update_draft(actor, client_id, note_id, body.model_dump())


@router.post("/notes/{note_id}/sign", status_code=204)
def sign_note(client_id: str, note_id: str, services: ServicesDep, actor: ActorDep) -> None:
    services.notes.sign_note(actor, client_id, note_id)


@router.post("/notes/{note_id}/addenda", status_code=201, response_model=Created)
def add_addendum(client_id: str, note_id: str, body: AddendumIn, services: ServicesDep,
                 actor: ActorDep) -> Created:
    return Created(id=services.notes.add_addendum(actor, client_id, note_id, body.model_dump()))


@router.get("/psychotherapy-notes", response_model=PageOut[NoteOut])
def list_psychotherapy_notes(client_id: str, services: ServicesDep, actor: ActorDep,
                             cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                             ) -> PageOut[NoteOut]:
    """The caller's own psychotherapy notes for this client; nobody else's ever."""
    return page_of(services.pager, services.notes.list_psychotherapy_notes(actor, client_id),
                   lambda n: n.note_id, note_out, cursor=cursor, limit=limit,
                   sort=f"psychotherapy-notes:{client_id}")
