"""De-identified excerpts end to end: a real server (`closeddoor demo` + `closeddoor serve`) and
headless Chromium.

A clinician writes a note that names the client, her sister, a phone number and a date, then
makes a consultation excerpt of it: the preview highlights each identifier by category, the
clinician adds a phrase the engine did not know, and the excerpt carries tags instead of every
identifier. Set CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/excerpt-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, demo_server

PASSWORD = "synthetic-excerpt-browser-passphrase"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Page = sync_api.Page
expect = sync_api.expect


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("excerpt-e2e"), password=PASSWORD, clients=2,
                     ready_path="/signin") as url:
        yield url


@pytest.fixture
def page(browser: sync_api.Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_consultation_excerpt_from_preview_to_tagged_text(page: Page, screenshots: Path) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill("clinician1")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/clients")  # home is Today or the day's calendar
    page.get_by_role("table").last.get_by_role("link").first.click()
    page.wait_for_url("**/clients/*")
    name = (page.locator(".chart-header h1").text_content() or "").split(" (")[0].strip()
    given = name.split()[0]

    page.get_by_role("link", name="Write a note").click()
    page.get_by_label("Switch to").select_option("free")
    page.get_by_role("button", name="Switch format").click()
    page.wait_for_load_state()
    # The practice's today (the field's latest allowed day), not UTC's: after midnight UTC the
    # practice's day can still be the one before, and a later session date is refused.
    session_day = page.get_by_label("Session date").get_attribute("max")
    assert session_day
    page.get_by_label("Session date").fill(session_day)
    page.get_by_role("textbox", name="Note").fill(
        f"{given} said her sister Rosalind drove her in; they argued at Maple Grove Diner. "
        f"{given}'s new number is 555-867-5309. Her intake on March 3rd went well. "
        "She practised paced breathing at the old boathouse.")
    page.get_by_role("button", name="Save and sign").click()
    page.wait_for_url("**/notes/*/sign*")
    page.get_by_role("button", name="Sign and lock this note").click()
    page.wait_for_url("**/notes/*?saved=signed")

    page.get_by_role("link", name="De-identified excerpt").click()
    page.get_by_label(f"Progress note, {session_day}").first.check()
    page.get_by_label("Consultation").check()
    page.get_by_role("button", name="Preview").click()
    marks = page.locator("mark.deid")
    expect(marks.first).to_be_visible()
    # Each mark's text ends with its category in words, for screen readers.
    found = {(m.get_attribute("data-label"),
              (m.text_content() or "").rsplit(" (", 1)[0]) for m in marks.all()}
    assert ("NAME", given) in found
    assert ("NAME", "Rosalind") in found
    assert ("PHONE", "555-867-5309") in found
    assert any(label == "DATE" for label, _ in found)
    page.screenshot(path=str(screenshots / "excerpt-preview.png"), full_page=True)

    page.get_by_label("Also redact").fill("old boathouse")
    page.get_by_label("Category for those phrases").select_option("LOCATION")
    page.get_by_role("button", name="Produce the excerpt").click()
    text = page.locator("pre.excerpt-text").text_content() or ""
    for identifier in (given, "Rosalind", "867-5309", "boathouse", "March 3rd"):
        assert identifier not in text
    assert "[NAME]" in text and "[PHONE]" in text and "[LOCATION]" in text
    assert "paced breathing" in text  # the clinical content stays
    expect(page.get_by_text("1 added, 0 kept visible")).to_be_visible()
    page.screenshot(path=str(screenshots / "excerpt-result.png"), full_page=True)
