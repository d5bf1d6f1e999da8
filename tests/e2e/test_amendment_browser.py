"""The right to amend (45 CFR 164.526) end to end: a real server (`closeddoor demo` +
`closeddoor serve`) and headless Chromium.

The client asks in the portal to amend a signed progress note; the clinician denies it on the
chart's "Amendment requests" tab with a ground from 164.526(a)(2) and an explanation; the client
reads the denial with their rights and files a statement of disagreement; the clinician's next
packet of progress notes carries the request, the denial and the statement (164.526(d)(5)).
axe audits the new pages, including their refused forms, at desktop and phone widths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.server import CHROMIUM, demo_server
from tests.e2e.test_disclosure_browser import (
    CLIENT_PASSWORD,
    STAFF_PASSWORD,
    create_and_sign_authorization,
    invite,
    open_chart,
    release_packet,
    request_under_authorization,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page
expect = sync_api.expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 860}
CHANGE = "The note says I missed the session of the week before; I attended it (synthetic)."
REASON = "I was there and paid the fee that day (synthetic)."
EXPLANATION = "The attendance log for that week shows no visit (synthetic)."
STATEMENT = "I still say I attended; my calendar shows the visit (synthetic)."


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("amend-e2e"), password=STAFF_PASSWORD,
                     clients=2, ready_path="/signin") as url:
        yield url


def _context(browser: Browser, base_url: str) -> BrowserContext:
    # bypass_csp only so axe can be injected (tests/e2e/axe.py); the pages run as served.
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, bypass_csp=True,
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    return context


def audit(page: Page, name: str) -> None:
    assert_accessible(page, name)
    page.set_viewport_size(PHONE)
    assert_accessible(page, f"{name} (phone)")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.set_viewport_size(DESKTOP)


def test_client_asks_clinician_denies_client_disagrees_and_the_next_packet_carries_it(
        browser: Browser, base_url: str) -> None:
    staff_context, client_context = _context(browser, base_url), _context(browser, base_url)
    try:
        staff = staff_context.new_page()
        sign_in(staff, "clinician1")
        chart = open_chart(staff, 0)

        portal = client_context.new_page()
        portal.goto(invite(staff_context, chart))
        portal.get_by_label("Choose a user name").fill("amend.client")
        portal.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
        portal.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
        portal.get_by_role("button", name="Create my account").click()
        portal.wait_for_url("**/portal?done=welcome")

        # The client asks: first with nothing filled in (each problem beside its field).
        portal.get_by_role("link", name="Corrections", exact=True).click()
        portal.wait_for_url("**/portal/amendments")
        audit(portal, "/portal/amendments")
        portal.get_by_role("button", name="Send my request").click()
        expect(portal.locator("#change-error")).to_be_visible()
        expect(portal.locator("#reason-error")).to_be_visible()
        audit(portal, "/portal/amendments (refused)")
        choice = portal.get_by_label("What should be corrected?")
        note_option = choice.locator("option").nth(1)
        note_label = note_option.inner_text()
        assert note_label.startswith("Progress note of")
        choice.select_option(index=1)
        portal.get_by_label("What should it say instead?").fill(CHANGE)
        portal.get_by_label("Why should it change?").fill(REASON)
        portal.get_by_role("button", name="Send my request").click()
        portal.wait_for_url("**/portal/amendments?done=asked")
        card = portal.locator("article.card", has_text=CHANGE)
        expect(card).to_contain_text("waiting for an answer")
        expect(card).to_contain_text("Answer due by")

        # The clinician denies it on the chart's tab, with a ground and an explanation.
        staff.goto(chart.path)
        staff.get_by_role("link", name="Amendment requests", exact=True).click()
        staff.wait_for_url(f"**{chart.path}/amendments")
        request = staff.locator("article.card", has_text=CHANGE)
        expect(request).to_contain_text(REASON)
        expect(request).to_contain_text("Due")
        audit(staff, "/clients/{}/amendments")
        request.get_by_label("Deny, on the ground chosen below").check()
        request.get_by_role("button", name="Send the answer").click()
        staff.wait_for_load_state()
        expect(staff.locator("p.field-error", has_text="Ground:")).to_be_visible()
        audit(staff, "/clients/{}/amendments (refused)")
        request = staff.locator("article.card", has_text=CHANGE)
        request.get_by_label("Deny, on the ground chosen below").check()
        request.get_by_label(re.compile("^Ground for a denial")).select_option(
            "accurate-and-complete")
        request.get_by_label(re.compile("^Explanation of the denial")).fill(EXPLANATION)
        request.get_by_role("button", name="Send the answer").click()
        staff.wait_for_url("**/amendments?done=answered")
        expect(staff.locator("article.card", has_text=CHANGE)).to_contain_text("denied")

        # The client reads the denial with their rights, and files a statement.
        portal.goto("/portal/amendments")
        card = portal.locator("article.card", has_text=CHANGE)
        expect(card).to_contain_text("accurate and complete")
        expect(card).to_contain_text(EXPLANATION)
        expect(card).to_contain_text("Secretary of the U.S. Department of Health")
        audit(portal, "/portal/amendments (denied)")
        card.get_by_label("My statement of disagreement").fill(STATEMENT)
        card.get_by_role("button", name="File my statement").click()
        portal.wait_for_url("**/portal/amendments?done=filed")
        expect(portal.locator("article.card", has_text=CHANGE)).to_contain_text(STATEMENT)

        # The next packet of progress notes carries the request, denial and statement.
        authorization = create_and_sign_authorization(staff, chart)
        request_under_authorization(staff, authorization)
        packet = " ".join(release_packet(staff).split())
        assert "Statement of disagreement filed by the client" in packet
        for words in (CHANGE, EXPLANATION, STATEMENT):
            assert " ".join(words.split()) in packet, words
    finally:
        staff_context.close()
        client_context.close()
