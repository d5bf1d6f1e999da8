"""The representatives page of a chart (45 CFR 164.502(g)): the front desk records one from the
document on file, the treating clinician refuses one (164.502(g)(5)) or records a minor-consent
finding; bad input is named field by field and changes nothing."""

from __future__ import annotations

from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from tests.factories.disclosures import AuthorizationFactory
from tests.web.helpers import Practice, visible_text

GUARDIAN = {"kind": "guardian", "name": "Morgan Guardian (synthetic)",
            "document_date": "2025-10-01", "document": "Letters of guardianship (synthetic)",
            "scope": ["consent", "authorizations"]}


def listed(practice: Practice, client_id: str) -> list[object]:
    return list(practice.services.representatives.list_representatives(
        practice.user("owner").actor, client_id))


def test_front_desk_records_a_representative_and_the_page_lists_them(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("billing")
    page = browser.get(f"/clients/{client_id}/representatives")
    assert page.status_code == 200
    for control in ("kind-guardian", "name", "document_date", "document", "scope-consent"):
        assert f'<label for="{control}">' in page.text
    saved = browser.post(f"/clients/{client_id}/representatives", GUARDIAN)
    assert saved.status_code == 200
    shown = visible_text(saved.text)
    assert "The representative was recorded." in shown
    assert "Morgan Guardian (synthetic)" in shown and "court-appointed guardian" in shown
    # The front desk does not refuse a representative: that is the clinician's judgment.
    assert "Record the refusal" not in saved.text


def test_bad_representative_names_every_field_and_stores_nothing(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    refused = practice.browser("billing").post(
        f"/clients/{client_id}/representatives",
        {"kind": "neighbour", "name": "", "document_date": "2099-01-01", "document": ""})
    assert refused.status_code == 422
    # Every problem at once, each beside its field and tied to it for a screen reader.
    for field in ("kind", "name", "document_date", "scope"):
        assert f'id="{field}-error"' in refused.text, field
        assert f'aria-describedby="{field}-error"' in refused.text, field
    assert 'class="message error"' not in refused.text  # nothing left over at the top
    assert listed(practice, client_id) == []


def test_clinician_refuses_a_representative_and_the_reason_is_never_shown(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    practice.browser("billing").post(f"/clients/{client_id}/representatives", GUARDIAN)
    (representative,) = practice.services.representatives.list_representatives(
        practice.user("owner").actor, client_id)
    browser = practice.browser("clinician1")
    path = f"/clients/{client_id}/representatives/{representative.representative_id}/refusal"
    too_short = browser.post(path, {"reason": "no"})
    assert too_short.status_code == 422 and 'id="refuse-reason-error"' in too_short.text
    assert 'aria-describedby="refuse-reason-error"' in too_short.text
    reason = "Synthetic: the client disclosed abuse by this person at the last session."
    done = browser.post(path, {"reason": reason})
    assert done.status_code == 200
    assert "The refusal was recorded" in done.text
    assert reason not in done.text
    (refused,) = listed(practice, client_id)
    assert refused.status == "refused"  # type: ignore[attr-defined]
    # The front desk cannot refuse (the service decides, whatever the page shows).
    again = practice.browser("billing").post(path, {"reason": reason})
    assert again.status_code == 403


def test_clinician_records_a_california_maturity_finding(practice: Practice) -> None:
    practice.services.consent.set_jurisdiction(practice.user("owner").actor, "US-CA")
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    (maturity,) = minor_consent_grounds(load_jurisdiction("US-CA"))
    page = browser.get(f"/clients/{client_id}/representatives")
    assert maturity in page.text and '<label for="note">' in page.text
    saved = browser.post(f"/clients/{client_id}/minor-consent-findings",
                         {"ground": maturity, "note": "Synthetic: understands the treatment."})
    assert saved.status_code == 200
    assert "The finding was recorded." in saved.text
    (finding,) = practice.services.representatives.findings(practice.user("owner").actor,
                                                            client_id)
    assert finding.ground == maturity


def test_guardian_on_file_signs_the_consent_in_the_office(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("billing")
    browser.post(f"/clients/{client_id}/representatives", GUARDIAN)
    (representative,) = practice.services.representatives.list_representatives(
        practice.user("owner").actor, client_id)
    page = browser.get(f"/clients/{client_id}/consent/sign")
    assert "Yes: Morgan Guardian (synthetic)" in page.text
    form = practice.services.consent.form(practice.user("owner").actor, client_id)
    signed = browser.post(f"/clients/{client_id}/consent/sign", {
        "version_id": form.version_id, "text_sha256": form.rendered.sha256,
        "signer_kind": "client", "signer_name": "Morgan Guardian (synthetic)",
        "representative_id": representative.representative_id, "confirm": "on"})
    assert signed.status_code == 200, signed.text
    (signature,) = practice.services.consent.signatures(practice.user("owner").actor, client_id)
    assert (signature.signer_kind, signature.guardian_relation) == (
        "representative", "court-appointed guardian")


def test_guardian_on_file_signs_an_authorization_in_the_office(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    browser = practice.browser("clinician1")
    browser.post(f"/clients/{client_id}/representatives", GUARDIAN)
    (representative,) = practice.services.representatives.list_representatives(
        practice.user("owner").actor, client_id)
    authorization_id = practice.services.authorizations.create(
        practice.user("clinician1").actor, client_id, AuthorizationFactory.data())
    path = f"/clients/{client_id}/authorizations/{authorization_id}"
    page = browser.get(path)
    assert "Yes: Morgan Guardian (synthetic)" in page.text
    form = practice.services.authorizations.form(practice.user("owner").actor, client_id,
                                                 authorization_id)
    signed = browser.post(f"{path}/sign", {
        "text_sha256": form.sha256, "signer_kind": "client", "confirm": "on",
        "signer_name": "Morgan Guardian (synthetic)",
        "representative_id": representative.representative_id})
    assert signed.status_code == 200, signed.text
    view = next(a for a in practice.services.authorizations.list_authorizations(
        practice.user("owner").actor, client_id) if a.authorization_id == authorization_id)
    assert (view.status, view.signer_kind) == ("active", "representative")


def test_representative_is_invited_to_the_portal_and_their_access_revoked(
        practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    email = "morgan.guardian.synthetic@example.org"
    practice.browser("billing").post(f"/clients/{client_id}/representatives",
                                     GUARDIAN | {"scope": ["records"], "email": email})
    (representative,) = listed(practice, client_id)
    rid = representative.representative_id  # type: ignore[attr-defined]
    page = practice.browser("clinician1").get(f"/clients/{client_id}/representatives")
    assert "Invite to the portal" in page.text and '<label for="email">' in page.text
    sent = practice.browser("clinician1").post(
        f"/clients/{client_id}/representatives/{rid}/portal-invitation", {})
    assert sent.status_code == 200
    shown = visible_text(sent.text)
    assert "The portal invitation was sent to m***@example.org" in shown
    assert "/portal/invite/" not in sent.text  # the link went only to their address
    # Revoking also closes an open invitation (no account yet: nothing else to end).
    revoked = practice.browser("billing").post(
        f"/clients/{client_id}/representatives/{rid}/portal-revocation", {})
    assert revoked.status_code == 200
    assert "portal access was revoked" in visible_text(revoked.text)


def test_representative_without_an_address_is_not_invited(practice: Practice) -> None:
    client_id = practice.first_client_of("clinician1")
    practice.browser("billing").post(f"/clients/{client_id}/representatives",
                                     GUARDIAN | {"scope": ["records"]})
    (representative,) = listed(practice, client_id)
    rid = representative.representative_id  # type: ignore[attr-defined]
    refused = practice.browser("clinician1").post(
        f"/clients/{client_id}/representatives/{rid}/portal-invitation", {})
    assert refused.status_code == 422
    assert 'id="invite-email-error"' in refused.text
