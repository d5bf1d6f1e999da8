"""Portal sessions: a cookie of their own, resolved only through PortalService.resolve.

The portal cookie (`cd_portal`) is scoped to Path=/portal, so a browser never sends it to the
staff pages, and the staff cookie, which the browser does send here, is never read: a staff
session is no portal session. Redirects and refusals are exceptions, so a route body only runs
for a fit session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData

from closeddoor.policy import Actor
from closeddoor.portal.model import PortalPrincipal
from closeddoor.web.session import (
    CSRF_FIELD,
    CsrfRejected,
    PostedForm,
    Redirect,
    ServicesDep,
    tokens_match,
)

PORTAL_PATH = "/portal"
PORTAL_COOKIE = "cd_portal"
PORTAL_DEVICE_COOKIE = "cd_portal_device"  # this browser signed in before (see authn)
PORTAL_SIGNIN_CSRF_COOKIE = "cd_portal_csrf"  # double-submit token for forms before a session
SIGNIN = f"{PORTAL_PATH}/signin"
CODE_STEP = f"{PORTAL_PATH}/signin/code"
HOME = PORTAL_PATH


@dataclass(frozen=True)
class PortalSession:
    """A signed-in client in the browser: the cookie's token and who it resolved to."""

    token: str
    principal: PortalPrincipal

    @property
    def actor(self) -> Actor:
        return self.principal.actor

    @property
    def csrf_token(self) -> str:
        return self.principal.csrf_token


def set_portal_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path=PORTAL_PATH)


def delete_portal_cookie(request: Request, response: Response, name: str) -> None:
    response.delete_cookie(name, path=PORTAL_PATH, httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")


def optional_portal_session(request: Request, services: ServicesDep) -> PortalSession | None:
    token = request.cookies.get(PORTAL_COOKIE)
    if not token:
        return None
    principal = services.portal.resolve(token, kind="web")
    return PortalSession(token, principal) if principal is not None else None


OptionalPortalSession = Annotated[PortalSession | None, Depends(optional_portal_session)]


def _signed_in(session: PortalSession | None) -> PortalSession:
    if session is None:
        raise Redirect(SIGNIN)
    return session


def _fully_signed_in(session: PortalSession | None) -> PortalSession:
    current = _signed_in(session)
    if not current.principal.mfa_passed:
        raise Redirect(CODE_STEP)
    return current


def _check_csrf(session: PortalSession, form: FormData) -> PortalSession:
    if not tokens_match(session.csrf_token, form.get(CSRF_FIELD)):
        raise CsrfRejected()
    return session


def check_signin_csrf(request: Request, form: FormData) -> None:
    """Forms shown before there is a session (sign-in, accepting an invitation): the token in
    the field must match the one in the portal's own short-lived cookie."""
    if not tokens_match(request.cookies.get(PORTAL_SIGNIN_CSRF_COOKIE), form.get(CSRF_FIELD)):
        raise CsrfRejected()


def portal_page(session: OptionalPortalSession) -> PortalSession:
    return _fully_signed_in(session)


def portal_form(session: OptionalPortalSession, form: PostedForm) -> PortalSession:
    return _check_csrf(_fully_signed_in(session), form)


def pending_session(session: OptionalPortalSession) -> PortalSession:
    """Signed in with the password, whether or not the code step is still to come."""
    return _signed_in(session)


def pending_form(session: OptionalPortalSession, form: PostedForm) -> PortalSession:
    return _check_csrf(_signed_in(session), form)


PortalPage = Annotated[PortalSession, Depends(portal_page)]
PortalForm = Annotated[PortalSession, Depends(portal_form)]
PendingPage = Annotated[PortalSession, Depends(pending_session)]
PendingForm = Annotated[PortalSession, Depends(pending_form)]
