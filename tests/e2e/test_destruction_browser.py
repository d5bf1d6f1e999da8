"""Discharge to destruction end to end: a real server (`closeddoor demo` + `closeddoor serve`),
a second owner added with `closeddoor user add`, and headless Chromium.

clinician1 discharges a client (the page shows the destruction-due date), the owner finds the
chart on the retention page and requests its destruction, cannot approve their own request,
owner2 approves, the chart is gone, and the audit shows the tombstone. Set
CLOSEDDOOR_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/destruction-*.png.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, closeddoor_command, demo_server

PASSWORD = "synthetic-destruction-browser-passphrase"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
Page = sync_api.Page
expect = sync_api.expect


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("destruction-e2e")
    with demo_server(work, password=PASSWORD, clients=2, ready_path="/signin") as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
        subprocess.run([*closeddoor_command(), "user", "add", "--username", "owner2",
                        "--role", "owner", "--display-name", "Sam Second Owner (demo)",
                        "--password", PASSWORD, "--data-dir", str(work / "data")],
                       check=True, env=env, capture_output=True, timeout=120)
        yield url


def signed_in(browser: sync_api.Browser, base_url: str, username: str) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/signin")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    return page


def test_chart_destroyed_from_discharge_to_second_owner_approval(
        browser: sync_api.Browser, base_url: str, screenshots: Path) -> None:
    clinician = signed_in(browser, base_url, "clinician1")
    clinician.goto("/clients")  # a clinician's home is Today; the caseload is its own page
    clinician.get_by_role("table").last.get_by_role("link").first.click()
    clinician.wait_for_url("**/clients/*")
    chart_url = clinician.url
    client_id = chart_url.rstrip("/").rsplit("/", 1)[1]
    clinician.get_by_role("link", name="Discharge and retention").click()
    clinician.get_by_label("Reason").fill("Treatment goals met; synthetic discharge.")
    clinician.get_by_role("button", name="Discharge").click()
    expect(clinician.get_by_text("The chart is discharged")).to_be_visible()
    expect(clinician.get_by_text("Due for destruction")).to_be_visible()
    clinician.screenshot(path=str(screenshots / "destruction-discharged.png"), full_page=True)

    owner = signed_in(browser, base_url, "owner")
    owner.get_by_role("link", name="Retention").click()
    row = owner.get_by_role("row").filter(has=owner.locator(f'a[href*="{client_id}"]'))
    expect(row).to_have_count(1)
    expect(row.get_by_text("waiting")).to_be_visible()
    owner.screenshot(path=str(screenshots / "destruction-retention.png"), full_page=True)
    row.get_by_role("link").click()
    owner.get_by_label("The chart was created in error").check()
    owner.get_by_label("Reason (at least 10 characters; destroyed with the chart)").fill(
        "Synthetic: this chart was opened for the wrong person.")
    owner.get_by_role("button", name="Request destruction").click()
    expect(owner.get_by_text("Destruction requested. Another owner must approve it.")
           ).to_be_visible()
    expect(owner.get_by_text("Waiting for another owner's approval.")).to_be_visible()
    expect(owner.get_by_role("button", name="Approve and destroy")).to_have_count(0)

    second = signed_in(browser, base_url, "owner2")
    second.get_by_role("link", name="Retention").click()
    expect(second.get_by_text("Synthetic: this chart was opened for the wrong person.")
           ).to_be_visible()
    second.screenshot(path=str(screenshots / "destruction-approval.png"), full_page=True)
    second.get_by_role("button", name="Approve and destroy").click()
    expect(second.get_by_text("The chart was destroyed")).to_be_visible()

    gone = clinician.goto(chart_url)
    assert gone is not None and gone.status == 404
    second.get_by_role("link", name="Audit").click()
    tombstone = second.get_by_role("row").filter(has_text="record:client:destroy")
    expect(tombstone.first).to_be_visible()
    second.screenshot(path=str(screenshots / "destruction-audit-tombstone.png"), full_page=True)
