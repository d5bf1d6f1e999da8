"""The calendar end to end: a real server (`closeddoor demo` + `closeddoor serve`, the demo
practice in America/Chicago) and headless Chromium.

A clinician books a weekly series from a chart, sees it in the week view, moves one session,
and tries a booking that clashes (the message says with what, beside the time). The week view
is photographed at phone width (docs/screenshots/calendar-week.png with
CLOSEDDOOR_UPDATE_SCREENSHOTS=1), the new pages pass axe and do not scroll sideways at 390 px.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.server import CHROMIUM, demo_server

PASSWORD = "synthetic-calendar-browser-passphrase"
# A Monday a few weeks ahead, clear of the demo's own sessions (which are this week and before).
MONDAY = (datetime.now(UTC) + timedelta(weeks=5)).date()
MONDAY -= timedelta(days=MONDAY.weekday())

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Page = sync_api.Page
expect = sync_api.expect


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("calendar-e2e"), password=PASSWORD, clients=2,
                     ready_path="/signin") as url:
        yield url


@pytest.fixture
def page(browser: sync_api.Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844},
                                  bypass_csp=True)  # for the injected axe script only
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_book_a_series_see_the_week_move_one_and_hit_a_clash(page: Page,
                                                             screenshots: Path) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill("clinician1")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/today")
    expect(page.get_by_role("heading", name="Past sessions with no signed note")).to_be_visible()
    _no_sideways_scroll(page)
    assert_accessible(page, "today")

    page.goto("/clients")
    page.get_by_role("table").last.get_by_role("link").first.click()
    page.wait_for_url("**/clients/*")
    chart = page.url
    page.goto(f"{chart}/appointments/new")
    page.get_by_label("Date", exact=True).fill(MONDAY.isoformat())
    page.get_by_label("Time (America/Chicago)").fill("10:00")
    page.get_by_label("Room (in person only)").fill("Room 1")
    page.get_by_label("Repeat", exact=True).select_option("weekly")
    page.get_by_label("Or: number of sessions").fill("4")
    _no_sideways_scroll(page)
    assert_accessible(page, "appointment-new")
    page.get_by_role("button", name="Book appointment").click()
    page.wait_for_url("**/clients/*")

    page.goto(f"/calendar?day={MONDAY.isoformat()}&span=week")
    sessions = page.locator(".cal-entry a")
    expect(sessions.first).to_be_visible()
    assert "10:00" in (page.locator(".cal-entry .cal-time").first.text_content() or "")
    _no_sideways_scroll(page)
    assert_accessible(page, "calendar-week")
    page.screenshot(path=str(screenshots / "calendar-week.png"), full_page=True)

    sessions.first.click()
    page.wait_for_url("**/appointments/*")
    page.get_by_label("Time (America/Chicago)").fill("11:30")
    which = page.get_by_role("group", name="Change which sessions")
    which.get_by_label("This session only").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The appointment was saved.")).to_be_visible()
    _no_sideways_scroll(page)
    assert_accessible(page, "appointment-edit")

    # The same clinician at 11:45 that Monday clashes with the moved session.
    page.goto(f"{chart}/appointments/new")
    page.get_by_label("Date", exact=True).fill(MONDAY.isoformat())
    page.get_by_label("Time (America/Chicago)").fill("11:45")
    page.get_by_role("button", name="Book appointment").click()
    error = page.locator("#time-error")
    expect(error).to_contain_text("already has a session")
    expect(error).to_contain_text("11:30")
    _no_sideways_scroll(page)
