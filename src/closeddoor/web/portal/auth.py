"""Accepting an invitation (choose a user name and password), signing in (password, then the
code step once two-step sign-in is on) and signing out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.errors import (
    AuthenticationFailed,
    ConflictError,
    InvalidInput,
    MfaRequired,
    NotFound,
    Throttled,
)
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
    remember_device,
)

router = APIRouter(prefix=PORTAL_PATH, route_class=PortalRoute)
MAX_USERNAME = 64
MAX_PASSWORD = 1024
MAX_TOKEN = 128
EXPIRED = ("This invitation link has expired or has already been used. Links work once and "
           "for a few days only. Please ask your practice to send you a new one.")
# Why the sign-in page is shown, by a fixed key in the query (the query is never echoed).
SIGNIN_NOTICES = {
    "signed-out": "You have signed out. Close this window if you share this device.",
}


def _with_signin_csrf(request: Request, template: str, context: dict[str, object], *,
                      status_code: int = 200) -> Response:
    token = new_signin_csrf()
    response = portal_render(request, template, {"signin_csrf": token, **context},
                             status_code=status_code)
    set_portal_cookie(request, response, PORTAL_SIGNIN_CSRF_COOKIE, token)
    return response


def _signed_in_response(request: Request, token: str, mfa_passed: bool,
                        location: str = HOME) -> Response:
    response = RedirectResponse(location if mfa_passed else CODE_STEP, status_code=303)
    set_portal_cookie(request, response, PORTAL_COOKIE, token)
    delete_portal_cookie(request, response, PORTAL_SIGNIN_CSRF_COOKIE)
    return response


# --- invitations -------------------------------------------------------------------------------
def _expired(request: Request) -> Response:
    return portal_render(request, "invite_expired.html", {"message": EXPIRED}, status_code=410)


@router.get("/invite/{token}")
def invitation(request: Request, services: ServicesDep, token: str) -> Response:
    if len(token) > MAX_TOKEN or not services.portal.invitation_is_open(token):
        return _expired(request)
    return _with_signin_csrf(request, "invite.html", {"token": token, "username": ""})


@router.post("/invite/{token}")
def accept_invitation(request: Request, services: ServicesDep, form: PostedForm,
                      session: OptionalPortalSession, token: str) -> Response:
    check_signin_csrf(request, form)
    if len(token) > MAX_TOKEN:
        return _expired(request)
    username = text(form, "username")
    password = text(form, "password", strip=False)

    def again(error: str, status_code: int) -> Response:
        return _with_signin_csrf(request, "invite.html",
                                 {"token": token, "username": username[:MAX_USERNAME],
                                  "error": error}, status_code=status_code)

    if len(username) > MAX_USERNAME or len(password) > MAX_PASSWORD:
        return again(f"user name: at most {MAX_USERNAME} characters; password: at most "
                     f"{MAX_PASSWORD}", 422)
    if password != text(form, "password_again", strip=False):
        return again("password_again: the two passwords are not the same", 422)
    try:
        signed_in = services.portal.accept_invitation(token, username, password,
                                                      address=client_address(request))
    except NotFound:
        return _expired(request)
    except (InvalidInput, ConflictError, Throttled) as exc:
        return again(str(exc), status_for(exc))
    if session is not None:
        services.portal.end_session(session.token)  # one browser, one session
    return _signed_in_response(request, signed_in.token, signed_in.principal.mfa_passed,
                               f"{HOME}?done=welcome")


# --- signing in and out --------------------------------------------------------------------------
@router.get("/signin")
def signin_form(request: Request, session: OptionalPortalSession, done: str = "") -> Response:
    if session is not None and session.principal.mfa_passed:
        return RedirectResponse(HOME, status_code=303)
    return _with_signin_csrf(request, "signin.html",
                             {"username": "", "notice": SIGNIN_NOTICES.get(done)})


@router.post("/signin")
def signin(request: Request, services: ServicesDep, form: PostedForm,
           session: OptionalPortalSession) -> Response:
    check_signin_csrf(request, form)
    username = text(form, "username")
    password = text(form, "password", strip=False)
    if len(username) > MAX_USERNAME or len(password) > MAX_PASSWORD:
        return _with_signin_csrf(request, "signin.html", {
            "username": "", "error": "user name or password is not right"}, status_code=401)
    try:
        signed_in = services.portal.sign_in(username, password,
                                            address=client_address(request), kind="web",
                                            device=request.cookies.get(PORTAL_DEVICE_COOKIE))
    except (AuthenticationFailed, MfaRequired, Throttled) as exc:
        return _with_signin_csrf(request, "signin.html", {"username": username,
                                                          "error": str(exc)},
                                 status_code=status_for(exc))
    if session is not None:
        services.portal.end_session(session.token)
    response = _signed_in_response(request, signed_in.token, signed_in.principal.mfa_passed)
    remember_device(request, response, signed_in.device, name=PORTAL_DEVICE_COOKIE,
                    path=PORTAL_PATH)
    return response


@router.get("/signin/code")
def code_form(request: Request, session: PendingPage) -> Response:
    if session.principal.mfa_passed:
        return RedirectResponse(HOME, status_code=303)
    return portal_render(request, "code.html", session=session)


@router.post("/signin/code")
def code(request: Request, services: ServicesDep, session: PendingForm,
         form: PostedForm) -> Response:
    if session.principal.mfa_passed:
        return RedirectResponse(HOME, status_code=303)
    try:
        device = services.portal.pass_mfa(session.token, text(form, "code"),
                                          address=client_address(request),
                                          device=request.cookies.get(PORTAL_DEVICE_COOKIE))
    except (AuthenticationFailed, Throttled) as exc:
        return portal_render(request, "code.html", {"error": str(exc)}, session=session,
                             status_code=status_for(exc))
    response = RedirectResponse(HOME, status_code=303)
    remember_device(request, response, device, name=PORTAL_DEVICE_COOKIE, path=PORTAL_PATH)
    return response


@router.post("/signout")
def signout(request: Request, services: ServicesDep, session: PendingForm) -> Response:
    services.portal.end_session(session.token)
    response = RedirectResponse(f"{SIGNIN}?done=signed-out", status_code=303)
    delete_portal_cookie(request, response, PORTAL_COOKIE)
    return response
