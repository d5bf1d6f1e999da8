"""Server-side web sessions and CSRF: the cookie carries an opaque token, the server holds the rest.

Each page resolves its session through `AccountService.resolve_session(token, kind="web")`, which
enforces the idle and absolute time-outs. Redirects and refusals are exceptions that
`closeddoor.web.errors` turns into responses, so a route body only runs for a fit session.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData

from closeddoor.accounts.service import ActiveSession, StaffUser
from closeddoor.api.deps import ServicesDep as ServicesDep  # the pages share the API's
from closeddoor.policy import Actor

SESSION_COOKIE = "cd_session"
DEVICE_COOKIE = "cd_device"  # this browser signed in before: its own throttle bucket (authn)
DEVICE_COOKIE_MAX_AGE = 180 * 24 * 3600
SIGNIN_CSRF_COOKIE = "cd_signin_csrf"  # double-submit token for the sign-in form (no session yet)
CSRF_FIELD = "csrf_token"


class Redirect(Exception):
    """Send the browser elsewhere with 303 See Other (the location carries no clinical data)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


class CsrfRejected(Exception):
    """A POST whose CSRF token is missing or wrong: 403, and nothing changes."""


@dataclass(frozen=True)
class WebSession:
    token: str
    active: ActiveSession

    @property
    def user(self) -> StaffUser:
        return self.active.user

    @property
    def actor(self) -> Actor:
        return self.active.user.actor

    @property
    def csrf_token(self) -> str:
        return self.active.csrf_token


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def set_cookie(request: Request, response: Response, name: str, value: str, *,
               path: str = "/", max_age: int | None = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=path,
    )


def remember_device(request: Request, response: Response, device: str, *,
                    name: str = DEVICE_COOKIE, path: str = "/") -> None:
    """Keep the device cookie a complete sign-in handed out (nothing when there is none)."""
    if device:
        set_cookie(request, response, name, device, path=path, max_age=DEVICE_COOKIE_MAX_AGE)


def delete_cookie(request: Request, response: Response, name: str, *, path: str = "/") -> None:
    response.delete_cookie(
        name, path=path, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )


def new_signin_csrf() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, given: object) -> bool:
    """Constant-time comparison; a missing or non-text value never matches."""
    if not expected or not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def optional_session(request: Request, services: ServicesDep) -> WebSession | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    active = services.accounts.resolve_session(token, kind="web")
    return WebSession(token, active) if active is not None else None


OptionalSession = Annotated[WebSession | None, Depends(optional_session)]


async def posted_form(request: Request) -> FormData:
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]


def _signed_in(session: WebSession | None) -> WebSession:
    if session is None:
        raise Redirect("/signin")
    return session


def _fully_signed_in(session: WebSession | None) -> WebSession:
    """Past the TOTP step and, where the practice requires it, enrolled in MFA."""
    current = _signed_in(session)
    if not current.active.mfa_passed:
        raise Redirect("/signin/totp")
    if current.active.mfa_enrolment_required:
        raise Redirect("/account/mfa")
    return current


def _check_csrf(session: WebSession, form: FormData) -> WebSession:
    if not tokens_match(session.csrf_token, form.get(CSRF_FIELD)):
        raise CsrfRejected()
    return session


def page_session(session: OptionalSession) -> WebSession:
    return _fully_signed_in(session)


def form_session(session: OptionalSession, form: PostedForm) -> WebSession:
    return _check_csrf(_fully_signed_in(session), form)


def any_session(session: OptionalSession) -> WebSession:
    """Signed in, whatever step is still to come (the TOTP step, enrolment, sign-out)."""
    return _signed_in(session)


def any_form_session(session: OptionalSession, form: PostedForm) -> WebSession:
    return _check_csrf(_signed_in(session), form)


def enrolment_session(session: OptionalSession) -> WebSession:
    """Enrolment pages: the password step done and the TOTP step too, if already enrolled."""
    current = _signed_in(session)
    if not current.active.mfa_passed:
        raise Redirect("/signin/totp")
    return current


def enrolment_form_session(session: OptionalSession, form: PostedForm) -> WebSession:
    return _check_csrf(enrolment_session(session), form)


Page = Annotated[WebSession, Depends(page_session)]
FormPost = Annotated[WebSession, Depends(form_session)]
AnySession = Annotated[WebSession, Depends(any_session)]
AnyFormPost = Annotated[WebSession, Depends(any_form_session)]
EnrolmentPage = Annotated[WebSession, Depends(enrolment_session)]
EnrolmentPost = Annotated[WebSession, Depends(enrolment_form_session)]
