"""A real server (`closeddoor demo` + `closeddoor serve`) driven by headless Chromium.

The scenario from the issue: what each role sees of one client's chart, end to end, through
the same pages a person uses. Screenshots go to a temporary folder; set
CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh the ones in docs/screenshots/.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, demo_server

PASSWORD = "synthetic-browser-test-passphrase"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("e2e"), password=PASSWORD, clients=6,
                     ready_path="/signin") as url:
        yield url



@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 860})
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()



def sign_in(page: Page, username: str) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/clients")  # "/" is Today for a clinician, the practice's day for the desk
    assert page.get_by_role("heading", level=1).inner_text() in ("My caseload", "Clients")


def sign_out(page: Page) -> None:
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signin")


def open_first_client(page: Page) -> tuple[str, str]:
    """Open the first chart on the caseload; returns (chart path, family name)."""
    page.get_by_role("table").last.get_by_role("link").first.click()
    page.wait_for_url("**/clients/*")
    path = "/" + page.url.split("/", 3)[3]
    family = page.locator("dt:has-text('Family name') + dd").inner_text()
    return path, family


def test_each_role_sees_only_what_policy_allows_when_using_the_pages(
    page: Page, screenshots: Path
) -> None:
    progress_marker = f"progress-marker-{uuid.uuid4().hex[:10]}"
    addendum_marker = f"addendum-marker-{uuid.uuid4().hex[:10]}"
    process_marker = f"process-marker-{uuid.uuid4().hex[:10]}"

    page.goto("/signin")
    page.screenshot(path=screenshots / "sign-in.png")
    sign_in(page, "clinician1")
    page.screenshot(path=screenshots / "caseload.png")
    chart, family_name = open_first_client(page)

    # clinician1 writes and signs a SOAP note, then corrects it with an addendum.
    page.get_by_role("link", name="Write a note").click()
    page.get_by_label("Subjective").fill(f"Synthetic session. {progress_marker}")
    page.get_by_label("Plan").fill("Practise the breathing exercise daily.")
    page.get_by_role("button", name="Save and sign").click()
    page.wait_for_url("**/notes/*/sign*")  # signing asks first, saying what it locks
    page.get_by_role("button", name="Sign and lock this note").click()
    page.wait_for_url("**/notes/*?saved=signed")
    assert progress_marker in page.content()
    assert page.locator(".badge.signed").count() == 1
    page.get_by_label("Addendum", exact=True).fill(f"Correction to the plan. {addendum_marker}")
    page.get_by_role("button", name="Add addendum").click()
    page.wait_for_url("**/notes/*")
    assert addendum_marker in page.locator(".addenda").inner_text()
    page.screenshot(path=screenshots / "note.png", full_page=True)
    page.goto(chart)
    page.screenshot(path=screenshots / "chart.png")
    sign_out(page)

    # billing: the appointments, found by a name search that never touches the URL; no notes.
    sign_in(page, "billing")
    page.get_by_label("Full, given or family name").fill(family_name)
    page.get_by_role("button", name="Search").click()
    assert family_name not in page.url
    page.locator(f"a[href='{chart}']").first.click()
    page.wait_for_url(f"**{chart}")
    appointments = page.locator("#appointments table").inner_text()
    assert "90834" in appointments and "$150.00" in appointments
    content = page.content()
    for hidden in (progress_marker, addendum_marker, "Client described", "Progress notes"):
        assert hidden not in content
    sign_out(page)

    # clinician1 keeps a psychotherapy (process) note: theirs alone.
    sign_in(page, "clinician1")
    page.goto(chart)
    page.get_by_role("link", name="My psychotherapy notes").click()
    page.get_by_label("Note (visible to you alone)").fill(f"My reactions. {process_marker}")
    page.get_by_role("button", name="Save psychotherapy note").click()
    page.wait_for_url("**/psychotherapy-notes")
    assert process_marker in page.content()
    sign_out(page)

    # supervisor of clinician1: reads the progress note and addendum, never the process note.
    sign_in(page, "supervisor")
    page.goto(chart)
    content = page.content()
    assert progress_marker in content and addendum_marker in content
    assert process_marker not in content and "Process note:" not in content
    page.get_by_role("link", name="My psychotherapy notes").click()
    page.wait_for_url("**/psychotherapy-notes")
    content = page.content()
    assert process_marker not in content and "Process note:" not in content
    assert "Psychotherapy notes are not available to your role." in content
    sign_out(page)


def test_post_without_csrf_token_is_refused_and_changes_nothing(
    page: Page, context: BrowserContext
) -> None:
    sign_in(page, "clinician1")
    chart, _ = open_first_client(page)
    marker = f"forged-marker-{uuid.uuid4().hex[:10]}"
    target = f"{chart}/psychotherapy-notes"
    missing = context.request.post(target, form={"body": marker}, max_redirects=0)
    forged = context.request.post(target, form={"body": marker, "csrf_token": "forged"},
                                  max_redirects=0)
    assert (missing.status, forged.status) == (403, 403)
    page.goto(target)
    assert marker not in page.content()


def test_typing_a_note_sends_keepalive_under_the_csp_when_writing(page: Page) -> None:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    sign_in(page, "clinician1")
    open_first_client(page)
    page.get_by_role("link", name="Write a note").click()
    with page.expect_response("**/session/keepalive") as keepalive:
        page.get_by_label("Subjective").press_sequentially("Synthetic words.")
    assert keepalive.value.status == 204
    assert page.locator("[data-session-lost]").is_hidden()
    assert not violations


def test_chart_url_redirects_to_signin_when_signed_out(page: Page) -> None:
    sign_in(page, "clinician1")
    chart, _ = open_first_client(page)
    sign_out(page)
    page.goto(chart)
    assert page.url.endswith("/signin")
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_screenshots_are_small_when_taken(screenshots: Path) -> None:
    for name in ("sign-in.png", "caseload.png", "chart.png", "note.png"):
        shot = screenshots / name
        if shot.exists():
            assert shot.stat().st_size < 400_000, name
