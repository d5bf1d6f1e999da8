"""Personal representatives in the portal with accounts of their own (45 CFR 164.502(g)), on
SQLite and PostgreSQL: the invitation goes to the representative's own address; what they see is
the gate's decision from the document's scope and their standing, read live: the record (never
psychotherapy notes or drafts), never a minor's self-consented care for a parent (164.502(g)(3)),
nothing at all after a 164.502(g)(5) refusal (their sessions end at once and any later request is
refused and audited); their reads show in the client's access history, by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.errors import AuthenticationFailed, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Role
from tests.factories import AuthorizationFactory, ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import scalar, sql
from tests.integration.test_minors_and_representatives import (
    client_aged,
    in_state,
    sign_consent,
)
from tests.mailbox import body_of, link_path, mail_server
from tests.portal.helpers import CLIENT_PASSWORD, PortalBrowser, hidden_value, portal_client

REFUSAL = {"reason": "Synthetic: the client disclosed that this person threatened them."}


@dataclass
class Represented:
    client_id: str
    representative_id: str
    username: str
    email: str
    browser: PortalBrowser


def representative_details(kind: str = "guardian", scope: tuple[str, ...] = ("records",),
                           **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "name": f"Morgan {marker('repname')} (synthetic)",
            "document_date": "2025-10-01", "document": "Letters (synthetic)",
            "scope": list(scope), "email": f"{marker('repmail')}@example.org"} | extra


def invited(practice: Practice, client_id: str, details: dict[str, Any]) -> tuple[str, str]:
    """Record the representative and invite them: (representative id, the token mailed)."""
    reps = practice.services.representatives
    representative_id = reps.record(practice.actor("billing"), client_id, details)
    sent = practice.services.portal.invite_representative(practice.actor("clinician1"),
                                                          client_id, representative_id)
    assert sent.sent_to == f"{details['email'][0]}***@example.org"
    token = link_path(mail_server().latest(details["email"])).removeprefix("/portal/invite/")
    return representative_id, token


def represented(practice: Practice, client_id: str, **kwargs: Any) -> Represented:
    details = representative_details(**kwargs)
    representative_id, token = invited(practice, client_id, details)
    username = marker("rep").lower()
    browser = PortalBrowser(practice.services)
    response = browser.accept(token, username)
    assert response.status_code == 200, response.text
    assert browser.token
    return Represented(client_id, representative_id, username, details["email"], browser)


def with_notes(practice: Practice, client_id: str) -> dict[str, str]:
    texts = {name: marker(name) for name in ("signed", "draft", "process")}
    NoteFactory.progress(practice, client_id, "clinician1", body=texts["signed"])
    NoteFactory.progress(practice, client_id, "clinician1", body=texts["draft"], sign=False)
    NoteFactory.psychotherapy(practice, client_id, "clinician1", body=texts["process"])
    return texts


def audited(practice: Practice, actor_id: str, tag: str) -> list[tuple[str, str]]:
    return [(row.outcome, row.reason) for row in sql(
        practice, "SELECT outcome, reason FROM audit_events WHERE actor_id = :a AND tag = :t "
        "ORDER BY seq", a=actor_id, t=tag)]


def test_invitation_goes_to_the_representatives_own_address_and_names_no_client(
        practice: Practice) -> None:
    data = ClientFactory.data()
    client_id = practice.services.charts.create_client(practice.actor("clinician1"), data)
    details = representative_details()
    _, token = invited(practice, client_id, details)
    message = mail_server().latest(details["email"])
    text = str(message["Subject"]) + body_of(message)
    for secret in (data["given_name"], data["family_name"], details["name"]):
        assert secret.lower() not in text.lower()
    assert token and token in text
    # Nothing went to the client's address for it.
    assert all(token not in body_of(m) for m in mail_server().to(data["email"]))


def test_representative_sees_the_record_but_never_psychotherapy_notes_or_drafts(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    texts = with_notes(practice, client_id)
    rep = represented(practice, client_id)
    for path in ("/portal/record", "/portal/record.json"):
        page = rep.browser.get(path)
        assert page.status_code == 200, page.text
        assert texts["signed"] in page.text
        assert texts["draft"] not in page.text and texts["process"] not in page.text
    # Nothing but the scope: no consent, history, preferences or releases. (Amendments travel
    # with the record, 164.526(c)(1), (d)(5), so the representative reads those, not asks.)
    for path in ("/portal/consent", "/portal/access-history", "/portal/preferences",
                 "/portal/authorizations", "/portal/notice"):
        page = rep.browser.get(path)
        assert page.status_code in (403, 404), (path, page.status_code)
        assert texts["signed"] not in page.text
    home = rep.browser.get("/portal")
    assert home.status_code == 200 and "/portal/record" in home.text
    assert "/portal/consent" not in home.text and "/portal/access-history" not in home.text


def test_parent_never_sees_care_the_minor_consented_to_alone(practice: Practice) -> None:
    in_state(practice, "US-CA")
    teen = client_aged(practice, 15)
    (maturity,) = minor_consent_grounds(load_jurisdiction("US-CA"))
    practice.services.representatives.record_finding(practice.actor("clinician1"), teen, {
        "ground": maturity, "note": "Synthetic: understands the treatment and its risks."})
    sign_consent(practice, teen)  # the minor, alone
    texts = with_notes(practice, teen)
    parent = represented(practice, teen, kind="parent", scope=("records", "authorizations"))
    page = parent.browser.get("/portal/record")
    assert page.status_code in (403, 404)
    assert texts["signed"] not in page.text
    account_id = scalar(practice, "SELECT id FROM portal_accounts WHERE representative_id = :r",
                        r=parent.representative_id)
    actor_id = f"portal:{account_id}"
    assert ("deny", "minor-controls-these-records") in audited(practice, actor_id,
                                                              "portal:record:read")
    # Nor may the parent sign a release of those records from the portal.
    authorization_id = AuthorizationFactory.create(practice, teen, sign=False)
    form = parent.browser.get(f"/portal/authorizations/{authorization_id}")
    assert form.status_code in (403, 404)


def test_parent_sees_the_record_when_the_parent_consented_to_the_care(
        practice: Practice) -> None:
    in_state(practice, "US-FL")
    child = client_aged(practice, 12)
    sign_consent(practice, child, signer_kind="guardian", guardian_relation="mother")
    texts = with_notes(practice, child)
    parent = represented(practice, child, kind="parent")
    page = parent.browser.get("/portal/record")
    assert page.status_code == 200 and texts["signed"] in page.text
    assert texts["process"] not in page.text


def test_g5_refusal_ends_the_live_session_at_once_and_later_requests_are_refused(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    texts = with_notes(practice, client_id)
    rep = represented(practice, client_id)
    portal = practice.services.portal
    signed_in = portal.sign_in(rep.username, CLIENT_PASSWORD, address="198.51.100.7")
    principal = signed_in.principal
    assert principal.actor.role is Role.REPRESENTATIVE
    assert rep.browser.get("/portal/record").status_code == 200
    practice.services.representatives.refuse(practice.actor("clinician1"), client_id,
                                             rep.representative_id, REFUSAL)
    # The browser's session is gone: the next page asks to sign in, showing nothing.
    page = rep.browser.get("/portal/record", follow_redirects=False)
    assert page.status_code == 303 and texts["signed"] not in page.text
    assert portal.resolve(signed_in.token) is None
    # A request still holding the principal is refused by the gate, which reads the refusal
    # live, and the refusal is audited.
    with pytest.raises((NotFound, PolicyDenied)):
        portal.record(principal)
    assert ("deny", "representative-refused") in audited(
        practice, principal.actor.actor_id, "portal:record:read")
    with pytest.raises(AuthenticationFailed):
        portal.sign_in(rep.username, CLIENT_PASSWORD, address="198.51.100.7")


def test_revoking_portal_access_ends_the_session_and_keeps_the_representative(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    rep = represented(practice, client_id)
    assert rep.browser.get("/portal/record").status_code == 200
    reps = practice.services.representatives
    with pytest.raises((NotFound, PolicyDenied)):  # a supervisor does no paperwork
        reps.revoke_portal_access(practice.actor("supervisor"), client_id,
                                  rep.representative_id)
    reps.revoke_portal_access(practice.actor("billing"), client_id, rep.representative_id)
    assert rep.browser.get("/portal/record", follow_redirects=False).status_code == 303
    (listed,) = reps.list_representatives(practice.actor("billing"), client_id)
    assert (listed.status, listed.portal) == ("active", "revoked")
    # Inviting again is refused while the closed account exists: no second account.
    with pytest.raises(InvalidInput, match="representative:"):
        practice.services.portal.invite_representative(practice.actor("clinician1"), client_id,
                                                       rep.representative_id)


def test_client_and_representative_accounts_never_resolve_as_each_other(
        practice: Practice) -> None:
    client = portal_client(practice, marker("own").lower())
    rep = represented(practice, client.client_id)
    portal = practice.services.portal
    own = portal.sign_in(client.username, CLIENT_PASSWORD, address="198.51.100.8")
    theirs = portal.sign_in(rep.username, CLIENT_PASSWORD, address="198.51.100.8")
    assert own.principal.actor.role is Role.CLIENT and not own.principal.is_representative
    assert theirs.principal.actor.role is Role.REPRESENTATIVE
    assert own.principal.account_id != theirs.principal.account_id
    assert theirs.principal.actor.actor_id == f"portal:{theirs.principal.account_id}"
    # The representative's token opens no staff API, and the client's invitation still works
    # alongside (one account of the client's own, one per representative).
    staff = rep.browser.http.get(f"/api/v1/clients/{client.client_id}",
                                 headers={"Authorization": f"Bearer {theirs.token}"})
    assert staff.status_code == 401
    assert rep.browser.get(f"/clients/{client.client_id}", follow_redirects=False) \
        .status_code in (303, 401)
    with pytest.raises((NotFound, PolicyDenied)):  # the history is the client's own
        portal.access_history(theirs.principal)


def test_access_history_shows_the_representatives_reads_by_name_not_the_refusal(
        practice: Practice) -> None:
    client = portal_client(practice, marker("own").lower())
    details = representative_details()
    representative_id, token = invited(practice, client.client_id, details)
    browser = PortalBrowser(practice.services)
    assert browser.accept(token, marker("rep").lower()).status_code == 200
    assert browser.get("/portal/record").status_code == 200
    practice.services.representatives.refuse(practice.actor("clinician1"), client.client_id,
                                             representative_id, REFUSAL)
    history = client.browser.get("/portal/access-history")
    assert history.status_code == 200
    assert f"your representative {details['name']}" in history.text
    assert "Personal representative" in history.text
    assert "164.502(g)(5)" not in history.text and "refus" not in history.text.lower()


def test_authorizations_scope_signs_as_the_representative_and_sees_no_record(
        practice: Practice) -> None:
    client_id = ClientFactory.create(practice)
    sign_consent(practice, client_id)
    texts = with_notes(practice, client_id)
    rep = represented(practice, client_id, scope=("authorizations",))
    assert rep.browser.get("/portal/record").status_code in (403, 404)
    authorization_id = AuthorizationFactory.create(practice, client_id, sign=False)
    page = rep.browser.get(f"/portal/authorizations/{authorization_id}")
    assert page.status_code == 200, page.text
    assert texts["signed"] not in page.text
    signed = rep.browser.post(f"/portal/authorizations/{authorization_id}/sign", {
        "text_sha256": hidden_value(page.text, "text_sha256"), "has_read": "yes",
        "signer_name": "Morgan Guardian (synthetic)"})
    assert signed.status_code == 200, signed.text
    assert scalar(practice, "SELECT signer_kind FROM authorizations WHERE id = :a",
                  a=authorization_id) == "representative"
