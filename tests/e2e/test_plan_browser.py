"""Diagnoses and treatment plans end to end (issue 15): a real server (`closeddoor demo` +
`closeddoor serve`) and headless Chromium. A clinician finds a code by words, diagnoses, writes
a plan with a PHQ-9 goal, and signs it (confirming what signing binds); the client, invited to
the portal, reads the plan on a phone-size screen (390 px) and signs it, then completes a PHQ-9
the clinician asked for, which the chart's trend shows against the plan's target; the clinician
revises the plan, and both signatures are needed again. Screenshots go to a temporary folder; set
CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/plan-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.axe import accessibility_problems
from tests.e2e.server import CHROMIUM, demo_server
from tests.mailbox import link_path, mail_server

STAFF_PASSWORD = "synthetic-browser-test-passphrase"
CLIENT_PASSWORD = "synthetic plan client passphrase 41"
PHONE = {"width": 390, "height": 844}
GOAL = "Mood lifts enough to go back to work three days a week (synthetic)"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("plan-e2e"), password=STAFF_PASSWORD, clients=3,
                     ready_path="/portal/signin") as url:
        yield url


def _context(browser: Browser, base_url: str, viewport: dict[str, int]) -> BrowserContext:
    context = browser.new_context(base_url=base_url, viewport=viewport, bypass_csp=True)
    context.set_default_timeout(60_000)  # the code set loads on the first search (seconds)
    return context


def _fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def _sign_as_clinician(desk: Page) -> None:
    desk.get_by_label("I have read revision").check()
    desk.get_by_role("button", name="Sign revision").click()
    desk.wait_for_url("**/plan?done=signed")


def test_clinician_diagnoses_plans_and_signs_then_client_signs_and_a_revision_needs_both(
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
        desk.goto("/clients")
        desk.get_by_role("table").last.get_by_role("link").first.click()
        desk.wait_for_url("**/clients/*")
        chart = desk.url.rstrip("/")

        # Diagnose: find the code by words, then add it (a category is refused by name).
        desk.get_by_role("link", name="Diagnoses and plan").click()
        desk.wait_for_url("**/plan")
        desk.get_by_label("Code or words").fill("major depressive recurrent moderate")
        desk.get_by_role("button", name="Search the ICD-10-CM code set").click()
        desk.wait_for_load_state()
        assert "F33.1" in desk.locator(".code-results").inner_text()
        desk.get_by_label("ICD-10-CM code").fill("F33")
        desk.get_by_role("button", name="Add to the problem list").click()
        desk.wait_for_load_state()
        assert "Code: enter a billable ICD-10-CM code" in desk.locator("#code-problem-error")\
            .inner_text()
        desk.get_by_label("ICD-10-CM code").fill("F33.1")
        desk.get_by_role("button", name="Add to the problem list").click()
        desk.wait_for_url("**/plan?done=added")

        # The plan: one goal measured by the PHQ-9, below 10.
        review_on = (date.today() + timedelta(days=90)).isoformat()
        desk.locator("#review_on").fill(review_on)
        desk.locator("#goal_code-1").select_option("F33.1")
        desk.locator("#goal_text-1").fill(GOAL)
        desk.locator("#measure-1").select_option("PHQ-9")
        desk.locator("#target-1").fill("10")
        desk.locator("#objective_text-1").fill("Keep a weekly activity log (synthetic)")
        desk.locator("#intervention_text-1").fill("Behavioural activation (synthetic)")
        desk.locator("#modality-1").select_option("cbt")
        desk.get_by_role("button", name="Save as a new revision").click()
        desk.wait_for_url("**/plan?done=saved")
        assert "Measured by: PHQ-9 below 10" in desk.locator(".plan-text").inner_text()
        _sign_as_clinician(desk)
        assert "waiting for the client" in desk.content()
        assert not accessibility_problems(desk)
        desk.screenshot(path=screenshots / "plan-chart.png", full_page=True)

        # The client is invited and signs the plan in the portal, on a phone.
        desk.goto(f"{chart}/consent")
        seen = mail_server().count()
        desk.get_by_role("button", name="Invite to the portal by e-mail").click()
        desk.wait_for_load_state()
        invitation = link_path(mail_server().next_after(seen))
        page = client.new_page()
        page.goto(invitation)
        page.get_by_label("Choose a user name").fill("plan.client")
        page.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
        page.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/portal?done=welcome")
        page.goto("/portal/plan")
        assert GOAL in page.locator(".plan-text").inner_text()
        page.get_by_role("button", name="Sign my plan").click()
        page.wait_for_load_state()
        assert page.locator("#signer_name-error").is_visible()  # both named at once
        assert page.locator("#confirm-error").is_visible()
        assert _fits_the_screen(page)
        assert not accessibility_problems(page)
        page.screenshot(path=screenshots / "plan-portal-phone.png", full_page=True)
        page.get_by_label("Type your full name").fill("Synthetic Plan Client")
        page.get_by_label("I have read my treatment plan and agree to it").check()
        page.get_by_role("button", name="Sign my plan").click()
        page.wait_for_url("**/portal/plan?done=signed")
        assert "You signed this plan" in page.content()

        # Measurement-based care: the clinician asks for a PHQ-9, the client answers it on the
        # phone, and the chart's trend shows it against the plan's target (no ?target= given).
        desk.goto(f"{chart}/measures")
        desk.get_by_label("Ask the client to complete").select_option("PHQ-9")
        desk.get_by_role("button", name="Ask the client").click()
        desk.wait_for_url("**/measures?done=requested")
        page.goto("/portal/measures")
        page.get_by_role("link", name="Answer the questions").click()
        page.wait_for_url("**/portal/measures/*")
        for number, choice in enumerate([2, 2, 1, 2, 1, 1, 2, 1, 0], start=1):  # 12, moderate
            page.locator(f"#item_{number}-{choice}").check()
        assert _fits_the_screen(page)
        page.get_by_role("button", name="Send my answers").click()
        page.wait_for_url("**/portal/measures?done=sent")
        desk.goto(f"{chart}/measures")
        content = desk.content()
        assert "12 of 27" in content and "target below 10" in content
        assert "chart.svg?target=10" in content
        assert not accessibility_problems(desk)
        desk.screenshot(path=screenshots / "plan-measure-trend.png", full_page=True)

        # A revision (target 8): a new unsigned revision; the client keeps the signed one
        # until the clinician signs the revision, then must sign again.
        desk.goto(f"{chart}/plan")
        assert "Signed by the clinician and the client" in desk.content()
        desk.locator("#target-1").fill("8")
        desk.get_by_role("button", name="Save as a new revision").click()
        desk.wait_for_url("**/plan?done=saved")
        assert "Revision 2" in desk.content() and "Not signed yet" in desk.content()
        page.goto("/portal/plan")
        assert "You signed this plan" in page.content() and "below 10" in page.content()
        _sign_as_clinician(desk)
        page.goto("/portal/plan")
        assert "PHQ-9 below 8" in page.locator(".plan-text").inner_text()
        assert page.get_by_role("button", name="Sign my plan").is_visible()
        desk.screenshot(path=screenshots / "plan-revised.png", full_page=True)
    finally:
        staff.close()
        client.close()
