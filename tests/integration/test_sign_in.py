"""Sign-in over the API: passwords, throttling, idle and absolute session limits, TOTP, mandatory
MFA and the password policy. Each test has its own practice because each moves the clock or
counts failures."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest

from tests.factories import Practice
from tests.integration.helpers import Api, scalar


def enrol_totp(practice: Practice, username: str) -> pyotp.TOTP:
    """Enrol `username` in TOTP as the web app would; returns a generator of their codes."""
    accounts = practice.services.accounts
    user_id = practice.user_id(username)
    uri = accounts.begin_totp_enrolment(user_id)
    assert uri.startswith("otpauth://totp/")
    totp = pyotp.TOTP(accounts.unsafe_totp_secret(user_id))
    accounts.confirm_totp_enrolment(user_id, totp.at(practice.clock.now()))
    return totp


def test_token_issued_when_password_right(api: Api) -> None:
    response = api.sign_in("clinician1")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert len(body["access_token"]) >= 32
    listed = api.client.get(
        "/api/v1/clients", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert listed.status_code == 200


@pytest.mark.parametrize(
    ("username", "password"),
    [("clinician1", "synthetic-but-wrong-passphrase"), ("nobody-here", "whatever-passphrase-9")],
    ids=["wrong-password", "unknown-user"],
)
def test_sign_in_refused_when_credentials_wrong(api: Api, username: str, password: str) -> None:
    response = api.sign_in(username, password)
    assert response.status_code == 401
    assert "access_token" not in response.json()
    assert response.json()["detail"] == "user name or password is not right"  # same either way
    assert password not in response.text


def test_sign_in_throttled_when_five_failures_even_with_right_password(
    api: Api, practice: Practice
) -> None:
    for _ in range(5):
        assert api.sign_in("clinician1", "synthetic-but-wrong-passphrase").status_code == 401
    throttled = api.sign_in("clinician1")
    assert throttled.status_code == 429
    assert "access_token" not in throttled.json()
    # Another account from the same address is not locked out by clinician1's failures.
    assert api.sign_in("clinician2").status_code == 200
    practice.clock.advance(timedelta(minutes=15, seconds=1))
    assert api.sign_in("clinician1").status_code == 200


def test_sign_in_throttled_when_one_address_fails_thirty_times(api: Api) -> None:
    for attempt in range(30):
        response = api.sign_in(f"guessed-user-{attempt}", "synthetic-but-wrong-passphrase")
        assert response.status_code == 401
    assert api.sign_in("clinician1").status_code == 429


def test_token_rejected_when_idle_for_fifteen_minutes(api: Api, practice: Practice) -> None:
    headers = api.headers("clinician1")
    practice.clock.advance(timedelta(minutes=14, seconds=59))
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 200
    practice.clock.advance(timedelta(minutes=14, seconds=59))  # active a moment ago: still fine
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 200
    practice.clock.advance(timedelta(minutes=15))
    expired = api.client.get("/api/v1/clients", headers=headers)
    assert expired.status_code == 401
    assert expired.headers["WWW-Authenticate"] == "Bearer"
    # The session is gone for good, not merely refused this once.
    practice.clock.advance(timedelta(seconds=-60))
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 401


def test_token_rejected_when_absolute_limit_passed_despite_activity(
    api: Api, practice: Practice
) -> None:
    headers = api.headers("clinician1")
    limit = practice.settings.session_absolute_limit
    elapsed = timedelta()
    step = timedelta(minutes=10)
    while elapsed + step < limit:
        practice.clock.advance(step)
        elapsed += step
        assert api.client.get("/api/v1/clients", headers=headers).status_code == 200
    practice.clock.advance(limit - elapsed)
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 401


def test_token_rejected_after_sign_out(api: Api) -> None:
    headers = api.headers("clinician1")
    assert api.client.post("/api/v1/auth/signout", headers=headers).status_code == 204
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 401


def test_token_requires_totp_when_enrolled(api: Api, practice: Practice) -> None:
    totp = enrol_totp(practice, "clinician1")
    practice.clock.advance(timedelta(seconds=90))  # a fresh time step
    now = practice.clock.now()
    without = api.sign_in("clinician1")
    assert without.status_code == 401
    assert "access_token" not in without.json()
    wrong = f"{(int(totp.at(now)) + 1) % 1_000_000:06d}"
    assert api.sign_in("clinician1", totp=wrong).status_code == 401
    stale = totp.at(now - timedelta(minutes=3))
    assert api.sign_in("clinician1", totp=stale).status_code == 401
    ok = api.sign_in("clinician1", totp=totp.at(now))
    assert ok.status_code == 200
    token = ok.json()["access_token"]
    listed = api.client.get("/api/v1/clients", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200
    # Someone who is not enrolled still signs in with a password alone.
    assert api.sign_in("clinician2").status_code == 200


def test_totp_code_refused_when_replayed(api: Api, practice: Practice) -> None:
    totp = enrol_totp(practice, "clinician1")
    practice.clock.advance(timedelta(seconds=90))
    code = totp.at(practice.clock.now())
    assert api.sign_in("clinician1", totp=code).status_code == 200
    assert api.sign_in("clinician1", totp=code).status_code == 401


def test_token_refused_when_mfa_mandatory_and_user_not_enrolled(
    api: Api, practice: Practice
) -> None:
    totp = enrol_totp(practice, "clinician1")
    assert api.put("/settings", "owner", {"mfa_required": True}).status_code == 204
    refused = api.sign_in("clinician2")
    assert refused.status_code == 401
    assert "multi-factor" in refused.json()["detail"]
    assert "access_token" not in refused.json()
    practice.clock.advance(timedelta(seconds=60))
    assert api.sign_in("clinician1", totp=totp.at(practice.clock.now())).status_code == 200


def test_existing_token_refused_when_mfa_becomes_mandatory(api: Api) -> None:
    headers = api.headers("clinician2")
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 200
    assert api.put("/settings", "owner", {"mfa_required": True}).status_code == 204
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("username", "password", "problem"),
    [
        ("newclinician", "short-Pass-9", "at least 15 characters"),
        ("newclinician", "1qaz2wsx3edc4rfv", "too common"),
        ("newclinician", "newclinician-2024!", "user name"),
        ("newclinician", "closeddoor-therapy-12", "service's name"),
    ],
    ids=["too-short", "common-password", "username-derived", "service-name-derived"],
)
def test_weak_password_refused_with_message_naming_password(
    api: Api, practice: Practice, username: str, password: str, problem: str
) -> None:
    users_before = scalar(practice, "SELECT count(*) FROM users")
    response = api.post(
        "/users",
        "owner",
        {"username": username, "display_name": "New Clinician (test)", "role": "clinician",
         "password": password},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("password:")
    assert problem in detail
    assert password not in response.text
    assert scalar(practice, "SELECT count(*) FROM users") == users_before
    assert api.sign_in(username, password).status_code == 401


def test_strong_password_accepted_and_new_user_signs_in(api: Api, practice: Practice) -> None:
    response = api.post(
        "/users",
        "owner",
        {"username": "newclinician", "display_name": "New Clinician (test)",
         "role": "clinician", "password": "violet-harbour-lantern-87"},
    )
    assert response.status_code == 201
    assert api.sign_in("newclinician", "violet-harbour-lantern-87").status_code == 200


NEW_PASSWORD = "saffron-glacier-ribbon-73"


def test_password_change_ends_every_session_and_new_password_works(
    api: Api, practice: Practice
) -> None:
    first = api.headers("clinician1")
    second = {"Authorization": f"Bearer {api.sign_in('clinician1').json()['access_token']}"}
    changed = api.client.post("/api/v1/auth/password", headers=first,
                              json={"current_password": practice.password,
                                    "new_password": NEW_PASSWORD})
    assert changed.status_code == 204
    for headers in (first, second):
        assert api.client.get("/api/v1/clients", headers=headers).status_code == 401
    assert api.sign_in("clinician1").status_code == 401
    assert api.sign_in("clinician1", NEW_PASSWORD).status_code == 200
    last = practice.services.runtime.audit.events(tags=["auth:password:change"], limit=1)
    assert [(e.entry.actor_id, e.entry.outcome) for e in last] == [
        (practice.user_id("clinician1"), "ok")]
    assert NEW_PASSWORD not in str(last)


@pytest.mark.parametrize(
    ("current", "new", "status", "detail"),
    [("synthetic-but-wrong-passphrase", NEW_PASSWORD, 401, "current password"),
     (None, "clinician1-clinician1", 422, "password:"),
     (None, "1qaz2wsx3edc4rfv", 422, "password:")],
    ids=["wrong-current", "username-derived", "common"],
)
def test_password_change_refused_and_nothing_changes_when_input_wrong(
    api: Api, practice: Practice, current: str | None, new: str, status: int, detail: str
) -> None:
    headers = api.headers("clinician1")
    response = api.client.post("/api/v1/auth/password", headers=headers,
                               json={"current_password": current or practice.password,
                                     "new_password": new})
    assert response.status_code == status
    assert detail in response.json()["detail"]
    assert new not in response.text
    assert api.client.get("/api/v1/clients", headers=headers).status_code == 200
    assert api.sign_in("clinician1").status_code == 200
    assert api.sign_in("clinician1", new).status_code == 401


def test_password_change_throttled_when_current_password_wrong_five_times(api: Api) -> None:
    headers = api.headers("clinician1")
    for _ in range(5):
        wrong = api.client.post("/api/v1/auth/password", headers=headers,
                                json={"current_password": "synthetic-but-wrong-passphrase",
                                      "new_password": NEW_PASSWORD})
        assert wrong.status_code == 401
    right = api.client.post("/api/v1/auth/password", headers=headers,
                            json={"current_password": api.practice.password,
                                  "new_password": NEW_PASSWORD})
    assert right.status_code == 429
