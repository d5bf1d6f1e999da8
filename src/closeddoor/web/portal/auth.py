"""Accepting an invitation (choose a user name and password; enrolling in the office also asks
for the one-time code e-mailed to the client), "forgot password" (a link to the address on
file), signing in (password, then the code step once two-step sign-in is on) and signing out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.errors import (
    ConflictError,
    InvalidInput,
    MailUnavailable,
    NotFound,
    Throttled,
)
from closeddoor.web import signin_flow
from closeddoor.web.forms import text
from closeddoor.web.portal.errors import PortalRoute
from closeddoor.web.portal.rendering import portal_render
from closeddoor.web.portal.session import (
    CODE_STEP,
    HOME,
    PORTAL_COOKIE,
    PORTAL_DEVICE_COOKIE,
    PORTAL_PATH,
    PORTAL_SIGNIN_CSRF_COOKIE,
    SIGNIN,
    OptionalPortalSession,
    PendingForm,
    PendingPage,
    check_signin_csrf,
    delete_portal_cookie,
    set_portal_cookie,
)
from closeddoor.web.session import (
    PostedForm,
    ServicesDep,
    client_address,
    new_signin_csrf,
)
from closeddoor.web.signin_flow import MAX_PASSWORD, MAX_USERNAME, Audience

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
MAX_TOKEN = 128
EXPIRED = ("This invitation link has expired or has already been used. Links work once and "
           "for a few days only. Please ask your practice to send you a new one.")
# Why the sign-in page is shown, by a fixed key in the query (the query is never echoed).
SIGNIN_NOTICES = {
    "signed-out": "You have signed out. Close this window if you share this device.",
    "password-reset": "Your new password is set and you were signed out everywhere. Sign in "
                      "with the new password.",
}
RESET_EXPIRED = ("This password reset link has expired or has already been used. Links work "
                 "once, for one hour. Ask for a new one with \u201cForgot password\u201d.")
RESET_SENT = ("If that user name has a portal account, we sent a link to choose a new password "
              "to the e-mail address on file. It works once, for one hour.")
FIELDS = ("username", "password", "password_again", "code")


def field_of(error: str) -> str:
    """The form field an error message names (\"code: ...\" -> code), to show it beside it."""
    name = error.partition(":")[0].replace(" ", "_")
    name = "username" if name == "user_name" else name
    return name if name in FIELDS else ""


def _with_signin_csrf(request: Request, template: str, context: dict[str, object], *,
                      status_code: int = 200) -> Response:
    token = new_signin_csrf()
    response = portal_render(request, template, {"signin_csrf": token, **context},
                             status_code=status_code)
    set_portal_cookie(request, response, PORTAL_SIGNIN_CSRF_COOKIE, token)
    return response


# --- invitations -------------------------------------------------------------------------------
def _expired(request: Request) -> Response:
    return portal_render(request, "invite_expired.html", {"message": EXPIRED}, status_code=410)


@router.get("/invite/{token}")
def invitation(request: Request, services: ServicesDep, token: str) -> Response:
    if len(token) > MAX_TOKEN or not services.portal.invitation_is_open(token):
        return _expired(request)
    return _with_signin_csrf(request, "invite.html", {
        "token": token, "username": "", "needs_code": services.portal.invitation_needs_code(token)})


@router.post("/invite/{token}")
def accept_invitation(request: Request, services: ServicesDep, form: PostedForm,
                      session: OptionalPortalSession, token: str) -> Response:
    check_signin_csrf(request, form)
    if len(token) > MAX_TOKEN:
        return _expired(request)
    username = text(form, "username")
    password = text(form, "password", strip=False)
    code = text(form, "code")[:12]

    shown = username if len(username) <= MAX_USERNAME else ""  # never a cut-down name

    def again(error: str, status_code: int) -> Response:
        return _with_signin_csrf(request, "invite.html",
                                 {"token": token, "username": shown,
                                  "needs_code": services.portal.invitation_needs_code(token),
                                  "error": error, "error_field": field_of(error)},
                                 status_code=status_code)

    too_long = signin_flow.too_long_problems(username, password)
    if too_long:
        return again(too_long, 422)
    if password != text(form, "password_again", strip=False):
        return again("password_again: the two passwords are not the same", 422)
    try:
        signed_in = services.portal.accept_invitation(token, username, password, code=code,
                                                      address=client_address(request))
    except NotFound as exc:
        if "wrong codes" in str(exc):
            return portal_render(request, "invite_expired.html", {"message": str(exc)},
                                 status_code=410)
        return _expired(request)
    except (InvalidInput, ConflictError, Throttled) as exc:
        return again(str(exc), status_for(exc))
    if session is not None:
        services.portal.end_session(session.token)  # one browser, one session
    return signin_flow.signed_in_response(request, CLIENTS, signed_in.token,
                                          signed_in.mfa_passed, location=f"{HOME}?done=welcome")


# --- forgot password -----------------------------------------------------------------------------
@router.get("/forgot-password")
def forgot_password_form(request: Request) -> Response:
    return _with_signin_csrf(request, "forgot_password.html", {"username": ""})


@router.post("/forgot-password")
def forgot_password(request: Request, services: ServicesDep, form: PostedForm,
                    later: BackgroundTasks) -> Response:
    """The same answer, in the same time, whether or not the user name exists: the lookup,
    audit and mail run after the answer."""
    check_signin_csrf(request, form)
    username = text(form, "username")
    if not username or len(username) > MAX_USERNAME:
        # Never cut to fit: a shortened name could be someone else's account.
        error = ("username: type the user name of your portal account" if not username else
                 f"username: at most {MAX_USERNAME} characters (you typed {len(username)}), "
                 "check the user name of your portal account and type it again")
        return _with_signin_csrf(request, "forgot_password.html", {
            "username": "", "error": error, "error_field": "username"}, status_code=422)
    try:
        later.add_task(services.portal.password_reset_job(username))
    except MailUnavailable as exc:
        return _with_signin_csrf(request, "forgot_password.html", {
            "username": username, "error": f"{exc}. Please contact your practice."},
            status_code=503)
    return _with_signin_csrf(request, "forgot_password.html", {"username": "", "sent": True,
                                                               "notice": RESET_SENT})


def _reset_expired(request: Request) -> Response:
    return portal_render(request, "invite_expired.html", {"message": RESET_EXPIRED,
                                                          "reset": True}, status_code=410)


@router.get("/reset/{token}")
def reset_form(request: Request, services: ServicesDep, token: str) -> Response:
    if len(token) > MAX_TOKEN or not services.portal.reset_is_open(token):
        return _reset_expired(request)
    return _with_signin_csrf(request, "reset_password.html", {"token": token})


@router.post("/reset/{token}")
def reset(request: Request, services: ServicesDep, form: PostedForm, token: str) -> Response:
    check_signin_csrf(request, form)
    if len(token) > MAX_TOKEN:
        return _reset_expired(request)
    password = text(form, "password", strip=False)

    def again(error: str, status_code: int) -> Response:
        return _with_signin_csrf(request, "reset_password.html", {
            "token": token, "error": error, "error_field": field_of(error)},
            status_code=status_code)

    if len(password) > MAX_PASSWORD:
        return again(f"password: at most {MAX_PASSWORD} characters", 422)
    if password != text(form, "password_again", strip=False):
        return again("password_again: the two passwords are not the same", 422)
    try:
        services.portal.reset_password(token, password)
    except NotFound:
        return _reset_expired(request)
    except InvalidInput as exc:
        return again(str(exc), 422)
    response = RedirectResponse(f"{SIGNIN}?done=password-reset", status_code=303)
    delete_portal_cookie(request, response, PORTAL_COOKIE)
    return response


# --- signing in and out: the shared flow, for clients --------------------------------------------
def _render(request: Request, template: str, context: dict[str, Any], session: Any,
            status_code: int) -> HTMLResponse:
    return portal_render(request, template, context, session=session, status_code=status_code)


CLIENTS = Audience(
    layout="portal/base.html", cookie_path=PORTAL_PATH, session_cookie=PORTAL_COOKIE,
    device_cookie=PORTAL_DEVICE_COOKIE, csrf_cookie=PORTAL_SIGNIN_CSRF_COOKIE,
    signin_url=SIGNIN, code_url=CODE_STEP, home_url=HOME,
    signin_heading="Sign in to your client portal", code_title="Sign-in code",
    code_heading="Enter your sign-in code",
    code_intro="Open your authenticator app and enter the six-digit code it shows for "
               "closeddoor.",
    forgot_url=f"{PORTAL_PATH}/forgot-password",
    service=lambda services: services.portal, render=_render,
)


@router.get("/signin")
def signin_form(request: Request, session: OptionalPortalSession, done: str = "") -> Response:
    if session is not None and session.principal.mfa_passed:
        return RedirectResponse(HOME, status_code=303)
    return signin_flow.signin_page(request, CLIENTS, notice=SIGNIN_NOTICES.get(done))


@router.post("/signin")
def signin(request: Request, services: ServicesDep, form: PostedForm,
           session: OptionalPortalSession) -> Response:
    return signin_flow.sign_in(request, services, form, CLIENTS,
                               session.token if session is not None else None)


@router.get("/signin/code")
def code_form(request: Request, session: PendingPage) -> Response:
    if session.principal.mfa_passed:
        return RedirectResponse(HOME, status_code=303)
    return signin_flow.code_page(request, CLIENTS, session)


@router.post("/signin/code")
def code(request: Request, services: ServicesDep, session: PendingForm,
         form: PostedForm) -> Response:
    if session.principal.mfa_passed:
        return RedirectResponse(HOME, status_code=303)
    return signin_flow.pass_code(request, services, form, CLIENTS, session, session.token)


@router.post("/signout")
def signout(request: Request, services: ServicesDep, session: PendingForm) -> Response:
    services.portal.end_session(session.token)
    response = RedirectResponse(f"{SIGNIN}?done=signed-out", status_code=303)
    delete_portal_cookie(request, response, PORTAL_COOKIE)
    return response
