"""Notes that are safe to write, end to end: a real server (`closeddoor demo` + `closeddoor
serve`) and headless Chromium, pages run with their strict CSP.

clinician1 types a SOAP note, switches it to free text (every word kept), picks an appointment
(the session date and service code fill in at once, by the static script), saves a draft (the
page says so, and shows the text once), signs it through the confirmation step that says what
signing locks; the chart folds the note under a summary that opens with one click. The
supervisor then finds it in the co-sign queue, reviews it and co-signs it; the note stays
locked. axe audits each new page at desktop and phone widths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.server import CHROMIUM, demo_server
from tests.e2e.test_disclosure_browser import STAFF_PASSWORD, open_chart, sign_in, sign_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Browser, BrowserContext, Page = sync_api.Browser, sync_api.BrowserContext, sync_api.Page
expect = sync_api.expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 860}
SUBJECTIVE = "Synthetic: slept better this week; walked twice."
PLAN = "Synthetic: keep the sleep diary; review in two weeks."
SESSION_DAY = "2026-01-05"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("notes-e2e"), password=STAFF_PASSWORD,
                     clients=2, ready_path="/signin") as url:
        yield url


def _audit_both_widths(page: Page, name: str) -> None:
    assert_accessible(page, name)
    page.set_viewport_size(PHONE)
    assert_accessible(page, f"{name} (phone)")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    widest = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > 391)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert width <= PHONE["width"] + 1, f"{name}: scrolls sideways at 390 px ({widest})"
    page.set_viewport_size(DESKTOP)


def test_note_written_safely_signed_after_confirming_and_cosigned(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    # bypass_csp only so axe can be injected (tests/e2e/axe.py); the pages run as served.
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    sign_in(page, "clinician1")
    chart = open_chart(page, 0)

    page.goto(f"{chart.path}/notes/new")
    page.get_by_label("Subjective").fill(SUBJECTIVE)
    page.get_by_label("Plan").fill(PLAN)
    page.get_by_label("Switch to").select_option("free")
    page.get_by_role("button", name="Switch format").click()
    page.wait_for_load_state()
    body = page.get_by_role("textbox", name="Note")
    expect(body).to_have_value(re.compile("Subjective: " + re.escape(SUBJECTIVE)))
    expect(body).to_have_value(re.compile(re.escape(PLAN)))
    expect(page.get_by_role("status")).to_contain_text("Everything you typed is kept")
    _audit_both_widths(page, "note form (switched)")

    choice = page.get_by_label("Appointment (optional)")
    options = choice.locator("option[data-date]")
    if options.count():  # the demo books sessions; the script fills date and code at once
        first = options.first
        choice.select_option(first.get_attribute("value") or "")
        expect(page.get_by_label("Session date")).to_have_value(
            first.get_attribute("data-date") or "")
        code = first.get_attribute("data-code")
        if code:
            expect(page.locator("[data-service-code]")).to_have_text(
                f"Service code {code} (from the appointment).")
        # The no-script button is hidden once the script runs.
        expect(page.get_by_role("button", name="Use this appointment's date and code")
               ).to_be_hidden()
        choice.select_option("")
    page.get_by_label("Session date").fill(SESSION_DAY)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/notes/*?saved=draft")
    expect(page.get_by_role("status")).to_contain_text("The draft was saved.")
    assert page.content().count(SUBJECTIVE) == 1  # the draft's text shows once
    page.screenshot(path=screenshots / "note-draft-saved.png", full_page=True)
    note_path = page.url.split("?")[0].split(base_url, 1)[-1] or page.url

    page.get_by_role("link", name="Sign as it is").click()
    page.wait_for_url("**/notes/*/sign")
    expect(page.get_by_role("heading", name="Sign this note?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("its text can no longer change")
    _audit_both_widths(page, "sign confirmation")
    page.screenshot(path=screenshots / "note-sign-confirm.png", full_page=True)
    page.get_by_role("button", name="Sign and lock this note").click()
    page.wait_for_url("**/notes/*?saved=signed")
    expect(page.get_by_role("status")).to_contain_text("The note was signed and locked.")

    page.goto(chart.path)
    note = page.locator("article.note", has_text=SESSION_DAY).first
    details = note.locator("details.note-body")
    expect(details).not_to_have_attribute("open", "")
    expect(note.get_by_text(PLAN)).to_be_hidden()
    note.get_by_text("Show the full note").click()
    expect(note.get_by_text(PLAN)).to_be_visible()
    page.screenshot(path=screenshots / "chart-notes-folded.png", full_page=True)
    sign_out(page)

    sign_in(page, "supervisor")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="To co-sign").click()
    page.wait_for_url("**/cosign")
    _audit_both_widths(page, "co-sign queue")
    page.screenshot(path=screenshots / "cosign-queue.png", full_page=True)
    review = page.locator(f"a[href$='{note_path.rsplit('/notes/', 1)[-1]}']")
    expect(review).to_have_count(1)
    review.click()
    page.wait_for_url("**/notes/*")
    expect(page.locator("main")).to_contain_text(PLAN)
    page.get_by_role("button", name="Co-sign this note").click()
    page.wait_for_url("**/notes/*?saved=cosigned")
    expect(page.get_by_role("status")).to_contain_text("Your co-signature was recorded.")
    expect(page.locator("article.note .meta").first).to_contain_text("co-signed by")
    _audit_both_widths(page, "co-signed note")
    page.goto("/cosign")
    expect(page.locator(f"a[href$='{note_path.rsplit('/notes/', 1)[-1]}']")).to_have_count(0)
    assert not script_errors, script_errors
    context.close()
