"""Intake through the portal end to end (issue 14): a real server (`closeddoor demo` +
`closeddoor serve`) and headless Chromium. A clinician invites a client with the intake form
ticked; the client, on a phone-size screen (390 px), fills it in page by page, meets a problem
named beside its field, fixes it, sends the answers and sees their upcoming sessions; the
clinician reads the answers on the chart and marks them reviewed. Screenshots go to a temporary
folder; set CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/intake-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.axe import accessibility_problems
from tests.e2e.server import CHROMIUM, demo_server
from tests.mailbox import body_of, link_path, mail_server

STAFF_PASSWORD = "synthetic-browser-test-passphrase"
CLIENT_PASSWORD = "synthetic intake client passphrase 58"
PHONE = {"width": 390, "height": 844}
CONCERN = "Synthetic: trouble sleeping before exams."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("intake-e2e"), password=STAFF_PASSWORD, clients=3,
                     ready_path="/portal/signin") as url:
        yield url


def _context(browser: Browser, base_url: str, viewport: dict[str, int]) -> BrowserContext:
    context = browser.new_context(base_url=base_url, viewport=viewport, bypass_csp=True)
    context.set_default_timeout(15_000)
    return context


def _fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


def test_client_completes_intake_on_a_phone_and_the_clinician_reviews_it(
    browser: Browser, base_url: str, screenshots: Path,
) -> None:
    staff = _context(browser, base_url, {"width": 1000, "height": 820})
    client = _context(browser, base_url, PHONE)
    try:
        desk = staff.new_page()
        desk.goto("/signin")
        desk.get_by_label("User name").fill("clinician1")
        desk.get_by_label("Password").fill(STAFF_PASSWORD)
        desk.get_by_role("button", name="Sign in").click()
        desk.wait_for_url("**/")
        desk.goto("/clients")  # home is Today or the day's calendar
        desk.get_by_role("table").last.get_by_role("link").first.click()
        desk.wait_for_url("**/clients/*")
        chart = desk.url.rstrip("/")
        desk.goto(f"{chart}/consent")
        assert desk.get_by_label("Send the intake form too").is_checked()
        seen = mail_server().count()
        desk.get_by_role("button", name="Invite to the portal by e-mail").click()
        desk.wait_for_load_state()
        mail = mail_server().next_after(seen)
        invitation = link_path(mail)
        assert "a short form from the practice is waiting" in body_of(mail)

        page = client.new_page()
        page.goto(invitation)
        page.get_by_label("Choose a user name").fill("intake.client")
        page.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
        page.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/portal?done=welcome")
        page.get_by_role("link", name="Start filling in").first.click()
        page.wait_for_url("**/portal/intake/*")
        assert page.get_by_role("heading", level=1).inner_text() == "New client intake"
        _continue(page)  # How to reach you: nothing to change

        # Emergency contact: a phone number in words is named beside its field.
        page.get_by_label("Emergency contact's name").fill("Sam Example (synthetic)")
        page.get_by_label("Emergency contact's phone number").fill("call my sister")
        _continue(page)
        error = page.locator("#emergency_phone-error")
        assert error.is_visible()
        assert "Emergency contact's phone number: digits, spaces" in error.inner_text()
        assert page.get_by_label("Emergency contact's name").input_value() == \
            "Sam Example (synthetic)"
        assert _fits_the_screen(page)
        assert not accessibility_problems(page)
        page.screenshot(path=screenshots / "intake-phone-error.png", full_page=True)
        page.get_by_label("Emergency contact's phone number").fill("555-010-0199")
        _continue(page)

        page.get_by_role("radio", name="No").check()  # insurance
        _continue(page)
        page.get_by_role("radio", name="Online search").check()
        _continue(page)
        page.get_by_label("What would you like help with?").fill(CONCERN)
        page.get_by_role("button", name="Save draft").click()
        page.wait_for_url("**done=saved")
        assert "Your answers on this page are saved" in page.get_by_role("status").inner_text()
        _continue(page)
        page.get_by_role("radio", name="Evenings").check()
        assert _fits_the_screen(page)
        page.screenshot(path=screenshots / "intake-phone.png", full_page=True)
        page.get_by_role("button", name="Send my answers").click()
        page.wait_for_url("**/portal/intake?done=submitted")
        assert "Sent to the practice" in page.content()
        assert not accessibility_problems(page)

        page.get_by_role("link", name="My sessions").click()
        page.wait_for_url("**/portal/sessions")
        assert page.get_by_role("heading", level=1).inner_text() == "My upcoming sessions"
        assert _fits_the_screen(page)
        assert not accessibility_problems(page)

        desk.goto(f"{chart}/intake")
        assert CONCERN in desk.content() and "Sam Example (synthetic)" in desk.content()
        desk.get_by_role("button", name="Mark reviewed").click()
        desk.wait_for_url("**/intake?done=reviewed")
        assert "reviewed" in desk.get_by_role("status").inner_text()
        assert not accessibility_problems(desk)
        desk.screenshot(path=screenshots / "intake-chart.png", full_page=True)
    finally:
        staff.close()
        client.close()
