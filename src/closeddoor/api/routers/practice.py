"""Break-glass, the owner's review queue, audit, staff and practice settings."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from closeddoor.accounts.service import StaffUser
from closeddoor.api.deps import ActorDep, BearerDep, ServicesDep, answer_as_staff
from closeddoor.api.pages import page_of
from closeddoor.api.schemas.common import Created, CursorQuery, LimitQuery, PageOut
from closeddoor.api.schemas.practice import (
    AccessHistorySettings,
    AuditEventOut,
    BreakGlassIn,
    BreakGlassOut,
    ReminderSettingsWire,
    ReviewIn,
    SettingsIn,
    UserIn,
    UserOut,
    UserUpdateIn,
    VerifyOut,
)
from closeddoor.errors import AuditChainBroken
from closeddoor.paging import DEFAULT_LIMIT, Page
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


@router.get("/reviews/break-glass", response_model=PageOut[BreakGlassOut])
def review_queue(services: ServicesDep, actor: ActorDep, include_reviewed: bool = False,
                 cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT,
                 ) -> PageOut[BreakGlassOut]:
    """Emergency-access grants to review (with `include_reviewed`, those reviewed too)."""
    return page_of(services.pager,
                   lambda: services.break_glass.review_queue(
                       actor, include_reviewed=include_reviewed),
                   lambda g: g.grant_id, _grant, cursor=cursor, limit=limit,
                   sort=f"break-glass:{include_reviewed}")


@router.post("/reviews/break-glass/{grant_id}", status_code=204)
def complete_review(grant_id: str, body: ReviewIn, services: ServicesDep,
                    actor: ActorDep) -> None:
    services.break_glass.complete_review(actor, grant_id, body.comment)


@router.get("/audit/events", response_model=PageOut[AuditEventOut])
async def audit_events(services: ServicesDep, credentials: BearerDep, cursor: CursorQuery = None,
                       limit: LimitQuery = DEFAULT_LIMIT,
                       client_id: Annotated[str | None, Query(max_length=36)] = None,
                       ) -> Response:
    """The audit, newest first (of one client, if `client_id` is given), a page at a time."""
    return await answer_as_staff(services, credentials, lambda actor: _audit_page(
        services.practice.audit_page(actor, cursor=cursor, limit=limit, client_id=client_id)))


def _audit_page(page: Page[Any]) -> PageOut[AuditEventOut]:  # audit events (api imports no audit)
    items = [AuditEventOut(seq=e.seq, at=e.entry.at, actor_id=e.entry.actor_id,
                           tag=e.entry.tag, outcome=e.entry.outcome,
                           client_id=e.entry.client_id, resource_id=e.entry.resource_id,
                           reason=e.entry.reason,
                           details=json.loads(e.entry.details) if e.entry.details else {},
                           hash=e.hash) for e in page.items]
    return PageOut[AuditEventOut](items=items, next_cursor=page.next_cursor,
                                  prev_cursor=page.prev_cursor)


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


def _user_out(user: StaffUser) -> UserOut:
    return UserOut(id=user.user_id, username=user.username, display_name=user.display_name,
                   role=user.role.value, mfa_enrolled=user.totp_enabled,
                   supervisor_id=user.supervisor_id, is_active=user.is_active)


@router.get("/users", response_model=PageOut[UserOut])
def list_users(services: ServicesDep, actor: ActorDep, cursor: CursorQuery = None,
               limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[UserOut]:
    return page_of(services.pager, lambda: services.accounts.list_users(actor),
                   lambda u: u.user_id, _user_out, cursor=cursor, limit=limit, sort="users")


@router.patch("/users/{user_id}", response_model=UserOut)
def update_user(user_id: str, body: UserUpdateIn, services: ServicesDep,
                actor: ActorDep) -> UserOut:
    """Change a staff member's name, role or supervisor (the owner's alone)."""
    services.staff.update_user(actor, user_id, display_name=body.display_name, role=body.role,
                               supervisor_username=body.supervisor_username)
    return _user_out(services.accounts.get_user(user_id))


@router.post("/users/{user_id}/mfa-reset", status_code=204)
def reset_second_factor(user_id: str, services: ServicesDep, actor: ActorDep) -> Response:
    """Forget a staff member's authenticator; their sessions end and they enrol again."""
    services.staff.reset_second_factor(actor, user_id)
    return Response(status_code=204)


@router.post("/users/{user_id}/deactivation", status_code=204)
def deactivate_user(user_id: str, services: ServicesDep, actor: ActorDep) -> Response:
    """Deactivate a staff account for good: its sessions and tokens end at once."""
    services.staff.deactivate_user(actor, user_id)
    return Response(status_code=204)


@router.post("/users", status_code=201, response_model=Created)
def add_user(body: UserIn, services: ServicesDep, actor: ActorDep) -> Created:
    user = services.accounts.add_user(actor, username=body.username,
                                      display_name=body.display_name, role=body.role,
                                      password=body.password,
                                      supervisor_username=body.supervisor_username)
    return Created(id=user.user_id)


@router.put("/settings", status_code=204)
def update_settings(body: SettingsIn, services: ServicesDep, actor: ActorDep) -> None:
    services.accounts.set_mfa_required(actor, body.mfa_required)


@router.get("/settings/reminders", response_model=ReminderSettingsWire)
def get_reminder_settings(services: ServicesDep, actor: ActorDep) -> ReminderSettingsWire:
    chosen = services.reminders.settings().as_form()
    return ReminderSettingsWire(lead_hours=int(chosen["reminder_lead_hours"]),
                                quiet_hours_start=chosen["quiet_hours_start"],
                                quiet_hours_end=chosen["quiet_hours_end"],
                                may_name_service=chosen["reminders_may_name_service"])


@router.put("/settings/reminders", status_code=204)
def update_reminder_settings(body: ReminderSettingsWire, services: ServicesDep,
                             actor: ActorDep) -> None:
    services.reminders.update_settings(actor, {
        "reminder_lead_hours": str(body.lead_hours), "quiet_hours_start": body.quiet_hours_start,
        "quiet_hours_end": body.quiet_hours_end,
        "reminders_may_name_service": body.may_name_service})


@router.get("/settings/access-history", response_model=AccessHistorySettings)
def get_access_history_settings(services: ServicesDep, actor: ActorDep) -> AccessHistorySettings:
    return AccessHistorySettings(
        process_note_reads_shown=services.portal.history_shows_process_notes())


@router.put("/settings/access-history", status_code=204)
def update_access_history_settings(body: AccessHistorySettings, services: ServicesDep,
                                   actor: ActorDep) -> None:
    services.portal.set_history_shows_process_notes(actor, body.process_note_reads_shown)
