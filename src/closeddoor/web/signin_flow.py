"""One sign-in flow and one second-factor flow for the web, rendered for two audiences.

Staff (`/signin`) and clients (`/portal/signin`) sign in through the same steps: a double-submit
CSRF token before there is a session, the password, then the authenticator code when enrolled,
a device cookie once the sign-in is complete (see `closeddoor.accounts.authn`), one session per
browser. An `Audience` says only what differs: paths, cookies, words and the page frame; the
service behind it (`AccountService` or `PortalService`) is the shared authentication core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.errors import AuthenticationFailed, MfaRequired, Throttled, join_problems
from closeddoor.web.forms import text
from closeddoor.web.session import (
    CSRF_FIELD,
    CsrfRejected,
    client_address,
    delete_cookie,
    new_signin_csrf,
    remember_device,
    set_cookie,
    tokens_match,
)

MAX_USERNAME = 64
MAX_PASSWORD = 1024


def too_long_problems(username: str, password: str) -> str:
    """"field: how to fix it" for a user name or password longer than any account's, all at once
    (errors.join_problems); "" when both fit. Nothing typed is echoed."""
    found: list[str] = []
    if len(username) > MAX_USERNAME:
        found.append(f"user name: at most {MAX_USERNAME} characters (you typed "
                     f"{len(username)}), check it and type it again")
    if len(password) > MAX_PASSWORD:
        found.append(f"password: at most {MAX_PASSWORD} characters, check it and type it again")
    return join_problems(found)


class SignedIn(Protocol):
    @property
    def token(self) -> str: ...

    @property
    def device(self) -> str: ...

    @property
    def mfa_passed(self) -> bool: ...


class SignInService(Protocol):
    def sign_in(self, username: str, password: str, *, address: str, kind: str = "web",
                totp: str | None = None, device: str | None = None) -> SignedIn: ...

    def pass_mfa(self, token: str, code: str, *, address: str,
                 device: str | None = None) -> str: ...

    def end_session(self, token: str) -> None: ...


Render = Callable[[Request, str, dict[str, Any], Any, int], HTMLResponse]


@dataclass(frozen=True)
class Audience:
    """What differs between the staff and the client sign-in pages."""

    layout: str  # the page frame the sign-in pages extend
    cookie_path: str
    session_cookie: str
    device_cookie: str
    csrf_cookie: str
    signin_url: str
    code_url: str
    home_url: str
    signin_heading: str
    code_title: str
    code_heading: str
    code_intro: str
    forgot_url: str  # "" where there is no self-service recovery
    service: Callable[[Services], SignInService]
    render: Render  # renders a template with this audience's frame context


def signin_page(request: Request, audience: Audience, *, username: str = "",
                error: str | None = None, notice: str | None = None,
                status_code: int = 200) -> Response:
    """The sign-in form, with a fresh double-submit token in a cookie and a hidden field."""
    token = new_signin_csrf()
    context = {"audience": audience, "layout": audience.layout, "signin_csrf": token,
               "csrf_field": CSRF_FIELD, "username": username, "error": error,
               "notice": notice}
    response = audience.render(request, "auth/signin.html", context, None, status_code)
    set_cookie(request, response, audience.csrf_cookie, token, path=audience.cookie_path)
    return response


def sign_in(request: Request, services: Services, form: FormData, audience: Audience,
            current_token: str | None) -> Response:
    """Check the form's token, then the password: to the code step, or home."""
    if not tokens_match(request.cookies.get(audience.csrf_cookie), form.get(CSRF_FIELD)):
        raise CsrfRejected()
    username = text(form, "username")
    password = text(form, "password", strip=False)
    too_long = too_long_problems(username, password)
    if too_long:
        # Refused as typed, never cut to fit and matched: no account has a name this long, so
        # saying so reveals nothing, and the person can see what to fix.
        return signin_page(request, audience, error=too_long, status_code=422)
    service = audience.service(services)
    try:
        signed_in = service.sign_in(username, password, address=client_address(request),
                                    kind="web", device=request.cookies.get(audience.device_cookie))
    except (AuthenticationFailed, MfaRequired, Throttled) as exc:
        return signin_page(request, audience, username=username, error=str(exc),
                           status_code=status_for(exc))
    if current_token is not None:
        service.end_session(current_token)  # one browser, one session
    return signed_in_response(request, audience, signed_in.token, signed_in.mfa_passed,
                              signed_in.device)


def signed_in_response(request: Request, audience: Audience, token: str, mfa_passed: bool,
                       device: str = "", location: str = "") -> Response:
    """Keep the new session's cookie and go on: home (or `location`), or the code step."""
    target = (location or audience.home_url) if mfa_passed else audience.code_url
    response = RedirectResponse(target, status_code=303)
    set_cookie(request, response, audience.session_cookie, token, path=audience.cookie_path)
    delete_cookie(request, response, audience.csrf_cookie, path=audience.cookie_path)
    remember_device(request, response, device, name=audience.device_cookie,
                    path=audience.cookie_path)
    return response


def code_page(request: Request, audience: Audience, session: Any, *, error: str | None = None,
              status_code: int = 200) -> Response:
    context = {"audience": audience, "layout": audience.layout, "error": error}
    return audience.render(request, "auth/code.html", context, session, status_code)


def pass_code(request: Request, services: Services, form: FormData, audience: Audience,
              session: Any, token: str) -> Response:
    """The second step: the code from the authenticator app; then home."""
    try:
        device = audience.service(services).pass_mfa(
            token, text(form, "code"), address=client_address(request),
            device=request.cookies.get(audience.device_cookie))
    except (AuthenticationFailed, Throttled) as exc:
        return code_page(request, audience, session, error=str(exc),
                         status_code=status_for(exc))
    response = RedirectResponse(audience.home_url, status_code=303)
    remember_device(request, response, device, name=audience.device_cookie,
                    path=audience.cookie_path)
    return response
