"""Portal invitations made by staff through the API, on SQLite and PostgreSQL: the link works
once, expires after 72 hours, replaces any earlier unused link, and its token travels only in
the e-mail to the client (the database keeps a hash; the staff answer never holds it).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from closeddoor.errors import NotFound
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api, sql
from tests.mailbox import link_path, mail_server
from tests.portal.helpers import email_of

CLIENT_PASSWORD = "lantern-orchard-velvet-2931"
PREFIX = "/portal/invite/"


def invite(api: Api, client_id: str, who: str = "clinician1") -> tuple[str, datetime]:
    created = api.post(f"/clients/{client_id}/portal-invitations", who)
    assert created.status_code == 201, created.text
    body = created.json()
    path = link_path(mail_server().latest(email_of(api.practice, client_id)))
    assert path.startswith(PREFIX) and path not in created.text
    return path.removeprefix(PREFIX), datetime.fromisoformat(body["expires_at"])


def test_invitation_is_accepted_once_and_the_second_use_fails(
    practice: Practice, api: Api,
) -> None:
    client_id = ClientFactory.create(practice)
    token, expires_at = invite(api, client_id)
    assert expires_at == practice.clock.now() + timedelta(hours=72)
    portal = practice.services.portal
    assert portal.invitation_is_open(token)
    signed_in = portal.accept_invitation(token, "synthetic.client", CLIENT_PASSWORD)
    assert signed_in.principal.client_id == client_id
    assert not portal.invitation_is_open(token)
    with pytest.raises(NotFound):
        portal.accept_invitation(token, "synthetic.client2", CLIENT_PASSWORD)


def test_invitation_expires_after_72_hours(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice)
    token, _ = invite(api, client_id, "owner")
    practice.clock.advance(timedelta(hours=73))
    assert not practice.services.portal.invitation_is_open(token)
    with pytest.raises(NotFound):
        practice.services.portal.accept_invitation(token, "late.client", CLIENT_PASSWORD)


def test_a_new_invitation_replaces_the_unused_one(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice)
    first, _ = invite(api, client_id)
    second, _ = invite(api, client_id, "owner")
    assert first != second
    portal = practice.services.portal
    assert not portal.invitation_is_open(first)
    with pytest.raises(NotFound):
        portal.accept_invitation(first, "first.link", CLIENT_PASSWORD)
    assert portal.accept_invitation(second, "second.link", CLIENT_PASSWORD)


def test_token_is_not_stored_or_audited_in_plaintext(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice)
    token, _ = invite(api, client_id)
    rows = sql(practice, "SELECT token_hash FROM portal_invitations WHERE client_id = :c",
               c=client_id)
    assert len(rows) == 1 and rows[0][0] != token and token not in rows[0][0]
    audit = sql(practice, "SELECT tag, details FROM audit_events WHERE client_id = :c",
                c=client_id)
    assert ("portal:invitation:create" in {tag for tag, _ in audit})
    assert all(token not in (details or "") for _, details in audit)
    # A later listing of the chart never shows the link again.
    for path in ("", "/consent", "/consent/signatures"):
        assert token not in api.get(f"/clients/{client_id}{path}", "clinician1").text


def test_invitation_expiry_is_reported_in_utc(api: Api) -> None:
    _, expires_at = invite(api, ClientFactory.create(api.practice))
    assert expires_at.utcoffset() == timedelta(0)
    assert expires_at.astimezone(UTC) > api.practice.clock.now()
