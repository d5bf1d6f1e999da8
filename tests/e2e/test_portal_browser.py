"""The client portal end to end: a real server (`closeddoor demo` + `closeddoor serve`) and
headless Chromium.

A clinician signs in to the staff pages and opens a client's chart (so there is something in
the access history), then invites the client through the staff API. The client, in a browser
of their own, opens the link, chooses a password, signs the consent form and sees the
clinician's visit in "Who opened my chart". Screenshots go to a temporary folder; set
CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/portal-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, demo_server
from tests.mailbox import link_path, mail_server

STAFF_PASSWORD = "synthetic-browser-test-passphrase"
CLIENT_PASSWORD = "synthetic portal client passphrase 42"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("portal-e2e"), password=STAFF_PASSWORD, clients=4,
                     ready_path="/portal/signin") as url:
        yield url



def _context(browser: Browser, base_url: str) -> BrowserContext:
    context = browser.new_context(base_url=base_url, viewport={"width": 1000, "height": 820})
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def staff(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = _context(browser, base_url)
    yield context
    context.close()


@pytest.fixture
def client(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """The client's own browser: a separate context, so no staff cookie is in it."""
    context = _context(browser, base_url)
    yield context
    context.close()



def _clinician_opens_a_chart(page: Page) -> str:
    """clinician1 signs in and opens the first chart on the caseload; returns its client id."""
    page.goto("/signin")
    page.get_by_label("User name").fill("clinician1")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/clients")  # home is Today or the day's calendar
    page.get_by_role("table").last.get_by_role("link").first.click()
    page.wait_for_url("**/clients/*")
    return page.url.rstrip("/").rsplit("/", 1)[1]


def _invite_through_the_staff_api(staff: BrowserContext, client_id: str) -> str:
    token = staff.request.post("/api/v1/auth/token", data={
        "username": "clinician1", "password": STAFF_PASSWORD})
    assert token.ok, token.text()
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    invitation = staff.request.post(f"/api/v1/clients/{client_id}/portal-invitations",
                                    headers=headers)
    assert invitation.status == 201, invitation.text()
    address = staff.request.get(f"/api/v1/clients/{client_id}",
                                headers=headers).json()["contacts"]["email"]
    path = link_path(mail_server().latest(address))  # the link reaches only the client's inbox
    assert path.startswith("/portal/invite/") and path not in invitation.text()
    return path


def test_client_accepts_invitation_signs_consent_and_sees_who_opened_the_chart(
    staff: BrowserContext, client: BrowserContext, screenshots: Path,
) -> None:
    staff_page = staff.new_page()
    client_id = _clinician_opens_a_chart(staff_page)
    invitation = _invite_through_the_staff_api(staff, client_id)

    page = client.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(invitation)
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to your client portal"
    page.get_by_label("Choose a user name").fill("portal.client")
    page.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
    page.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/portal?done=welcome")
    assert "Your consent form: Not signed yet" in page.content()

    page.get_by_role("link", name="Read and sign the consent form").click()
    page.wait_for_url("**/portal/consent")
    assert page.locator(".consent-document h2").first.is_visible()
    page.screenshot(path=screenshots / "portal-consent.png", full_page=True)
    page.get_by_label("Type your full name as your signature").fill("Portal Client (synthetic)")
    page.get_by_label("I have read this form").check()
    page.get_by_role("button", name="Sign the consent form").click()
    page.wait_for_url("**/portal/consent?done=signed")
    assert page.get_by_role("status").inner_text().startswith("Thank you")
    assert "Portal Client (synthetic)" in page.locator("table").inner_text()

    page.get_by_role("link", name="Who opened my chart", exact=True).click()
    page.wait_for_url("**/portal/access-history")
    history = page.locator("table.access-history tbody").inner_text()
    assert "Casey Clinician (demo)" in history
    assert "Clinician" in history and "Part of your care team" in history
    page.screenshot(path=screenshots / "portal-access-history.png")
    assert not violations

    # The client's browser reaches no staff page, and the link works once.
    page.goto("/")
    assert page.url.endswith("/signin")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    page.goto(invitation)
    assert "This link no longer works" in page.content()


def test_portal_screenshots_are_small_when_taken(screenshots: Path) -> None:
    for name in ("portal-consent.png", "portal-access-history.png"):
        shot = screenshots / name
        if shot.exists():
            assert shot.stat().st_size < 400_000, name
