"""The releases-of-information pages: authorizations made, signed in the office and revoked;
disclosures requested under an authorization or a legal basis, the packet downloaded, the
second approval, the client told; the owner's review queue and settings; who sees what."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from closeddoor.disclosure.authorization import DEFAULT_STATEMENTS
from tests.web.helpers import Browser, Practice, visible_text

SHA = re.compile(r'name="text_sha256" value="([0-9a-f]{64})"')
AUTHORIZATION = {
    "categories": ["attendance", "progress_notes"], "records_from": "2020-01-01",
    "records_to": "2030-12-31", "discloser": "Web test practice (synthetic)",
    "recipient_name": "Dr. Casey Synthetic", "recipient_organization": "Synthetic Psychiatry",
    "recipient_contact": "fax 555-0100", "purpose": "Coordination of care",
    "expires_on": "2099-01-01", **DEFAULT_STATEMENTS,
}


def create_authorization(browser: Browser, client_id: str, **overrides: str | list[str]) -> str:
    created = browser.post(f"/clients/{client_id}/authorizations", AUTHORIZATION | overrides)
    assert created.status_code == 200, visible_text(created.text)
    assert created.history[0].status_code == 303  # redirected to the new authorization
    return created.url.path


def sign_in_office(browser: Browser, location: str) -> None:
    page = browser.get(location)
    match = SHA.search(page.text)
    assert match, "no signing form"
    signed = browser.post(f"{location}/sign", {"text_sha256": match.group(1),
                                               "signer_name": "Alex Synthetic",
                                               "signer_kind": "client", "confirm": "on"})
    assert signed.status_code == 200, visible_text(signed.text)
    assert "The authorization was signed." in visible_text(signed.text)


def test_missing_elements_are_named_on_the_authorization_form(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    refused = browser.post(f"/clients/{client_id}/authorizations",
                           AUTHORIZATION | {"purpose": "", "redisclosure": ""})
    assert refused.status_code == 422
    text = visible_text(refused.text)
    # Each missing element stands beside its own field, named in words (issue 14).
    assert "Purpose: required, fill it in" in text
    assert "Possibility of redisclosure: required, fill it in" in text
    assert 'aria-describedby="purpose-error"' in refused.text
    assert 'value="Dr. Casey Synthetic"' in refused.text  # what was typed stays


def test_authorized_disclosure_from_authorization_to_downloaded_packet(practice: Practice
                                                                      ) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    location = create_authorization(browser, client_id)
    assert "Read and sign" in browser.get(f"/clients/{client_id}/releases").text
    sign_in_office(browser, location)
    authorization_id = location.rsplit("/", 1)[1]
    form = browser.get(f"/clients/{client_id}/disclosures/new?authorization_id="
                       f"{authorization_id}")
    assert 'value="Dr. Casey Synthetic"' in form.text  # prefilled from the authorization
    requested = browser.post(f"/clients/{client_id}/disclosures", {
        "authority": "authorization", "authorization_id": authorization_id,
        "recipient_name": "Dr. Casey Synthetic", "recipient_organization": "Synthetic Psychiatry",
        "recipient_contact": "fax 555-0100", "purpose": "Coordination of care",
        "categories": ["progress_notes"], "records_from": "2020-01-01",
        "records_to": "2030-12-31"})
    assert requested.status_code == 200, visible_text(requested.text)
    disclosure = requested.url.path
    packet = browser.post(f"{disclosure}/packet")
    assert packet.status_code == 200
    assert packet.headers["content-type"] == "application/pdf"
    assert client_id not in packet.headers["content-disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(packet.content)).pages)
    assert "Dr. Casey Synthetic" in text and "Progress notes" in text
    page = visible_text(browser.get(disclosure).text)
    assert "released" in page and "Download the packet again" in page
    accounting = visible_text(browser.get(f"/clients/{client_id}/releases").text)
    assert "Dr. Casey Synthetic" in accounting and "Coordination of care" in accounting


def test_refused_disclosure_shows_why(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    location = create_authorization(browser, client_id)
    sign_in_office(browser, location)
    authorization_id = location.rsplit("/", 1)[1]
    refused = browser.post(f"/clients/{client_id}/disclosures", {
        "authority": "authorization", "authorization_id": authorization_id,
        "recipient_name": "Someone Else", "recipient_contact": "fax 555-0101",
        "purpose": "Coordination of care", "categories": ["attendance"]})
    assert refused.status_code == 403
    assert "names a different recipient" in visible_text(refused.text)
    revoked = browser.post(f"{location}/revoke")
    assert "nothing more leaves under it" in visible_text(revoked.text)
    assert "revoked" in visible_text(browser.get(f"/clients/{client_id}/releases").text)


def test_duty_to_warn_with_second_approval_review_and_client_told(practice: Practice) -> None:
    owner = practice.browser("owner")
    settings = owner.post("/practice/settings", {"disclosure_two_person": "on"})
    assert settings.status_code == 200
    assert practice.services.oversight.settings()["disclosure_two_person"] is True
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    step_one = visible_text(browser.get(f"/clients/{client_id}/disclosures/new").text)
    assert "Serious and imminent threat" in step_one and "Order of a court" in step_one
    form = browser.get(f"/clients/{client_id}/disclosures/new?legal_basis=serious_threat")
    assert 'name="threatened_party"' in form.text and 'name="court"' not in form.text
    body = {"authority": "legal-basis", "legal_basis": "serious_threat",
            "threatened_party": "A named synthetic person", "recipient_name": "Officer Synthetic",
            "threat_to": "person", "threat": "A stated plan to harm the named person soon.",
            "good_faith_belief": "Telling the police is needed to prevent the harm.",
            "recipient_type": "law_enforcement",
            "recipient_contact": "phone 555-0199", "purpose": "Warn and protect",
            "categories": ["demographics"],
            "justification": "A specific, imminent plan to harm an identified person was stated."}
    short = browser.post(f"/clients/{client_id}/disclosures", body | {"justification": "no"})
    assert short.status_code == 422 and "justification" in visible_text(short.text)
    requested = browser.post(f"/clients/{client_id}/disclosures", body)
    assert "pending approval" in visible_text(requested.text)
    disclosure = requested.url.path
    assert browser.post(f"{disclosure}/packet").status_code == 409  # awaits approval
    own = browser.post(f"{disclosure}/approval", {"decision": "approve"})
    assert own.status_code == 403
    assert "different staff member" in visible_text(own.text)
    approved = owner.post(f"{disclosure}/approval", {"decision": "approve"})
    assert approved.status_code == 200 and "Approved" in visible_text(approved.text)
    assert browser.post(f"{disclosure}/packet").status_code == 200
    blank = browser.post(f"{disclosure}/client-told", {"told": "no", "note": "  "})
    assert blank.status_code == 422
    assert 'id="note-error"' in blank.text and 'aria-invalid="true"' in blank.text
    assert 'id="told-no" name="told" value="no" checked' in blank.text  # the choice is kept
    assert "How they were told, or why not: say how the client was told" in visible_text(
        blank.text)
    told = browser.post(f"{disclosure}/client-told", {"told": "yes", "note": "Told in session."})
    assert "Told in session." in visible_text(told.text)
    queue = visible_text(owner.get("/practice/reviews").text)
    assert "Serious and imminent threat" in queue and "Told in session" not in queue
    disclosure_id = disclosure.rsplit("/", 1)[1]
    reviewed = owner.post(f"/practice/reviews/disclosures/{disclosure_id}",
                          {"comment": "Justified; the statute applies."})
    assert "No disclosure is waiting" in visible_text(reviewed.text)


def test_billing_sees_no_releases_and_cannot_reach_them(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    billing = practice.browser("billing")
    chart = billing.get(f"/clients/{client_id}")
    assert f"/clients/{client_id}/releases" not in chart.text
    page = visible_text(billing.get(f"/clients/{client_id}/releases").text)
    assert "not available to your role" in page
    assert billing.get(f"/clients/{client_id}/disclosures.pdf").status_code == 403


def test_fee_notice_set_on_the_settings_page_when_the_owner_saves_it(practice: Practice) -> None:
    owner = practice.browser("owner")
    saved = owner.post("/practice/settings", {
        "accounting_fee_notice": "A second accounting costs a synthetic $5."})
    assert saved.status_code == 200
    assert practice.services.oversight.fee_notice() == "A second accounting costs a synthetic $5."
    assert "A second accounting costs a synthetic $5." in saved.text
    refused = practice.browser("clinician1").post("/practice/settings", {
        "accounting_fee_notice": "Free for ever."})
    assert refused.status_code == 403
    assert practice.services.oversight.fee_notice() == "A second accounting costs a synthetic $5."


def test_oral_warning_shown_without_a_packet_button_when_recorded(practice: Practice) -> None:
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    form = browser.get(f"/clients/{client_id}/disclosures/new?legal_basis=serious_threat")
    assert 'name="recipient_type"' in form.text and 'name="oral_summary"' in form.text
    body = {"authority": "legal-basis", "legal_basis": "serious_threat",
            "threatened_party": "A named synthetic person", "threat_to": "person",
            "threat": "A stated plan to harm the named person soon.",
            "good_faith_belief": "Warning the person is needed to prevent the harm.",
            "recipient_type": "person_threatened", "recipient_name": "A named synthetic person",
            "recipient_contact": "phone 555-0142", "purpose": "Warn the person at risk",
            "categories": ["demographics"], "channel": "oral",
            "oral_summary": "Phoned the person at risk and gave the warning (synthetic).",
            "justification": "A specific, imminent plan to harm an identified person was stated."}
    recorded = browser.post(f"/clients/{client_id}/disclosures", body)
    text = visible_text(recorded.text)
    assert recorded.status_code == 200 and "Disclosed orally" in text
    assert "Release the packet" not in text and "History" in text
    bad = browser.post(f"/clients/{client_id}/disclosures", body | {"recipient_type": "press"})
    assert bad.status_code == 422 and 'id="recipient_type-error"' in bad.text
    assert "Who receives it" in visible_text(bad.text)  # named in words, beside the field


def test_suspension_page_records_an_oral_request_then_its_written_statement_beside_its_fields(
        practice: Practice) -> None:
    # 164.528(a)(2): the owner records an agency's request on the register page; errors stand
    # beside each field, all at once; a save is confirmed; others are refused.
    from tests.factories import oversight_request

    services, owner_actor = practice.services, practice.user("owner").actor
    client_id = practice.first_client_of("clinician1")
    clinician = practice.user("clinician1").actor
    view = services.disclosures.request(clinician, client_id, oversight_request())
    services.disclosures.release(clinician, client_id, view.disclosure_id)
    owner = practice.browser("owner")
    off = visible_text(owner.get("/practice/suspensions").text)
    assert "Investigator Sam Synthetic" in off and "does not allow suspensions" in off
    services.oversight.update_setting(owner_actor, "accounting_suspension", True)
    path = f"/practice/suspensions/{view.disclosure_id}"
    refused = owner.post(path, {"client_id": client_id, "form": "oral", "agency": "",
                                "official": "", "statement": "", "until": ""})
    assert refused.status_code == 422
    for field in ("agency", "official", "statement", "until"):
        assert f'id="{field}-{view.disclosure_id}-error"' in refused.text, field
        assert f'aria-describedby="{field}-{view.disclosure_id}-error"' in refused.text \
            or f'{field}-{view.disclosure_id}-error"' in refused.text
    assert 'value="oral" checked' in refused.text  # what was chosen stays
    until = (practice.clock.now().date().replace(year=practice.clock.now().year + 1)).isoformat()
    saved = owner.post(path, {"client_id": client_id, "form": "oral",
                              "agency": "Synthetic State Licensing Board",
                              "official": "Synthetic Inspector Doe",
                              "statement": "Telling the client now would impede the audit.",
                              "until": until})
    assert saved.status_code == 200
    text = visible_text(saved.text)
    assert "Saved" in text and "Synthetic Inspector Doe" in text and "active" in text
    assert "Record the written statement" in text  # the follow-up the rule expects
    followed = owner.post(path, {"client_id": client_id, "form": "written",
                                 "agency": "Synthetic State Licensing Board", "official": "",
                                 "statement": "Letter confirming the period.", "until": until})
    assert "replaced by a later request" in visible_text(followed.text)
    for who in ("clinician1", "billing", "supervisor"):
        browser = practice.browser(who)
        assert browser.get("/practice/suspensions").status_code == 403
        assert browser.post(path, {"client_id": client_id, "form": "written",
                                   "agency": "Synthetic", "statement": "Impedes.",
                                   "until": until}).status_code in (403, 404)
    assert len(services.oversight.suspension_register(owner_actor)[0].suspensions) == 2
def test_disclosure_under_a_restriction_refused_on_the_form_naming_the_restriction(
        practice: Practice) -> None:
    # 45 CFR 164.522(a): an authorization signed before the practice agreed to a restriction
    # does not carry a disclosure the restriction covers; the form says so, and which one.
    browser = practice.browser("clinician1")
    client_id = practice.first_client_of("clinician1")
    location = create_authorization(browser, client_id)
    sign_in_office(browser, location)
    authorization_id = location.rsplit("/", 1)[1]
    recorded = browser.post(f"/clients/{client_id}/restrictions", {
        "received_via": "written", "kind": "general", "recipient_kind": "provider",
        "details": "Not to other providers (synthetic)."})
    assert recorded.url.params.get("done") == "recorded", visible_text(recorded.text)
    [restriction] = practice.services.restrictions.list_restrictions(
        practice.user("clinician1").actor, client_id)
    agreed = browser.post(
        f"/clients/{client_id}/restrictions/{restriction.restriction_id}/agreement", {})
    assert agreed.url.params.get("done") == "agreed"
    refused = browser.post(f"/clients/{client_id}/disclosures", {
        "authority": "authorization", "authorization_id": authorization_id,
        "recipient_name": "Dr. Casey Synthetic", "recipient_organization": "Synthetic Psychiatry",
        "recipient_contact": "fax 555-0100", "purpose": "Coordination of care",
        "recipient_kind": "provider", "categories": ["attendance"]})
    assert refused.status_code == 409
    text = visible_text(refused.text)
    assert f"restriction {restriction.restriction_id}" in text
    assert "signing a new authorization" in text
    assert 'value="Dr. Casey Synthetic"' in refused.text  # what was typed stays
