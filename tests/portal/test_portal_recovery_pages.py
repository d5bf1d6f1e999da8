"""The portal pages for "forgot password", the reset link, and the office sign-up code."""

from __future__ import annotations

import pytest

from tests.factories import ClientFactory, Practice
from tests.mailbox import code_in, link_path, mail_server
from tests.portal.helpers import (
    CLIENT_PASSWORD,
    PortalBrowser,
    PortalClient,
    csrf_token,
    email_of,
    portal_client,
)

NEW_PASSWORD = "harbour-pickle-anthem-5521"


def _post_form(browser: PortalBrowser, path: str, fields: dict[str, str]) -> str:
    page = browser.get(path)
    assert page.status_code == 200, page.status_code
    return browser.http.post(path, data={"csrf_token": csrf_token(page.text), **fields}).text


def test_forgot_password_page_answers_the_same_when_the_user_name_is_unknown(
    practice: Practice, client_a: PortalClient,
) -> None:
    browser = PortalBrowser(practice.services)
    assert 'href="/portal/forgot-password"' in browser.get("/portal/signin").text
    known = _post_form(browser, "/portal/forgot-password", {"username": client_a.username})
    unknown = _post_form(browser, "/portal/forgot-password", {"username": "nobody.at.all"})
    assert "we sent a link to choose a new password" in known
    strip = [line for line in known.splitlines() if "csrf" not in line]
    assert strip == [line for line in unknown.splitlines() if "csrf" not in line]


def test_reset_page_shows_the_error_beside_the_field_and_then_sets_the_password(
    practice: Practice, client_a: PortalClient,
) -> None:
    practice.services.portal.request_password_reset(client_a.username)
    path = link_path(mail_server().latest(email_of(practice, client_a.client_id)))
    browser = PortalBrowser(practice.services)
    mismatch = _post_form(browser, path, {"password": NEW_PASSWORD, "password_again": "x"})
    assert ('<p class="field-error" id="password_again-error">password_again: the two '
            "passwords are not the same</p>") in mismatch
    page = browser.get(path)
    done = browser.http.post(path, data={"csrf_token": csrf_token(page.text),
                                         "password": NEW_PASSWORD,
                                         "password_again": NEW_PASSWORD})
    assert "Your new password is set" in done.text
    assert client_a.browser.get("/portal").url.path == "/portal/signin"  # old session ended
    assert PortalBrowser(practice.services).sign_in(client_a.username,
                                                    NEW_PASSWORD).status_code == 200
    assert browser.get(path).status_code == 410


def test_office_sign_up_page_asks_for_the_code_and_names_it_when_wrong(
    practice: Practice,
) -> None:
    client_id = ClientFactory.create(practice)
    enrolment = practice.services.portal.enrol_in_office(practice.actor("clinician1"), client_id)
    code = code_in(mail_server().latest(email_of(practice, client_id)))
    path = f"/portal/invite/{enrolment.token}"
    browser = PortalBrowser(practice.services)
    wrong = _post_form(browser, path, {"username": "tablet.client", "password": CLIENT_PASSWORD,
                                       "password_again": CLIENT_PASSWORD,
                                       "code": "000000" if code != "000000" else "111111"})
    assert '<p class="field-error" id="code-error">code: that is not the code' in wrong
    done = _post_form(browser, path, {"username": "tablet.client", "password": CLIENT_PASSWORD,
                                      "password_again": CLIENT_PASSWORD, "code": code})
    assert "/portal/signout" in done


def test_forgot_password_looks_up_audits_and_mails_only_after_the_answer(
    practice: Practice, client_a: PortalClient, caplog: pytest.LogCaptureFixture,
) -> None:
    """The answer cannot be timed to learn who has an account: nothing that depends on the
    user name (lookup, audit append, mail) happens before the job runs after the answer."""
    audit = practice.services.runtime.audit
    mails = mail_server().count()
    before = audit.events(limit=1)[0].seq
    job = practice.services.portal.password_reset_job(client_a.username)
    assert audit.events(limit=1)[0].seq == before and mail_server().count() == mails
    job()
    assert audit.events(limit=1)[0].seq > before
    assert link_path(mail_server().latest(email_of(practice, client_a.client_id)))

    practice.services.runtime.audit.append_in = _fail  # type: ignore[method-assign]
    practice.services.portal.password_reset_job(client_a.username)()  # logs, never raises
    assert "password reset request failed" in caplog.text
    assert client_a.username not in caplog.text


def _fail(*_: object, **__: object) -> None:
    raise RuntimeError("synthetic audit failure")


def test_forgot_password_refuses_an_overlong_user_name_instead_of_cutting_it(
        practice: Practice) -> None:
    """Cut to 64 characters, the name typed would be this account's: a reset link must never
    go to an account whose name was not typed."""
    longest = "long." + "n" * 59
    holder = portal_client(practice, longest)
    mails = mail_server().count()
    browser = PortalBrowser(practice.services)
    page = _post_form(browser, "/portal/forgot-password", {"username": longest + "x"})
    assert 'id="username-error">username: at most 64 characters (you typed 65)' in page
    assert "we sent a link" not in page
    api = holder.browser.http.post("/api/v1/portal/password-reset",
                                   json={"username": longest + "x"})
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == "username"
    assert mail_server().count() == mails  # no link went anywhere
    sent = _post_form(browser, "/portal/forgot-password", {"username": longest})
    assert "we sent a link to choose a new password" in sent
