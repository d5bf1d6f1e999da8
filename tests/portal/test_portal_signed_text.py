"""The client keeps exactly what they signed: the portal page and API hand back the text whose
SHA-256 the signature binds, and only to the client who signed it."""

from __future__ import annotations

import hashlib

from tests.factories import Practice
from tests.portal.helpers import PortalClient, hidden_value, portal_client
from tests.portal.test_portal_api import bearer, portal_token


def _sign_in_portal(client: PortalClient) -> str:
    page = client.browser.get("/portal/consent").text
    signed = client.browser.post("/portal/consent/sign", {
        "version_id": hidden_value(page, "version_id"),
        "text_sha256": hidden_value(page, "text_sha256"),
        "signer_name": "Synthetic Signer", "has_read": "yes"})
    assert signed.status_code == 200, signed.text
    return hidden_value(page, "text_sha256")


def test_client_downloads_exactly_the_text_whose_hash_they_signed_when_using_the_api(
    practice: Practice, client_a: PortalClient,
) -> None:
    shown_hash = _sign_in_portal(client_a)
    token = portal_token(client_a).json()["access_token"]
    http = client_a.browser.http
    (signature,) = http.get("/api/v1/portal/me/consent", headers=bearer(token)).json()[
        "signatures"]
    download = http.get(f"/api/v1/portal/me/consent/signatures/{signature['id']}/text",
                        headers=bearer(token))
    assert download.status_code == 200
    assert download.headers["content-type"] == "text/plain; charset=utf-8"
    assert client_a.data["given_name"] not in download.headers["content-disposition"]
    assert hashlib.sha256(download.content).hexdigest() == signature["text_sha256"] == shown_hash
    form = practice.services.consent.form(practice.actor("clinician1"), client_a.client_id)
    assert download.content.decode("utf-8") == form.rendered.canonical_text


def test_client_downloads_the_signed_text_from_the_consent_page(
    practice: Practice, client_a: PortalClient,
) -> None:
    shown_hash = _sign_in_portal(client_a)
    page = client_a.browser.get("/portal/consent").text
    assert "The text you signed" in page
    (signature,) = practice.services.consent.signatures(practice.actor("owner"),
                                                        client_a.client_id)
    link = f"/portal/consent/signatures/{signature.signature_id}.txt"
    assert f'href="{link}"' in page
    download = client_a.browser.get(link)
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == shown_hash


def test_signed_text_is_refused_when_another_client_asks_for_it(
    practice: Practice, client_a: PortalClient,
) -> None:
    _sign_in_portal(client_a)
    (signature,) = practice.services.consent.signatures(practice.actor("owner"),
                                                        client_a.client_id)
    other = portal_client(practice, "client.beta")
    page = f"/portal/consent/signatures/{signature.signature_id}.txt"
    assert other.browser.get(page).status_code == 404
    token = portal_token(other).json()["access_token"]
    refused = other.browser.http.get(
        f"/api/v1/portal/me/consent/signatures/{signature.signature_id}/text",
        headers=bearer(token))
    assert refused.status_code == 404
    assert "Synthetic" not in refused.text
