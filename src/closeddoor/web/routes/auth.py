"""Sign-in (password, then TOTP once enrolled), sign-out, the account page and MFA enrolment."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.errors import AuthenticationFailed, InvalidInput, MfaRequired, Throttled
from closeddoor.web.forms import text
from closeddoor.web.rendering import render
from closeddoor.web.session import (
    CSRF_FIELD,
    SESSION_COOKIE,
    SIGNIN_CSRF_COOKIE,
    AnyFormPost,
    AnySession,
    CsrfRejected,
    EnrolmentPage,
    EnrolmentPost,
    OptionalSession,
    Page,
    PostedForm,
    ServicesDep,
    client_address,
    delete_cookie,
    new_signin_csrf,
    set_cookie,
    tokens_match,
)

router = APIRouter()
MAX_USERNAME = 64
MAX_PASSWORD = 1024


def _signin_page(
    request: Request, *, username: str = "", error: str | None = None, status_code: int = 200
) -> Response:
    token = new_signin_csrf()
    context = {"signin_csrf": token, "username": username, "error": error}
    response = render(request, "pages/signin.html", context, status_code=status_code)
    set_cookie(request, response, SIGNIN_CSRF_COOKIE, token)
    return response


@router.get("/signin")
def signin_form(request: Request, session: OptionalSession) -> Response:
    if session is not None and session.active.mfa_passed:
        return RedirectResponse("/", status_code=303)
    return _signin_page(request)


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
            username, password, address=client_address(request), kind="web"
        )
    except (AuthenticationFailed, MfaRequired, Throttled) as exc:
        return _signin_page(
            request, username=username, error=str(exc), status_code=status_for(exc)
        )
    if session is not None:
        services.accounts.end_session(session.token)  # one browser, one session
    response = RedirectResponse("/" if signed_in.mfa_passed else "/signin/totp", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, signed_in.token)
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
        services.accounts.pass_mfa(
            session.token, text(form, "code"), address=client_address(request)
        )
    except (AuthenticationFailed, Throttled) as exc:
        return render(
            request, "pages/totp.html", {"error": str(exc)}, session=session,
            status_code=status_for(exc),
        )
    return RedirectResponse("/", status_code=303)


@router.post("/signout")
def signout(request: Request, services: ServicesDep, session: AnyFormPost) -> Response:
    services.accounts.end_session(session.token)
    response = RedirectResponse("/signin", status_code=303)
    delete_cookie(request, response, SESSION_COOKIE)
    return response


@router.get("/account")
def account(request: Request, services: ServicesDep, session: Page) -> Response:
    return render(
        request, "pages/account.html",
        {"mfa_required": services.accounts.mfa_required()},
        session=session, section="account",
    )


@router.get("/account/mfa")
def enrolment(request: Request, session: EnrolmentPage) -> Response:
    if session.user.totp_enabled:
        return RedirectResponse("/account", status_code=303)
    return render(request, "pages/mfa_enrol.html", {"stage": "start"}, session=session,
                  section="account")


def _secret_from(uri: str) -> str:
    """The base32 secret inside an otpauth:// URI, in groups of four for typing by hand."""
    secret = parse_qs(urlsplit(uri).query).get("secret", [""])[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@router.post("/account/mfa/begin")
def begin_enrolment(request: Request, services: ServicesDep, session: EnrolmentPost) -> Response:
    # Re-enrolling would switch the current factor off until confirmed, so it is not offered.
    if session.user.totp_enabled:
        return RedirectResponse("/account", status_code=303)
    uri = services.accounts.begin_totp_enrolment(session.user.user_id)
    context = {"stage": "confirm", "uri": uri, "secret": _secret_from(uri)}
    return render(request, "pages/mfa_enrol.html", context, session=session, section="account")


@router.post("/account/mfa/confirm")
def confirm_enrolment(
    request: Request, services: ServicesDep, session: EnrolmentPost, form: PostedForm
) -> Response:
    if session.user.totp_enabled:
        return RedirectResponse("/account", status_code=303)
    try:
        services.accounts.confirm_totp_enrolment(session.user.user_id, text(form, "code"))
    except InvalidInput as exc:
        context = {"stage": "retry", "error": str(exc)}
        return render(request, "pages/mfa_enrol.html", context, session=session,
                      status_code=422, section="account")
    return RedirectResponse("/account", status_code=303)
