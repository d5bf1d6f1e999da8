"""The portal API under /api/v1/portal: a client's bearer token and their own record, consent,
preferences and access history. Staff tokens are refused here; client tokens are refused on
every staff route (walked in tests/integration/test_portal_isolation.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pyotp
import pytest

from tests.factories import NoteFactory, Practice, marker
from tests.portal.helpers import CLIENT_PASSWORD, PortalClient

ME = ("/api/v1/portal/me/record", "/api/v1/portal/me/consent", "/api/v1/portal/me/preferences",
      "/api/v1/portal/me/access-history")


def portal_token(client: PortalClient, totp: str | None = None,
                 password: str = CLIENT_PASSWORD) -> httpx.Response:
    body: dict[str, Any] = {"username": client.username, "password": password}
    if totp is not None:
        body["totp"] = totp
    return client.browser.http.post("/api/v1/portal/token", json=body)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token(client_a: PortalClient) -> str:
    response = portal_token(client_a)
    assert response.status_code == 200, response.text
    access_token: str = response.json()["access_token"]
    return access_token


def _staff_token(http: Any, practice: Practice, username: str = "clinician1") -> str:
    response = http.post("/api/v1/auth/token",
                         json={"username": username, "password": practice.password})
    assert response.status_code == 200
    staff: str = response.json()["access_token"]
    return staff


def test_token_refused_when_password_wrong(client_a: PortalClient) -> None:
    response = portal_token(client_a, password="not-the-password")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ME)
def test_me_answers_only_with_a_client_token(practice: Practice, client_a: PortalClient,
                                             token: str, path: str) -> None:
    http = client_a.browser.http
    assert http.get(path, headers=bearer(token)).status_code == 200
    assert http.get(path).status_code == 401
    assert http.get(path, headers=bearer("not-a-token-0123456789")).status_code == 401
    assert http.get(path, headers=bearer(_staff_token(http, practice))).status_code == 401
    web_session = str(http.cookies.get("cd_portal"))  # a web session is no API token
    assert http.get(path, headers=bearer(web_session)).status_code == 401


def test_client_token_refused_by_the_staff_api(client_a: PortalClient, token: str) -> None:
    http = client_a.browser.http
    assert http.get("/api/v1/clients", headers=bearer(token)).status_code == 401
    assert http.get(f"/api/v1/clients/{client_a.client_id}",
                    headers=bearer(token)).status_code == 401


def test_record_holds_signed_notes_only(practice: Practice, client_a: PortalClient,
                                        token: str) -> None:
    signed, draft, process = marker("signed"), marker("draft"), marker("process")
    NoteFactory.progress(practice, client_a.client_id, body=signed)
    NoteFactory.progress(practice, client_a.client_id, body=draft, sign=False)
    NoteFactory.psychotherapy(practice, client_a.client_id, body=process)
    response = client_a.browser.http.get("/api/v1/portal/me/record", headers=bearer(token))
    document = response.json()
    assert document["demographics"]["family_name"] == client_a.data["family_name"]
    assert [n["body"] for n in document["progress_notes"]] == [signed]
    assert document["progress_notes"][0]["author"] == "Casey Clinician (demo)"
    assert draft not in response.text and process not in response.text


def test_consent_signed_through_the_api_when_hash_matches(
    practice: Practice, client_a: PortalClient, token: str,
) -> None:
    http = client_a.browser.http
    consent = http.get("/api/v1/portal/me/consent", headers=bearer(token)).json()
    assert consent["status"]["state"] == "never-signed"
    form = practice.services.consent.form(practice.actor("owner"), client_a.client_id)
    assert consent["form"]["text_sha256"] == form.rendered.sha256
    assert consent["form"]["canonical_text"] == form.rendered.canonical_text
    body = {"version_id": consent["form"]["version_id"],
            "text_sha256": consent["form"]["text_sha256"], "signer_name": "Synthetic Signer"}
    stale = http.post("/api/v1/portal/me/consent/signatures", headers=bearer(token),
                      json={**body, "text_sha256": "f" * 64})
    assert stale.status_code == 409
    signed = http.post("/api/v1/portal/me/consent/signatures", headers=bearer(token), json=body)
    assert signed.status_code == 201
    after = http.get("/api/v1/portal/me/consent", headers=bearer(token)).json()
    assert after["status"]["state"] == "current"
    assert [(s["id"], s["method"]) for s in after["signatures"]] == [
        (signed.json()["id"], "portal")]


def test_preferences_replaced_and_read_back(client_a: PortalClient, token: str) -> None:
    http = client_a.browser.http
    path = "/api/v1/portal/me/preferences"
    assert http.get(path, headers=bearer(token)).json()["telehealth"] == "unanswered"
    chosen = {"telehealth": "granted", "email_reminders": True,
              "reminder_email": "someone@example.org"}
    assert http.put(path, headers=bearer(token), json=chosen).status_code == 204
    read = http.get(path, headers=bearer(token)).json()
    assert (read["telehealth"], read["email_reminders"], read["voicemail"]) == (
        "granted", True, False)
    invalid = http.put(path, headers=bearer(token), json={"email_reminders": True})
    assert invalid.status_code == 422
    assert http.get(path, headers=bearer(token)).json() == read


def test_access_history_lists_staff_visits(practice: Practice, client_a: PortalClient,
                                           token: str) -> None:
    practice.services.charts.get_client(practice.actor("supervisor"), client_a.client_id)
    history = client_a.browser.http.get("/api/v1/portal/me/access-history",
                                        headers=bearer(token)).json()
    newest, *earlier = [(v["staff_name"], v["staff_role"], v["basis"], v["viewed"])
                        for v in history]
    assert newest == ("Sam Supervisor (demo)", "supervisor", "supervision", ["chart"])
    assert {name for name, *_ in earlier} == {"Casey Clinician (demo)"}  # who opened the chart


def test_access_history_names_a_listing_apart_from_opening_the_chart(
    practice: Practice, client_a: PortalClient, token: str
) -> None:
    practice.services.charts.list_clients(practice.actor("owner"))
    history = client_a.browser.http.get("/api/v1/portal/me/access-history",
                                        headers=bearer(token)).json()
    assert (history[0]["staff_name"], history[0]["viewed"]) == (
        "Olive Owner (demo)", ["your name in a client list"])


def test_token_needs_the_code_when_two_step_sign_in_is_on(
    practice: Practice, client_a: PortalClient,
) -> None:
    principal = practice.services.portal.resolve(str(client_a.browser.http.cookies.get(
        "cd_portal")))
    assert principal is not None
    practice.services.portal.begin_totp_enrolment(principal, CLIENT_PASSWORD)
    secret = practice.services.portal.unsafe_totp_secret(principal.account_id)
    practice.services.portal.confirm_totp_enrolment(
        principal, pyotp.TOTP(secret).at(practice.clock.now()), "no-other-session")
    practice.clock.advance(timedelta(seconds=30))
    assert portal_token(client_a).status_code == 401
    assert portal_token(client_a, totp="000000").status_code == 401
    code = pyotp.TOTP(secret).at(practice.clock.now())
    assert portal_token(client_a, totp=code).status_code == 200
    assert portal_token(client_a, totp=code).status_code == 401  # each code is good once


def test_token_stops_working_when_signed_out(client_a: PortalClient, token: str) -> None:
    http = client_a.browser.http
    assert http.post("/api/v1/portal/signout", headers=bearer(token)).status_code == 204
    assert http.get("/api/v1/portal/me/record", headers=bearer(token)).status_code == 401
