"""Portal enrolment that only the client can complete (issue 9, finding 1), on SQLite and
PostgreSQL, with mail through a real SMTP server (tests/mailbox.py).

Before: the invitation link came back to the inviting staff member, who could accept it with
their own password and read the client's record as the client; re-inviting an enrolled client
reset their account. Now the link goes only to the client's e-mail address on file, an office
enrolment needs a code from that e-mail, and an invitation never replaces an account.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from closeddoor.errors import ConflictError, InvalidInput, NotFound
from tests.e2e.server import demo_server
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api, open_api, sql
from tests.mailbox import PUBLIC_URL, body_of, code_in, link_path, mail_server
from tests.portal.helpers import email_of

CLIENT_PASSWORD = "lantern-orchard-velvet-2931"
NEW_PASSWORD = "copper-meadow-signal-7714"
INVITE = "/portal/invite/"


def portal_token(api: Api, username: str, password: str) -> str:
    response = api.client.post("/api/v1/portal/token",
                               json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def record_status(api: Api, token: str) -> int:
    return api.client.get("/api/v1/portal/me/record",
                          headers={"Authorization": f"Bearer {token}"}).status_code


def enrolled(practice: Practice, api: Api, username: str) -> tuple[str, str]:
    """A client who accepted the link from their own e-mail: (client id, address)."""
    client_id = ClientFactory.create(practice)
    assert api.post(f"/clients/{client_id}/portal-invitations", "clinician1").status_code == 201
    address = email_of(practice, client_id)
    token = link_path(mail_server().latest(address)).removeprefix(INVITE)
    practice.services.portal.accept_invitation(token, username, CLIENT_PASSWORD)
    return client_id, address


def test_invitation_is_mailed_to_the_client_and_the_answer_holds_no_link_when_owner_invites(
    practice: Practice, api: Api,
) -> None:
    data = ClientFactory.data(date_of_birth="1987-06-15")
    client_id = practice.services.charts.create_client(practice.actor("clinician1"), data)
    response = api.client.post(f"/api/v1/clients/{client_id}/portal-invitations",
                               headers={**api.headers("owner"), "Host": "attacker.example"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"sent_to", "expires_at"}
    assert body["sent_to"] == f"{data['email'][0]}***@example.org"
    message = mail_server().latest(data["email"])
    text = body_of(message)
    path = link_path(message)
    token = path.removeprefix(INVITE)
    assert f"{PUBLIC_URL}{path}" in text and "attacker.example" not in text
    assert token not in response.text and data["email"] not in response.text
    subject = str(message["Subject"])
    assert subject == "Your secure portal invitation from Test practice (synthetic)"
    for secret in (data["family_name"], data["given_name"], "1987", "06/15", "15 June"):
        assert secret.lower() not in (subject + text).lower()
    for clinical in ("therap", "diagnos", "counsel", "psych"):
        assert clinical not in (subject + text).lower()
    # The page the link opens is the enrolment page, and the client can complete it.
    assert api.client.get(path).status_code == 200
    signed_in = practice.services.portal.accept_invitation(token, "mailed.client",
                                                           CLIENT_PASSWORD)
    assert signed_in.principal.client_id == client_id


def test_owner_cannot_complete_enrolment_when_holding_only_the_staff_answer(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    response = api.post(f"/clients/{client_id}/portal-invitations", "owner")
    assert response.status_code == 201
    portal = practice.services.portal
    for candidate in re.findall(r"[A-Za-z0-9_-]{16,}", response.text):
        assert not portal.invitation_is_open(candidate)
        with pytest.raises(NotFound):
            portal.accept_invitation(candidate, "owner.takeover", CLIENT_PASSWORD)
    audit = sql(practice, "SELECT details, reason FROM audit_events WHERE client_id = :c",
                c=client_id)
    token = link_path(mail_server().latest(email_of(practice, client_id))).removeprefix(INVITE)
    assert all(token not in f"{details}{reason}" for details, reason in audit)


def test_reinvite_keeps_the_account_when_the_client_is_enrolled(
    practice: Practice, api: Api,
) -> None:
    client_id, address = enrolled(practice, api, "kept.client")
    assert api.post(f"/clients/{client_id}/portal-invitations", "owner").status_code == 201
    second = link_path(mail_server().latest(address)).removeprefix(INVITE)
    portal = practice.services.portal
    with pytest.raises(ConflictError, match=r"sign in .*Forgot password"):
        portal.accept_invitation(second, "kept.client", NEW_PASSWORD)
    with pytest.raises(ConflictError):
        portal.accept_invitation(second, "owner.chosen", NEW_PASSWORD)
    assert record_status(api, portal_token(api, "kept.client", CLIENT_PASSWORD)) == 200
    refused = api.client.post("/api/v1/portal/token",
                              json={"username": "kept.client", "password": NEW_PASSWORD})
    assert refused.status_code == 401


def test_invite_refused_naming_the_field_when_the_client_has_no_email(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice, email="")
    before = mail_server().count()
    response = api.post(f"/clients/{client_id}/portal-invitations", "clinician1")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("email: this client has no e-mail address")
    assert sql(practice, "SELECT id FROM portal_invitations WHERE client_id = :c",
               c=client_id) == []
    assert mail_server().count() == before


def test_invite_refused_plainly_when_mail_is_not_configured(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    services = practice.reopen(dataclasses.replace(practice.settings, smtp_url=""))
    with open_api(practice, services) as api:
        response = api.post(f"/clients/{client_id}/portal-invitations", "clinician1")
        assert response.status_code == 503
        assert response.json()["detail"] == (
            "e-mail is not set up for this practice: set CLOSEDDOOR_SMTP_URL and "
            "CLOSEDDOOR_PUBLIC_URL")
        reset = api.client.post("/api/v1/portal/password-reset", json={"username": "anyone"})
        assert reset.status_code == 503
    assert sql(practice, "SELECT id FROM portal_invitations WHERE client_id = :c",
               c=client_id) == []


def test_invitation_expires_and_staff_are_told_when_the_mail_server_refuses(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    mailbox = mail_server()
    mailbox.refuse = True
    try:
        response = api.post(f"/clients/{client_id}/portal-invitations", "clinician1")
    finally:
        mailbox.refuse = False
    assert response.status_code == 503
    assert response.json()["detail"] == "the invitation e-mail could not be sent; try again"
    rows = sql(practice, "SELECT expires_at FROM portal_invitations WHERE client_id = :c",
               c=client_id)
    assert len(rows) == 1
    tags = {t for (t,) in sql(practice, "SELECT tag FROM audit_events WHERE client_id = :c",
                              c=client_id)}
    assert "portal:invitation:expire" in tags
    assert mailbox.to(email_of(practice, client_id)) == []


def test_office_enrolment_completes_only_with_the_mailed_code(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    portal = practice.services.portal
    enrolment = portal.enrol_in_office(practice.actor("clinician1"), client_id)
    assert enrolment.expires_at == practice.clock.now() + timedelta(minutes=15)
    message = mail_server().latest(email_of(practice, client_id))
    code = code_in(message)
    assert code not in repr(enrolment)
    assert portal.invitation_needs_code(enrolment.token)
    with pytest.raises(InvalidInput, match=r"^code: "):
        portal.accept_invitation(enrolment.token, "office.client", CLIENT_PASSWORD)
    stored = sql(practice, "SELECT code_hash FROM portal_invitations WHERE client_id = :c",
                 c=client_id)
    assert stored[0][0] and code not in stored[0][0]
    signed_in = portal.accept_invitation(enrolment.token, "office.client", CLIENT_PASSWORD,
                                         code=code)
    assert signed_in.principal.client_id == client_id
    with pytest.raises(NotFound):  # single use
        portal.accept_invitation(enrolment.token, "office.again", CLIENT_PASSWORD, code=code)


def test_office_enrolment_ends_when_five_wrong_codes_are_typed(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    portal = practice.services.portal
    enrolment = portal.enrol_in_office(practice.actor("owner"), client_id)
    code = code_in(mail_server().latest(email_of(practice, client_id)))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(4):
        with pytest.raises(InvalidInput):
            portal.accept_invitation(enrolment.token, "guessed.client", CLIENT_PASSWORD,
                                     code=wrong)
    with pytest.raises(NotFound, match="too many wrong codes"):
        portal.accept_invitation(enrolment.token, "guessed.client", CLIENT_PASSWORD, code=wrong)
    with pytest.raises(NotFound):  # the right code no longer helps
        portal.accept_invitation(enrolment.token, "guessed.client", CLIENT_PASSWORD, code=code)
    tags = [t for (t,) in sql(practice, "SELECT tag FROM audit_events WHERE client_id = :c "
                                        "ORDER BY seq", c=client_id)]
    assert tags.count("portal:enrolment-code:reject") == 5


def test_office_code_stops_working_when_15_minutes_pass(practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    portal = practice.services.portal
    enrolment = portal.enrol_in_office(practice.actor("clinician1"), client_id)
    code = code_in(mail_server().latest(email_of(practice, client_id)))
    practice.clock.advance(timedelta(minutes=16))
    with pytest.raises(NotFound):
        portal.accept_invitation(enrolment.token, "late.client", CLIENT_PASSWORD, code=code)


def test_password_reset_answer_is_the_same_when_the_account_does_or_does_not_exist(
    practice: Practice, api: Api,
) -> None:
    _, address = enrolled(practice, api, "forgetful.client")
    known = api.client.post("/api/v1/portal/password-reset",
                            json={"username": "forgetful.client"})
    unknown = api.client.post("/api/v1/portal/password-reset",
                              json={"username": "nobody.here"})
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.status_code == 202
    assert "/portal/reset/" in link_path(mail_server().latest(address))


def test_password_reset_sets_the_password_and_ends_old_sessions_when_the_link_is_used(
    practice: Practice, api: Api,
) -> None:
    client_id, address = enrolled(practice, api, "reset.client")
    old_session = portal_token(api, "reset.client", CLIENT_PASSWORD)
    assert record_status(api, old_session) == 200
    practice.services.portal.request_password_reset("reset.client")
    message = mail_server().latest(address)
    assert "reset" in str(message["Subject"]).lower()
    token = link_path(message).removeprefix("/portal/reset/")
    assert api.client.get(f"/portal/reset/{token}").status_code == 200
    done = api.client.post("/api/v1/portal/password-reset/confirmation",
                           json={"token": token, "password": NEW_PASSWORD})
    assert done.status_code == 204, done.text
    assert record_status(api, old_session) == 401
    assert api.client.post("/api/v1/portal/token", json={
        "username": "reset.client", "password": CLIENT_PASSWORD}).status_code == 401
    assert record_status(api, portal_token(api, "reset.client", NEW_PASSWORD)) == 200
    again = api.client.post("/api/v1/portal/password-reset/confirmation",
                            json={"token": token, "password": "another-" + NEW_PASSWORD})
    assert again.status_code == 404
    tags = {t for (t,) in sql(practice, "SELECT tag FROM audit_events WHERE client_id = :c",
                              c=client_id)}
    assert {"portal:password-reset:request", "portal:password:reset"} <= tags


def test_password_reset_link_stops_working_when_an_hour_passes(
    practice: Practice, api: Api,
) -> None:
    _, address = enrolled(practice, api, "slow.client")
    practice.services.portal.request_password_reset("slow.client")
    token = link_path(mail_server().latest(address)).removeprefix("/portal/reset/")
    practice.clock.advance(timedelta(minutes=61))
    with pytest.raises(NotFound):
        practice.services.portal.reset_password(token, NEW_PASSWORD)


def test_old_address_is_told_when_the_email_changes(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice)
    old = email_of(practice, client_id)
    before = api.get(f"/clients/{client_id}", "clinician1").json()
    new = "moved.synthetic.client@example.net"
    changed = api.put(f"/clients/{client_id}", "clinician1", {
        **before["demographics"], **before["contacts"], "email": new})
    assert changed.status_code == 204, changed.text
    notice = mail_server().latest(old)
    text = str(notice["Subject"]) + body_of(notice)
    assert ("The e-mail address for your portal account was changed; if this was not you, "
            "contact the practice") in text
    assert new not in text and before["demographics"]["family_name"] not in text
    assert mail_server().to(new) == []
    tags = {t for (t,) in sql(practice, "SELECT tag FROM audit_events WHERE client_id = :c",
                              c=client_id)}
    assert "record:client-email:update" in tags


def test_serve_emails_a_link_under_the_public_url_when_smtp_is_set(tmp_path: Path) -> None:
    """The interface contract: `closeddoor serve` with CLOSEDDOOR_SMTP_URL and
    CLOSEDDOOR_PUBLIC_URL set e-mails the client a link under the public URL that opens the
    enrolment page; the HTTP answer carries no part of that link's secret."""
    password = "synthetic-serve-passphrase-3391"
    with demo_server(tmp_path, password=password, clients=2, ready_path="/signin") as url, \
            httpx.Client(base_url=url, timeout=30) as http:
        token = http.post("/api/v1/auth/token",
                          json={"username": "clinician1", "password": password}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        client_id = http.get("/api/v1/clients", headers=headers).json()["items"][0]["id"]
        address = http.get(f"/api/v1/clients/{client_id}", headers=headers).json()[
            "contacts"]["email"]
        answer = http.post(f"/api/v1/clients/{client_id}/portal-invitations",
                           headers={**headers, "Host": "attacker.example"})
        assert answer.status_code == 201, answer.text
        message = mail_server().latest(address, wait=15)
        path = link_path(message)
        assert f"{PUBLIC_URL}{path}" in body_of(message)
        secret = path.removeprefix(INVITE)
        assert secret[:8] not in answer.text and secret[-8:] not in answer.text
        page = http.get(path)
        assert page.status_code == 200 and "Choose a user name" in page.text
