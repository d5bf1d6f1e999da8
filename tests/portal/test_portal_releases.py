"""The client's releases of information in the portal, pages and API: their authorizations
(list, read, sign, revoke) and their accounting of disclosures (page, JSON, PDF), with two
clients of the same practice to show that each reaches only their own."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from closeddoor.errors import ConflictError, PolicyDenied
from tests.factories import (
    AuthorizationFactory,
    NoteFactory,
    Practice,
    authorized_request,
    duty_to_warn_request,
    oversight_request,
)
from tests.portal.helpers import CLIENT_PASSWORD, PortalClient, hidden_value, portal_client

API = "/api/v1/portal/me"
PSYCHIATRIST = "Dr. Casey Synthetic, Synthetic Psychiatry Group"
OFFICER = "Officer Jordan Synthetic, Synthetic City Police Department"


@pytest.fixture
def client_b(practice: Practice) -> PortalClient:
    return portal_client(practice, "client.bravo")


class BearerApi:
    """The portal API as a client's app uses it: every call carries their bearer token."""

    def __init__(self, client: PortalClient) -> None:
        self.http = client.browser.http
        response = self.http.post("/api/v1/portal/token", json={
            "username": client.username, "password": CLIENT_PASSWORD})
        assert response.status_code == 200, response.text
        self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}

    def get(self, path: str) -> httpx.Response:
        return self.http.get(path, headers=self.headers)

    def post(self, path: str, json: dict[str, str] | None = None) -> httpx.Response:
        return self.http.post(path, headers=self.headers, json=json)


def api(client: PortalClient) -> BearerApi:
    return BearerApi(client)


def pdf_text(body: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(body)).pages)


def status_of(practice: Practice, client_id: str, authorization_id: str) -> Any:
    return practice.services.authorizations.form(practice.actor("owner"), client_id,
                                                 authorization_id).view


def released(practice: Practice, client_id: str, body: dict[str, Any]) -> str:
    """Request and release a disclosure as clinician1; its id."""
    actor = practice.actor("clinician1")
    view = practice.services.disclosures.request(actor, client_id, body)
    practice.services.disclosures.release(actor, client_id, view.disclosure_id)
    return view.disclosure_id


def card_headings(html: str) -> list[str]:
    return [part.split(">", 1)[1].split("</h2>", 1)[0]
            for part in html.split("<h2 id=")[1:]]


# --- authorizations --------------------------------------------------------------------------
def test_client_lists_and_reads_only_their_own_authorizations(
    practice: Practice, client_a: PortalClient, client_b: PortalClient,
) -> None:
    own = AuthorizationFactory.create(practice, client_a.client_id, sign=False)
    other = AuthorizationFactory.create(practice, client_b.client_id, sign=False,
                                        recipient_name="Dr. Bravo Only Synthetic")
    page = client_a.browser.get("/portal/authorizations")
    assert page.status_code == 200
    assert f"/portal/authorizations/{own}" in page.text
    assert other not in page.text and "Dr. Bravo Only Synthetic" not in page.text
    assert "Waiting for your signature" in page.text

    listed = api(client_a).get(f"{API}/authorizations").json()["items"]
    assert [(a["id"], a["status"]) for a in listed] == [(own, "unsigned")]

    read = api(client_a).get(f"{API}/authorizations/{own}").json()
    form = practice.services.authorizations.form(practice.actor("clinician1"),
                                                 client_a.client_id, own)
    assert (read["text"], read["text_sha256"]) == (form.text, form.sha256)
    assert client_a.data["family_name"] in read["text"]
    assert read["authorization"]["recipient_name"] == "Dr. Casey Synthetic"
    shown = client_a.browser.get(f"/portal/authorizations/{own}").text
    assert hidden_value(shown, "text_sha256") == form.sha256
    assert "Redisclosure:" in shown


def test_client_signs_their_authorization_in_the_portal_pages(
    practice: Practice, client_a: PortalClient,
) -> None:
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id, sign=False)
    page = client_a.browser.get(f"/portal/authorizations/{authorization_id}").text
    signed = client_a.browser.post(f"/portal/authorizations/{authorization_id}/sign", {
        "text_sha256": hidden_value(page, "text_sha256"), "signer_kind": "client",
        "signer_name": "  Alex   Synthetic ", "has_read": "yes"})
    assert signed.status_code == 200
    assert signed.url.path == "/portal/authorizations"
    assert "Your signature is recorded" in signed.text
    view = status_of(practice, client_a.client_id, authorization_id)
    assert (view.status, view.sign_method, view.signer_kind) == ("active", "portal", "client")
    assert 'action="/portal/authorizations/' + authorization_id + '/sign"' not in (
        client_a.browser.get(f"/portal/authorizations/{authorization_id}").text)


def test_client_signs_through_the_api_when_hash_matches(
    practice: Practice, client_a: PortalClient,
) -> None:
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id, sign=False)
    http = api(client_a)
    form = http.get(f"{API}/authorizations/{authorization_id}").json()
    answer = http.post(f"{API}/authorizations/{authorization_id}/signature",
                       json={"text_sha256": form["text_sha256"],
                             "signer_name": "Alex Synthetic"})
    assert answer.status_code == 204
    [listed] = http.get(f"{API}/authorizations").json()["items"]
    assert (listed["status"], listed["sign_method"]) == ("active", "portal")
    assert listed["text_sha256"] == form["text_sha256"]
    again = http.post(f"{API}/authorizations/{authorization_id}/signature",
                      json={"text_sha256": form["text_sha256"], "signer_name": "Alex Synthetic"})
    assert again.status_code == 409  # signed once; never re-signed


def test_signature_refused_and_nothing_stored_when_text_changed_since_shown(
    practice: Practice, client_a: PortalClient,
) -> None:
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id, sign=False)
    page = client_a.browser.get(f"/portal/authorizations/{authorization_id}").text
    shown = hidden_value(page, "text_sha256")
    via_api = api(client_a).get(f"{API}/authorizations/{authorization_id}").json()["text_sha256"]
    assert via_api == shown
    # The practice corrects the client's name: the text (which names the client) changes.
    practice.services.charts.update_client(practice.actor("clinician1"), client_a.client_id,
                                           {**client_a.data, "family_name": "Renamedsynthetic"})
    stale_page = client_a.browser.post(f"/portal/authorizations/{authorization_id}/sign", {
        "text_sha256": shown, "signer_kind": "client", "signer_name": "Alex Synthetic",
        "has_read": "yes"})
    assert stale_page.status_code == 409
    assert "changed since it was shown" in stale_page.text
    assert hidden_value(stale_page.text, "text_sha256") != shown  # the new text, to read again
    assert "Renamedsynthetic" in stale_page.text
    stale_api = api(client_a).post(f"{API}/authorizations/{authorization_id}/signature",
                                   json={"text_sha256": shown, "signer_name": "Alex Synthetic"})
    assert stale_api.status_code == 409
    view = status_of(practice, client_a.client_id, authorization_id)
    assert (view.status, view.signed_at, view.text_sha256) == ("unsigned", None, None)


def test_signature_refused_when_reading_is_not_confirmed(
    practice: Practice, client_a: PortalClient,
) -> None:
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id, sign=False)
    page = client_a.browser.get(f"/portal/authorizations/{authorization_id}").text
    refused = client_a.browser.post(f"/portal/authorizations/{authorization_id}/sign", {
        "text_sha256": hidden_value(page, "text_sha256"), "signer_kind": "client",
        "signer_name": "Alex Synthetic"})
    assert refused.status_code == 422
    assert 'value="Alex Synthetic"' in refused.text  # what was typed stays
    assert status_of(practice, client_a.client_id, authorization_id).status == "unsigned"


def test_revocation_from_the_portal_stops_a_disclosure_already_requested(
    practice: Practice, client_a: PortalClient,
) -> None:
    NoteFactory.progress(practice, client_a.client_id)
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id)
    clinician = practice.actor("clinician1")
    waiting = practice.services.disclosures.request(clinician, client_a.client_id,
                                                    authorized_request(authorization_id))
    assert waiting.status == "ready"
    revoked = client_a.browser.post(f"/portal/authorizations/{authorization_id}/revoke")
    assert revoked.url.path == "/portal/authorizations"
    assert "nothing more is sent under that authorization" in revoked.text
    assert "Revoke this authorization" not in revoked.text
    view = status_of(practice, client_a.client_id, authorization_id)
    assert (view.status, view.revoke_method) == ("revoked", "portal")
    with pytest.raises(PolicyDenied) as refused:
        practice.services.disclosures.release(clinician, client_a.client_id,
                                              waiting.disclosure_id)
    assert refused.value.reason == "authorization-revoked"
    after = practice.services.disclosures.get(clinician, client_a.client_id,
                                              waiting.disclosure_id)
    assert (after.status, after.released_at, after.packet_sha256) == ("ready", None, None)
    assert api(client_a).get(f"{API}/disclosures").json()["items"] == []


def test_revocation_through_the_api_takes_effect_at_once(
    practice: Practice, client_a: PortalClient,
) -> None:
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id)
    clinician = practice.actor("clinician1")
    waiting = practice.services.disclosures.request(clinician, client_a.client_id,
                                                    authorized_request(authorization_id))
    http = api(client_a)
    assert http.post(f"{API}/authorizations/{authorization_id}/revocation").status_code == 204
    assert http.get(f"{API}/authorizations").json()["items"][0]["revoke_method"] == "portal"
    assert http.post(f"{API}/authorizations/{authorization_id}/revocation").status_code == 409
    with pytest.raises(PolicyDenied) as refused:
        practice.services.disclosures.release(clinician, client_a.client_id,
                                              waiting.disclosure_id)
    assert refused.value.reason == "authorization-revoked"
    with pytest.raises(PolicyDenied) as new_request:
        practice.services.disclosures.request(clinician, client_a.client_id,
                                              authorized_request(authorization_id))
    assert new_request.value.reason == "authorization-revoked"


def test_another_clients_authorization_is_not_found_and_unchanged(
    practice: Practice, client_a: PortalClient, client_b: PortalClient,
) -> None:
    theirs = AuthorizationFactory.create(practice, client_b.client_id, sign=False)
    form = practice.services.authorizations.form(practice.actor("owner"), client_b.client_id,
                                                 theirs)
    browser, http = client_a.browser, api(client_a)
    answers = {
        "page": browser.get(f"/portal/authorizations/{theirs}"),
        "page-sign": browser.post(f"/portal/authorizations/{theirs}/sign", {
            "text_sha256": form.sha256, "signer_kind": "client",
            "signer_name": "Alex Synthetic", "has_read": "yes"}),
        "page-revoke": browser.post(f"/portal/authorizations/{theirs}/revoke"),
        "api-read": http.get(f"{API}/authorizations/{theirs}"),
        "api-sign": http.post(f"{API}/authorizations/{theirs}/signature",
                              json={"text_sha256": form.sha256,
                                    "signer_name": "Alex Synthetic"}),
        "api-revoke": http.post(f"{API}/authorizations/{theirs}/revocation"),
    }
    assert {name: r.status_code for name, r in answers.items()} == dict.fromkeys(answers, 404)
    for response in answers.values():
        assert "Dr. Casey Synthetic" not in response.text
        assert client_b.data["family_name"] not in response.text
    view = status_of(practice, client_b.client_id, theirs)
    assert (view.status, view.signed_at, view.revoked_at) == ("unsigned", None, None)
    assert http.get(f"{API}/authorizations").json()["items"] == []


def test_another_clients_signed_authorization_cannot_be_revoked(
    practice: Practice, client_a: PortalClient, client_b: PortalClient,
) -> None:
    theirs = AuthorizationFactory.create(practice, client_b.client_id)
    assert client_a.browser.post(f"/portal/authorizations/{theirs}/revoke").status_code == 404
    assert api(client_a).post(
        f"{API}/authorizations/{theirs}/revocation").status_code == 404
    assert status_of(practice, client_b.client_id, theirs).status == "active"
    # client B still can: it is theirs.
    assert api(client_b).post(f"{API}/authorizations/{theirs}/revocation").status_code == 204


# --- the accounting of disclosures -------------------------------------------------------------
def test_accounting_lists_released_disclosures_newest_first(
    practice: Practice, client_a: PortalClient, client_b: PortalClient,
) -> None:
    clinician = practice.actor("clinician1")
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id)
    authorized = practice.services.disclosures.request(clinician, client_a.client_id,
                                                       authorized_request(authorization_id))
    practice.clock.advance(timedelta(hours=1))
    # Requested later but released first: the accounting goes by when records left.
    warned = released(practice, client_a.client_id, duty_to_warn_request())
    practice.services.disclosures.request(clinician, client_a.client_id,
                                          duty_to_warn_request(recipient_name="Never Released"))
    practice.clock.advance(timedelta(days=2))
    practice.services.disclosures.release(clinician, client_a.client_id,
                                          authorized.disclosure_id)
    released(practice, client_b.client_id, duty_to_warn_request(
        recipient_name="Officer Bravo Synthetic"))
    client_a.browser.sign_in(client_a.username)  # two days on, the old session has ended

    entries = api(client_a).get(f"{API}/disclosures").json()["items"]
    assert [(e["id"], e["recipient"]) for e in entries] == [
        (authorized.disclosure_id, PSYCHIATRIST), (warned, OFFICER)]
    assert [e["authority"] for e in entries] == ["authorization", "legal-basis"]
    assert [e["required_in_accounting"] for e in entries] == [False, True]
    assert entries[0]["authorization_id"] == authorization_id
    assert entries[0]["authorization_signed_on"] == "2026-03-02"
    assert "Progress notes" in entries[0]["description"]
    assert entries[1]["purpose"].startswith("Serious and imminent threat")

    page = client_a.browser.get("/portal/disclosures")
    assert page.status_code == 200
    headings = card_headings(page.text)
    assert len(headings) == 2
    assert PSYCHIATRIST in headings[0] and OFFICER in headings[1]
    assert "made without your authorization" in page.text
    for absent in ("Never Released", "Officer Bravo Synthetic"):
        assert absent not in page.text


def test_accounting_hides_an_entry_suspended_for_an_agency_until_its_date(
    practice: Practice, client_a: PortalClient,
) -> None:
    owner = practice.actor("owner")
    shown = released(practice, client_a.client_id, duty_to_warn_request())
    practice.clock.advance(timedelta(minutes=5))
    withheld = released(practice, client_a.client_id, oversight_request(
        recipient_name="Agent Withheld Synthetic", recipient_organization="Synthetic Agency"))
    until = date(2026, 4, 1)
    practice.services.oversight.update_setting(owner, "accounting_suspension", True)
    practice.services.oversight.suspend_in_accounting(
        owner, client_a.client_id, withheld, until=until, agency="Synthetic Oversight Agency",
        statement="Telling the client now would impede an open synthetic investigation.")

    http = api(client_a)
    before = http.get(f"{API}/disclosures")
    assert [e["id"] for e in before.json()["items"]] == [shown]
    assert withheld not in before.text and "Withheld" not in before.text
    page = client_a.browser.get("/portal/disclosures").text
    assert "Agent Withheld Synthetic" not in page and "Officer Jordan Synthetic" in page
    pdf = pdf_text(client_a.browser.get("/portal/disclosures.pdf").content)
    assert "Agent Withheld" not in pdf and "Officer Jordan" in pdf
    staff = practice.services.oversight.accounting(owner, client_a.client_id)
    assert [e.disclosure_id for e in staff.entries] == [withheld, shown]  # staff see it

    practice.clock.advance(timedelta(days=29))  # 2026-03-31: still the day before
    assert [e["id"] for e in api(client_a).get(f"{API}/disclosures").json()["items"]] == [shown]
    practice.clock.advance(timedelta(days=1))  # the suspension ends on its date
    assert [e["id"] for e in api(client_a).get(f"{API}/disclosures").json()["items"]] == [
        withheld, shown]
    client_a.browser.sign_in(client_a.username)  # a month on, the old session has ended
    assert "Agent Withheld Synthetic" in client_a.browser.get("/portal/disclosures").text


def test_suspension_refused_while_the_practice_setting_is_off(
    practice: Practice, client_a: PortalClient,
) -> None:
    owner = practice.actor("owner")
    disclosure_id = released(practice, client_a.client_id, oversight_request())
    with pytest.raises(ConflictError, match="does not allow suspending"):
        practice.services.oversight.suspend_in_accounting(
            owner, client_a.client_id, disclosure_id, until=date(2026, 4, 1),
            agency="Synthetic Oversight Agency",
            statement="Telling the client now would impede an open synthetic investigation.")
    assert [e["id"] for e in api(client_a).get(f"{API}/disclosures").json()["items"]] == [
        disclosure_id]


def test_accounting_pdf_downloads_from_the_page_and_the_api(
    practice: Practice, client_a: PortalClient,
) -> None:
    released(practice, client_a.client_id, duty_to_warn_request())
    for response in (client_a.browser.get("/portal/disclosures.pdf"),
                     api(client_a).get(f"{API}/disclosures.pdf")):
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"] == (
            'attachment; filename="accounting-of-disclosures.pdf"')
        assert response.content.startswith(b"%PDF")
        text = pdf_text(response.content)
        assert "Officer Jordan Synthetic" in text
        assert client_a.data["family_name"] in text


def test_portal_json_carries_no_staff_only_values(
    practice: Practice, client_a: PortalClient,
) -> None:
    disclosure_id = released(practice, client_a.client_id, duty_to_warn_request())
    practice.services.disclosures.record_client_told(
        practice.actor("clinician1"), client_a.client_id, disclosure_id, told=True,
        note="Told in session (synthetic).")
    staff_view = practice.services.oversight.accounting(practice.actor("owner"),
                                                        client_a.client_id)
    assert staff_view.entries[0].client_told == "told"
    response = api(client_a).get(f"{API}/disclosures")
    [entry] = response.json()["items"]
    assert entry.get("client_told") is None and entry.get("suspended_until") is None
    assert '"told"' not in response.text and "Told in session" not in response.text


def test_portal_json_has_no_staff_only_keys(practice: Practice, client_a: PortalClient) -> None:
    released(practice, client_a.client_id, duty_to_warn_request())
    [entry] = api(client_a).get(f"{API}/disclosures").json()["items"]
    assert "client_told" not in entry and "suspended_until" not in entry


def test_access_history_shows_records_sent_after_a_release(
    practice: Practice, client_a: PortalClient,
) -> None:
    authorization_id = AuthorizationFactory.create(practice, client_a.client_id)
    clinician = practice.actor("clinician1")
    waiting = practice.services.disclosures.request(clinician, client_a.client_id,
                                                    authorized_request(authorization_id))
    sent = "records sent to a recipient"
    assert sent not in client_a.browser.get("/portal/access-history").text  # not yet
    practice.services.disclosures.release(clinician, client_a.client_id, waiting.disclosure_id)
    history = api(client_a).get(f"{API}/access-history").json()["items"]
    assert any(v["staff_name"] == "Casey Clinician (demo)"
               and any(sent in what for what in v["viewed"]) for v in history)
    assert sent in client_a.browser.get("/portal/access-history").text


def test_nav_links_to_authorizations_and_disclosures_on_every_releases_page(
    client_a: PortalClient,
) -> None:
    for path in ("/portal/authorizations", "/portal/disclosures"):
        page = client_a.browser.get(path)
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store"
        assert 'href="/portal/authorizations"' in page.text
        assert 'href="/portal/disclosures"' in page.text
        assert "<script" not in page.text and "style=" not in page.text
        assert page.text.count('aria-current="page"') == 1


def test_accounting_period_chosen_on_the_page_and_refused_beside_the_field_when_too_old(
    practice: Practice, client_a: PortalClient,
) -> None:
    released(practice, client_a.client_id, duty_to_warn_request())
    today = practice.clock.now().date()
    page = client_a.browser.get("/portal/disclosures")
    assert page.status_code == 200 and "Officer Jordan Synthetic" in page.text
    assert "not your first accounting" not in page.text
    old = today.replace(year=today.year - 7).isoformat()
    refused = client_a.browser.get(f"/portal/disclosures?from={old}")
    assert refused.status_code == 422
    assert 'id="period-from-error"' in refused.text and "six years" in refused.text
    assert 'aria-invalid="true"' in refused.text and "Officer Jordan" not in refused.text
    garbled = client_a.browser.get("/portal/disclosures?to=yesterday")
    assert garbled.status_code == 422 and 'id="period-to-error"' in garbled.text
    narrower = client_a.browser.get(f"/portal/disclosures?from={today.isoformat()}")
    assert narrower.status_code == 200
    assert "not your first accounting in twelve months" in narrower.text  # a second request
    assert f"disclosures.pdf?from={today.isoformat()}" in narrower.text
