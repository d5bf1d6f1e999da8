"""De-identified excerpts (staff): preview what the engine finds in chosen notes, then take the
excerpt as JSON or PDF. Each excerpt is audited and recorded by its hash; its text is not kept.
Consultation and teaching excerpts are de-identified; one that keeps identifiers needs the
client's authorization and is a disclosure (`disclosure_id` in the answer).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, Field

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.routers.disclosures import PDF, pdf_response
from closeddoor.api.schemas.common import Strict
from closeddoor.excerpts.model import ExcerptRequest
from closeddoor.excerpts.pdf import render_excerpt_pdf

router = APIRouter(tags=["excerpts"])


class UnredactIn(Strict):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str = Field(max_length=500)


class ExcerptIn(Strict):
    note_ids: list[str] = Field(max_length=20)
    purpose: str = Field(max_length=16)  # consultation | supervision | teaching
    passage: str = Field(default="", max_length=100_000)
    extra: list[str] = Field(default_factory=list, max_length=100)  # phrases to redact too
    extra_label: str = Field(default="NAME", max_length=16)
    unredact: list[UnredactIn] = Field(default_factory=list, max_length=200)
    output: str = Field(default="tags", max_length=12)  # tags | surrogates
    # Supervision: the supervisor (staff id) who may see identifiers kept visible.
    supervisor_id: str = Field(default="", max_length=36)
    # Consultation or teaching: the client's authorization naming the recipient; keeping any
    # identifier visible then makes the excerpt a disclosure (listed in the accounting).
    authorization_id: str = Field(default="", max_length=36)


class SpanOut(BaseModel):
    start: int
    end: int
    label: str
    text: str


class PreviewOut(BaseModel):
    source: str
    spans: list[SpanOut]
    may_leave_identifiable: bool
    why_not_identifiable: str


class ChangeOut(BaseModel):
    start: int
    end: int
    label: str
    change: str


class ExcerptOut(BaseModel):
    id: str
    text: str
    sha256: str
    purpose: str
    output: str
    changes: list[ChangeOut]
    disclosure_id: str | None = None  # set when identifiers left under an authorization
    recipient: str | None = None


def parsed(body: ExcerptIn) -> ExcerptRequest:
    data: dict[str, Any] = body.model_dump()
    return ExcerptRequest.parse(data)


@router.post("/clients/{client_id}/excerpts/preview", response_model=PreviewOut)
def preview(client_id: str, body: ExcerptIn, services: ServicesDep,
            actor: ActorDep) -> PreviewOut:
    """Every identifier found in the chosen notes, by category, before anything is produced."""
    shown = services.excerpts.preview(actor, client_id, parsed(body))
    return PreviewOut(source=shown.source, spans=[
        SpanOut(start=s.start, end=s.end, label=s.label.value, text=shown.source[s.start:s.end])
        for s in shown.spans], may_leave_identifiable=shown.may_leave_identifiable,
        why_not_identifiable=shown.why_not_identifiable)


@router.post("/clients/{client_id}/excerpts", status_code=201, response_model=ExcerptOut)
def create(client_id: str, body: ExcerptIn, services: ServicesDep, actor: ActorDep
           ) -> ExcerptOut:
    """The excerpt: audited (who, notes, purpose, hash, changed spans); the text is not kept."""
    excerpt = services.excerpts.create(actor, client_id, parsed(body))
    return ExcerptOut(id=excerpt.excerpt_id, text=excerpt.text, sha256=excerpt.sha256,
                      purpose=excerpt.purpose.value, output=excerpt.output,
                      changes=[ChangeOut(start=c.start, end=c.end, label=c.label.value,
                                         change=c.change) for c in excerpt.changes],
                      disclosure_id=excerpt.disclosure_id or None,
                      recipient=excerpt.recipient or None)


@router.post("/clients/{client_id}/excerpts/pdf", response_class=Response, responses=PDF)
def create_pdf(client_id: str, body: ExcerptIn, services: ServicesDep,
               actor: ActorDep) -> Response:
    excerpt = services.excerpts.create(actor, client_id, parsed(body))
    return pdf_response(render_excerpt_pdf(excerpt), f"excerpt-{excerpt.excerpt_id}.pdf")
