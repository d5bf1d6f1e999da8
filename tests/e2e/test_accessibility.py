"""WCAG 2.1 AA: axe-core finds no serious or critical violation on any page (project standard).

A real demo server and headless Chromium. Each staff role signs in and walks every page it can
reach by following links from its home page (every distinct address is opened; each kind of
page is audited once per role), plus the pages only a form leads to: the break-glass offer,
a consent draft, two-step set-up and the second sign-in step. A client then accepts a portal
invitation and walks the portal the same way. Every kind of page is audited once more at phone
width (390 by 844), where it must also fit without sideways scrolling. A final check fails
when a GET page route exists that no walk reached, so a new page cannot escape the audit.

Audits run in browser contexts made with `bypass_csp=True`, because our CSP (script-src 'self')
would otherwise refuse the injected axe script; nothing else in these tests depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pyotp
import pytest

from tests.e2e.axe import accessibility_problems, assert_accessible, describe
from tests.e2e.server import CHROMIUM, demo_server
from tests.mailbox import link_path, mail_server

PASSWORD = "synthetic-accessibility-test-passphrase"
CLIENT_PASSWORD = "synthetic portal client passphrase 77"
DESKTOP = {"width": 1100, "height": 860}
PHONE = {"width": 390, "height": 844}
# clinician2 (the same role as clinician1) only breaks the glass into clinician1's client's chart.
STAFF_ROLES = ("clinician1", "clinician2", "supervisor", "billing", "owner")
MAX_VISITS = 150  # per walk; a loop in the links fails loudly instead of running forever

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page

_ID_SEGMENT = re.compile(r"^(?=.*\d)[0-9A-Za-z_-]{16,}$|^\d+$")
# Files, not pages: PDFs, JSON, text, and the measures' trend charts (SVG images shown inside a
# page, whose numbers the page's own table carries).
_NOT_PAGES = re.compile(r"^/(static|api)/|\.(pdf|json|txt|svg)$")
_ALL_LINKS = "els => els.map(e => e.getAttribute('href'))"


def page_routes(prefix: str) -> set[str]:
    """Every GET page route of the web app under `prefix`, as a route pattern."""
    from fastapi.routing import iter_route_contexts

    from closeddoor.web.portal import portal_router
    from closeddoor.web.routes import pages_router

    found = set()
    for router in (pages_router(), portal_router()):
        for route in iter_route_contexts(router.routes):
            path = route.path or ""
            if "GET" in (route.methods or set()) and not _NOT_PAGES.search(path):
                found.add(re.sub(r"{[^}]+}", "{}", path))
    return {path for path in found if path.startswith(prefix)}


def route_pattern(path: str) -> str:
    """`/clients/3f…/notes/9a…` → `/clients/{}/notes/{}`: one kind of page."""
    return "/".join("{}" if _ID_SEGMENT.match(part) else part for part in path.split("/"))


@dataclass
class Walk:
    """One signed-in browser page auditing what it reaches; problems name the page by its
    route pattern only (never an id, a name or page text)."""

    page: Any
    who: str
    audited: set[str] = field(default_factory=set)
    visited: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def audit(self, label: str, phone_done: set[str]) -> None:
        if label in self.audited:
            return
        self.audited.add(label)
        self.problems += [f"{self.who} {label}: {p}" for p in accessibility_problems(self.page)]
        if label not in phone_done:
            phone_done.add(label)
            self.page.set_viewport_size(PHONE)
            self.problems += [f"{self.who} {label} (phone): {p}"
                              for p in accessibility_problems(self.page)]
            # No sideways scrolling at 390 px (tests/e2e/test_phone_width.py walks each role).
            width = self.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                self.problems.append(f"{self.who} {label} (phone): {width}px wide")
            self.page.set_viewport_size(DESKTOP)

    def open(self, path: str, phone_done: set[str]) -> None:
        self.page.goto(path)
        self.audit(route_pattern(urlsplit(self.page.url).path), phone_done)

    def crawl(self, start: str, phone_done: set[str], *, within: str = "/") -> None:
        """Open every same-site page reachable by links from `start` (query strings dropped)."""
        queue = [start]
        while queue:
            path = queue.pop(0)
            if path in self.visited:
                continue
            self.visited.add(path)
            assert len(self.visited) <= MAX_VISITS, f"{self.who}: more than {MAX_VISITS} pages"
            self.open(path, phone_done)
            for href in self.page.eval_on_selector_all("a[href]", _ALL_LINKS):
                target = urlsplit(href)
                if target.netloc or not target.path.startswith(within):
                    continue
                if _NOT_PAGES.search(target.path) or target.path in self.visited:
                    continue
                if within == "/" and target.path.startswith("/portal"):
                    continue
                queue.append(target.path)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("a11y"), password=PASSWORD, clients=3,
                     ready_path="/signin") as url:
        yield url


@pytest.fixture(scope="module")
def phone_done() -> set[str]:
    """Route patterns already audited at phone width (once each, whoever got there first)."""
    return set()


@pytest.fixture(scope="module")
def reached() -> set[str]:
    """Route patterns some walk audited, for the coverage check at the end."""
    return set()


@pytest.fixture
def audit_context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()


def sign_in(walk: Walk, username: str, phone_done: set[str]) -> None:
    walk.open("/signin", phone_done)
    walk.page.get_by_label("User name").fill(username)
    walk.page.get_by_label("Password").fill(PASSWORD)
    walk.page.get_by_role("button", name="Sign in").click()
    walk.page.wait_for_load_state()


def sign_out(page: Any) -> None:
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signin")


def chart_of_client_with_release(page: Any) -> str:
    """The chart path of the demo client who signed an authorization (clinician1's)."""
    page.goto("/clients")
    charts = {urlsplit(h).path for h in page.eval_on_selector_all("a[href]", _ALL_LINKS)
              if route_pattern(urlsplit(h).path) == "/clients/{}"}
    for chart in sorted(charts):
        page.goto(f"{chart}/releases")
        if page.locator("a[href*='/authorizations/']:not([href$='/new'])").count():
            return chart
    raise AssertionError("the demo practice has no client with an authorization")


def enrol_two_step(walk: Walk, begin_button: str, phone_done: set[str], *,
                   password: str = "") -> str:
    """Turn on two-step sign-in from the set-up page open in the walk; returns the secret."""
    page = walk.page
    before = route_pattern(urlsplit(page.url).path)
    if password:
        page.get_by_label("Your password").fill(password)
    page.get_by_role("button", name=begin_button).click()
    page.wait_for_load_state()
    walk.audit(f"{before} (setup key)", phone_done)
    secret = page.locator(".secret code").inner_text().replace(" ", "")
    page.get_by_label("Code from your app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    assert not page.url.endswith("/confirm"), "two-step set-up was not confirmed"
    walk.audit(f"{before} (on)", phone_done)
    return secret


@pytest.mark.timeout(1500)  # every page, for every role, at two widths: the suite's longest
def test_staff_pages_have_no_serious_accessibility_violation_when_each_role_walks_them(
    audit_context: BrowserContext, phone_done: set[str], reached: set[str]
) -> None:
    page = audit_context.new_page()
    problems: list[str] = []
    first_chart = ""
    for username in STAFF_ROLES:
        walk = Walk(page, username)
        sign_in(walk, username, phone_done)
        if username == "clinician1":
            first_chart = chart_of_client_with_release(page)
            walk.crawl(first_chart, phone_done)
            walk.open("/emergency-access", phone_done)
            walk.open(f"{first_chart}/consent/signed", phone_done)  # after signing in the office
            # A refused form: each field's error beside it (the browser's own checks skipped).
            page.goto("/clients/new")
            page.eval_on_selector("form.stack", "form => { form.noValidate = true; }")
            page.get_by_role("button", name="Create client").click()
            page.wait_for_load_state()
            walk.audit("/clients/new (refused)", phone_done)
            # A de-identified excerpt's preview and result (answers to a posted form).
            page.goto(f"{first_chart}/excerpts/new")
            page.locator("input[name='note_ids']").first.check()
            page.get_by_role("button", name="Preview").click()
            page.wait_for_load_state()
            walk.audit("/clients/{}/excerpts (preview)", phone_done)
            page.get_by_role("button", name="Produce the excerpt").click()
            page.wait_for_load_state()
            walk.audit("/clients/{}/excerpts (result)", phone_done)
            # Writing a note (docs/notes.md): the format switched with the text kept, a
            # refused future date beside its field, then signing's confirmation step.
            page.goto(f"{first_chart}/notes/new")
            page.get_by_label("Subjective").fill("Synthetic session for the accessibility walk.")
            page.get_by_label("Switch to").select_option("dap")
            page.get_by_role("button", name="Switch format").click()
            page.wait_for_load_state()
            walk.audit("/clients/{}/notes/new (switched)", phone_done)
            page.get_by_label("Session date").fill("2999-01-01")
            page.eval_on_selector("form.stack", "form => { form.noValidate = true; }")
            page.get_by_role("button", name="Save draft").click()
            page.wait_for_load_state()
            walk.audit("/clients/{}/notes/new (refused)", phone_done)
            page.get_by_label("Session date").fill("2020-01-06")
            page.get_by_role("button", name="Save and sign").click()
            page.wait_for_url("**/notes/*/sign*")
            walk.audit(route_pattern(urlsplit(page.url).path), phone_done)
            # Measures (docs/measures.md): the questions, refused with nothing answered, then a
            # PHQ-9 with question 9 above 0: the flag and the trend on the tab and on Today.
            page.goto(f"{first_chart}/measures/new?instrument=PHQ-9")
            walk.audit("/clients/{}/measures/new (questions)", phone_done)
            page.get_by_role("button", name="Save the measure").click()
            page.wait_for_load_state()
            walk.audit("/clients/{}/measures/new (refused)", phone_done)
            for item in range(1, 10):
                page.locator(f"#item_{item}-1").check()
            page.get_by_role("button", name="Save the measure").click()
            page.wait_for_url("**/measures?done=flagged")
            walk.audit("/clients/{}/measures (flag and trend)", phone_done)
            page.goto("/today")
            walk.audit("/today (safety flag)", phone_done)
        if username == "clinician2":
            # Off that client's care team: the chart offers to break the glass; then it is
            # broken, so the owner has a grant to review.
            page.goto(first_chart)
            walk.audit("/clients/{} (break glass)", phone_done)
            page.get_by_label(re.compile("^Reason for emergency access")).fill(
                "Synthetic emergency for the accessibility test.")
            page.get_by_role("button", name="Open the chart in an emergency").click()
            page.wait_for_url(f"**{first_chart}")
            walk.audit("/clients/{} (emergency grant)", phone_done)
            walk.page.goto("/no-such-page")
            walk.audit("error page", phone_done)
            problems += walk.problems
            page.context.clear_cookies()
            continue
        if username == "owner":
            # A draft consent version exists only once the owner starts one.
            page.goto("/practice/consent")
            page.get_by_role("button", name="Start a new draft from the current version").click()
            page.wait_for_url("**/practice/consent/versions/*")
            walk.crawl(urlsplit(page.url).path, phone_done)
            # The register of accounting suspensions (164.528(a)(2)), linked from the reviews.
            walk.open("/practice/suspensions", phone_done)
        walk.crawl("/", phone_done)
        if username == "billing":
            # The second sign-in step, after billing turns two-step sign-in on.
            page.goto("/account/mfa")
            enrol_two_step(walk, "Begin", phone_done)
            sign_out(page)
            sign_in(walk, username, phone_done)
            page.wait_for_url("**/signin/totp")
            walk.audit("/signin/totp", phone_done)
        problems += walk.problems
        reached |= walk.audited
        page.context.clear_cookies()

    assert not problems, "\n".join(problems)
    missing = page_routes("/") - page_routes("/portal") - reached
    assert not missing, f"pages no walk reached (add them to a walk): {sorted(missing)}"


@pytest.mark.timeout(900)
def test_portal_pages_have_no_serious_accessibility_violation_when_a_client_walks_them(
    browser: Browser, base_url: str, audit_context: BrowserContext, phone_done: set[str]
) -> None:
    problems: list[str] = []
    # clinician1 invites the client; the link reaches only the client's inbox.
    staff = Walk(audit_context.new_page(), "clinician1")
    sign_in(staff, "clinician1", phone_done)
    chart = chart_of_client_with_release(staff.page)
    # A check-in asked of the client, so the portal walk reaches its questions.
    staff.page.goto(f"{chart}/measures")
    staff.page.get_by_label("Ask the client to complete").select_option("PHQ-9")
    staff.page.get_by_role("button", name="Ask the client").click()
    staff.page.wait_for_url("**/measures?done=requested")
    staff.page.goto(f"{chart}/consent")
    seen = mail_server().count()
    staff.page.get_by_role("button", name="Invite to the portal").click()
    staff.page.wait_for_load_state()
    staff.audit("/clients/{}/portal-invitation (sent)", phone_done)
    invitation = link_path(mail_server().next_after(seen))
    problems += staff.problems

    # The client, in a browser of their own.
    client_context = browser.new_context(base_url=base_url, viewport=DESKTOP, bypass_csp=True)
    client_context.set_default_timeout(15_000)
    walk = Walk(client_context.new_page(), "client")
    page = walk.page
    try:
        walk.open(invitation, phone_done)
        page.get_by_label("Choose a user name").fill("a11y.client")
        page.get_by_label("Choose a password").fill(CLIENT_PASSWORD)
        page.get_by_label("Type the password again").fill(CLIENT_PASSWORD)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/portal?done=welcome")
        walk.crawl("/portal", phone_done, within="/portal")
        page.goto("/portal/consent")
        page.get_by_label("Type your full name as your signature").fill("A11y Client (synthetic)")
        page.get_by_label("I have read this form").check()
        page.get_by_role("button", name="Sign the consent form").click()
        page.wait_for_url("**/portal/consent?done=signed")
        walk.audit("/portal/consent (signed)", phone_done)
        page.goto("/portal/security")
        enrol_two_step(walk, "Turn on two-step sign-in", phone_done, password=CLIENT_PASSWORD)
        page.get_by_role("banner").get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/portal/signin*")
        walk.open("/portal/signin", phone_done)
        page.get_by_label("User name").fill("a11y.client")
        page.get_by_label("Password").fill(CLIENT_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/portal/signin/code")
        walk.audit("/portal/signin/code", phone_done)
        page.goto(invitation)
        walk.audit("/portal/invite/{} (used)", phone_done)
        walk.open("/portal/forgot-password", phone_done)
        seen = mail_server().count()
        page.get_by_label("User name").fill("a11y.client")
        page.get_by_role("button", name="E-mail me a link").click()
        page.wait_for_load_state()
        walk.audit("/portal/forgot-password (sent)", phone_done)
        walk.open(link_path(mail_server().next_after(seen)), phone_done)
        page.goto("/portal/no-such-page")
        walk.audit("/portal/{}", phone_done)
    finally:
        client_context.close()
    problems += walk.problems
    assert not problems, "\n".join(problems)
    missing = page_routes("/portal") - walk.audited
    assert not missing, f"portal pages the walk did not reach (add them): {sorted(missing)}"


def test_audit_names_rule_and_selector_but_never_page_text_when_a_page_breaks_wcag(
    browser: Browser,
) -> None:
    """Positive control: the check fails on known violations, and says nothing of the page."""
    marker = "Synthetic Person 555-0199"
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content(f"""<!doctype html><html lang="en"><head><title>control</title></head>
        <body><main><h1>Control</h1><p class="faint">{marker}</p>
        <input id="unlabelled" type="text" value="{marker}"></main></body></html>""")
    page.add_style_tag(content=".faint { color: #bbbbbb; background: #ffffff; }")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page, "control page")
    context.close()
    message = str(failure.value)
    assert "color-contrast [serious]" in message and "thresholds: p\n" in message
    assert "label [critical]" in message and "#unlabelled" in message
    assert marker not in message and "555" not in message


def test_violation_lines_blank_ids_and_addresses_when_selectors_carry_them() -> None:
    client_id = "3f2c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6"
    lines = describe([{"id": "link-name", "impact": "serious", "help": "Links must have text",
                       "targets": [f'a[href="/clients/{client_id}/notes"]',
                                   'a[href="mailto:jo.example@example.org"]',
                                   '#x1', '#x2', '#x3', '#x4']},
                      {"id": "region", "impact": "moderate", "help": "Not blocking",
                       "targets": ["div"]}])
    assert lines == ['link-name [serious] Links must have text: a[href="/clients/…/notes"], '
                     'a[href="…"], #x1, #x2 (+2 more)']
