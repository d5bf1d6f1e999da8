"""A clinician's day, end to end: a real server (`closeddoor demo` + `closeddoor serve`, the demo
practice in America/Chicago), headless Chromium at phone width (390 px) and the tests' real
SMTP server (tests/mailbox.py).

The clinician signs in and lands on Today, finds a client by part of a name, lets the client
have e-mail reminders, books a weekly series starting a few hours from now, sees it in the week
view, moves the second session, tries a booking that clashes (and reads why, beside the time),
then `closeddoor reminders send` runs as cron would and the e-mail that arrives is read: the
date, time and place, nothing clinical. No page scrolls sideways. With
CLOSEDDOOR_UPDATE_SCREENSHOTS=1 the pictures land in docs/screenshots/day-*.png (docs/day.md).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.server import CHROMIUM, closeddoor_command, demo_server
from tests.mailbox import body_of, mail_environment, mail_server

PASSWORD = "synthetic-day-browser-passphrase"
ZONE = ZoneInfo("America/Chicago")  # the demo practice's zone
# The demo's sessions start at 09:00 and last 50 minutes: a 50-minute session clashes with one
# of them when it starts after 08:10 and before 09:50.
DEMO_CLASH_AFTER, DEMO_CLASH_BEFORE = time(8, 10), time(9, 50)


def _clear_of_the_demo(start: datetime) -> bool:
    return not DEMO_CLASH_AFTER < start.time() < DEMO_CLASH_BEFORE
ADDRESS = "day-walk-reminders@example.org"
CLINICAL = re.compile(r"\b(therap\w*|diagnos\w*|[A-TV-Z]\d{2}\.\d{1,4}|9\d{4}|anxiety|"
                      r"depress\w*|disorder)\b", re.IGNORECASE)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Page = sync_api.Page
expect = sync_api.expect


@dataclass(frozen=True)
class Served:
    url: str
    data_dir: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("day-e2e")
    with demo_server(work, password=PASSWORD, clients=2, ready_path="/signin") as url:
        yield Served(url, work / "data")


@pytest.fixture
def page(browser: sync_api.Browser, served: Served) -> Iterator[Page]:
    context = browser.new_context(base_url=served.url, viewport={"width": 390, "height": 844},
                                  bypass_csp=True)  # for the injected axe script only
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth <= 390")


def _send_reminders(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`closeddoor reminders send`, as cron or a systemd timer would run it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    return subprocess.run([*closeddoor_command(), "reminders", "send", "--data-dir",
                           str(data_dir)], env={**env, **mail_environment()},
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_clinicians_day_from_today_to_the_reminder_in_the_clients_inbox(
        page: Page, served: Served, screenshots: Path) -> None:
    # A few hours from now, on a five-minute mark: inside the 24 hours reminders look ahead,
    # clear of the demo's sessions (on this weekday, in other weeks, at 09:00).
    first = (datetime.now(UTC) + timedelta(hours=3)).astimezone(ZONE).replace(
        second=0, microsecond=0)
    first = first.replace(minute=first.minute - first.minute % 5)
    if not _clear_of_the_demo(first):
        first = first.replace(hour=10, minute=0)
    if first.hour >= 23:  # keep the session inside its day
        first = first.replace(hour=22, minute=0)

    page.goto("/signin")
    page.get_by_label("User name").fill("clinician1")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(page.get_by_role("heading", name="Past sessions with no signed note")).to_be_visible()
    _no_sideways_scroll(page)

    # Find the client by the first letters of the family name, in any case.
    page.goto("/clients")
    page.get_by_role("table").last.get_by_role("link").first.click()
    page.wait_for_url("**/clients/*")
    chart = page.url
    family = page.locator("dt:has-text('Family name') + dd").inner_text().strip()
    page.goto("/clients")
    page.get_by_label("Any part of a name").fill(family[:3].lower())
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("region", name="Search results")
    expect(results.get_by_role("link").first).to_be_visible()
    assert family in results.inner_text()
    _no_sideways_scroll(page)
    assert_accessible(page, "caseload-search")
    page.screenshot(path=str(screenshots / "day-search.png"), full_page=True)

    # The client asked for e-mail reminders.
    page.goto(f"{chart}/preferences")
    page.get_by_label("E-mail reminders").check()
    page.get_by_label("E-mail address for reminders").fill(ADDRESS)
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status")).to_be_visible()

    # A weekly series of four, the first a few hours from now.
    page.goto(f"{chart}/appointments/new")
    page.get_by_label("Date", exact=True).fill(first.date().isoformat())
    page.get_by_label("Time (America/Chicago)").fill(first.strftime("%H:%M"))
    page.get_by_label("Room (in person only)").fill("Room 1")
    page.get_by_label("Repeat", exact=True).select_option("weekly")
    page.get_by_label("Or: number of sessions").fill("4")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Book appointment").click()
    page.wait_for_url("**/clients/*")

    # The second week holds one of them; move it an hour later, that session only.
    second = first + timedelta(weeks=1)
    page.goto(f"/calendar?day={second.date().isoformat()}&span=week")
    booked = page.locator(".cal-entry", has_text=first.strftime("%H:%M"))
    expect(booked.first).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / "day-week.png"), full_page=True)
    booked.first.get_by_role("link").click()
    page.wait_for_url("**/appointments/*")
    moved_to = next(at for at in (second + timedelta(hours=h) for h in (1, 2, -2, -3))
                    if at.date() == second.date() and at.hour < 23 and _clear_of_the_demo(at))
    page.get_by_label("Time (America/Chicago)").fill(moved_to.strftime("%H:%M"))
    page.get_by_role("group", name="Change which sessions").get_by_label(
        "This session only").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The appointment was saved.")).to_be_visible()
    page.goto(f"/calendar?day={second.date().isoformat()}&span=week")
    expect(page.locator(".cal-entry", has_text=moved_to.strftime("%H:%M")).first).to_be_visible()

    # Ten minutes into the first session: the clinician is already booked.
    page.goto(f"{chart}/appointments/new")
    page.get_by_label("Date", exact=True).fill(first.date().isoformat())
    page.get_by_label("Time (America/Chicago)").fill(
        (first + timedelta(minutes=10)).strftime("%H:%M"))
    page.get_by_role("button", name="Book appointment").click()
    error = page.locator("#time-error")
    expect(error).to_contain_text("already has a session")
    expect(error).to_contain_text(first.strftime("%H:%M"))
    _no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / "day-clash.png"), full_page=True)

    # Back home: the first session is on Today (when it falls today in Chicago).
    page.goto("/")
    if first.date() == datetime.now(ZONE).date():
        expect(page.locator(".cal-entry, li", has_text=first.strftime("%H:%M")).first
               ).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / "day-today.png"), full_page=True)

    # Cron runs the reminders: one e-mail for the session within 24 hours, then nothing new.
    seen = len(mail_server().to(ADDRESS))
    sent = _send_reminders(served.data_dir)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert ADDRESS not in sent.stdout + sent.stderr
    mail = mail_server().latest(ADDRESS)
    assert len(mail_server().to(ADDRESS)) == seen + 1
    text = f"{mail['Subject']}\n{body_of(mail)}"
    assert first.strftime("%H:%M") in text or first.strftime("%-I:%M") in text
    assert not CLINICAL.findall(text), "the reminder says something clinical"
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b.*birth|date of birth", text, re.I)
    again = _send_reminders(served.data_dir)
    assert again.returncode == 0 and len(mail_server().to(ADDRESS)) == seen + 1

    # The e-mail as the client would read it, for the docs.
    page.set_content(
        "<!doctype html><html lang='en'><head><title>Reminder e-mail</title></head><body "
        "style='font-family:sans-serif;margin:1rem'><main><h1 style='font-size:1.1rem'>"
        f"{html.escape(str(mail['Subject']))}</h1><pre style='white-space:pre-wrap'>"
        f"{html.escape(body_of(mail))}</pre></main></body></html>")
    page.screenshot(path=str(screenshots / "day-reminder-email.png"), full_page=True)
