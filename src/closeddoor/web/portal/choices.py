"""What the client decides and checks: optional consents and how they may be contacted, who
opened their chart (the access history), and two-step sign-in."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.consent.preferences import CONTACT_CHANNELS, OPTIONAL_CONSENTS
from closeddoor.errors import AuthenticationFailed, InvalidInput, Throttled
from closeddoor.localtime import zone
from closeddoor.portal.model import visit_key
from closeddoor.web.forms import text, totp_setup_key
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import PORTAL_PATH, PortalForm, PortalPage, PortalSession
from closeddoor.web.routes.practice import COMMON_ZONES
from closeddoor.web.session import PostedForm, ServicesDep, client_address

VISITS_PER_PAGE = 50

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
MAX_PASSWORD = 1024
NOTICES = {
    "saved": "Your choices are saved.",
    "mfa": "Two-step sign-in is on. From now on you will enter a code from your app when you "
           "sign in.",
}
# The optional consents, as the client reads them.
CONSENT_QUESTIONS = {
    "telehealth": "Sessions by video or phone (telehealth)",
    "recording": "Audio or video recording of sessions",
    "teaching": "Use of material with everything that identifies you removed, for teaching",
}
CHANNEL_QUESTIONS = {
    "voicemail": "The practice may leave a voicemail",
    "text_reminders": "Send appointment reminders by text message",
    "email_reminders": "Send appointment reminders by e-mail",
    "reminders_may_name_service": "Reminders may say the appointment is for therapy "
                                  "(otherwise they say only \"appointment\")",
}


# --- optional consents and contact preferences -------------------------------------------------
def _preferences_page(request: Request, session: PortalSession, values: dict[str, Any], *,
                      error: str | None = None, notice: str | None = None,
                      status_code: int = 200) -> Response:
    context = {"values": {"time_zone": "", **values}, "consent_questions": CONSENT_QUESTIONS,
               "common_zones": COMMON_ZONES,
               "channel_questions": CHANNEL_QUESTIONS, "error": error, "notice": notice}
    return portal_render(request, "preferences.html", context, session=session,
                         section="preferences", status_code=status_code)


@router.get("/preferences")
def preferences(request: Request, services: ServicesDep, session: PortalPage,
                done: str = "") -> Response:
    chosen = services.consent.preferences(session.actor, session.principal.client_id)
    values = chosen.to_json() | {
        "time_zone": services.charts.client_time_zone(session.principal.client_id)}
    return _preferences_page(request, session, values, notice=NOTICES.get(done))


@router.post("/preferences")
def update_preferences(request: Request, services: ServicesDep, session: PortalForm,
                       form: PostedForm) -> Response:
    # Whose preferences these are comes from the session alone; a client_id field is ignored.
    values: dict[str, Any] = {name: text(form, name) or "unanswered"
                              for name in OPTIONAL_CONSENTS}
    values |= {name: text(form, name) == "yes" for name in CONTACT_CHANNELS}
    values |= {"reminder_phone": text(form, "reminder_phone"),
               "reminder_email": text(form, "reminder_email")}
    zone_name = text(form, "time_zone")
    try:
        zone(zone_name) if zone_name else None  # judged first: a bad zone saves nothing
        services.consent.update_preferences(session.actor, session.principal.client_id, values)
        if zone_name != services.charts.client_time_zone(session.principal.client_id):
            services.charts.set_client_time_zone(session.actor, session.principal.client_id,
                                                 zone_name)
    except InvalidInput as exc:
        values["time_zone"] = zone_name
        return _preferences_page(request, session, values, error=str(exc), status_code=422)
    return RedirectResponse(f"{PORTAL_PATH}/preferences?done=saved", status_code=303)


# --- who opened my chart -------------------------------------------------------------------------
@router.get("/access-history")
def access_history(request: Request, services: ServicesDep, session: PortalPage,
                   cursor: Annotated[str | None, Query(max_length=512)] = None) -> Response:
    """The visits to the client's chart, newest first, a page at a time. A changed or cut page
    link is refused before the history is read (and its reading audited): the first page
    shows, with a word about the link."""
    sort = f"portal-access-history:{session.principal.client_id}"
    status, error = 200, None
    try:
        services.pager.decode(cursor, sort, 2)
    except InvalidInput:
        cursor, status = None, 422
        error = "That page link is not valid; here are your newest visits."
    visits = services.portal.access_history(session.principal)
    page = services.pager.page(visits, visit_key, cursor=cursor, limit=VISITS_PER_PAGE,
                               sort=sort)
    return portal_render(request, "access_history.html",
                         {"visits": page.items, "page": page, "first_page": cursor is None,
                          "error": error}, session=session, section="access",
                         status_code=status)


# --- two-step sign-in -------------------------------------------------------------------------
def _security_page(request: Request, session: PortalSession, stage: str, *,
                   status_code: int = 200, **extra: str | None) -> Response:
    context = {"stage": stage, "enabled": session.principal.totp_enabled, **extra}
    return portal_render(request, "security.html", context, session=session,
                         section="security", status_code=status_code)


@router.get("/security")
def security(request: Request, session: PortalPage, done: str = "") -> Response:
    return _security_page(request, session, "start", notice=NOTICES.get(done))


@router.post("/security/begin")
def begin_enrolment(request: Request, services: ServicesDep, session: PortalForm,
                    form: PostedForm) -> Response:
    password = text(form, "current_password", strip=False)
    if len(password) > MAX_PASSWORD:
        return _security_page(request, session, "start", status_code=401,
                              error="current_password: not right")
    try:
        uri = services.portal.begin_totp_enrolment(session.principal, password,
                                                   address=client_address(request))
    except (AuthenticationFailed, Throttled) as exc:
        return _security_page(request, session, "start", error=str(exc),
                              status_code=status_for(exc))
    return _security_page(request, session, "confirm", uri=uri, secret=totp_setup_key(uri))


@router.post("/security/confirm")
def confirm_enrolment(request: Request, services: ServicesDep, session: PortalForm,
                      form: PostedForm) -> Response:
    try:
        services.portal.confirm_totp_enrolment(session.principal, text(form, "code"),
                                               session.token)
    except InvalidInput as exc:
        return _security_page(request, session, "retry", error=str(exc), status_code=422)
    return RedirectResponse(f"{PORTAL_PATH}/security?done=mfa", status_code=303)
