"""Sign-in (password, then TOTP once enrolled), sign-out and the keep-alive that long forms
send while someone types (see static/keepalive.js)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.errors import AuthenticationFailed, MfaRequired, Throttled
from closeddoor.web.forms import text
from closeddoor.web.rendering import render
from closeddoor.web.session import (
    CSRF_FIELD,
    DEVICE_COOKIE,
    SESSION_COOKIE,
    SIGNIN_CSRF_COOKIE,
    AnyFormPost,
    AnySession,
    CsrfRejected,
    FormPost,
    OptionalSession,
    PostedForm,
    ServicesDep,
    client_address,
    delete_cookie,
    new_signin_csrf,
    remember_device,
    set_cookie,
    tokens_match,
)

router = APIRouter()
MAX_USERNAME = 64
MAX_PASSWORD = 1024
# Why the sign-in page is shown, by a fixed key in the query (the query is never echoed).
SIGNIN_NOTICES = {
    "password-changed": "Your password was changed and every session ended. "
                        "Sign in with the new password.",
}


def _signin_page(
    request: Request, *, username: str = "", error: str | None = None, notice: str | None = None,
    status_code: int = 200,
) -> Response:
    token = new_signin_csrf()
    context = {"signin_csrf": token, "username": username, "error": error, "notice": notice}
    response = render(request, "pages/signin.html", context, status_code=status_code)
    set_cookie(request, response, SIGNIN_CSRF_COOKIE, token)
    return response


@router.get("/signin")
def signin_form(request: Request, session: OptionalSession, done: str = "") -> Response:
    if session is not None and session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    return _signin_page(request, notice=SIGNIN_NOTICES.get(done))


@router.post("/signin")
def signin(
    request: Request, services: ServicesDep, form: PostedForm, session: OptionalSession
) -> Response:
    # No session exists yet, so the token is the double-submit kind: cookie and field must match.
    if not tokens_match(request.cookies.get(SIGNIN_CSRF_COOKIE), form.get(CSRF_FIELD)):
        raise CsrfRejected()
    username = text(form, "username")
    password = text(form, "password", strip=False)
    if len(username) > MAX_USERNAME or len(password) > MAX_PASSWORD:
        return _signin_page(request, error="user name or password is not right", status_code=401)
    try:
        signed_in = services.accounts.sign_in(
            username, password, address=client_address(request), kind="web",
            device=request.cookies.get(DEVICE_COOKIE),
        )
    except (AuthenticationFailed, MfaRequired, Throttled) as exc:
        return _signin_page(
            request, username=username, error=str(exc), status_code=status_for(exc)
        )
    if session is not None:
        services.accounts.end_session(session.token)  # one browser, one session
    response = RedirectResponse("/" if signed_in.mfa_passed else "/signin/totp", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, signed_in.token)
    remember_device(request, response, signed_in.device)
    delete_cookie(request, response, SIGNIN_CSRF_COOKIE)
    return response


@router.get("/signin/totp")
def totp_form(request: Request, session: AnySession) -> Response:
    if session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    return render(request, "pages/totp.html", session=session)


@router.post("/signin/totp")
def totp(
    request: Request, services: ServicesDep, session: AnyFormPost, form: PostedForm
) -> Response:
    if session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    try:
        device = services.accounts.pass_mfa(
            session.token, text(form, "code"), address=client_address(request),
            device=request.cookies.get(DEVICE_COOKIE),
        )
    except (AuthenticationFailed, Throttled) as exc:
        return render(
            request, "pages/totp.html", {"error": str(exc)}, session=session,
            status_code=status_for(exc),
        )
    response = RedirectResponse("/", status_code=303)
    remember_device(request, response, device)
    return response


@router.post("/signout")
def signout(request: Request, services: ServicesDep, session: AnyFormPost) -> Response:
    services.accounts.end_session(session.token)
    response = RedirectResponse("/signin", status_code=303)
    delete_cookie(request, response, SESSION_COOKIE)
    return response


@router.post("/session/keepalive")
def keepalive(session: FormPost) -> Response:
    """Typing in a long form is activity: resolving the session (FormPost) touches it, so the
    idle time-out runs from the last keystroke. An untouched page still times out."""
    return Response(status_code=204)
