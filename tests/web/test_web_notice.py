"""The Notice of Privacy Practices pages: the public notice (no sign-in), the owner's versions
(draft, complete, review, publish), and the chart's status with office recording."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import text

from tests.web.helpers import Practice, csrf_token, visible_text


def _audit_events(practice: Practice) -> int:
    with practice.services.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one())


def test_public_notice_readable_and_downloadable_without_signing_in(practice: Practice) -> None:
    browser = practice.browser()
    before = _audit_events(practice)
    page = browser.get("/notice")
    assert page.status_code == 200
    assert "set-cookie" not in page.headers  # no session, nothing of any client
    assert _audit_events(practice) == before
    shown = visible_text(page.text)
    assert "THIS NOTICE DESCRIBES HOW MEDICAL INFORMATION ABOUT YOU MAY BE USED" in shown
    assert "Demo notice" in shown  # the demo's unreviewed notice says so on every view
    pdf = browser.get("/notice.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    words = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Your rights" in words and "Complaints" in words
    assert "<script" not in page.text and " style=" not in page.text  # strict CSP holds


def test_owner_drafts_reviews_and_publishes_a_notice_on_the_pages(practice: Practice) -> None:
    owner = practice.browser("owner")
    created = owner.post("/practice/notice/drafts", {"from": "default"})
    assert created.status_code == 200, created.text  # followed to the draft's page
    assert "Before it can be reviewed" in created.text
    path = str(created.url.path)
    version_id = path.rsplit("/", 1)[1]
    version = practice.services.notice.version(practice.user("owner").actor, version_id)
    fields: dict[str, str] = {"title": version.document.title, "contact": "",
                              "effective_on": "not a date"}
    for s in version.document.sections:
        fields |= {f"{s.key}-title": s.title, f"{s.key}-body": s.body,
                   f"{s.key}-citations": "\n".join(s.citations)}
    refused = owner.post(path, fields)
    assert refused.status_code == 422
    assert "effective_on" in visible_text(refused.text)
    fields |= {"contact": "Synthetic Privacy Officer, 555-0199",
               "effective_on": practice.clock.now().date().isoformat()}
    saved = owner.post(path, fields)
    assert saved.status_code == 200 and "The draft was saved." in saved.text
    refused = owner.post(f"{path}/publish", {"confirm": "on"})
    assert refused.status_code == 403
    sha = practice.services.notice.version(practice.user("owner").actor,
                                           version_id).rendered.sha256
    reviewed = owner.post(f"{path}/review", {"reviewed_by": "Synthetic Counsel",
                                             "reviewed_on": "2026-01-02", "text_sha256": sha})
    assert reviewed.status_code == 200 and "Publishing is final" in reviewed.text
    published = owner.post(f"{path}/publish", {"confirm": "on"})
    assert published.status_code == 200 and "now the notice in effect" in published.text
    current = practice.services.notice.current()
    assert current is not None and current.version_id == version_id
    assert "Synthetic Privacy Officer" in visible_text(practice.browser().get("/notice").text)


def test_notice_versions_page_refused_when_not_owner(practice: Practice) -> None:
    for who in ("clinician1", "billing"):
        response = practice.browser(who).get("/practice/notice")
        assert response.status_code == 403, who


def test_chart_warns_then_shows_acknowledged_when_front_desk_records_it(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.user("clinician1").actor
    appointments = practice.services.charts.list_appointments(clinician, client_id)
    practice.services.charts.set_appointment_status(clinician, client_id,
                                                    appointments[0].appointment_id, "attended")
    billing = practice.browser("billing")
    chart = billing.get(f"/clients/{client_id}")
    assert "A session has taken place" in visible_text(chart.text)
    page = billing.get(f"/clients/{client_id}/notice")
    assert page.status_code == 200
    current = practice.services.notice.current()
    assert current is not None
    missing = billing.post(f"/clients/{client_id}/notice/acknowledgment", {
        "version_id": current.version_id, "text_sha256": current.rendered.sha256,
        "signer_name": ""})
    assert missing.status_code == 422 and "signer_name" in visible_text(missing.text)
    stale = billing.post(f"/clients/{client_id}/notice/acknowledgment", {
        "version_id": current.version_id, "text_sha256": "0" * 64, "signer_name": "A Signer"})
    assert stale.status_code == 409
    done = billing.post(f"/clients/{client_id}/notice/acknowledgment", {
        "version_id": current.version_id, "text_sha256": current.rendered.sha256,
        "signer_name": "Synthetic Signer"})
    assert done.status_code == 200 and "signed by Synthetic Signer" in visible_text(done.text)
    chart = billing.get(f"/clients/{client_id}")
    assert "Privacy notice: acknowledged" in visible_text(chart.text)
    assert csrf_token(chart.text)


def test_effort_documented_on_the_chart_page(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    clinician = practice.browser("clinician1")
    current = practice.services.notice.current()
    assert current is not None
    refused = clinician.post(f"/clients/{client_id}/notice/effort", {
        "version_id": current.version_id, "text_sha256": current.rendered.sha256,
        "effort": "", "reason": ""})
    assert refused.status_code == 422
    said = visible_text(refused.text)
    assert "effort:" in said and "reason:" in said
    done = clinician.post(f"/clients/{client_id}/notice/effort", {
        "version_id": current.version_id, "text_sha256": current.rendered.sha256,
        "effort": "Handed the notice over at intake.", "reason": "Client declined to sign."})
    assert done.status_code == 200
    assert "good-faith effort documented" in visible_text(done.text)
