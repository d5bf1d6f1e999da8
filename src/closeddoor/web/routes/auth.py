"""Sign-in (password, then TOTP once enrolled), sign-out and the keep-alive that long forms
send while someone types (see static/keepalive.js)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from closeddoor.web import signin_flow
from closeddoor.web.rendering import render
from closeddoor.web.session import (
    DEVICE_COOKIE,
    SESSION_COOKIE,
    SIGNIN_CSRF_COOKIE,
    AnyFormPost,
    AnySession,
    FormPost,
    OptionalSession,
    PostedForm,
    ServicesDep,
    delete_cookie,
)
from closeddoor.web.signin_flow import Audience

router = APIRouter()
# Why the sign-in page is shown, by a fixed key in the query (the query is never echoed).
SIGNIN_NOTICES = {
    "password-changed": "Your password was changed and every session ended. "
                        "Sign in with the new password.",
}


def _render(request: Request, template: str, context: dict[str, Any], session: Any,
            status_code: int) -> HTMLResponse:
    return render(request, template, context, session=session, status_code=status_code)


STAFF = Audience(
    layout="base.html", cookie_path="/", session_cookie=SESSION_COOKIE,
    device_cookie=DEVICE_COOKIE, csrf_cookie=SIGNIN_CSRF_COOKIE, signin_url="/signin",
    code_url="/signin/totp", home_url="/", signin_heading="Sign in",
    code_title="Authentication code", code_heading="Authentication code",
    code_intro="Enter the six-digit code from your authenticator app.", forgot_url="",
    service=lambda services: services.accounts, render=_render,
)


@router.get("/signin")
def signin_form(request: Request, session: OptionalSession, done: str = "") -> Response:
    if session is not None and session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    return signin_flow.signin_page(request, STAFF, notice=SIGNIN_NOTICES.get(done))


@router.post("/signin")
def signin(
    request: Request, services: ServicesDep, form: PostedForm, session: OptionalSession
) -> Response:
    return signin_flow.sign_in(request, services, form, STAFF,
                               session.token if session is not None else None)


@router.get("/signin/totp")
def totp_form(request: Request, session: AnySession) -> Response:
    if session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    return signin_flow.code_page(request, STAFF, session)


@router.post("/signin/totp")
def totp(
    request: Request, services: ServicesDep, session: AnyFormPost, form: PostedForm
) -> Response:
    if session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    return signin_flow.pass_code(request, services, form, STAFF, session, session.token)


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
