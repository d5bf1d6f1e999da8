"""The portal's pages for a signed-in client: home, the consent form and signing it, the
record and its downloads, contact choices and the access history."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from pypdf import PdfReader

from closeddoor.audit.tags import AuditTag
from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.web.portal.choices import VISITS_PER_PAGE
from tests.factories import NoteFactory, Practice, marker, publish_reviewed_version
from tests.portal.helpers import PortalClient, hidden_value, portal_client

PAGES = ("/portal", "/portal/consent", "/portal/record", "/portal/preferences",
         "/portal/access-history", "/portal/security")


def pdf_text(body: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(body)).pages)


def _sign(client: PortalClient, **fields: str) -> httpx.Response:
    page = client.browser.get("/portal/consent").text
    data = {"version_id": hidden_value(page, "version_id"),
            "text_sha256": hidden_value(page, "text_sha256"),
            "signer_name": "Synthetic Signer", "has_read": "yes", **fields}
    return client.browser.post("/portal/consent/sign", data)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_inline_script_or_style_when_shown(client_a: PortalClient,
                                                       path: str) -> None:
    page = client_a.browser.get(path)
    assert page.status_code == 200
    assert "<script" not in page.text and "style=" not in page.text
    assert "<style" not in page.text
    assert page.headers["cache-control"] == "no-store"


def test_home_asks_for_a_signature_when_consent_never_signed(client_a: PortalClient) -> None:
    home = client_a.browser.get("/portal").text
    assert "Your consent form: Not signed yet" in home
    assert 'href="/portal/consent"' in home


def test_consent_page_carries_version_and_hash_of_exactly_the_text_shown(
    practice: Practice, client_a: PortalClient,
) -> None:
    page = client_a.browser.get("/portal/consent").text
    actor = practice.actor("clinician1")
    form = practice.services.consent.form(actor, client_a.client_id)
    assert hidden_value(page, "version_id") == form.version_id
    assert hidden_value(page, "text_sha256") == form.rendered.sha256
    assert f"<code>{form.rendered.sha256}</code>" in page  # the fingerprint under the text
    for section in form.rendered.sections:
        assert section.key in page
    assert 'href="/portal/consent.pdf"' in page


def test_signature_recorded_when_client_signs_the_current_text(
    practice: Practice, client_a: PortalClient,
) -> None:
    response = _sign(client_a, signer_name="  Synthetic   Signer ")
    assert response.status_code == 200
    assert "Your signature is recorded" in response.text
    signatures = practice.services.consent.signatures(practice.actor("clinician1"),
                                                      client_a.client_id)
    assert [(s.signer_name, s.method, s.signer_kind) for s in signatures] == [
        ("Synthetic Signer", "portal", "client")]
    assert "Your consent form: Signed" in client_a.browser.get("/portal").text
    assert 'action="/portal/consent/sign"' not in client_a.browser.get("/portal/consent").text


def test_signature_refused_when_text_changed_since_it_was_shown(
    practice: Practice, client_a: PortalClient,
) -> None:
    page = client_a.browser.get("/portal/consent").text
    owner = practice.actor("owner")
    publish_reviewed_version(practice.services, owner)
    response = client_a.browser.post("/portal/consent/sign", {
        "version_id": hidden_value(page, "version_id"),
        "text_sha256": hidden_value(page, "text_sha256"),
        "signer_name": "Synthetic Signer", "has_read": "yes"})
    assert response.status_code == 409
    assert "changed since it was shown" in response.text
    new_form = practice.services.consent.form(owner, client_a.client_id)
    assert hidden_value(response.text, "version_id") == new_form.version_id
    assert practice.services.consent.signatures(owner, client_a.client_id) == []


def test_signature_refused_when_hash_is_not_of_the_text_shown(
    practice: Practice, client_a: PortalClient,
) -> None:
    response = _sign(client_a, text_sha256="0" * 64)
    assert response.status_code == 409
    assert practice.services.consent.signatures(practice.actor("owner"),
                                                client_a.client_id) == []


def test_signature_refused_when_reading_is_not_confirmed(
    practice: Practice, client_a: PortalClient,
) -> None:
    response = _sign(client_a, has_read="")
    assert response.status_code == 422
    assert "has_read" in response.text
    assert 'value="Synthetic Signer"' in response.text
    assert practice.services.consent.signatures(practice.actor("owner"),
                                                client_a.client_id) == []


def test_guardian_signs_when_client_is_a_young_minor(practice: Practice) -> None:
    minor = portal_client(practice, "young.client", date_of_birth=date(2016, 5, 1).isoformat())
    page = minor.browser.get("/portal/consent").text
    assert "signed by the client's parent or guardian" in page
    assert hidden_value(page, "signer_kind") == "guardian"
    assert _sign(minor, signer_kind="client").status_code == 422
    no_relation = _sign(minor, signer_kind="guardian")
    assert no_relation.status_code == 422
    assert "guardian_relation" in no_relation.text
    assert _sign(minor, signer_kind="guardian",
                 guardian_relation="mother").status_code == 200
    [signature] = practice.services.consent.signatures(practice.actor("owner"), minor.client_id)
    assert (signature.signer_kind, signature.guardian_relation) == ("guardian", "mother")


def test_signer_chooses_when_either_may_sign(practice: Practice) -> None:
    # In California a teen may sign alone only once the clinician recorded the maturity
    # finding (Health & Safety Code 124260); until then the page asks for a guardian.
    practice.services.consent.set_jurisdiction(practice.actor("owner"), "US-CA")
    publish_reviewed_version(practice.services, practice.actor("owner"))
    teen = portal_client(practice, "teen.client", date_of_birth=date(2010, 5, 1).isoformat())
    page = teen.browser.get("/portal/consent").text
    assert hidden_value(page, "signer_kind") == "guardian"
    practice.services.representatives.record_finding(
        practice.actor("clinician1"), teen.client_id,
        {"ground": minor_consent_grounds(load_jurisdiction("US-CA"))[0],
         "note": "Synthetic: understands the treatment."})
    page = teen.browser.get("/portal/consent").text
    assert 'id="signer-client"' in page and 'id="signer-guardian"' in page
    assert _sign(teen, signer_kind="client").status_code == 200


def test_consent_downloads_as_pdf_without_a_name_in_the_file_name(
    practice: Practice, client_a: PortalClient,
) -> None:
    response = client_a.browser.get("/portal/consent.pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="consent-v1.pdf"'
    form = practice.services.consent.form(practice.actor("owner"), client_a.client_id)
    text = pdf_text(response.content)
    assert form.rendered.sections[0].title.split()[0] in text


def _chart(practice: Practice, client_id: str) -> dict[str, str]:
    """A signed note with an addendum, a draft, a psychotherapy note and an appointment."""
    texts = {name: marker(name) for name in ("signed", "addendum", "draft", "process", "room")}
    signed = NoteFactory.progress(practice, client_id, body=texts["signed"])
    NoteFactory.addendum(practice, client_id, signed, body=texts["addendum"])
    NoteFactory.progress(practice, client_id, body=texts["draft"], sign=False)
    NoteFactory.psychotherapy(practice, client_id, body=texts["process"])
    practice.services.charts.create_appointment(practice.actor("clinician1"), client_id, {
        "starts_at": datetime(2026, 3, 9, 10, tzinfo=UTC), "room": texts["room"][:40],
        "cpt_code": "90834", "fee_cents": 15000})
    return texts


def test_record_shows_signed_notes_and_never_drafts_or_psychotherapy_notes(
    practice: Practice, client_a: PortalClient,
) -> None:
    texts = _chart(practice, client_a.client_id)
    page = client_a.browser.get("/portal/record").text
    as_json = client_a.browser.get("/portal/record.json")
    as_pdf = client_a.browser.get("/portal/record.pdf")
    pdf = pdf_text(as_pdf.content).replace("\n", " ")
    for view in (page, as_json.text, pdf):
        assert client_a.data["given_name"] in view and client_a.data["family_name"] in view
        assert texts["signed"] in view and texts["addendum"] in view
        assert texts["room"][:40] in view
        assert "Casey Clinician (demo)" in view
        assert texts["draft"] not in view and texts["process"] not in view
    for download in (as_json, as_pdf):
        disposition = download.headers["content-disposition"]
        assert re.fullmatch(r'attachment; filename="my-record-\d{4}-\d\d-\d\d\.(json|pdf)"',
                            disposition)
    document = json.loads(as_json.text)
    assert [n["addenda"][0]["body"] for n in document["progress_notes"]] == [texts["addendum"]]
    assert document["appointments"][0]["clinician"] == "Casey Clinician (demo)"


def test_record_pdf_stays_readable_when_text_is_outside_latin_1(
    practice: Practice, client_a: PortalClient,
) -> None:
    NoteFactory.progress(practice, client_a.client_id, body="Ζωή — 生活 — ok ✓ done")
    response = client_a.browser.get("/portal/record.pdf")
    assert response.status_code == 200
    assert "done" in pdf_text(response.content)


def test_choices_saved_when_valid(practice: Practice, client_a: PortalClient) -> None:
    saved = client_a.browser.post("/portal/preferences", {
        "telehealth": "granted", "recording": "refused", "teaching": "unanswered",
        "text_reminders": "yes", "reminder_phone": "555 0100 321"})
    assert saved.url.path == "/portal/preferences"
    assert "Your choices are saved" in saved.text
    chosen = practice.services.consent.preferences(practice.actor("clinician1"),
                                                   client_a.client_id)
    assert (chosen.telehealth, chosen.recording, chosen.text_reminders, chosen.voicemail) == (
        "granted", "refused", True, False)
    assert chosen.reminder_phone == "555 0100 321"
    assert 'id="telehealth-granted" name="telehealth" value="granted" checked' in saved.text


def test_choices_unchanged_and_explained_when_invalid(practice: Practice,
                                                      client_a: PortalClient) -> None:
    response = client_a.browser.post("/portal/preferences", {"voicemail": "yes",
                                                             "telehealth": "granted"})
    assert response.status_code == 422
    assert "enter a phone number, or untick voicemail" in response.text
    assert 'id="voicemail" name="voicemail" value="yes" checked' in response.text
    chosen = practice.services.consent.preferences(practice.actor("owner"), client_a.client_id)
    assert chosen.telehealth == "unanswered" and not chosen.voicemail


def test_access_history_lists_each_staff_visit_with_name_role_and_reason(
    practice: Practice, client_a: PortalClient,
) -> None:
    # Opening the chart is itself an access the client sees, with who did it.
    created = client_a.browser.get("/portal/access-history").text
    assert "Casey Clinician (demo)" in created and "opened a new chart" in created
    practice.services.charts.get_client(practice.actor("clinician1"), client_a.client_id)
    reason = f"Synthetic emergency {marker('why')}"
    practice.services.break_glass.open(practice.actor("clinician2"), client_a.client_id, reason)
    practice.services.charts.get_client(practice.actor("clinician2"), client_a.client_id)
    page = client_a.browser.get("/portal/access-history").text
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr")[1:]
    assert len(rows) == 2
    assert "Jordan Clinician (demo)" in rows[0] and "Emergency access" in rows[0]
    assert f"Reason given: “{reason}”" in rows[0]
    assert "Casey Clinician (demo)" in rows[1] and "Part of your care team" in rows[1]
    assert "Clinician" in rows[1] and "chart" in rows[1] and "Reason given" not in rows[1]


def test_access_history_pages_walk_every_visit_once_and_a_changed_link_shows_the_first(
    practice: Practice, client_a: PortalClient,
) -> None:
    """More visits than a page holds: newest first, older and newer links that together meet
    every visit once; a changed link answers 422 with the newest page, before any reading."""
    reader = practice.actor("clinician1")
    for _ in range(VISITS_PER_PAGE + 3):  # each read a visit of its own: 16 minutes apart
        practice.clock.advance(timedelta(minutes=16))
        practice.services.charts.get_client(reader, client_a.client_id)
    client_a.browser.sign_in(client_a.username)  # hours went by: the session timed out

    def rows(page: str) -> list[str]:
        return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr")[1:]

    first = client_a.browser.get("/portal/access-history").text
    assert len(rows(first)) == VISITS_PER_PAGE and "Newer visits" not in first
    older = re.search(r'href="(/portal/access-history\?cursor=[^"]+)" rel="next"', first)
    assert older is not None
    second = client_a.browser.get(older.group(1).replace("&amp;", "&")).text
    assert len(rows(second)) >= 3 and 'rel="prev"' in second and 'rel="next"' not in second
    assert not set(rows(first)) & set(rows(second))

    audited = practice.services.runtime.audit.events(limit=1)[0].seq
    changed = client_a.browser.get("/portal/access-history?cursor=" + "A" * 40)
    assert changed.status_code == 422
    assert "That page link is not valid" in changed.text
    assert len(rows(changed.text)) == VISITS_PER_PAGE
    # the refused link read nothing before the newest page was read (one read, audited)
    newer = practice.services.runtime.audit.events(limit=5, after=audited)
    assert [e.entry.tag for e in newer].count(AuditTag.PORTAL_ACCESS_HISTORY_READ.value) == 1
