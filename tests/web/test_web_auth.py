"""Sign-in, sessions, CSRF and multi-factor enrolment through the pages."""

from __future__ import annotations

from datetime import timedelta

import pyotp

from closeddoor.accounts.service import SYSTEM_ACTOR
from tests.web.helpers import PASSWORD, Browser, Practice, csrf_token


def test_signin_lands_on_the_home_for_the_role_when_password_is_right(
        practice: Practice) -> None:
    # A clinician's home is Today; the owner's is the client list (docs/day.md).
    response = practice.browser().sign_in("clinician1")
    assert response.status_code == 200
    assert response.url.path == "/"
    assert "<h1>Today, " in response.text
    owner = practice.browser().sign_in("owner")
    assert owner.url.path == "/" and "<h1>Clients</h1>" in owner.text


def test_session_cookie_is_httponly_and_strict_when_signed_in(practice: Practice) -> None:
    browser = Browser(practice.services)
    form = browser.http.get("/signin")
    response = browser.http.post("/signin", follow_redirects=False, data={
        "csrf_token": csrf_token(form.text), "username": "clinician1", "password": PASSWORD})
    assert response.status_code == 303
    cookie = next(v for v in response.headers.get_list("set-cookie")
                  if v.startswith("cd_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    assert "Path=/" in cookie


def test_pages_redirect_to_signin_when_not_signed_in(practice: Practice) -> None:
    browser = Browser(practice.services)
    client_id = practice.first_client_of("clinician1")
    for path in ("/", f"/clients/{client_id}", "/practice/audit", "/account"):
        response = browser.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/signin"


def test_signin_rerenders_with_401_when_password_is_wrong(practice: Practice) -> None:
    browser = Browser(practice.services)
    response = browser.sign_in("clinician1", "not-the-right-passphrase-at-all")
    assert response.status_code == 401
    assert "user name or password is not right" in response.text
    assert 'value="clinician1"' in response.text
    assert "not-the-right-passphrase" not in response.text
    assert "cd_session" not in browser.http.cookies


def test_signin_is_throttled_with_429_when_failures_repeat(practice: Practice) -> None:
    browser = Browser(practice.services)
    limit = practice.services.settings.login_failures_per_account
    for _ in range(limit):
        assert browser.sign_in("clinician2", "wrong-passphrase-for-tests").status_code == 401
    response = browser.sign_in("clinician2")  # right password, but the account is throttled
    assert response.status_code == 429
    assert "too many failed sign-ins" in response.text


def test_signin_refused_with_403_when_double_submit_token_missing(practice: Practice) -> None:
    browser = Browser(practice.services)
    browser.http.get("/signin")
    response = browser.http.post("/signin", data={"username": "clinician1",
                                                  "password": PASSWORD})
    assert response.status_code == 403
    assert "cd_session" not in browser.http.cookies


def test_post_refused_with_403_and_changes_nothing_when_csrf_token_wrong(
    practice: Practice,
) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    path = f"/clients/{client_id}/psychotherapy-notes"
    marker = "csrf-marker-that-must-not-be-saved"
    missing = browser.post(path, {"body": marker}, with_token=False)
    wrong = browser.post(path, {"body": marker, "csrf_token": "forged"}, with_token=False)
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert "Nothing was changed" in missing.text
    assert marker not in browser.get(path).text


def test_signout_ends_the_session_when_posted(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    response = browser.sign_out()
    assert response.url.path == "/signin"
    again = browser.get(f"/clients/{client_id}", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"] == "/signin"


def test_session_ends_when_idle_for_15_minutes(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    practice.clock.advance(timedelta(minutes=15, seconds=1))
    response = browser.get("/", follow_redirects=False)
    assert response.headers["location"] == "/signin"


def test_mfa_enrolment_forced_then_totp_step_when_practice_requires_mfa(
    practice: Practice,
) -> None:
    owner = practice.browser("owner")
    owner.post("/practice/settings", {"mfa_required": "on"})
    assert practice.services.accounts.mfa_required()

    browser = practice.browser()
    response = browser.sign_in("clinician1")
    assert response.url.path == "/account/mfa"  # no other page before enrolment
    browser.token = csrf_token(response.text)
    assert browser.get("/", follow_redirects=False).headers["location"] == "/account/mfa"
    started = browser.post("/account/mfa/begin")
    assert "otpauth://totp/" in started.text
    user_id = practice.user("clinician1").user_id
    secret = practice.services.accounts.unsafe_totp_secret(user_id)
    code = pyotp.TOTP(secret).at(practice.clock.now())
    assert browser.post("/account/mfa/confirm", {"code": code}).url.path == "/account"
    browser.sign_out()

    response = browser.sign_in("clinician1")
    assert response.url.path == "/signin/totp"
    browser.token = csrf_token(response.text)
    assert browser.get("/", follow_redirects=False).headers["location"] == "/signin/totp"
    assert browser.post("/signin/totp", {"code": "000000"}).status_code == 401
    practice.clock.advance(timedelta(seconds=30))
    passed = browser.post("/signin/totp", {"code": pyotp.TOTP(secret).at(practice.clock.now())})
    assert passed.status_code == 200
    assert passed.url.path == "/"


def test_signin_refuses_an_overlong_user_name_instead_of_cutting_it(practice: Practice) -> None:
    """Cut to 64 characters the name typed would be this account's: refused as typed, with a
    message that says what to fix, on the page and on the API."""
    longest = "staff." + "n" * 58  # 64 characters, the longest a staff user name may be
    practice.services.accounts.add_user(SYSTEM_ACTOR, username=longest,
                                        display_name="Lee Longname (synthetic)",
                                        role="clinician", password=PASSWORD)
    browser = Browser(practice.services)
    refused = browser.sign_in(longest + "x")
    assert refused.status_code == 422
    assert "user name: at most 64 characters (you typed 65)" in refused.text
    assert longest + "x" not in refused.text
    assert "cd_session" not in browser.http.cookies
    api = browser.http.post("/api/v1/auth/token", json={"username": longest + "x",
                                                        "password": PASSWORD})
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == "username"
    assert browser.sign_in(longest).url.path == "/"
