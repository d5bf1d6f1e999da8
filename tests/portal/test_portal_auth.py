"""Accepting an invitation, signing in and out, two-step sign-in, the portal's own cookie and
CSRF on every form. Invitation expiry and single use are also checked on both databases in
tests/integration/test_portal_isolation.py."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest

from tests.factories import ClientFactory, Practice
from tests.portal.helpers import (
    CLIENT_PASSWORD,
    PortalBrowser,
    PortalClient,
    csrf_token,
    invite,
    portal_client,
)

PAGES = ("/portal", "/portal/consent", "/portal/consent.pdf", "/portal/record",
         "/portal/record.json", "/portal/record.pdf", "/portal/preferences",
         "/portal/access-history", "/portal/security")


def _new_client(practice: Practice) -> str:
    return ClientFactory.create(practice, "clinician1")


def test_account_is_set_up_and_signed_in_when_invitation_accepted(
    practice: Practice,
) -> None:
    browser = PortalBrowser(practice.services)
    response = browser.accept(invite(practice, _new_client(practice)), "new.client")
    assert response.status_code == 200
    assert response.url.path == "/portal"
    assert "Your account is ready" in response.text
    assert "Signed in as new.client" in response.text
    cookie = response.history[-1].headers["set-cookie"]
    assert "cd_portal=" in cookie and "HttpOnly" in cookie and "Path=/portal" in cookie
    assert "SameSite=strict" in cookie and "Secure" not in cookie


def test_portal_cookie_is_secure_when_served_over_https(practice: Practice) -> None:
    browser = PortalBrowser(practice.services, base_url="https://testserver")
    token = invite(practice, _new_client(practice))
    page = browser.get(f"/portal/invite/{token}")
    assert "Secure" in page.headers["set-cookie"]
    response = browser.http.post(f"/portal/invite/{token}", follow_redirects=False, data={
        "csrf_token": csrf_token(page.text), "username": "secure.client",
        "password": CLIENT_PASSWORD, "password_again": CLIENT_PASSWORD})
    assert response.status_code == 303
    session_cookie = [c for c in response.headers.get_list("set-cookie")
                      if c.startswith("cd_portal=")]
    assert session_cookie and "Secure" in session_cookie[0]
    assert "Path=/portal" in session_cookie[0]


def test_link_shows_clear_message_when_used_a_second_time(practice: Practice) -> None:
    token = invite(practice, _new_client(practice))
    assert PortalBrowser(practice.services).accept(token, "first.use").status_code == 200
    again = PortalBrowser(practice.services)
    page = again.get(f"/portal/invite/{token}")
    assert page.status_code == 410
    assert "expired or has already been used" in page.text
    assert 'name="password"' not in page.text
    login = again.get("/portal/signin")  # a valid sign-in CSRF pair for this browser
    forced = again.http.post(f"/portal/invite/{token}", data={
        "csrf_token": csrf_token(login.text), "username": "second.use",
        "password": CLIENT_PASSWORD, "password_again": CLIENT_PASSWORD})
    assert forced.status_code == 410
    assert PortalBrowser(practice.services).sign_in("second.use").status_code == 401


def test_link_shows_clear_message_when_expired(practice: Practice) -> None:
    token = invite(practice, _new_client(practice))
    practice.clock.advance(timedelta(hours=72, seconds=1))
    page = PortalBrowser(practice.services).get(f"/portal/invite/{token}")
    assert page.status_code == 410
    assert "ask your practice to send you a new one" in page.text


def test_earlier_link_stops_working_when_a_new_one_is_sent(practice: Practice) -> None:
    client_id = _new_client(practice)
    first, second = invite(practice, client_id), invite(practice, client_id)
    assert PortalBrowser(practice.services).get(f"/portal/invite/{first}").status_code == 410
    assert PortalBrowser(practice.services).get(f"/portal/invite/{second}").status_code == 200


def test_unknown_or_overlong_link_shows_the_same_message(practice: Practice) -> None:
    browser = PortalBrowser(practice.services)
    for token in ("not-a-token", "x" * 500):
        page = browser.get(f"/portal/invite/{token}")
        assert page.status_code == 410
        assert "This link no longer works" in page.text


@pytest.mark.parametrize(("username", "password", "again", "status", "message"), [
    ("good.name", CLIENT_PASSWORD, "something else entirely", 422, "not the same"),
    ("good.name", "password", "password", 422, "password"),
    ("x", CLIENT_PASSWORD, CLIENT_PASSWORD, 422, "username: 3-64 characters"),
])
def test_account_not_created_and_link_kept_when_input_is_bad(
    practice: Practice, username: str, password: str, again: str, status: int, message: str,
) -> None:
    token = invite(practice, _new_client(practice))
    browser = PortalBrowser(practice.services)
    response = browser.accept(token, username, password, again)
    assert response.status_code == status
    assert message in response.text
    assert password not in re.findall(r'value="([^"]*)"', response.text)
    assert browser.get(f"/portal/invite/{token}").status_code == 200


def test_username_taken_is_refused_and_link_kept(practice: Practice,
                                                  client_a: PortalClient) -> None:
    token = invite(practice, _new_client(practice))
    response = PortalBrowser(practice.services).accept(token, client_a.username)
    assert response.status_code == 409
    assert "already taken" in response.text
    assert PortalBrowser(practice.services).get(f"/portal/invite/{token}").status_code == 200


def test_invitation_form_refused_when_csrf_token_missing(practice: Practice) -> None:
    token = invite(practice, _new_client(practice))
    browser = PortalBrowser(practice.services)
    browser.get(f"/portal/invite/{token}")
    response = browser.http.post(f"/portal/invite/{token}", data={
        "username": "no.token", "password": CLIENT_PASSWORD, "password_again": CLIENT_PASSWORD})
    assert response.status_code == 403
    assert "Nothing was changed" in response.text and "caseload" not in response.text
    assert browser.get(f"/portal/invite/{token}").status_code == 200


def test_sign_in_and_out_when_password_right(practice: Practice,
                                             client_a: PortalClient) -> None:
    browser = PortalBrowser(practice.services)
    assert browser.sign_in(client_a.username).url.path == "/portal"
    old_token = browser.http.cookies.get("cd_portal")
    signed_out = browser.post("/portal/signout")
    assert signed_out.url.path == "/portal/signin"
    assert "You have signed out" in signed_out.text
    reused = PortalBrowser(practice.services)
    reused.http.cookies.set("cd_portal", str(old_token), path="/portal")
    assert reused.get("/portal").url.path == "/portal/signin"


def test_sign_in_refused_when_password_wrong(practice: Practice,
                                             client_a: PortalClient) -> None:
    response = PortalBrowser(practice.services).sign_in(client_a.username, "wrong-password")
    assert response.status_code == 401
    assert "user name or password is not right" in response.text


@pytest.mark.parametrize("path", PAGES)
def test_page_redirects_to_portal_sign_in_when_signed_out(practice: Practice,
                                                          path: str) -> None:
    response = PortalBrowser(practice.services).get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/portal/signin"


def test_unknown_portal_address_shows_portal_page(practice: Practice) -> None:
    response = PortalBrowser(practice.services).get("/portal/no/such/page")
    assert response.status_code == 404
    assert "Back to your portal" in response.text and "caseload" not in response.text


def test_portal_address_with_trailing_slash_leads_home(practice: Practice,
                                                      client_a: PortalClient) -> None:
    response = client_a.browser.get("/portal/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/portal")


@pytest.mark.parametrize(("path", "data"), [
    ("/portal/preferences", {"voicemail": "yes", "reminder_phone": "555 0100 200"}),
    ("/portal/consent/sign", {"signer_name": "Forged Name", "has_read": "yes"}),
    ("/portal/security/begin", {"current_password": CLIENT_PASSWORD}),
    ("/portal/signout", {}),
])
@pytest.mark.parametrize("token", ["", "forged"])
def test_form_refused_and_nothing_changes_when_csrf_token_missing_or_wrong(
    practice: Practice, client_a: PortalClient, path: str, data: dict[str, str], token: str,
) -> None:
    browser = client_a.browser
    response = browser.post(path, {**data, "csrf_token": token}, with_token=False)
    assert response.status_code == 403
    assert "Nothing was changed" in response.text
    actor = practice.services.portal.resolve(str(browser.http.cookies.get("cd_portal")))
    assert actor is not None  # still signed in: the sign-out was refused too
    assert not practice.services.consent.preferences(actor.actor, client_a.client_id).voicemail
    assert practice.services.consent.signatures(actor.actor, client_a.client_id) == []


def _enrol(practice: Practice, client: PortalClient) -> str:
    browser = client.browser
    wrong = browser.post("/portal/security/begin", {"current_password": "not-my-password"})
    assert wrong.status_code == 401
    begun = browser.post("/portal/security/begin", {"current_password": CLIENT_PASSWORD})
    assert begun.status_code == 200
    match = re.search(r'<p class="secret"><code>([A-Z2-7 ]+)</code>', begun.text)
    assert match, "no setup key on the page"
    secret = match.group(1).replace(" ", "")
    now = practice.clock.now()
    bad = browser.post("/portal/security/confirm", {"code": "000000"})
    assert bad.status_code == 422
    done = browser.post("/portal/security/confirm", {"code": pyotp.TOTP(secret).at(now)})
    assert done.status_code == 200 and "Two-step sign-in is on" in done.text
    return secret


def test_code_step_is_asked_when_two_step_sign_in_is_on(practice: Practice,
                                                        client_a: PortalClient) -> None:
    secret = _enrol(practice, client_a)
    practice.clock.advance(timedelta(seconds=30))  # each code is good once
    browser = PortalBrowser(practice.services)
    step = browser.sign_in(client_a.username)
    assert step.url.path == "/portal/signin/code"
    for path in ("/portal", "/portal/record"):
        assert browser.get(path, follow_redirects=False).headers["location"] == (
            "/portal/signin/code")
    browser.token = csrf_token(step.text)
    wrong = browser.post("/portal/signin/code", {"code": "000000"})
    assert wrong.status_code == 401
    right = browser.post("/portal/signin/code",
                         {"code": pyotp.TOTP(secret).at(practice.clock.now())})
    assert right.url.path == "/portal"
    assert "Two-step sign-in is on" in right.text


def test_staff_session_never_reaches_portal_pages(practice: Practice) -> None:
    browser = PortalBrowser(practice.services)
    page = browser.get("/signin")
    signed_in = browser.http.post("/signin", data={
        "csrf_token": csrf_token(page.text), "username": "clinician1",
        "password": practice.password})
    assert signed_in.url.path == "/"
    staff_token = str(browser.http.cookies.get("cd_session"))
    assert browser.get("/portal", follow_redirects=False).headers["location"] == (
        "/portal/signin")
    browser.http.cookies.set("cd_portal", staff_token, path="/portal")
    assert browser.get("/portal", follow_redirects=False).headers["location"] == (
        "/portal/signin")


# --- an over-long user name is refused as typed, never cut to fit and matched --------------------
LONGEST = "long." + "n" * 59  # exactly 64 characters: the longest user name an account may have


def test_overlong_user_name_is_refused_with_a_clear_message_never_cut_to_an_account(
        practice: Practice) -> None:
    holder = portal_client(practice, LONGEST)
    assert PortalBrowser(practice.services).sign_in(holder.username).url.path == "/portal"
    browser = PortalBrowser(practice.services)
    # The account's name plus one more character: cut to 64 it would be the account's.
    refused = browser.sign_in(LONGEST + "x")
    assert refused.status_code == 422
    assert "user name: at most 64 characters (you typed 65)" in refused.text
    assert LONGEST + "x" not in refused.text  # what was typed is not echoed
    assert browser.http.cookies.get("cd_portal") is None  # no session, not even a pending one
    assert browser.get("/portal", follow_redirects=False).status_code == 303
    both = browser.sign_in(LONGEST + "x", "p" * 1025)
    assert both.status_code == 422
    assert "user name: at most 64" in both.text and "password: at most 1024" in both.text


def test_overlong_user_name_gets_no_portal_api_token(practice: Practice) -> None:
    holder = portal_client(practice, LONGEST)
    http = holder.browser.http
    refused = http.post("/api/v1/portal/token", json={"username": LONGEST + "x",
                                                      "password": CLIENT_PASSWORD})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "username"
    assert "access_token" not in refused.text
    assert http.post("/api/v1/portal/token", json={
        "username": LONGEST, "password": CLIENT_PASSWORD}).status_code == 200


def test_overlong_user_name_is_refused_on_the_invitation_form(practice: Practice) -> None:
    client_id = _new_client(practice)
    browser = PortalBrowser(practice.services)
    refused = browser.accept(invite(practice, client_id), LONGEST + "x")
    assert refused.status_code == 422
    assert 'role="alert">user name: at most 64 characters (you typed 65)' in refused.text
    assert browser.accept(invite(practice, client_id), LONGEST).status_code == 200
