"""The portal's Notice of Privacy Practices: read, download, acknowledge (bound to the text's
hash), and the chart sees it."""

from __future__ import annotations

from tests.factories import Practice, publish_notice
from tests.portal.helpers import PortalClient, hidden_value
from tests.web.helpers import visible_text


def test_client_reads_downloads_and_acknowledges_the_notice(practice: Practice,
                                                            client_a: PortalClient) -> None:
    browser = client_a.browser
    assert "Please read it and say that you received it" in browser.get("/portal").text
    page = browser.get("/portal/notice")
    assert page.status_code == 200
    assert "Acknowledge that you received it" in page.text
    pdf = browser.get("/portal/notice.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    unticked = browser.post("/portal/notice/acknowledge", {
        "version_id": hidden_value(page.text, "version_id"),
        "text_sha256": hidden_value(page.text, "text_sha256")})
    assert unticked.status_code == 422 and "has_read" in visible_text(unticked.text)
    done = browser.post("/portal/notice/acknowledge", {
        "version_id": hidden_value(page.text, "version_id"),
        "text_sha256": hidden_value(page.text, "text_sha256"), "has_read": "yes"})
    assert done.status_code == 200 and "Your acknowledgment is recorded" in done.text
    status = practice.services.notice.status(practice.actor("clinician1"), client_a.client_id)
    assert status.state == "acknowledged"
    (record,) = practice.services.notice.records(practice.actor("clinician1"),
                                                 client_a.client_id)
    assert record.text_sha256 == hidden_value(page.text, "text_sha256")
    assert "Please read it and say that you received it" not in browser.get("/portal").text


def test_acknowledgment_refused_when_notice_changed_while_page_open(
        practice: Practice, client_a: PortalClient) -> None:
    browser = client_a.browser
    page = browser.get("/portal/notice")
    publish_notice(practice.services, practice.actor("owner"))
    stale = browser.post("/portal/notice/acknowledge", {
        "version_id": hidden_value(page.text, "version_id"),
        "text_sha256": hidden_value(page.text, "text_sha256"), "has_read": "yes"})
    assert stale.status_code == 409
    assert practice.services.notice.records(practice.actor("clinician1"),
                                            client_a.client_id) == []
