"""Intake packets on the staff API (docs/intake.md): send one to the client's portal, read the
submitted answers, mark them reviewed, accept their contact details into the chart; and the
owner's intake form (read it as the editor does, publish a new version)."""

from __future__ import annotations

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.intake import (
    ContactsAccepted,
    IntakeFieldOut,
    IntakeFormIn,
    IntakeFormOut,
    IntakeFormPublished,
    IntakePacketOut,
    IntakePageOut,
)
from closeddoor.intake.model import IntakeForm, questions_as_text
from closeddoor.intake.service import PacketView
from closeddoor.paging import DEFAULT_LIMIT

router = APIRouter(tags=["intake"])


def packet_out(p: PacketView) -> IntakePacketOut:
    return IntakePacketOut(
        id=p.packet_id, status=p.status, form_number=p.form_number, form_title=p.form.title,
        sent_at=p.sent_at, submitted_at=p.submitted_at, reviewed_at=p.reviewed_at,
        contacts_accepted_at=p.contacts_accepted_at, answers=p.answers)


@router.get("/clients/{client_id}/intake-packets", response_model=PageOut[IntakePacketOut])
def list_packets(client_id: str, services: ServicesDep, actor: ActorDep,
                 cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                 ) -> PageOut[IntakePacketOut]:
    """The client's packets, newest first, a page at a time; answers once the client
    submitted them."""
    return page_of(services.pager, lambda: services.intake.packets(actor, client_id),
                   lambda p: p.packet_id, packet_out, cursor=cursor, limit=limit,
                   sort=f"intake-packets:{client_id}")


@router.post("/clients/{client_id}/intake-packets", status_code=201, response_model=Created)
def send_packet(client_id: str, services: ServicesDep, actor: ActorDep) -> Created:
    """Send the current intake form to the client's portal (409 while one is still open)."""
    return Created(id=services.intake.send(actor, client_id))


@router.post("/clients/{client_id}/intake-packets/{packet_id}/review", status_code=204)
def review_packet(client_id: str, packet_id: str, services: ServicesDep,
                  actor: ActorDep) -> None:
    services.intake.mark_reviewed(actor, client_id, packet_id)


@router.post("/clients/{client_id}/intake-packets/{packet_id}/contacts-acceptance",
             response_model=ContactsAccepted)
def accept_contacts(client_id: str, packet_id: str, services: ServicesDep,
                    actor: ActorDep) -> ContactsAccepted:
    """Save the submitted contact and emergency-contact answers to the chart."""
    return ContactsAccepted(changed=services.intake.accept_contacts(actor, client_id,
                                                                    packet_id))


def form_out(number: int, form: IntakeForm) -> IntakeFormOut:
    return IntakeFormOut(
        number=number, title=form.title, sections=list(form.sections),
        questions=questions_as_text(form.questions),
        pages=[IntakePageOut(key=page.key, title=page.title, fields=[IntakeFieldOut(
            key=f.key, label=f.label, kind=f.kind.value, required=f.required,
            choices=list(f.choices), hint=f.hint) for f in page.fields])
            for page in form.pages()])


# --- the owner's intake form (practice:intake-form:manage) ---------------------------------------
@router.get("/practice/intake-form", response_model=IntakeFormOut)
def intake_form(services: ServicesDep, actor: ActorDep) -> IntakeFormOut:
    """The form in use, as the owner's editor opens it (owner only)."""
    current = services.intake.editor_form(actor)
    return form_out(current.number, current.form)


@router.post("/practice/intake-form/versions", status_code=201,
             response_model=IntakeFormPublished)
def publish_intake_form(body: IntakeFormIn, services: ServicesDep,
                        actor: ActorDep) -> IntakeFormPublished:
    """Publish a new version (owner only); every problem is named at once (422). Packets
    already sent keep their version."""
    return IntakeFormPublished(number=services.intake.publish_definition(
        actor, body.title, body.sections, body.questions))
