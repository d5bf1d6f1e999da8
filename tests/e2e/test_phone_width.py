"""Staff and portal pages work on a phone (issue 14): at 390 by 844 no page scrolls sideways.

A real demo server and headless Chromium at phone width from the start. Each staff role signs
in and opens every page it can reach by following links (the walk of test_accessibility.py),
and a client walks the portal; on each page `document.documentElement.scrollWidth` must not
exceed 390. A wide table may scroll inside its own container (`.table-scroll`), never the page.
Pages only a posted form leads to are measured at phone width by the accessibility walk (its
phone pass checks the width too). Failures name the route pattern only, never page text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.server import CHROMIUM, demo_server
from tests.e2e.test_accessibility import (
    PASSWORD,
    PHONE,
    STAFF_ROLES,
    Walk,
    chart_of_client_with_release,
    page_routes,
    route_pattern,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
# What overflows, for the failure message: tag and class of the widest elements, never text.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
# Reached only through a posted form or a state the link walk does not create; the
# accessibility walk measures each of them at 390 px (tests/e2e/test_accessibility.py).
FORM_ONLY = {"/emergency-access", "/clients/{}/consent/signed", "/account/mfa",
             "/signin/totp", "/practice/suspensions", "/practice/consent/versions/{}",
             "/practice/consent/versions/{}/preview", "/practice/consent/versions/{}/publish",
             "/clients/{}/notes/{}/sign"}  # the step after "Save and sign…" (docs/notes.md)


def overflow(page: Any) -> str:
    """"" when the page fits 390 px, else how wide it is and what sticks out."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return ""
    return f"{width}px wide; {', '.join(page.evaluate(WIDEST))}"


@dataclass
class WidthWalk(Walk):
    """The accessibility walk, measuring each page's width instead of running axe."""

    def audit(self, label: str, phone_done: set[str]) -> None:
        if label in self.audited:
            return
        self.audited.add(label)
        if trouble := overflow(self.page):
            self.problems.append(f"{self.who} {label}: {trouble}")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("phone"), password=PASSWORD, clients=3,
                     ready_path="/signin") as url:
        yield url


@pytest.fixture
def phone_page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def sign_in(page: Any, username: str) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_no_staff_page_scrolls_sideways_at_390px_when_each_role_walks_them(
    phone_page: Any, screenshots: Path
) -> None:
    problems: list[str] = []
    reached: set[str] = set()
    for username in STAFF_ROLES:
        walk = WidthWalk(phone_page, username)
        walk.open("/signin", set())
        sign_in(phone_page, username)
        if username == "clinician1":
            chart = chart_of_client_with_release(phone_page)
            walk.crawl(chart, set())
            for name, path in (("phone-chart", chart), ("phone-releases", f"{chart}/releases"),
                               ("phone-calendar", "/calendar")):
                phone_page.goto(path)
                phone_page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
            # A refused booking: every problem beside its field, still 390 px wide.
            phone_page.goto(f"{chart}/appointments/new")
            phone_page.get_by_label("CPT code").fill("9083X")
            phone_page.get_by_label("Fee (dollars)").fill("lots")
            phone_page.get_by_role("button", name=re.compile("^Book")).click()
            phone_page.wait_for_load_state()
            assert phone_page.locator(".field-error").count() >= 2
            walk.audit("/clients/{}/appointments/new (refused)", set())
            phone_page.screenshot(path=str(screenshots / "phone-booking-refused.png"),
                                  full_page=True)
        walk.crawl("/", set())
        problems += walk.problems
        reached |= walk.audited
        phone_page.context.clear_cookies()
    assert not problems, "\n".join(problems)
    missing = page_routes("/") - page_routes("/portal") - reached - FORM_ONLY
    assert not missing, f"pages no walk reached at 390 px: {sorted(missing)}"


def test_the_width_check_fails_when_a_page_is_wider_than_a_phone(phone_page: Any) -> None:
    """Positive control: a wide element is caught, and named by tag and class only."""
    phone_page.set_content('<!doctype html><html lang="en"><body><p class="wide" '
                           'style="width: 600px">Synthetic Person 555-0199</p></body></html>')
    trouble = overflow(phone_page)
    assert trouble.startswith("6") and "p.wide" in trouble and "555" not in trouble
    phone_page.set_content('<!doctype html><html lang="en"><body><div class="table-scroll" '
                           'style="overflow-x: auto"><table style="width: 600px"><tr><td>x</td>'
                           '</tr></table></div></body></html>')
    assert overflow(phone_page) == ""  # a table scrolling inside its container is fine


def test_no_portal_page_scrolls_sideways_at_390px_when_the_client_walks_it(
    phone_page: Any, base_url: str
) -> None:
    from tests.mailbox import link_path, mail_server

    sign_in(phone_page, "clinician1")
    chart = chart_of_client_with_release(phone_page)
    phone_page.goto(f"{chart}/consent")
    seen = mail_server().count()
    phone_page.get_by_role("button", name="Invite to the portal").click()
    phone_page.wait_for_load_state()
    invitation = link_path(mail_server().next_after(seen))
    phone_page.context.clear_cookies()
    walk = WidthWalk(phone_page, "client")
    walk.open(invitation, set())
    phone_page.get_by_label("Choose a user name").fill("phone.client")
    phone_page.get_by_label("Choose a password").fill("synthetic portal phone passphrase 31")
    phone_page.get_by_label("Type the password again").fill("synthetic portal phone passphrase 31")
    phone_page.get_by_role("button", name="Create my account").click()
    phone_page.wait_for_url("**/portal?done=welcome")
    walk.crawl("/portal", set(), within="/portal")
    walk.open("/portal/forgot-password", set())
    assert not walk.problems, "\n".join(walk.problems)
    assert {route_pattern(urlsplit(p).path) for p in walk.visited} >= {"/portal"}
