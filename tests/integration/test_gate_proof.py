"""The gate is the only way in: a client's sealed fields open only with the proof the gate gives
for that client; lists, searches, the emergency lookup and the owner's review queues decide and
audit each client they show; a refusal raised after an allow is audited; one row that cannot be
decrypted never breaks a list."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import AccessUnproven, ConflictError
from closeddoor.gate import Access, Gate
from closeddoor.policy import Permission
from closeddoor.records.clients import WITHHELD
from closeddoor.store.db import read_transaction
from closeddoor.store.keyring import CREDENTIAL_KINDS
from closeddoor.store.tables import clients
from closeddoor.types import RecordKind
from tests.factories import ClientFactory, NoteFactory, Practice, team_up
from tests.integration.helpers import Api, sql

P = Permission


def sealed_demographics(practice: Practice, client_id: str) -> bytes:
    with read_transaction(practice.services.engine) as conn:
        sealed: bytes = conn.execute(select(clients.c.demographics_sealed)
                                     .where(clients.c.id == client_id)).scalar_one()
    return sealed


def proof_for(practice: Practice, username: str, client_id: str) -> Access:
    return Gate(practice.services.runtime).authorize_read(
        practice.actor(username), P.CHART_DEMOGRAPHICS_READ, AuditTag.RECORD_CLIENT_READ,
        client_id)


def events_of(api: Api, client_id: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = api.get_all(f"/audit/events?client_id={client_id}", "owner")
    return events


# --- the proof --------------------------------------------------------------------------------
def test_unseal_refused_when_proof_names_another_client(practice: Practice) -> None:
    a, b = ClientFactory.create(practice), ClientFactory.create(practice)
    proof_a = proof_for(practice, "clinician1", a)
    keyring = practice.services.runtime.keyring
    with read_transaction(practice.services.engine) as conn, pytest.raises(AccessUnproven):
        keyring.unseal_field(conn, b, RecordKind.CLIENT, b, "demographics",
                             sealed_demographics(practice, b), proof_a)
    with read_transaction(practice.services.engine) as conn, pytest.raises(AccessUnproven):
        keyring.seal_field(conn, b, RecordKind.CLIENT, b, "demographics", b"{}", proof_a)
    with read_transaction(practice.services.engine) as conn:  # the right proof opens it
        assert keyring.unseal_field(conn, a, RecordKind.CLIENT, a, "demographics",
                                    sealed_demographics(practice, a), proof_a)


def test_a_batch_opens_each_value_with_its_own_proof_and_withholds_one_out_of_place(
        practice: Practice) -> None:
    a, b = ClientFactory.create(practice), ClientFactory.create(practice)
    proof_a, proof_b = (proof_for(practice, "owner", c) for c in (a, b))
    keyring = practice.services.runtime.keyring
    sealed_a, sealed_b = sealed_demographics(practice, a), sealed_demographics(practice, b)
    with read_transaction(practice.services.engine) as conn:
        opened = keyring.unseal_fields(conn, RecordKind.CLIENT, "demographics",
                                       [(proof_a, a, sealed_a), (proof_b, b, sealed_b)])
        assert opened[0] == keyring.unseal_field(conn, a, RecordKind.CLIENT, a,
                                                 "demographics", sealed_a, proof_a)
        assert opened[1] is not None and opened[1] != opened[0]
        # b's proof with a's ciphertext (a swapped row): withheld, and a still opens
        swapped = keyring.unseal_fields(conn, RecordKind.CLIENT, "demographics",
                                        [(proof_b, b, sealed_a), (proof_a, a, sealed_a)])
        assert swapped[0] is None and swapped[1] == opened[0]


def test_a_batch_is_refused_whole_when_an_item_has_no_proof(practice: Practice) -> None:
    a, b = ClientFactory.create(practice), ClientFactory.create(practice)
    proof_a = proof_for(practice, "owner", a)
    keyring = practice.services.runtime.keyring

    class LookAlike:  # an object shaped like the gate's proof, not made by it
        client_id = b

    sealed_a, sealed_b = sealed_demographics(practice, a), sealed_demographics(practice, b)
    with read_transaction(practice.services.engine) as conn:
        for stranger in (None, LookAlike()):
            with pytest.raises(AccessUnproven):
                keyring.unseal_fields(conn, RecordKind.CLIENT, "demographics",
                                      [(proof_a, a, sealed_a), (stranger, b, sealed_b)])


def test_unseal_refused_when_no_proof_is_given(practice: Practice) -> None:
    client = ClientFactory.create(practice)
    keyring = practice.services.runtime.keyring
    sealed = sealed_demographics(practice, client)
    with read_transaction(practice.services.engine) as conn:
        with pytest.raises(AccessUnproven):
            keyring.unseal_field(conn, client, RecordKind.CLIENT, client, "demographics", sealed)
        with pytest.raises(AccessUnproven):
            keyring.seal_field(conn, client, RecordKind.CLIENT, client, "demographics", b"{}")
        with pytest.raises(AccessUnproven):  # credentials are not a way round the gate
            keyring.unseal_credential(conn, client, RecordKind.CLIENT, client, "demographics",
                                      sealed)



def test_unseal_credential_refused_when_kind_is_clinical_or_a_plain_string(
        practice: Practice) -> None:
    # Only the two credential kinds open without a client decision, and only as RecordKind
    # members: a plain string spelled like one is refused before any key is touched.
    client = ClientFactory.create(practice)
    keyring = practice.services.runtime.keyring
    sealed = sealed_demographics(practice, client)
    refused: list[Any] = [kind for kind in RecordKind if kind not in CREDENTIAL_KINDS]
    refused += ["user", "portal_account"]
    with read_transaction(practice.services.engine) as conn:
        for kind in refused:
            with pytest.raises(AccessUnproven):
                keyring.unseal_credential(conn, client, kind, client, "username", sealed)
            with pytest.raises(AccessUnproven):
                keyring.seal_credential(conn, client, kind, client, "username", b"x")
    assert {RecordKind.PORTAL_ACCOUNT, RecordKind.USER} == CREDENTIAL_KINDS


def test_proof_refused_when_made_outside_the_gate(practice: Practice) -> None:
    client = ClientFactory.create(practice)
    with pytest.raises(AccessUnproven):
        Access(practice.user_id("clinician2"), P.CHART_DEMOGRAPHICS_READ, client, 1, "forged")
    real = proof_for(practice, "clinician1", client)
    assert real.client_id == client and real.actor_id == practice.user_id("clinician1")
    assert real.audit_seq > 0


def test_proof_names_the_audit_event_when_the_gate_allows(practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice)
    proof = proof_for(practice, "clinician1", client)
    recorded = {event["seq"]: event for event in events_of(api, client)}
    assert recorded[proof.audit_seq]["actor_id"] == practice.user_id("clinician1")
    assert recorded[proof.audit_seq]["outcome"] == "allow"


# --- lists and searches -----------------------------------------------------------------------
def test_list_records_each_shown_client_when_staff_list_clients(
        practice: Practice, api: Api) -> None:
    mine, theirs = ClientFactory.create(practice), ClientFactory.create(practice, "clinician2")
    listed = api.get("/clients", "clinician1")
    assert listed.status_code == 200
    assert mine in {c["id"] for c in listed.json()["items"]}
    seen = [e for e in events_of(api, mine) if e["tag"] == AuditTag.RECORD_CLIENT_READ.value
            and e["actor_id"] == practice.user_id("clinician1") and e["outcome"] == "allow"
            and e["details"] == {"listed": "list"}]
    assert seen, "the list did not record the client it showed"
    assert not [e for e in events_of(api, theirs)
                if e["actor_id"] == practice.user_id("clinician1")]


def test_search_records_each_caseload_client_and_never_names_another_clinicians(
        practice: Practice, api: Api) -> None:
    family = ClientFactory.data()["family_name"]
    mine = ClientFactory.create(practice, family_name=family)
    theirs = ClientFactory.create(practice, "clinician2", family_name=family)
    found = api.post("/clients/search", "clinician1", {"name": family})
    assert found.status_code == 200
    assert {c["id"] for c in found.json()["items"]} == {mine}
    me = practice.user_id("clinician1")
    assert [e for e in events_of(api, mine) if e["tag"] == AuditTag.RECORD_CLIENT_SEARCH.value
            and e["actor_id"] == me and e["outcome"] == "allow"
            and e["details"] == {"listed": "caseload-search"}]
    assert not [e for e in events_of(api, theirs) if e["actor_id"] == me]
    everything = api.get("/audit/events?limit=50", "owner").json()["items"]
    summary = [e for e in everything if e["tag"] == AuditTag.RECORD_CLIENT_SEARCH.value
               and e["actor_id"] == me and not e["client_id"]]
    assert summary[0]["details"] == {"count": 1, "hidden": 0}


def test_search_records_each_match_when_billing_looks_up_an_exact_name(
        practice: Practice, api: Api) -> None:
    family = ClientFactory.data()["family_name"]
    one = ClientFactory.create(practice, family_name=family)
    other = ClientFactory.create(practice, "clinician2", family_name=family)
    found = api.post("/clients/search", "billing", {"name": family})
    assert found.status_code == 200
    assert {c["id"] for c in found.json()["items"]} == {one, other}
    billing = practice.user_id("billing")
    for client in (one, other):
        assert [e for e in events_of(api, client)
                if e["tag"] == AuditTag.RECORD_CLIENT_SEARCH.value
                and e["actor_id"] == billing and e["details"] == {"listed": "search"}]


def test_list_shows_row_as_withheld_and_alerts_when_its_name_cannot_be_decrypted(
        practice: Practice, api: Api) -> None:
    source, damaged = ClientFactory.create(practice), ClientFactory.create(practice)
    sql(practice, "UPDATE clients SET demographics_sealed = (SELECT demographics_sealed FROM "
        "clients WHERE id = :source) WHERE id = :target", source=source, target=damaged)
    listed = api.get("/clients", "owner")
    assert listed.status_code == 200, listed.text
    rows = {c["id"]: c for c in listed.json()["items"]}
    assert rows[damaged]["display_name"] == WITHHELD
    assert rows[damaged]["date_of_birth"] is None
    assert rows[source]["display_name"] != WITHHELD
    alerts = [e for e in events_of(api, damaged)
              if e["tag"] == AuditTag.KEY_DATA_UNDECRYPTABLE.value]
    assert alerts and alerts[0]["details"] == {"field": "demographics"}


# --- refusals after an allow ------------------------------------------------------------------
def test_refusal_is_audited_when_a_colleague_adds_an_addendum_to_a_draft(
        practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice)
    team_up(practice, client, "clinician2")
    draft = NoteFactory.progress(practice, client, sign=False)
    with pytest.raises(ConflictError):
        NoteFactory.addendum(practice, client, draft, "clinician2")
    refused = [e for e in events_of(api, client)
               if e["tag"] == AuditTag.RECORD_ADDENDUM_CREATE.value]
    assert [(e["actor_id"], e["outcome"], e["reason"]) for e in refused] == [
        (practice.user_id("clinician2"), "fail", "conflict-error")]


# --- emergency lookup and review queues -------------------------------------------------------
def test_emergency_lookup_records_every_name_match_when_names_collide(
        practice: Practice, api: Api) -> None:
    data = ClientFactory.data()
    other = ClientFactory.create(practice, **data)  # same name, another birthday: also opened
    wanted = ClientFactory.create(practice, **{**data, "date_of_birth": "1990-02-03"})
    found = practice.services.break_glass.find_client_for_emergency(
        practice.actor("clinician2"), f"{data['given_name']} {data['family_name']}",
        "1990-02-03")
    assert found == wanted
    me = practice.user_id("clinician2")
    for client in (other, wanted):  # each decrypted date of birth was decided and audited
        assert [(e["outcome"], e["reason"], e["details"]) for e in events_of(api, client)
                if e["tag"] == AuditTag.RECORD_CLIENT_SEARCH.value and e["actor_id"] == me
                and e["details"].get("listed")] == [
            ("allow", "break-glass", {"listed": "break-glass-lookup"})]


def test_review_queue_records_each_client_when_the_owner_reads_break_glass_reasons(
        practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice)
    practice.services.break_glass.open(practice.actor("clinician2"), client,
                                       "Synthetic emergency: crisis call, clinician away.")
    queue = api.get("/reviews/break-glass", "owner")
    assert queue.status_code == 200, queue.text
    reads = [e for e in events_of(api, client) if e["tag"] == AuditTag.PRACTICE_REVIEW_READ.value]
    assert [(e["actor_id"], e["outcome"]) for e in reads] == [
        (practice.user_id("owner"), "allow")]
