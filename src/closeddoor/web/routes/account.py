"""The account page: two-step sign-in (first enrolment and moving it to a new device) and
changing one's password. Passwords and TOTP secrets are never put back into a page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeddoor.api.errors import status_for
from closeddoor.bootstrap import Services
from closeddoor.errors import AuthenticationFailed, InvalidInput, Throttled
from closeddoor.web.forms import text, totp_setup_key
from closeddoor.web.rendering import render
from closeddoor.web.session import (
    SESSION_COOKIE,
    EnrolmentPage,
    EnrolmentPost,
    FormPost,
    Page,
    PostedForm,
    ServicesDep,
    WebSession,
    client_address,
    delete_cookie,
)
from closeddoor.web.signin_flow import MAX_PASSWORD

router = APIRouter(prefix="/account")
# What just happened, by a fixed key in the query (the query is never echoed).
ACCOUNT_NOTICES = {
    "mfa": "Your authenticator app is set up: sign-in codes now come from it.",
}


def _account_page(request: Request, services: Services, session: WebSession, *,
                  error: str | None = None, notice: str | None = None,
                  status_code: int = 200) -> Response:
    context = {"mfa_required": services.accounts.mfa_required(), "error": error,
               "notice": notice}
    return render(request, "pages/account.html", context, session=session, section="account",
                  status_code=status_code)


@router.get("")
def account(request: Request, services: ServicesDep, session: Page, done: str = "") -> Response:
    return _account_page(request, services, session, notice=ACCOUNT_NOTICES.get(done))


@router.post("/password")
def change_password(request: Request, services: ServicesDep, session: FormPost,
                    form: PostedForm) -> Response:
    current = text(form, "current_password", strip=False)
    new = text(form, "new_password", strip=False)
    if len(current) > MAX_PASSWORD or len(new) > MAX_PASSWORD:
        return _account_page(request, services, session, status_code=422,
                             error=f"password: at most {MAX_PASSWORD} characters")
    if new != text(form, "new_password_again", strip=False):
        return _account_page(request, services, session, status_code=422,
                             error="new_password_again: the two new passwords differ")
    try:
        services.accounts.change_password(session.user.user_id, current, new,
                                          address=client_address(request))
    except (AuthenticationFailed, InvalidInput) as exc:
        return _account_page(request, services, session, error=str(exc),
                             status_code=status_for(exc))
    # Every session of this user has ended, this one too.
    response = RedirectResponse("/signin?done=password-changed", status_code=303)
    delete_cookie(request, response, SESSION_COOKIE)
    return response


def _enrol_page(request: Request, session: WebSession, stage: str, *, status_code: int = 200,
                **extra: str) -> Response:
    context = {"stage": stage, "renewing": session.user.totp_enabled, **extra}
    return render(request, "pages/mfa_enrol.html", context, session=session,
                  section="account", status_code=status_code)


@router.get("/mfa")
def enrolment(request: Request, session: EnrolmentPage) -> Response:
    return _enrol_page(request, session, "start")


@router.post("/mfa/begin")
def begin_enrolment(request: Request, services: ServicesDep, session: EnrolmentPost,
                    form: PostedForm) -> Response:
    # An enrolled user may re-enrol (a new device) after giving their password again: the new
    # secret stays pending and the old one keeps working until a code from it is confirmed.
    try:
        uri = services.accounts.begin_totp_enrolment(
            session.user.user_id, current_password=text(form, "current_password") or None,
            address=client_address(request))
    except (AuthenticationFailed, Throttled) as exc:
        return _enrol_page(request, session, "start", error=str(exc),
                           status_code=status_for(exc))
    return _enrol_page(request, session, "confirm", uri=uri, secret=totp_setup_key(uri))


@router.post("/mfa/confirm")
def confirm_enrolment(
    request: Request, services: ServicesDep, session: EnrolmentPost, form: PostedForm
) -> Response:
    try:
        services.accounts.confirm_totp_enrolment(session.user.user_id, text(form, "code"),
                                                 session_token=session.token)
    except InvalidInput as exc:
        return _enrol_page(request, session, "retry", error=str(exc), status_code=422)
    return RedirectResponse("/account?done=mfa", status_code=303)
