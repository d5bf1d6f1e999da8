"""Break-glass, the owner's review queue, audit, staff and practice settings."""

from __future__ import annotations

import json

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from closeddoor.api.deps import ActorDep, ServicesDep
from closeddoor.api.schemas import (
    AuditEventOut,
    BreakGlassIn,
    BreakGlassOut,
    Created,
    ReviewIn,
    SettingsIn,
    UserIn,
    UserOut,
    VerifyOut,
)
from closeddoor.errors import AuditChainBroken
from closeddoor.names import clean_name
from closeddoor.records.views import BreakGlassView

router = APIRouter(tags=["practice"])


def _grant(view: BreakGlassView) -> BreakGlassOut:
    return BreakGlassOut(id=view.grant_id, client_id=view.client_id, actor_id=view.actor_id,
                         reason=view.reason, opened_at=view.opened_at, expires_at=view.expires_at,
                         reviewed_at=view.reviewed_at, reviewed_by=view.reviewed_by,
                         review_comment=view.review_comment)


@router.post("/clients/{client_id}/break-glass", status_code=201, response_model=BreakGlassOut)
def break_glass(client_id: str, body: BreakGlassIn, services: ServicesDep,
                actor: ActorDep) -> BreakGlassOut:
    return _grant(services.break_glass.open(actor, client_id, body.reason))


@router.get("/reviews/break-glass", response_model=list[BreakGlassOut])
def review_queue(services: ServicesDep, actor: ActorDep,
                 include_reviewed: bool = False) -> list[BreakGlassOut]:
    return [_grant(g) for g in services.break_glass.review_queue(
        actor, include_reviewed=include_reviewed)]


@router.post("/reviews/break-glass/{grant_id}", status_code=204)
def complete_review(grant_id: str, body: ReviewIn, services: ServicesDep,
                    actor: ActorDep) -> None:
    services.break_glass.complete_review(actor, grant_id, body.comment)


@router.get("/audit/events", response_model=list[AuditEventOut])
def audit_events(services: ServicesDep, actor: ActorDep,
                 limit: int = Query(100, ge=1, le=1000), before: int | None = None,
                 client_id: str | None = None) -> list[AuditEventOut]:
    events = services.practice.recent_audit(actor, limit=limit, before=before,
                                            client_id=client_id)
    return [AuditEventOut(seq=e.seq, at=e.entry.at, actor_id=e.entry.actor_id, tag=e.entry.tag,
                          outcome=e.entry.outcome, client_id=e.entry.client_id,
                          resource_id=e.entry.resource_id, reason=e.entry.reason,
                          details=json.loads(e.entry.details) if e.entry.details else {},
                          hash=e.hash) for e in events]


@router.post("/audit/verify", response_model=VerifyOut,
             responses={409: {"model": VerifyOut, "description": "the chain is broken"}})
def verify_audit(services: ServicesDep, actor: ActorDep,
                 from_last_checkpoint: bool = False) -> VerifyOut | JSONResponse:
    """Verify the audit chain; a broken chain answers 409 naming the first bad event."""
    try:
        report = services.practice.verify_audit(actor, from_last_checkpoint=from_last_checkpoint)
    except AuditChainBroken as broken:
        body = VerifyOut(ok=False, events_checked=0, last_event=0, started_after_checkpoint=0,
                         first_bad_event=broken.seq, problem=broken.problem)
        return JSONResponse(body.model_dump(), status_code=409)
    return VerifyOut(ok=True, events_checked=report.events_checked, last_event=report.last_seq,
                     started_after_checkpoint=report.started_after)


@router.get("/users", response_model=list[UserOut])
def list_users(services: ServicesDep, actor: ActorDep) -> list[UserOut]:
    return [UserOut(id=u.user_id, username=u.username, display_name=u.display_name,
                    role=u.role.value, mfa_enrolled=u.totp_enabled, supervisor_id=u.supervisor_id)
            for u in services.accounts.list_users(actor)]


@router.post("/users", status_code=201, response_model=Created)
def add_user(body: UserIn, services: ServicesDep, actor: ActorDep) -> Created:
    display_name = clean_name(body.display_name, "display_name", "the display name",
                              required=True)
    user = services.accounts.add_user(actor, username=body.username,
                                      display_name=display_name, role=body.role,
                                      password=body.password,
                                      supervisor_username=body.supervisor_username)
    return Created(id=user.user_id)


@router.put("/settings", status_code=204)
def update_settings(body: SettingsIn, services: ServicesDep, actor: ActorDep) -> None:
    services.accounts.set_mfa_required(actor, body.mfa_required)
