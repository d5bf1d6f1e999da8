"""Measures end to end (issue 15, docs/measures.md): a real server (`closeddoor demo` +
`closeddoor serve`) and headless Chromium. A clinician enters a PHQ-9 in session (a missing
answer is named beside its question), question 9 above 0 raises the safety flag on the tab and
on Today, the trend chart draws as an image under the pages' strict CSP (no violation) with its
numbers in a table and the target line; the clinician asks the client for a PHQ-9, the client
completes it on a phone-size screen (390 px), and the chart shows both points; the flag is
marked reviewed. Screenshots go to a temporary folder; set CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to
refresh docs/screenshots/measures-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.axe import accessibility_problems
from tests.e2e.server import CHROMIUM, demo_server
from tests.mailbox import link_path, mail_server

STAFF_PASSWORD = "synthetic-browser-test-passphrase"
CLIENT_PASSWORD = "synthetic measures client passphrase 64"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 860}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("measures-e2e"), password=STAFF_PASSWORD,
                     clients=3, ready_path="/signin") as url:
        yield url


def _context(browser: Browser, base_url: str, viewport: dict[str, int], *,
             for_axe: bool) -> BrowserContext:
    # Only the axe audits bypass the CSP (to inject axe); the walk itself runs under it.
    context = browser.new_context(base_url=base_url, viewport=viewport, bypass_csp=for_axe)
    context.set_default_timeout(15_000)
    return context


def _fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def _image_drawn(page: Page) -> bool:
    return bool(page.evaluate(
        "[...document.querySelectorAll('img.trend-chart')].every("
        "i => i.complete && i.naturalWidth > 0) && "
        "document.querySelectorAll('img.trend-chart').length > 0"))


def _answer(page: Page, choices: list[int], *, skip: int = 0) -> None:
    for number, choice in enumerate(choices, start=1):
        if number != skip:
            page.locator(f"#item_{number}-{choice}").check()


def test_clinician_and_client_complete_phq9_and_the_trend_shows_target_and_flag(
    browser: Browser, base_url: str, screenshots: Path,
) -> None:
    staff = _context(browser, base_url, DESKTOP, for_axe=False)
    audits = _context(browser, base_url, DESKTOP, for_axe=True)
    client = _context(browser, base_url, PHONE, for_axe=False)
    violations: list[str] = []
    try:
        desk = staff.new_page()
        desk.on("console", lambda m: violations.append(m.text)
                if "Content Security Policy" in m.text else None)
        desk.goto("/signin")
        desk.get_by_label("User name").fill("clinician1")
        desk.get_by_label("Password").fill(STAFF_PASSWORD)
        desk.get_by_role("button", name="Sign in").click()
        desk.wait_for_url("**/")
        desk.goto("/clients")
        desk.get_by_role("table").last.get_by_role("link").first.click()
        desk.wait_for_url("**/clients/*")
        chart = desk.url.rstrip("/")

        # In session: PHQ-9 with question 4 left out, then answered (question 9 above 0).
        desk.get_by_role("link", name="Measures").click()
        desk.get_by_role("link", name="Choose a questionnaire to enter in session").click()
        desk.get_by_label("Questionnaire").select_option("PHQ-9")
        desk.get_by_role("button", name="Start").click()
        desk.wait_for_url("**/measures/new?instrument=PHQ-9")
        first = [2, 2, 2, 2, 2, 2, 2, 1, 1]  # 16, moderately severe
        _answer(desk, first, skip=4)
        desk.get_by_role("button", name="Save the measure").click()
        desk.wait_for_load_state()
        assert desk.locator("#item_4-error").is_visible()
        assert "Question 4" in desk.locator("#item_4-error").inner_text()
        assert desk.locator("#item_1-2").is_checked()  # what was answered is kept
        desk.locator("#item_4-2").check()
        desk.get_by_role("button", name="Save the measure").click()
        desk.wait_for_url("**/measures?done=flagged")
        assert "a safety flag is raised" in desk.get_by_role("status").inner_text()
        assert desk.get_by_role("button", name="Mark this flag reviewed").is_visible()
        today = staff.new_page()
        today.goto("/")
        assert "Safety flags to review" in today.content()
        today.screenshot(path=screenshots / "measures-today-flag.png", full_page=True)
        today.close()

        # Ask the client for a PHQ-9 in the portal, and invite them.
        desk.get_by_label("Ask the client to complete").select_option("PHQ-9")
        desk.get_by_role("button", name="Ask the client").click()
        desk.wait_for_url("**/measures?done=requested")
        desk.goto(f"{chart}/consent")
        seen = mail_server().count()
        desk.get_by_role("button", name="Invite to the portal").click()
        desk.wait_for_load_state()
        invitation = link_path(mail_server().next_after(seen))

        phone = client.new_page()
        phone.on("console", lambda m: violations.append(m.text)
                 if "Content Security Policy" in m.text else None)
        phone.goto(invitation)
        phone.get_by_label("Choose a user name").fill("measures.client")
        phone.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
        phone.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
        phone.get_by_role("button", name="Create my account").click()
        phone.wait_for_url("**/portal?done=welcome")
        phone.goto("/portal/measures")
        phone.get_by_role("link", name="Answer the questions").click()
        phone.wait_for_url("**/portal/measures/*")
        _answer(phone, [1, 1, 1, 1, 1, 0, 1, 0, 0])  # 6, mild, no flag
        assert _fits_the_screen(phone)
        phone.screenshot(path=screenshots / "measures-portal-phone.png", full_page=True)
        phone.get_by_role("button", name="Send my answers").click()
        phone.wait_for_url("**/portal/measures?done=sent")
        assert "Thank you" in phone.get_by_role("status").inner_text()
        assert _fits_the_screen(phone)

        # The trend: both points, the target line, reliable improvement (16 -> 6).
        desk.goto(f"{chart}/measures?target=10")
        content = desk.content()
        assert "reliable improvement" in content and "16 of 27" in content
        assert "6 of 27" in content and "target below 10" in content
        desk.wait_for_load_state("networkidle")
        assert _image_drawn(desk)
        desk.screenshot(path=screenshots / "measures-trend.png", full_page=True)
        desk.get_by_role("button", name="Mark this flag reviewed").click()
        desk.wait_for_url("**/measures?done=reviewed")
        assert "Safety flags to review" not in desk.content()
        assert not violations, violations

        # Accessibility of every page of the walk (axe needs a CSP-bypassing context).
        audit = audits.new_page()
        audit.goto("/signin")
        audit.get_by_label("User name").fill("clinician1")
        audit.get_by_label("Password").fill(STAFF_PASSWORD)
        audit.get_by_role("button", name="Sign in").click()
        audit.wait_for_url("**/")
        for path in (f"{chart}/measures?target=10", f"{chart}/measures/new?instrument=PCL-5",
                     "/today"):
            audit.goto(path)
            assert not accessibility_problems(audit), path
        audit.set_viewport_size(PHONE)
        audit.goto(f"{chart}/measures?target=10")
        assert _fits_the_screen(audit)
        assert not accessibility_problems(audit)
    finally:
        staff.close()
        audits.close()
        client.close()
