"""Releases of information end to end: a real server (`closeddoor demo` + `closeddoor serve`)
and headless Chromium.

A clinician makes an authorization, has the client sign it in the office and releases a packet
under it; a clinician releases a packet under the duty to warn and the owner reviews it; the
client, in the portal, sees both in their accounting and revokes the authorization, after which
nothing more leaves under it. Screenshots go to a temporary folder; set
CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/releases.png and
docs/screenshots/portal-disclosures.png.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from closeddoor.disclosure.authorization import DEFAULT_STATEMENTS
from tests.e2e.server import CHROMIUM, demo_server
from tests.mailbox import link_path, mail_server

STAFF_PASSWORD = "synthetic-browser-test-passphrase"
CLIENT_PASSWORD = "synthetic portal client passphrase 77"
# The served practice runs on the real clock, so the form's dates are relative to today.
TODAY = datetime.now(UTC).date()
PSYCHIATRIST = "Dr. Avery Synthetic"
PSYCHIATRY = "Synthetic Psychiatry Group"
OFFICER = "Officer Rowan Synthetic"
POLICE = "Synthetic City Police Department"
REVOKED = "The client revoked this authorization."
# A page of one authorization or disclosure (not .../new): the URL ends in its id.
# A save comes back with "?done=..." (the page says what was saved).
AUTHORIZATION_PAGE = re.compile(r".*/authorizations/[0-9a-f-]{36}(\?done=[a-z-]+)?$")
DISCLOSURE_PAGE = re.compile(r".*/disclosures/[0-9a-f-]{36}(\?done=[a-z-]+)?$")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page
expect = sync_api.expect


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Six demo clients: clinician1 has three, so each test below works on a chart of its own.
    with demo_server(tmp_path_factory.mktemp("releases-e2e"), password=STAFF_PASSWORD,
                     clients=6, ready_path="/signin") as url:
        yield url



def _context(browser: Browser, base_url: str) -> BrowserContext:
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 860},
                                  accept_downloads=True)
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



@pytest.fixture(scope="module")
def working_shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots that are never published: always in a temporary folder."""
    return tmp_path_factory.mktemp("releases-working-screenshots")


@dataclass(frozen=True)
class Chart:
    path: str  # /clients/<id>

    @property
    def client_id(self) -> str:
        return self.path.rsplit("/", 1)[1]


# --- staff steps -------------------------------------------------------------------------------
def sign_in(page: Page, username: str) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def sign_out(page: Page) -> None:
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signin")


def open_chart(page: Page, nth: int) -> Chart:
    """Open the nth chart on the signed-in clinician's caseload."""
    page.goto("/clients")
    page.get_by_role("table").last.get_by_role("link").nth(nth).click()
    page.wait_for_url("**/clients/*")
    return Chart("/" + page.url.split("/", 3)[3].rstrip("/"))


def status_of(page: Page) -> str:
    """The status pill in the page's heading, as written (CSS may show it in capitals)."""
    return (page.locator("h2 .status").text_content() or "").strip()


def open_releases(page: Page, chart: Chart) -> None:
    page.goto(chart.path)
    page.get_by_role("link", name="Releases", exact=True).click()
    page.wait_for_url(f"**{chart.path}/releases")
    assert page.get_by_role("heading", name="Releases of information").is_visible()


def create_and_sign_authorization(page: Page, chart: Chart) -> str:
    """From the Releases tab: a new authorization, signed in the office; returns its path."""
    open_releases(page, chart)
    page.get_by_role("link", name="New authorization").click()
    page.wait_for_url("**/authorizations/new")
    # The three required statements come prefilled.
    assert page.get_by_label("Possibility of redisclosure").input_value() == (
        DEFAULT_STATEMENTS["redisclosure"])
    assert page.get_by_label("Right to revoke, and how").input_value() == (
        DEFAULT_STATEMENTS["revocation"])
    page.get_by_label("Dates of attendance").check()
    page.get_by_label("Progress notes", exact=True).check()
    page.get_by_label("Records dated from").fill((TODAY - timedelta(weeks=8)).isoformat())
    page.get_by_label("Records dated to").fill(TODAY.isoformat())
    page.get_by_label("Recipient's name").fill(PSYCHIATRIST)
    page.get_by_label("Organization (optional)").fill(PSYCHIATRY)
    page.get_by_label("Recipient's address, fax or secure e-mail").fill("secure fax 555-0123")
    page.get_by_label("Purpose", exact=True).fill("Medication evaluation (synthetic)")
    page.get_by_label("Expires on").fill((TODAY + timedelta(days=180)).isoformat())
    page.get_by_role("button", name="Create the authorization").click()
    page.wait_for_url(AUTHORIZATION_PAGE)
    location = "/" + page.url.split("/", 3)[3].split("?")[0]
    assert status_of(page) == "unsigned"
    text = page.locator(".authorization-text").inner_text()
    assert PSYCHIATRIST in text and "Progress notes" in text
    # Signed in the office: the client reads it on the device and types their name.
    page.get_by_label("Type your full name to sign").fill("Sam Synthetic")
    page.get_by_label("I have read this authorization and understand it.").check()
    page.get_by_role("button", name="Sign the authorization").click()
    page.wait_for_url("**/releases?notice=signed")
    assert page.get_by_role("status").inner_text() == "The authorization was signed."
    page.goto(location)
    assert status_of(page) == "active"
    return location


def request_under_authorization(page: Page, authorization: str) -> str:
    """From the authorization page: a disclosure of what it allows; returns the disclosure's
    path (requested, not yet released)."""
    page.goto(authorization)
    page.get_by_role("link", name="Disclose under this authorization").click()
    page.wait_for_url("**/disclosures/new?authorization_id=*")
    assert page.get_by_label("Recipient's name").input_value() == PSYCHIATRIST  # prefilled
    assert page.get_by_label("Progress notes", exact=True).is_checked()
    page.get_by_role("button", name="Request the disclosure").click()
    page.wait_for_url(DISCLOSURE_PAGE)
    assert status_of(page) == "ready"
    return "/" + page.url.split("/", 3)[3].split("?")[0]


def release_packet(page: Page) -> str:
    """Click "Release the packet (PDF)" on the open disclosure page; the packet's text."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Release the packet (PDF)").click()
    assert download.value.suggested_filename.startswith("disclosure-")
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF")
    page.reload()
    assert status_of(page) == "released"
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(body)).pages)


def request_duty_to_warn(page: Page, chart: Chart) -> str:
    """From the Releases tab: a disclosure under the duty to warn; returns its path."""
    open_releases(page, chart)
    page.get_by_role("link", name="New disclosure").click()
    page.wait_for_url("**/disclosures/new")
    page.get_by_role("link", name="Serious and imminent threat to health or safety").click()
    page.wait_for_url("**/disclosures/new?legal_basis=serious_threat")
    page.get_by_label("Who is threatened").fill("The client's neighbour (synthetic)")
    page.get_by_label("Whom the threat is to").select_option("person")
    page.get_by_label("The serious and imminent threat to health or safety").fill(
        "The client stated a plan to harm the neighbour this week (synthetic).")
    page.get_by_label("Why, in good faith, disclosure is necessary").fill(
        "Only the police can prevent it: the client refused a safety plan (synthetic).")
    page.get_by_label("Who receives it").select_option("law_enforcement")
    page.get_by_label("Recipient's name").fill(OFFICER)
    page.get_by_label("Organization", exact=True).fill(POLICE)
    page.get_by_label("Recipient's address, fax or secure e-mail").fill("phone 555-0188")
    page.get_by_label("Purpose", exact=True).fill(
        "Warn and protect an identified person (synthetic)")
    page.get_by_label("Demographics and contact details").check()
    page.get_by_label("Written justification").fill(
        "In session the client stated a specific plan and the means to harm an identified "
        "person this week; the state duty-to-protect statute applies (synthetic).")
    page.get_by_role("button", name="Request the disclosure").click()
    page.wait_for_url(DISCLOSURE_PAGE)
    assert status_of(page) == "ready"
    return "/" + page.url.split("/", 3)[3].split("?")[0]


def accounting_text(page: Page, chart: Chart) -> str:
    open_releases(page, chart)
    return page.locator("section[aria-labelledby=accounting-heading]").inner_text()


def invite(staff: BrowserContext, chart: Chart) -> str:
    token = staff.request.post("/api/v1/auth/token", data={
        "username": "clinician1", "password": STAFF_PASSWORD})
    assert token.ok, token.text()
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    invitation = staff.request.post(
        f"/api/v1/clients/{chart.client_id}/portal-invitations", headers=headers)
    assert invitation.status == 201, invitation.text()
    address = staff.request.get(f"/api/v1/clients/{chart.client_id}",
                                headers=headers).json()["contacts"]["email"]
    return link_path(mail_server().latest(address))  # taken from the client's inbox


# --- the tests ---------------------------------------------------------------------------------
def test_authorized_disclosure_from_new_authorization_to_downloaded_packet(
    staff: BrowserContext, working_shots: Path,
) -> None:
    page = staff.new_page()
    sign_in(page, "clinician1")
    chart = open_chart(page, 0)
    authorization = create_and_sign_authorization(page, chart)
    page.screenshot(path=working_shots / "authorization.png", full_page=True)
    disclosure = request_under_authorization(page, authorization)
    packet = release_packet(page)
    assert PSYCHIATRIST in packet and PSYCHIATRY in packet
    assert "Progress notes" in packet and "Medication evaluation (synthetic)" in packet
    flat = " ".join(packet.split())
    assert "Do not disclose it further without the written authorization" in flat
    facts = page.locator("dl.facts").inner_text()
    assert "packet SHA-256" in facts
    assert page.get_by_role("button", name="Download the packet again").is_visible()
    page.screenshot(path=working_shots / "disclosure.png", full_page=True)

    accounting = accounting_text(page, chart)
    assert f"{PSYCHIATRIST}, {PSYCHIATRY}" in accounting
    assert "Medication evaluation (synthetic)" in accounting
    listed = page.locator("section[aria-labelledby=disclosures-heading] tbody").text_content() or ""
    assert PSYCHIATRIST in listed and "released" in listed
    assert page.locator(f"a[href='{disclosure}']").count() == 1


def test_duty_to_warn_released_client_told_and_reviewed_by_the_owner(
    staff: BrowserContext,
) -> None:
    page = staff.new_page()
    sign_in(page, "clinician1")
    chart = open_chart(page, 1)
    disclosure = request_duty_to_warn(page, chart)
    assert "Serious and imminent threat" in page.locator("dl.facts").inner_text()
    packet = " ".join(release_packet(page).split())
    assert OFFICER in packet and POLICE in packet
    assert "Do not disclose it further without the written authorization" in packet
    page.get_by_label("How they were told, or why not").fill("Told in the next session.")
    page.get_by_role("button", name="Record").click()
    expect(page.locator("dl.facts")).to_contain_text("Told in the next session.")
    expect(page.get_by_label("How they were told, or why not")).to_have_count(0)
    assert page.url.split("?")[0].endswith(disclosure)
    assert f"{OFFICER}, {POLICE}" in accounting_text(page, chart)
    sign_out(page)

    sign_in(page, "owner")
    page.get_by_role("link", name="Reviews", exact=True).click()
    page.wait_for_url("**/practice/reviews")
    assert page.get_by_role("heading", level=1).inner_text() == "Review queue"
    disclosure_id = disclosure.rsplit("/", 1)[1]
    review = page.locator(f"article:has(h3#disclosure-{disclosure_id})")
    assert OFFICER in review.locator("h3").inner_text()
    details = review.locator("dl.facts").inner_text()
    assert "released" in details
    assert review.locator("dt:has-text('Client told') + dd").inner_text() == "told"
    assert "duty-to-protect statute applies" in details
    review.get_by_label("Review comment").fill("Justified; the statute applies (synthetic).")
    review.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(f"article:has(h3#disclosure-{disclosure_id})")).to_have_count(0)
    page.get_by_role("link", name="Include reviewed accesses").click()
    page.wait_for_url("**/practice/reviews?all=1")
    reviewed = page.locator(f"article:has(h3#disclosure-{disclosure_id})")
    expect(reviewed.locator("dl.facts")).to_contain_text(
        "Justified; the statute applies (synthetic).")


def test_client_sees_both_disclosures_and_revocation_stops_the_next_one(
    staff: BrowserContext, client: BrowserContext, screenshots: Path,
) -> None:
    page = staff.new_page()
    sign_in(page, "clinician1")
    chart = open_chart(page, 2)
    open_releases(page, chart)
    earlier = page.locator("article.accounting-entry").count()  # the demo may have some
    authorization = create_and_sign_authorization(page, chart)
    request_under_authorization(page, authorization)
    release_packet(page)
    request_duty_to_warn(page, chart)
    release_packet(page)
    accounting = accounting_text(page, chart)
    assert PSYCHIATRIST in accounting and OFFICER in accounting
    page.screenshot(path=screenshots / "releases.png", full_page=True)
    # Requested now, to be released after the client has revoked the authorization.
    waiting = request_under_authorization(page, authorization)

    portal = client.new_page()
    violations: list[str] = []
    portal.on("console", lambda message: violations.append(message.text)
              if "Content Security Policy" in message.text else None)
    portal.goto(invite(staff, chart))
    portal.get_by_label("Choose a user name").fill("releases.client")
    portal.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
    portal.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
    portal.get_by_role("button", name="Create my account").click()
    portal.wait_for_url("**/portal?done=welcome")

    portal.get_by_role("link", name="Disclosures", exact=True).click()
    portal.wait_for_url("**/portal/disclosures")
    cards = portal.locator("article.card")
    assert cards.count() == earlier + 2
    newest, oldest = cards.nth(0).inner_text(), cards.nth(1).inner_text()
    assert OFFICER in newest and "made without your authorization" in newest
    assert "Serious and imminent threat" in newest
    assert PSYCHIATRIST in oldest and "yes, signed" in oldest
    assert "Progress notes" in oldest and "without your authorization" not in oldest
    portal.screenshot(path=screenshots / "portal-disclosures.png", full_page=True)

    portal.get_by_role("link", name="Authorizations", exact=True).click()
    portal.wait_for_url("**/portal/authorizations")
    card = portal.locator("article.card", has_text=PSYCHIATRIST)
    assert "In effect" in card.inner_text()
    card.get_by_role("button", name="Revoke this authorization").click()
    portal.wait_for_url("**/portal/authorizations?done=revoked")
    assert portal.get_by_role("status").inner_text().startswith("Revoked.")
    assert "Revoked on" in portal.locator("article.card", has_text=PSYCHIATRIST).inner_text()
    assert not violations

    # Back at the practice: the disclosure requested before the revocation cannot leave.
    page.goto(waiting)
    page.get_by_role("button", name="Release the packet (PDF)").click()
    assert page.get_by_role("alert").inner_text() == REVOKED
    page.goto(waiting)
    assert status_of(page) == "ready"  # nothing left
    # Nor can a new one be requested under it.
    page.goto(authorization)
    assert status_of(page) == "revoked"
    assert page.get_by_role("link", name="Disclose under this authorization").count() == 0
    page.goto(f"{chart.path}/disclosures/new?authorization_id={authorization.rsplit('/', 1)[1]}")
    page.get_by_role("button", name="Request the disclosure").click()
    refused = page.get_by_role("alert").inner_text()
    assert "Nothing was saved" in refused and REVOKED in refused
    portal.goto("/portal/disclosures")
    assert portal.locator("article.card").count() == earlier + 2  # only what had left


def test_release_screenshots_are_small_when_taken(screenshots: Path) -> None:
    for name in ("releases.png", "portal-disclosures.png"):
        shot = screenshots / name
        if shot.exists():
            assert shot.stat().st_size < 400_000, name
