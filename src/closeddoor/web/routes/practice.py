"""The owner's pages: audit (with chain verification), the break-glass review queue, staff and
practice settings. The services refuse anyone else; the navigation only hides the links."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.disclosure.oversight import SETTINGS as DISCLOSURE_SETTINGS
from closeddoor.errors import (
    AuditChainBroken,
    ConflictError,
    InvalidInput,
    NotFound,
    join_problems,
)
from closeddoor.policy import STAFF_ROLES, Role
from closeddoor.records.appointments import SchedulingSettings, scheduling_problems
from closeddoor.records.calendar import room_problem
from closeddoor.reminders.settings import ReminderSettings
from closeddoor.web import forms
from closeddoor.web.rendering import render
from closeddoor.web.session import FormPost, Page, PostedForm, ServicesDep, WebSession

router = APIRouter(prefix="/practice")
AUDIT_PAGE = 100


def _audit_page(request: Request, services: Services, session: WebSession,
                cursor: str | None, **extra: Any) -> Response:
    status = 200
    try:
        page = services.practice.audit_page(session.actor, cursor=cursor, limit=AUDIT_PAGE)
    except InvalidInput:
        # A link that was changed or cut short: say so, and show the newest events.
        page = services.practice.audit_page(session.actor, limit=AUDIT_PAGE)
        extra["error"] = "That page link is not valid; here are the newest events."
        status, cursor = 422, None
    context = {"page": page, "names": services.accounts.display_names(),
               "first_page": cursor is None, "verified": None, "broken": None, **extra}
    return render(request, "pages/audit.html", context, session=session, section="audit",
                  status_code=status)


@router.get("/audit")
def audit(request: Request, services: ServicesDep, session: Page,
          cursor: Annotated[str | None, Query(max_length=512)] = None) -> Response:
    return _audit_page(request, services, session, cursor)


@router.post("/audit/verify")
def verify(request: Request, services: ServicesDep, session: FormPost) -> Response:
    try:
        report = services.practice.verify_audit(session.actor)
    except AuditChainBroken as broken:
        # Shown to the owner, not swallowed: the service has already recorded the failure.
        return _audit_page(request, services, session, None, broken=str(broken))
    return _audit_page(request, services, session, None, verified=report)


def _reviews_page(request: Request, services: Services, session: WebSession, show_all: bool,
                  *, error: str | None = None, failed_grant: str = "", comment: str = "",
                  status_code: int = 200) -> Response:
    grants = services.break_glass.review_queue(session.actor, include_reviewed=show_all)
    disclosures = services.oversight.review_queue(session.actor, include_reviewed=show_all)
    context = {"grants": grants, "disclosures": disclosures,
               "names": services.accounts.display_names(),
               "show_all": show_all, "error": error, "failed_grant": failed_grant,
               "comment": comment}
    return render(request, "pages/reviews.html", context, session=session, section="reviews",
                  status_code=status_code)


@router.get("/reviews")
def reviews(request: Request, services: ServicesDep, session: Page,
            show_all: Annotated[bool, Query(alias="all")] = False) -> Response:
    return _reviews_page(request, services, session, show_all)


@router.post("/reviews/{grant_id}")
def complete_review(grant_id: str, request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    comment = forms.text(form, "comment")
    try:
        services.break_glass.complete_review(session.actor, grant_id, comment)
    except (InvalidInput, ConflictError) as exc:
        return _reviews_page(request, services, session, False, error=str(exc),
                             failed_grant=grant_id, comment=comment, status_code=422)
    return RedirectResponse("/practice/reviews", status_code=303)


@router.post("/reviews/disclosures/{disclosure_id}")
def complete_disclosure_review(disclosure_id: str, request: Request, services: ServicesDep,
                               session: FormPost, form: PostedForm) -> Response:
    comment = forms.text(form, "comment")
    try:
        services.oversight.complete_review(session.actor, disclosure_id, comment)
    except (InvalidInput, ConflictError) as exc:
        return _reviews_page(request, services, session, False, error=str(exc),
                             failed_grant=disclosure_id, comment=comment, status_code=422)
    return RedirectResponse("/practice/reviews", status_code=303)


SUSPENSION_FIELDS = ("form", "agency", "official", "statement", "until")


def _suspensions_page(request: Request, services: Services, session: WebSession, *,
                      failed: str = "", values: dict[str, str] | None = None, error: str = "",
                      notice: str | None = None, status_code: int = 200) -> Response:
    register = services.oversight.suspension_register(session.actor)
    context = {"register": register, "today": services.runtime.now().date(),
               "allowed": services.oversight.settings()["accounting_suspension"],
               "names": services.accounts.display_names(), "failed": failed,
               "values": values or {}, "errors": forms.field_errors(error) if error else {},
               "notice": notice}
    return render(request, "pages/suspensions.html", context, session=session,
                  section="suspensions", status_code=status_code)


@router.get("/suspensions")
def suspensions(request: Request, services: ServicesDep, session: Page,
                done: str = "") -> Response:
    """The owner's register of accounting suspensions at an agency's request (164.528(a)(2))."""
    return _suspensions_page(request, services, session, notice="Saved: the entry is withheld "
                             "from the client's accounting until the date shown."
                             if done == "saved" else None)


@router.post("/suspensions/{disclosure_id}")
def record_suspension(disclosure_id: str, request: Request, services: ServicesDep,
                      session: FormPost, form: PostedForm) -> Response:
    """Record an agency's request (written, or oral with the official's identity) or the written
    statement that follows an oral one."""
    values = forms.values(form, ("client_id", *SUSPENSION_FIELDS))
    try:
        until: date | None = date.fromisoformat(values["until"])
    except ValueError:
        until = None  # the service names it with every other problem at once
    try:
        services.oversight.suspend_in_accounting(
            session.actor, values["client_id"], disclosure_id, until=until,
            agency=values["agency"], statement=values["statement"], form=values["form"],
            official=values["official"])
    except InvalidInput as exc:
        return _suspensions_page(request, services, session, failed=disclosure_id,
                                 values=values, error=str(exc), status_code=422)
    except ConflictError as exc:
        return _suspensions_page(request, services, session, failed=disclosure_id,
                                 values=values, error=str(exc), status_code=409)
    return RedirectResponse("/practice/suspensions?done=saved", status_code=303)


def _staff_page(request: Request, services: Services, session: WebSession,
                values: dict[str, str], *, error: str | None = None,
                notice: str | None = None, status_code: int = 200) -> Response:
    users = services.accounts.list_users(session.actor)
    supervisors = [u for u in users if u.role is Role.SUPERVISOR and u.is_active]
    context = {"users": users, "supervisors": supervisors, "roles": STAFF_ROLES,
               "names": {u.user_id: u.display_name for u in users}, "values": values,
               "errors": forms.field_errors(error, {"supervisor": "supervisor_username"})
               if error else {}, "notice": notice}
    return render(request, "pages/staff.html", context, session=session, section="staff",
                  status_code=status_code)


STAFF_NOTICES = {
    "saved": "Saved.",
    "added": "The staff member was added and can now sign in.",
    "mfa-reset": "Two-step sign-in was reset: their sessions ended, and they set it up again "
                 "at their next sign-in.",
    "deactivated": "The account was deactivated: its sessions ended and it can no longer sign in.",
}


@router.get("/staff")
def staff(request: Request, services: ServicesDep, session: Page, done: str = "") -> Response:
    return _staff_page(request, services, session, {"role": "clinician"},
                       notice=STAFF_NOTICES.get(done))


def _member_page(request: Request, services: Services, session: WebSession, user_id: str,
                 values: dict[str, str] | None = None, *, errors: dict[str, str] | None = None,
                 status_code: int = 200) -> Response:
    users = services.accounts.list_users(session.actor)
    member = next((u for u in users if u.user_id == user_id), None)
    if member is None:
        raise NotFound("no such staff member")
    supervisor = next((u.username for u in users if u.user_id == member.supervisor_id), "")
    context = {"member": member, "roles": STAFF_ROLES, "errors": errors or {},
               "supervisors": [u for u in users if u.role is Role.SUPERVISOR and u.is_active
                               and u.user_id != user_id],
               "values": values or {"display_name": member.display_name,
                                    "role": member.role.value,
                                    "supervisor_username": supervisor}}
    return render(request, "pages/staff_member.html", context, session=session,
                  section="staff", status_code=status_code)


@router.get("/staff/{user_id}")
def staff_member(user_id: str, request: Request, services: ServicesDep,
                 session: Page) -> Response:
    return _member_page(request, services, session, user_id)


@router.post("/staff/{user_id}")
def update_staff_member(user_id: str, request: Request, services: ServicesDep,
                        session: FormPost, form: PostedForm) -> Response:
    values = forms.values(form, ("display_name", "role", "supervisor_username"))
    try:
        services.staff.update_user(session.actor, user_id, display_name=values["display_name"],
                                   role=values["role"],
                                   supervisor_username=values["supervisor_username"])
    except (InvalidInput, ConflictError) as exc:
        return _member_page(request, services, session, user_id, values,
                            errors=forms.field_errors(str(exc)), status_code=status_for(exc))
    return RedirectResponse("/practice/staff?done=saved", status_code=303)


@router.post("/staff/{user_id}/mfa-reset")
def reset_staff_mfa(user_id: str, request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    if forms.text(form, "confirm") != "yes":
        return _member_page(request, services, session, user_id, errors={
            "mfa_confirm": "tick the box to confirm that their authenticator is to be "
                           "forgotten"}, status_code=422)
    services.staff.reset_second_factor(session.actor, user_id)
    return RedirectResponse("/practice/staff?done=mfa-reset", status_code=303)


@router.post("/staff/{user_id}/deactivation")
def deactivate_staff_member(user_id: str, request: Request, services: ServicesDep,
                            session: FormPost, form: PostedForm) -> Response:
    if forms.text(form, "confirm") != "yes":
        return _member_page(request, services, session, user_id, errors={
            "deactivate_confirm": "tick the box to confirm that this account is to end for "
                                  "good"}, status_code=422)
    try:
        services.staff.deactivate_user(session.actor, user_id)
    except ConflictError as exc:
        return _member_page(request, services, session, user_id,
                            errors={"deactivate_confirm": str(exc)}, status_code=409)
    return RedirectResponse("/practice/staff?done=deactivated", status_code=303)


@router.post("/staff")
def add_staff(request: Request, services: ServicesDep, session: FormPost,
              form: PostedForm) -> Response:
    values = forms.values(form, ("username", "display_name", "role", "supervisor_username"))
    try:
        services.accounts.add_user(
            session.actor, username=values["username"], display_name=values["display_name"],
            role=values["role"], password=forms.text(form, "password", strip=False),
            supervisor_username=values["supervisor_username"] or None,
        )
    except (InvalidInput, ConflictError) as exc:
        # The password is never put back into the page.
        return _staff_page(request, services, session, values, error=str(exc), status_code=422)
    return RedirectResponse("/practice/staff?done=added", status_code=303)


MAX_FEE_NOTICE = 1000  # as the service refuses (disclosure/oversight.py)
REMINDER_FIELDS = ("reminder_lead_hours", "quiet_hours_start", "quiet_hours_end")
COMMON_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
                "America/Puerto_Rico", "Europe/London", "UTC")


def _settings_page(request: Request, services: Services, session: WebSession, *,
                   saved: bool = False, errors: dict[str, str] | None = None,
                   reminders: dict[str, Any] | None = None,
                   scheduling: SchedulingSettings | None = None,
                   rooms: list[str] | None = None, fee_notice: str | None = None,
                   status_code: int = 200) -> Response:
    context = {"notice": "The settings were saved." if saved else None,
               "error": "Nothing was saved: fix the fields marked below." if errors else None,
               "errors": errors or {},
               "mfa_required": services.accounts.mfa_required(),
               "history_shows_process_notes": services.portal.history_shows_process_notes(),
               "reminders": reminders or services.reminders.settings().as_form(),
               "scheduling": scheduling or services.charts.scheduling_settings(),
               "rooms": services.calendar.rooms() if rooms is None else rooms,
               "common_zones": COMMON_ZONES,
               "portal_cancellation": services.portal_sessions.cancellation_allowed(),
               **services.oversight.settings(),
               "accounting_fee_notice": services.oversight.fee_notice() if fee_notice is None
               else fee_notice,
               "last_restore_drill": services.backups.last_successful_drill()}
    return render(request, "pages/settings.html", context, session=session, section="settings",
                  status_code=status_code)


@router.get("/settings")
def settings(request: Request, services: ServicesDep, session: Page,
             saved: bool = False) -> Response:
    return _settings_page(request, services, session, saved=saved)


@router.post("/settings")
def update_settings(request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    # Every fieldset is checked before anything is saved: all problems are shown beside their
    # fields at once and nothing changes. A form without a fieldset leaves it as it is.
    problems: list[str] = []
    reminders: dict[str, Any] | None = None
    if any(name in form for name in REMINDER_FIELDS) and session.actor.role is Role.OWNER:
        reminders = {name: forms.text(form, name) for name in REMINDER_FIELDS}
        reminders["reminders_may_name_service"] = (
            forms.text(form, "reminders_may_name_service") == "on")
        try:
            ReminderSettings.parse(reminders)
        except InvalidInput as exc:
            problems.append(str(exc))
    scheduling: SchedulingSettings | None = None
    rooms: list[str] = []
    if "time_zone" in form:
        rooms = [r.strip() for r in forms.text(form, "rooms", strip=False).splitlines()
                 if r.strip()]
        try:
            hours = forms.whole_number(form, "late_cancel_hours", 24)
        except InvalidInput as exc:
            problems.append(str(exc))
            hours = 24
        scheduling = SchedulingSettings(forms.text(form, "time_zone") or "UTC", hours)
        problems += scheduling_problems(scheduling.time_zone, hours)
        if room_trouble := room_problem(rooms):
            problems.append(room_trouble)
    fee_notice = " ".join(forms.text(form, "accounting_fee_notice").split())
    if len(fee_notice) > MAX_FEE_NOTICE:  # judged with the rest, so nothing is half saved
        problems.append(f"accounting_fee_notice: at most {MAX_FEE_NOTICE} characters "
                        f"(this has {len(fee_notice)}), shorten it")
    if problems:
        return _settings_page(request, services, session,
                              errors=forms.field_errors(join_problems(problems)),
                              reminders=reminders, scheduling=scheduling,
                              rooms=rooms if scheduling else None, fee_notice=fee_notice,
                              status_code=422)
    if scheduling is not None:
        services.charts.update_scheduling_settings(session.actor, scheduling.time_zone,
                                                   scheduling.late_cancel_hours)
        services.calendar.set_rooms(session.actor, rooms)
        services.portal_sessions.set_cancellation_allowed(
            session.actor, forms.text(form, "portal_cancellation") == "on")
    services.accounts.set_mfa_required(session.actor, forms.text(form, "mfa_required") == "on")
    current = services.oversight.settings()
    for name in DISCLOSURE_SETTINGS:
        wanted = forms.text(form, name) == "on"
        if wanted != current[name]:  # audit real changes only
            services.oversight.update_setting(session.actor, name, wanted)
    shows_process_notes = forms.text(form, "history_shows_process_notes") == "on"
    if shows_process_notes != services.portal.history_shows_process_notes():
        services.portal.set_history_shows_process_notes(session.actor, shows_process_notes)
    if fee_notice != services.oversight.fee_notice():
        services.oversight.set_fee_notice(session.actor, fee_notice)
    if reminders is not None and ReminderSettings.parse(reminders) != services.reminders.settings():
        services.reminders.update_settings(session.actor, reminders)
    return RedirectResponse("/practice/settings?saved=1", status_code=303)
