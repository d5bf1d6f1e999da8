"""Closing and destroying charts on the staff pages: a chart's "Discharge and retention" tab
(discharge, reopen, legal holds, a destruction request) and the owner's retention page (charts
due for destruction, requests waiting for a second owner's approval). The services decide; the
pages only hide what a viewer could not do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.bootstrap import Services
from closeddoor.errors import ConflictError, InvalidInput, NotFound
from closeddoor.policy import Role
from closeddoor.records.lifecycle import STATUS_DISCHARGED
from closeddoor.records.retention import DestructionBasis
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.routes.chart import TREATING_ROLES, chart_context, open_chart
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter()
BASES = (
    (DestructionBasis.RETENTION_ENDED.value, "The retention period has ended"),
    (DestructionBasis.CREATED_IN_ERROR.value, "The chart was created in error"),
    (DestructionBasis.COURT_ORDER.value, "A court ordered its destruction"),
)
NOTICES = {
    "discharged": "The chart is discharged. It has left caseloads and stays readable to its care "
                  "team until its destruction-due date.",
    "reopened": "The chart is open again.",
    "hold": "The legal hold is in place: the retention clock is stopped.",
    "released": "The legal hold is released: the retention clock runs again.",
    "requested": "Destruction requested. Another owner must approve it.",
    "destroyed": "The chart was destroyed: its key no longer exists, and the audit keeps the "
                 "tombstone.",
}
_REFUSED = (InvalidInput, ConflictError)


def _lifecycle_page(request: Request, services: Services, session: WebSession, client_id: str,
                    *, values: dict[str, str] | None = None, error: str | None = None,
                    notice: str = "", status_code: int = 200) -> Response:
    record = open_chart(request, services, session, client_id)
    if isinstance(record, Response):
        return record
    state = services.lifecycle.lifecycle(session.actor, client_id)
    on_team = any(m.user_id == session.user.user_id for m in record.care_team)
    context = chart_context(
        services, session, record, "lifecycle", state=state, values=values or {},
        error=error, notice=NOTICES.get(notice), bases=BASES,
        is_discharged=state.status == STATUS_DISCHARGED,
        can_discharge=session.user.role in TREATING_ROLES and on_team,
        is_owner=session.user.role is Role.OWNER,
        names=services.accounts.display_names(), today=services.runtime.now().date())
    return render(request, "pages/lifecycle.html", context, session=session, section="caseload",
                  status_code=status_code)


@router.get("/clients/{client_id}/lifecycle")
def lifecycle(client_id: str, request: Request, services: ServicesDep, session: Page,
              notice: str = "") -> Response:
    return _lifecycle_page(request, services, session, client_id, notice=notice)


def _done(client_id: str, notice: str) -> Response:
    return RedirectResponse(f"/clients/{client_id}/lifecycle?notice={notice}", status_code=303)


def _lifecycle_form(request: Request, services: Services, session: WebSession, client_id: str,
                    values: dict[str, str], act: Callable[[], object], done: str) -> Response:
    """Run one lifecycle action; a refusal shows the page again with what was typed."""
    try:
        act()
    except _REFUSED as exc:
        return _lifecycle_page(request, services, session, client_id, values=values,
                               error=str(exc), status_code=422)
    return _done(client_id, done)


@router.post("/clients/{client_id}/lifecycle/discharge")
def discharge(client_id: str, request: Request, services: ServicesDep, session: FormPost,
              form: PostedForm) -> Response:
    values = forms.values(form, ("discharged_on", "reason"))
    return _lifecycle_form(request, services, session, client_id, values, lambda: (
        services.lifecycle.discharge(session.actor, client_id, dict(values))), "discharged")


@router.post("/clients/{client_id}/lifecycle/reopen")
def reopen(client_id: str, request: Request, services: ServicesDep, session: FormPost,
           form: PostedForm) -> Response:
    reason = forms.text(form, "reason")
    return _lifecycle_form(request, services, session, client_id, {"reopen_reason": reason},
                           lambda: services.lifecycle.reopen(session.actor, client_id,
                                                             {"reason": reason}), "reopened")


@router.post("/clients/{client_id}/lifecycle/holds")
def place_hold(client_id: str, request: Request, services: ServicesDep, session: FormPost,
               form: PostedForm) -> Response:
    reason = forms.text(form, "reason")
    return _lifecycle_form(request, services, session, client_id, {"hold_reason": reason},
                           lambda: services.lifecycle.place_hold(session.actor, client_id,
                                                                 {"reason": reason}), "hold")


@router.post("/clients/{client_id}/lifecycle/holds/{hold_id}/release")
def release_hold(client_id: str, hold_id: str, request: Request, services: ServicesDep,
                 session: FormPost) -> Response:
    try:
        services.lifecycle.release_hold(session.actor, client_id, hold_id)
    except ConflictError as exc:
        return _lifecycle_page(request, services, session, client_id, error=str(exc),
                               status_code=409)
    return _done(client_id, "released")


@router.post("/clients/{client_id}/lifecycle/destruction")
def request_destruction(client_id: str, request: Request, services: ServicesDep,
                        session: FormPost, form: PostedForm) -> Response:
    values = {"basis": forms.text(form, "basis"), "destruction_reason": forms.text(form, "reason")}
    try:
        services.destruction.request(session.actor, client_id,
                                     {"basis": values["basis"],
                                      "reason": values["destruction_reason"]})
    except _REFUSED as exc:
        return _lifecycle_page(request, services, session, client_id, values=values,
                               error=str(exc), status_code=422)
    return RedirectResponse("/practice/retention?notice=requested", status_code=303)


def _retention_page(request: Request, services: Services, session: WebSession, *,
                    error: str | None = None, notice: str = "",
                    status_code: int = 200) -> Response:
    overview = services.destruction.overview(session.actor)
    names = {c.client_id: c.display_name for c in overview.charts}
    reasons: dict[str, Any] = {}
    for pending in overview.requests:
        try:
            reasons[pending.request_id] = services.destruction.request_reason(
                session.actor, pending.request_id)
        except NotFound:  # the client is gone (destroyed meanwhile)
            continue
    context = {"overview": overview, "client_names": names, "reasons": reasons,
               "names": services.accounts.display_names(), "error": error,
               "notice": NOTICES.get(notice), "bases": dict(BASES)}
    return render(request, "pages/retention.html", context, session=session,
                  section="retention", status_code=status_code)


@router.get("/practice/retention")
def retention(request: Request, services: ServicesDep, session: Page,
              notice: str = "") -> Response:
    return _retention_page(request, services, session, notice=notice)


@router.post("/practice/retention/requests/{request_id}/approve")
def approve(request_id: str, request: Request, services: ServicesDep,
            session: FormPost) -> Response:
    try:
        services.destruction.approve(session.actor, request_id)
    except ConflictError as exc:
        return _retention_page(request, services, session, error=str(exc), status_code=409)
    return RedirectResponse("/practice/retention?notice=destroyed", status_code=303)
