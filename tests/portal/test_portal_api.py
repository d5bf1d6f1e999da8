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
                                        headers=bearer(token)).json()["items"]
    newest, *earlier = [(v["staff_name"], v["staff_role"], v["basis"], v["viewed"])
                        for v in history]
    assert newest == ("Sam Supervisor (demo)", "supervisor", "supervision", ["chart"])
    assert {name for name, *_ in earlier} == {"Casey Clinician (demo)"}  # who opened the chart


def test_access_history_names_a_listing_apart_from_opening_the_chart(
    practice: Practice, client_a: PortalClient, token: str
) -> None:
    practice.services.charts.list_clients(practice.actor("owner"))
    history = client_a.browser.http.get("/api/v1/portal/me/access-history",
                                        headers=bearer(token)).json()["items"]
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


# --- upcoming sessions and intake (docs/intake.md) ----------------------------------------------
def _book(practice: Practice, client: PortalClient, hours: float, **data: object) -> str:
    starts = practice.clock.now() + timedelta(hours=hours)
    return practice.services.charts.create_appointment(
        practice.actor("clinician1"), client.client_id, {"starts_at": starts.isoformat(), **data})


def _status(practice: Practice, appointment_id: str) -> str:
    with practice.services.runtime.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT status FROM appointments WHERE id = ?",
                                        (appointment_id,)).scalar())


def test_sessions_are_listed_in_the_clients_zone_and_in_utc(
        practice: Practice, client_a: PortalClient, token: str) -> None:
    practice.services.consent.update_preferences(practice.actor("clinician1"),
                                                 client_a.client_id, {"telehealth": "granted"})
    later = _book(practice, client_a, 80, modality="telehealth")
    soon = _book(practice, client_a, 30, room="Room 3")
    _book(practice, client_a, -30)  # past: not upcoming
    practice.services.charts.set_client_time_zone(
        practice.services.portal.resolve(token, kind="api").actor,  # type: ignore[union-attr]
        client_a.client_id, "America/Chicago")
    response = client_a.browser.http.get("/api/v1/portal/me/sessions", headers=bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert body["time_zone"] == "America/Chicago" and body["late_cancel_hours"] == 24
    assert [s["id"] for s in body["sessions"]] == [soon, later]
    first = body["sessions"][0]
    expected = practice.clock.now() + timedelta(hours=30)
    assert first["starts_at_utc"].replace("Z", "+00:00") == expected.isoformat()
    assert first["starts_at"].endswith(("-06:00", "-05:00"))  # Chicago's offset, same instant
    assert first["place"] == "Room 3" and first["can_cancel"] is True
    assert body["sessions"][1]["place"] == "video session"


def test_session_is_cancelled_outside_the_window_and_refused_inside_it(
        practice: Practice, client_a: PortalClient, token: str) -> None:
    http = client_a.browser.http
    outside = _book(practice, client_a, 72)
    inside = _book(practice, client_a, 5)  # the default late-cancel window is 24 hours
    listed = {s["id"]: s["can_cancel"] for s in http.get(
        "/api/v1/portal/me/sessions", headers=bearer(token)).json()["sessions"]}
    assert listed == {outside: True, inside: False}
    done = http.post(f"/api/v1/portal/me/sessions/{outside}/cancellation", headers=bearer(token))
    assert done.status_code == 200 and done.json() == {"status": "cancelled"}
    assert _status(practice, outside) == "cancelled"
    again = http.post(f"/api/v1/portal/me/sessions/{outside}/cancellation", headers=bearer(token))
    assert again.status_code == 409
    refused = http.post(f"/api/v1/portal/me/sessions/{inside}/cancellation",
                        headers=bearer(token))
    assert refused.status_code == 409
    assert "within 24 hours" in refused.json()["detail"]
    assert "call the office" in refused.json()["detail"]
    assert _status(practice, inside) == "scheduled"
    assert http.post(f"/api/v1/portal/me/sessions/{outside}/cancellation").status_code == 401


def test_session_cancel_refused_when_the_practice_takes_cancellations_by_phone(
        practice: Practice, client_a: PortalClient, token: str) -> None:
    practice.services.portal_sessions.set_cancellation_allowed(practice.actor("owner"), False)
    appointment = _book(practice, client_a, 72)
    http = client_a.browser.http
    body = http.get("/api/v1/portal/me/sessions", headers=bearer(token)).json()
    assert body["cancellation_allowed"] is False and body["sessions"][0]["can_cancel"] is False
    refused = http.post(f"/api/v1/portal/me/sessions/{appointment}/cancellation",
                        headers=bearer(token))
    assert refused.status_code == 409 and "by phone" in refused.json()["detail"]
    assert _status(practice, appointment) == "scheduled"


def test_intake_is_filled_saved_and_submitted_through_the_api(
        practice: Practice, client_a: PortalClient, token: str) -> None:
    http = client_a.browser.http
    packet_id = practice.services.intake.send(practice.actor("clinician1"), client_a.client_id)
    base = f"/api/v1/portal/me/intake-packets/{packet_id}"
    [listed] = http.get("/api/v1/portal/me/intake-packets",
                        headers=bearer(token)).json()["items"]
    assert listed["id"] == packet_id and listed["status"] == "sent"
    packet = http.get(base, headers=bearer(token)).json()
    assert [p["key"] for p in packet["form"]["pages"]] == [
        "contacts", "emergency_contact", "insurance", "referral", "presenting_concern",
        "questions"]
    assert packet["answers"] == {}

    bad = http.put(f"{base}/draft", headers=bearer(token), json={
        "page": "contacts",
        "answers": {"phone": "call me", "email": "nope", "address": "x" * 5000}})
    assert bad.status_code == 422
    problems = {e["field"]: e["problem"] for e in bad.json()["errors"]}
    assert set(problems) == {"phone", "email", "address"}
    assert "at most 4000 characters" in problems["address"]  # never cut short
    assert "call me" not in bad.text

    concern = marker("concern")
    assert http.put(f"{base}/draft", headers=bearer(token), json={
        "page": "presenting_concern",
        "answers": {"presenting_concern": concern}}).status_code == 204
    assert http.get(base, headers=bearer(token)).json()["answers"] == {
        "presenting_concern": concern}
    missing = http.post(f"{base}/submission", headers=bearer(token), json={})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {
        "emergency_name", "emergency_phone", "insurance_uses"}
    assert http.put(f"{base}/draft", headers=bearer(token), json={
        "page": "emergency_contact",
        "answers": {"emergency_name": "Sam Example (synthetic)",
                    "emergency_phone": "555-010-0100"}}).status_code == 204
    sent = http.post(f"{base}/submission", headers=bearer(token), json={
        "page": "insurance", "answers": {"insurance_uses": "no"}})
    assert sent.status_code == 204
    assert http.get(base, headers=bearer(token)).json()["status"] == "submitted"
    locked = http.put(f"{base}/draft", headers=bearer(token),
                      json={"page": "referral", "answers": {"referral_source": "Other"}})
    assert locked.status_code == 409
    unknown_page = http.put(f"{base}/draft", headers=bearer(token),
                            json={"page": "nowhere", "answers": {}})
    assert unknown_page.status_code == 404
    smuggled = http.put(f"{base}/draft", headers=bearer(token), json={
        "page": "referral", "answers": {}, "client_id": "someone-else"})
    assert smuggled.status_code == 422  # no body takes a client id
