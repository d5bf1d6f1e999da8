"""The account page: moving two-step sign-in to a new device, and changing one's password."""

from __future__ import annotations

from datetime import timedelta

import pyotp

from tests.web.helpers import PASSWORD, Browser, Practice, csrf_token

NEW_PASSWORD = "another-synthetic-web-passphrase-42"


def _enrol(practice: Practice, username: str) -> str:
    """Enrol the user through the service; returns the active TOTP secret."""
    user_id = practice.user(username).user_id
    accounts = practice.services.accounts
    accounts.begin_totp_enrolment(user_id)
    secret = accounts.unsafe_totp_secret(user_id)
    accounts.confirm_totp_enrolment(user_id, pyotp.TOTP(secret).at(practice.clock.now()))
    return secret


def _sign_in_with_code(practice: Practice, username: str, secret: str) -> Browser:
    browser = practice.browser()
    response = browser.sign_in(username)
    assert response.url.path == "/signin/totp"
    browser.token = csrf_token(response.text)
    practice.clock.advance(timedelta(seconds=30))  # a fresh code, never one already used
    passed = browser.post("/signin/totp", {"code": pyotp.TOTP(secret).at(practice.clock.now())})
    assert passed.url.path == "/", passed.text
    return browser


def test_account_offers_new_device_when_already_enrolled(practice: Practice) -> None:
    secret = _enrol(practice, "clinician1")
    browser = _sign_in_with_code(practice, "clinician1", secret)
    page = browser.get("/account").text
    assert "Move two-step sign-in to a new device" in page
    assert 'href="/account/mfa"' in page
    start = browser.get("/account/mfa")
    assert start.status_code == 200
    assert "Your current authenticator app keeps working" in start.text


def test_old_code_keeps_working_until_new_device_is_confirmed(practice: Practice) -> None:
    old_secret = _enrol(practice, "clinician1")
    browser = _sign_in_with_code(practice, "clinician1", old_secret)
    user_id = practice.user("clinician1").user_id

    refused = browser.post("/account/mfa/begin", {"current_password": "not-my-password-at-all"})
    assert refused.status_code == 401 and "otpauth://" not in refused.text
    started = browser.post("/account/mfa/begin", {"current_password": PASSWORD})
    assert started.status_code == 200 and "otpauth://totp/" in started.text
    new_secret = practice.services.accounts.unsafe_totp_secret(user_id)  # the pending one
    assert new_secret != old_secret
    wrong = browser.post("/account/mfa/confirm", {"code": "000000"})
    assert wrong.status_code == 422 and "Start again with a new key" in wrong.text

    # Not yet confirmed: the old device still signs in.
    _sign_in_with_code(practice, "clinician1", old_secret)

    practice.clock.advance(timedelta(seconds=30))
    code = pyotp.TOTP(new_secret).at(practice.clock.now())
    confirmed = browser.post("/account/mfa/confirm", {"code": code})
    assert confirmed.url.path == "/account"
    assert "sign-in codes now come from it" in confirmed.text
    _sign_in_with_code(practice, "clinician1", new_secret)


def test_first_enrolment_still_offered_when_not_enrolled(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    page = browser.get("/account").text
    assert "Turn on two-step sign-in" in page
    assert "Move two-step sign-in" not in page
    assert "Set up two-step sign-in" in browser.get("/account/mfa").text


def test_password_change_ends_session_and_new_password_works_when_valid(
    practice: Practice,
) -> None:
    browser = practice.browser("clinician1")
    other = practice.browser("clinician1")  # a second session of the same user
    changed = browser.post("/account/password", {
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD})
    assert changed.url.path == "/signin"
    assert "Your password was changed" in changed.text
    assert NEW_PASSWORD not in changed.text and NEW_PASSWORD not in str(changed.url)
    for session in (browser, other):
        assert session.get("/", follow_redirects=False).headers["location"] == "/signin"
    assert practice.browser().sign_in("clinician1").status_code == 401
    assert practice.browser().sign_in("clinician1", NEW_PASSWORD).url.path == "/"


def test_password_change_refused_with_401_when_current_password_is_wrong(
    practice: Practice,
) -> None:
    browser = practice.browser("clinician1")
    wrong = browser.post("/account/password", {
        "current_password": "not-the-current-passphrase", "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD})
    assert wrong.status_code == 401
    assert "the current password is not right" in wrong.text
    assert "not-the-current-passphrase" not in wrong.text and NEW_PASSWORD not in wrong.text
    assert browser.get("/", follow_redirects=False).status_code == 200  # still signed in
    assert practice.browser().sign_in("clinician1").url.path == "/"


def test_password_change_rerenders_with_422_when_new_password_is_weak_or_differs(
    practice: Practice,
) -> None:
    browser = practice.browser("clinician1")
    weak = browser.post("/account/password", {
        "current_password": PASSWORD, "new_password": "short-pw1",
        "new_password_again": "short-pw1"})
    assert weak.status_code == 422
    assert "password: must be at least 15 characters" in weak.text
    assert "short-pw1" not in weak.text
    differs = browser.post("/account/password", {
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD + "x"})
    assert differs.status_code == 422
    assert "the two new passwords differ" in differs.text
    assert practice.browser().sign_in("clinician1").url.path == "/"  # unchanged


def test_password_form_is_labelled_and_refused_without_csrf_token(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    page = browser.get("/account").text
    for field in ("current_password", "new_password", "new_password_again"):
        assert f'<label for="{field}">' in page and f'id="{field}"' in page
    forged = browser.post("/account/password", {
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD}, with_token=False)
    assert forged.status_code == 403
    assert practice.browser().sign_in("clinician1").url.path == "/"


def test_signin_notice_is_never_echoed_from_the_query(practice: Practice) -> None:
    page = practice.browser().get("/signin?done=<b>injected-words</b>")
    assert page.status_code == 200
    assert "injected-words" not in page.text


def test_confirming_a_new_device_ends_the_users_other_sessions(practice: Practice) -> None:
    old_secret = _enrol(practice, "clinician1")
    browser = _sign_in_with_code(practice, "clinician1", old_secret)
    other = _sign_in_with_code(practice, "clinician1", old_secret)
    user_id = practice.user("clinician1").user_id
    browser.post("/account/mfa/begin", {"current_password": PASSWORD})
    new_secret = practice.services.accounts.unsafe_totp_secret(user_id)
    practice.clock.advance(timedelta(seconds=30))
    browser.post("/account/mfa/confirm", {"code": pyotp.TOTP(new_secret).at(practice.clock.now())})
    assert browser.get("/account").url.path == "/account"
    assert other.get("/account").url.path == "/signin"
