"""The Notice of Privacy Practices (staff side): the owner's versions (draft, review, publish) and
each client's acknowledgment or the documented good-faith effort (45 CFR 164.520(c)(2)).
The services decide who may do what; these routes parse, call and map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from fastapi import APIRouter

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.consent_review import ReviewIn, ReviewOut
from closeddoor.api.schemas.notice import (
    AcknowledgmentIn,
    AcknowledgmentOut,
    ClientNoticeOut,
    CurrentNoticeOut,
    EffortIn,
    NoticeDocumentIn,
    NoticeSectionOut,
    NoticeStatusOut,
    NoticeVersionDetailOut,
    NoticeVersionOut,
)
from closeddoor.errors import NotFound
from closeddoor.notice.service import AcknowledgmentView, NoticeStatus, NoticeVersion
from closeddoor.paging import DEFAULT_LIMIT, Pager

router = APIRouter(tags=["notice"])


def version_out(v: NoticeVersion) -> dict[str, object]:
    return {"id": v.version_id, "number": v.number, "status": v.status,
            "is_current": v.is_current, "is_demo": v.is_demo, "created_at": v.created_at,
            "published_at": v.published_at,
            "review": None if v.review is None else ReviewOut.model_validate(asdict(v.review)),
            "review_is_current": v.review_is_current, "text_sha256": v.text_sha256,
            "rendered_sha256": v.rendered.sha256, "problems": list(v.problems)}


def current_out(v: NoticeVersion) -> CurrentNoticeOut:
    return CurrentNoticeOut(version_id=v.version_id, version_number=v.number,
                            title=v.rendered.title, text_sha256=v.rendered.sha256,
                            canonical_text=v.rendered.canonical_text)


def status_out(status: NoticeStatus) -> NoticeStatusOut:
    return NoticeStatusOut.model_validate(asdict(status) | {
        "needs_attention": status.needs_attention})


def record_out(r: AcknowledgmentView) -> AcknowledgmentOut:
    return AcknowledgmentOut(id=r.acknowledgment_id, version_number=r.version_number,
                             kind=r.kind, method=r.method, text_sha256=r.text_sha256,
                             recorded_at=r.recorded_at, signer_name=r.signer_name,
                             effort=r.effort, reason=r.reason)


def records_page(pager: Pager, load: Callable[[], list[AcknowledgmentView]], *, sort: str,
                 cursor: str | None = None, limit: int = DEFAULT_LIMIT,
                 ) -> PageOut[AcknowledgmentOut]:
    """A page of a client's acknowledgments and documented efforts, newest first."""
    return page_of(pager, load, lambda r: r.acknowledgment_id, record_out, cursor=cursor,
                   limit=limit, sort=sort)


# --- the practice's notice versions (owner) ---------------------------------------------------
@router.get("/notice/versions", response_model=PageOut[NoticeVersionOut])
def list_versions(services: ServicesDep, actor: ActorDep, cursor: CursorQuery = None,
                  limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[NoticeVersionOut]:
    """The practice's notice versions, a page at a time."""
    return page_of(services.pager, lambda: services.notice.list_versions(actor),
                   lambda v: v.version_id,
                   lambda v: NoticeVersionOut.model_validate(version_out(v)),
                   cursor=cursor, limit=limit, sort="notice-versions")


@router.post("/notice/versions", status_code=201, response_model=Created)
def create_draft(services: ServicesDep, actor: ActorDep, from_default: bool = False) -> Created:
    """A new draft: a copy of the notice in effect, or the jurisdiction's default text."""
    return Created(id=services.notice.create_draft(actor, from_default=from_default))


@router.get("/notice/versions/{version_id}", response_model=NoticeVersionDetailOut)
def get_version(version_id: str, services: ServicesDep, actor: ActorDep
                ) -> NoticeVersionDetailOut:
    """The version's text, what it still lacks, its review, and the default text's notes."""
    v = services.notice.version(actor, version_id)
    d = v.document
    return NoticeVersionDetailOut.model_validate(version_out(v) | {
        "title": d.title, "practice_name": d.practice_name,
        "jurisdiction_code": d.jurisdiction_code, "contact": d.contact,
        "effective_on": d.effective_on,
        "sections": [NoticeSectionOut(key=s.key, title=s.title, body=s.body,
                                      citations=list(s.citations)) for s in d.sections],
        "canonical_text": v.rendered.canonical_text,
        "review_notes": list(services.notice.default_text_info(actor).review_notes)})


@router.put("/notice/versions/{version_id}", status_code=204)
def update_draft(version_id: str, body: NoticeDocumentIn, services: ServicesDep,
                 actor: ActorDep) -> None:
    """Replace a draft's whole text; a published version answers 409 (it never changes)."""
    services.notice.update_draft(actor, version_id, body.model_dump())


@router.post("/notice/versions/{version_id}/review", status_code=204,
             responses={409: {"description": "the text changed since it was shown"}})
def record_review(version_id: str, body: ReviewIn, services: ServicesDep,
                  actor: ActorDep) -> None:
    """Record who reviewed the draft's text and when; `text_sha256` is its `rendered_sha256`."""
    services.notice.record_review(actor, version_id, reviewed_by=body.reviewed_by,
                                  reviewed_on=body.reviewed_on, text_sha256=body.text_sha256)


@router.post("/notice/versions/{version_id}/publish", status_code=204,
             responses={403: {"description": "no review of this text is recorded"}})
def publish(version_id: str, services: ServicesDep, actor: ActorDep) -> None:
    """Make a reviewed draft the notice in effect; it supersedes the one before."""
    services.notice.publish(actor, version_id)


@router.get("/notice/current", response_model=CurrentNoticeOut)
def current_notice(services: ServicesDep, actor: ActorDep) -> CurrentNoticeOut:
    """The notice in effect (what staff give a client in the office, with its hash)."""
    current = services.notice.current()
    if current is None:
        raise NotFound("the practice has not published a notice of privacy practices yet")
    return current_out(current)


# --- one client's acknowledgment ----------------------------------------------------------------
@router.get("/clients/{client_id}/notice", response_model=ClientNoticeOut)
def client_notice(client_id: str, services: ServicesDep, actor: ActorDep) -> ClientNoticeOut:
    """Whether the client acknowledged the notice in effect, or the effort is documented; the
    newest records (the rest from `/clients/{client_id}/notice/acknowledgments`)."""
    first = records_page(services.pager, lambda: services.notice.records(actor, client_id),
                         sort=f"notice-records:{client_id}")
    return ClientNoticeOut(status=status_out(services.notice.status(actor, client_id)),
                           records=first.items, records_next_cursor=first.next_cursor)


@router.get("/clients/{client_id}/notice/acknowledgments",
            response_model=PageOut[AcknowledgmentOut])
def list_acknowledgments(client_id: str, services: ServicesDep, actor: ActorDep,
                         cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                         ) -> PageOut[AcknowledgmentOut]:
    """The client's acknowledgments and documented efforts, newest first, a page at a time."""
    return records_page(services.pager, lambda: services.notice.records(actor, client_id),
                        sort=f"notice-records:{client_id}", cursor=cursor, limit=limit)


@router.post("/clients/{client_id}/notice/acknowledgments", status_code=201,
             response_model=Created,
             responses={409: {"description": "the notice changed since it was shown"}})
def acknowledge(client_id: str, body: AcknowledgmentIn, services: ServicesDep,
                actor: ActorDep) -> Created:
    """Record the client's written acknowledgment signed in the office (the signer's name)."""
    return Created(id=services.notice.acknowledge(
        actor, client_id, version_id=body.version_id, text_sha256=body.text_sha256,
        signer_name=body.signer_name))


@router.post("/clients/{client_id}/notice/efforts", status_code=201, response_model=Created,
             responses={409: {"description": "the notice changed since it was shown"}})
def record_effort(client_id: str, body: EffortIn, services: ServicesDep,
                  actor: ActorDep) -> Created:
    """Document the good-faith effort and why the acknowledgment was not obtained."""
    return Created(id=services.notice.record_effort(
        actor, client_id, version_id=body.version_id, text_sha256=body.text_sha256,
        effort=body.effort, reason=body.reason))
