"""Chart destruction (issue 11, part 3): a request by one owner, approval by another, then
crypto-shredding. Adversarial: the requester approving, non-owners, early destruction without an
allowed basis, a legal hold, a pre-destruction copy of the database restored with today's key
folder, another process's key cache, and the audit verified afterwards."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, text

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.audit.tags import AuditTag
from closeddoor.errors import KeyDestroyed
from closeddoor.gate import Gate
from closeddoor.policy import Permission
from closeddoor.store.tables import audit_events, clients, metadata
from closeddoor.types import RecordKind
from tests.factories import (
    ClientFactory,
    NoteFactory,
    Practice,
    duty_to_warn_request,
    marker,
)
from tests.integration.helpers import Api, open_api, run_cli, scalar

# Tables whose rows outlive a destroyed chart, as ids and dates: the audit, the destruction
# request, and the append-only record of disclosures (HIPAA 164.528, 164.530(j)), whose sealed
# parts no key opens again; so is the record of requests for restrictions (164.522(a),
# documented under 164.530(j)); and supervisors' co-signatures (ids and a time, nothing sealed;
# append-only, migration 0022).
TOMBSTONES = ("audit_events", "destruction_requests", "disclosures", "disclosure_events",
              "restrictions", "restriction_events", "note_cosignatures")
NOTE_READERS = ("owner", "owner2", "clinician1", "clinician3", "clinician2", "supervisor",
                "billing")


def add_second_owner(practice: Practice) -> None:
    practice.services.accounts.add_user(SYSTEM_ACTOR, username="owner2",
                                        display_name="Sam Second Owner (test)", role="owner",
                                        password=practice.password)
    practice.users = {u.username: u for u in
                      practice.services.accounts.list_users(SYSTEM_ACTOR)}


def chart_with_notes(practice: Practice) -> tuple[str, str, str]:
    """A client of clinician1 with a signed progress note; (client, note, note text)."""
    client_id = ClientFactory.create(practice, "clinician1")
    body = marker("destroyed")
    return client_id, NoteFactory.progress(practice, client_id, body=body), body


def discharge(api: Api, client_id: str, on: str = "2026-03-02") -> Any:
    response = api.post(f"/clients/{client_id}/discharge", "clinician1",
                        {"discharged_on": on, "reason": "Treatment goals met; synthetic."})
    assert response.status_code == 200, response.text
    return response.json()["destruction_due_on"]


def request(api: Api, client_id: str, basis: str = "created-in-error",
            who: str = "owner") -> Any:
    return api.post(f"/clients/{client_id}/destruction", who,
                    {"basis": basis, "reason": "Synthetic chart opened for the wrong person."})


@pytest.fixture
def owners(practice: Practice) -> Practice:
    add_second_owner(practice)
    return practice


def test_chart_destroyed_when_a_second_owner_approves(owners: Practice, api: Api) -> None:
    client_id, note_id, body = chart_with_notes(owners)
    # A co-signed note: the co-signature (ids and a time) stays, as a tombstone.
    owners.services.notes.cosign_note(owners.actor("supervisor"), client_id, note_id)
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 200
    created = request(api, client_id)
    assert created.status_code in (201, 202), created.text
    request_id = created.json()["request_id"]

    approved = api.post(f"/destruction-requests/{request_id}/approval", "owner2")

    assert approved.status_code in (200, 204), approved.text
    for who in NOTE_READERS:
        assert api.get(f"/clients/{client_id}/notes/{note_id}", who).status_code in (404, 410)
        assert api.get(f"/clients/{client_id}/notes", who).status_code in (404, 410)
    for table in metadata.sorted_tables:
        if "client_id" in table.c and table.name not in TOMBSTONES:
            assert scalar(owners, f"SELECT count(*) FROM {table.name} WHERE client_id = :c",
                          c=client_id) == 0, table.name
    assert scalar(owners, "SELECT count(*) FROM clients WHERE id = :c", c=client_id) == 0
    assert scalar(owners, "SELECT count(*) FROM data_keys WHERE subject_id = :c",
                  c=client_id) == 0
    assert not (owners.settings.key_dir / "subjects" / client_id).exists()
    # The tombstone: who asked, who approved, when, on what basis.
    with owners.services.engine.connect() as conn:
        tomb = conn.execute(select(audit_events).where(
            audit_events.c.tag == AuditTag.RECORD_CLIENT_DESTROY.value,
            audit_events.c.outcome == "ok")).one()
    details = json.loads(tomb.details)
    assert tomb.client_id == client_id and tomb.resource_id == request_id
    assert tomb.actor_id == owners.user_id("owner2")
    assert details["requested_by"] == owners.user_id("owner")
    assert details["basis"] == "created-in-error" and details["requested_at"]
    assert body not in str(tomb)
    assert run_cli(owners, "audit", "verify").returncode == 0


def test_approval_refused_when_the_requester_approves(owners: Practice, api: Api) -> None:
    client_id, note_id, _ = chart_with_notes(owners)
    request_id = request(api, client_id).json()["request_id"]

    refused = api.post(f"/destruction-requests/{request_id}/approval", "owner")

    assert refused.status_code in (403, 409)
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 200
    assert (owners.settings.key_dir / "subjects" / client_id).exists()


@pytest.mark.parametrize(("who", "status"), [("clinician1", 403), ("billing", 403),
                                             ("supervisor", 403), ("clinician2", 404)])
def test_destruction_refused_when_the_caller_is_not_an_owner(
        owners: Practice, api: Api, who: str, status: int) -> None:
    client_id, note_id, _ = chart_with_notes(owners)
    assert request(api, client_id, who=who).status_code == status
    request_id = request(api, client_id).json()["request_id"]
    assert api.post(f"/destruction-requests/{request_id}/approval", who).status_code == status
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 200


def test_early_destruction_refused_when_the_basis_is_not_allowed(owners: Practice,
                                                                 api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    assert request(api, client_id, "retention-ended").status_code == 409  # not discharged
    due = discharge(api, client_id)
    assert due == "2036-03-02"  # generic: 10 years after the last service
    assert request(api, client_id, "retention-ended").status_code == 409  # not yet due
    assert request(api, client_id, "because-we-can").status_code == 422
    assert request(api, client_id, "court-order").status_code == 201


def test_destruction_allowed_when_the_retention_period_has_ended(owners: Practice,
                                                                 api: Api) -> None:
    client_id, note_id, _ = chart_with_notes(owners)
    discharge(api, client_id)
    owners.clock.advance(timedelta(days=365 * 10 + 3))
    api.tokens.clear()  # sessions do not last ten years
    listed = api.get("/practice/retention", "owner").json()
    assert [c["client_id"] for c in listed["charts"] if c["is_due"]] == [client_id]
    request_id = request(api, client_id, "retention-ended").json()["request_id"]
    assert api.post(f"/destruction-requests/{request_id}/approval", "owner2").status_code == 204
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 404


def test_destruction_refused_when_a_legal_hold_stops_the_clock(owners: Practice,
                                                               api: Api) -> None:
    client_id, note_id, _ = chart_with_notes(owners)
    request_id = request(api, client_id).json()["request_id"]
    placed = api.post(f"/clients/{client_id}/legal-holds", "owner",
                      {"reason": "Synthetic subpoena under review by counsel."})
    assert placed.status_code == 201
    assert api.post(f"/destruction-requests/{request_id}/approval", "owner2").status_code == 409
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 200
    hold_id = placed.json()["hold_id"]
    assert api.post(f"/clients/{client_id}/legal-holds/{hold_id}/release",
                    "owner").status_code == 204
    assert api.post(f"/destruction-requests/{request_id}/approval", "owner2").status_code == 204


def test_legal_hold_refused_when_placed_without_a_reason_or_by_a_clinician(
        owners: Practice, api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    assert api.post(f"/clients/{client_id}/legal-holds", "owner", {"reason": ""}
                    ).status_code == 422
    assert api.post(f"/clients/{client_id}/legal-holds", "clinician1",
                    {"reason": "Synthetic subpoena under review."}).status_code == 403


def _snapshot(practice: Practice) -> dict[str, list[dict[str, Any]]]:
    """Every application row but the audit's, as a backup would hold them."""
    with practice.services.engine.connect() as conn:
        return {t.name: [dict(r._mapping) for r in conn.execute(select(t))]
                for t in metadata.sorted_tables if not t.name.startswith("audit")}


def _restore(practice: Practice, snapshot: dict[str, list[dict[str, Any]]]) -> None:
    """Put back every row of the snapshot that is gone now (the destroyed client's), as
    restoring the old copy would; rows still there are left as they are."""
    tables = [t for t in metadata.sorted_tables if t.name in snapshot]
    with practice.services.engine.begin() as conn:
        for table in tables:
            key = list(table.primary_key.columns)
            present = {tuple(r) for r in conn.execute(select(*key))}
            missing = [row for row in snapshot[table.name]
                       if tuple(row[c.name] for c in key) not in present]
            if missing:
                conn.execute(insert(table), missing)


def test_notes_unreadable_when_a_pre_destruction_copy_is_restored(owners: Practice,
                                                                  api: Api) -> None:
    client_id, note_id, body = chart_with_notes(owners)
    other_id, other_note, _ = chart_with_notes(owners)
    backup = _snapshot(owners)
    request_id = request(api, client_id).json()["request_id"]
    assert api.post(f"/destruction-requests/{request_id}/approval", "owner2").status_code == 204

    _restore(owners, backup)
    with open_api(owners, owners.reopen()) as fresh:  # a process started on the restored copy
        answer = fresh.get(f"/clients/{client_id}/notes/{note_id}", "clinician1")
        assert answer.status_code in (404, 410)
        assert body not in answer.text
        assert fresh.get(f"/clients/{other_id}/notes/{other_note}", "clinician1"
                         ).status_code == 200
    # Even bypassing the product's destroyed list, the wrapped key no longer opens: the secret
    # it was bound to is gone from the key folder.
    (owners.settings.key_dir / "destroyed-subjects.log").unlink()
    reopened = owners.reopen()
    with open_api(owners, reopened) as fresh:
        answer = fresh.get(f"/clients/{client_id}/notes/{note_id}", "clinician1")
        assert answer.status_code in (404, 410, 500)
        assert body not in answer.text


# A file copy is SQLite's backup; test_notes_unreadable_when_a_pre_destruction_copy_is_restored
# restores rows on both databases.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_notes_unreadable_when_the_sqlite_file_copied_before_is_put_back(
        owners: Practice, api: Api, tmp_path: Path) -> None:
    database = Path(owners.database_url.removeprefix("sqlite:///"))
    client_id, note_id, body = chart_with_notes(owners)
    owners.services.engine.dispose()
    copy = tmp_path / "before.db"
    shutil.copy(database, copy)
    request_id = request(api, client_id).json()["request_id"]
    assert api.post(f"/destruction-requests/{request_id}/approval", "owner2").status_code == 204
    owners.services.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copy(copy, database)
    with open_api(owners, owners.reopen()) as fresh:
        answer = fresh.get(f"/clients/{client_id}/notes/{note_id}", "clinician1")
        assert answer.status_code in (404, 410)
        assert body not in answer.text


def test_cached_key_refused_when_another_worker_destroys_the_client(owners: Practice,
                                                                     api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    other = owners.reopen()  # a second worker, with its own key cache
    with owners.services.engine.connect() as conn:
        assert owners.services.runtime.keyring.get(conn, client_id)  # cached here
    request_id = request(api, client_id).json()["request_id"]
    with open_api(owners, other) as second:
        assert second.post(f"/destruction-requests/{request_id}/approval",
                           "owner2").status_code == 204
    with owners.services.engine.connect() as conn, pytest.raises(KeyDestroyed):
        owners.services.runtime.keyring.get(conn, client_id)


def test_a_batch_withholds_a_client_another_worker_destroyed(owners: Practice,
                                                             api: Api) -> None:
    # A page of the client list opens its names in one batch, which reads the destroyed list
    # once: a client destroyed by another worker is withheld there even though this worker
    # still holds its key (and its proof and ciphertext, taken before the destruction).
    doomed, _, _ = chart_with_notes(owners)
    kept, _, _ = chart_with_notes(owners)
    gate, keyring = Gate(owners.services.runtime), owners.services.runtime.keyring
    proofs = {c: gate.authorize_read(owners.actor("owner"), Permission.CHART_DEMOGRAPHICS_READ,
                                     AuditTag.RECORD_CLIENT_READ, c) for c in (doomed, kept)}
    with owners.services.engine.connect() as conn:
        sealed = dict(conn.execute(select(clients.c.id, clients.c.demographics_sealed)
                                   .where(clients.c.id.in_([doomed, kept]))).all())
        items = [(proofs[c], c, sealed[c]) for c in (doomed, kept)]
        assert None not in keyring.unseal_fields(conn, RecordKind.CLIENT, "demographics",
                                                 items)  # both keys cached here now
    request_id = request(api, doomed).json()["request_id"]
    with open_api(owners, owners.reopen()) as second:
        assert second.post(f"/destruction-requests/{request_id}/approval",
                           "owner2").status_code == 204
    with owners.services.engine.connect() as conn:
        opened = keyring.unseal_fields(conn, RecordKind.CLIENT, "demographics", items)
    assert opened[0] is None and opened[1] is not None


def test_cached_key_refused_when_a_separate_process_destroys_the_client(
        owners: Practice, api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    with owners.services.engine.connect() as conn:
        assert owners.services.runtime.keyring.get(conn, client_id)
    request_id = request(api, client_id).json()["request_id"]
    script = textwrap.dedent(f"""
        from closeddoor.config import load_settings
        from closeddoor.setup import open_services
        from tests.factories.practice import environment_for
        from pathlib import Path
        settings = load_settings(env=environment_for({owners.database_url!r}),
                                 data_dir=Path({str(owners.settings.data_dir)!r}))
        services = open_services(settings)
        owner2 = [u for u in services.accounts.list_users(
            __import__("closeddoor.accounts.service", fromlist=["x"]).SYSTEM_ACTOR)
            if u.username == "owner2"][0]
        services.destruction.approve(owner2.actor, {request_id!r})
        services.close()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    with owners.services.engine.connect() as conn, pytest.raises(KeyDestroyed):
        owners.services.runtime.keyring.get(conn, client_id)


def test_retention_due_lists_charts_when_run_by_the_operator(owners: Practice,
                                                             api: Api) -> None:
    # The command runs on the system clock: this chart (discharged in 2026) waits until 2036.
    client_id, _, _ = chart_with_notes(owners)
    discharge(api, client_id)
    due = run_cli(owners, "retention", "due")
    assert due.returncode == 0 and client_id not in due.stdout
    listed = run_cli(owners, "retention", "due", "--all")
    assert listed.returncode == 0
    line = next(line for line in listed.stdout.splitlines() if client_id in line)
    assert "2026-03-02" in line and "2036-03-02" in line and "waiting" in line


def test_audit_verifies_when_a_chart_was_destroyed(owners: Practice, api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    request_id = request(api, client_id).json()["request_id"]
    api.post(f"/destruction-requests/{request_id}/approval", "owner2")
    with owners.services.engine.connect() as conn:
        tags = set(conn.execute(text("SELECT tag FROM audit_events WHERE client_id = :c"),
                                {"c": client_id}).scalars())
    assert {AuditTag.RECORD_DESTRUCTION_REQUEST.value, AuditTag.RECORD_CLIENT_DESTROY.value,
            AuditTag.KEY_DATA_KEY_DESTROY.value} <= tags
    assert api.post("/audit/verify", "owner2").status_code == 200
    assert run_cli(owners, "audit", "verify").returncode == 0


def test_second_request_refused_when_one_is_already_waiting(owners: Practice, api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    assert request(api, client_id).status_code == 201
    assert request(api, client_id, "court-order", who="owner2").status_code == 409
    assert api.post("/destruction-requests/00000000-0000-4000-8000-000000000000/approval",
                    "owner2").status_code == 404


def test_reasons_never_stored_or_audited_in_plaintext_when_a_chart_is_closed(
        owners: Practice, api: Api) -> None:
    client_id, _, _ = chart_with_notes(owners)
    words = {name: marker(name) for name in ("discharge", "hold", "destroy")}
    api.post(f"/clients/{client_id}/discharge", "clinician1",
             {"discharged_on": "2026-03-02", "reason": f"Synthetic {words['discharge']}"})
    hold = api.post(f"/clients/{client_id}/legal-holds", "owner",
                    {"reason": f"Synthetic {words['hold']}"}).json()["hold_id"]
    api.post(f"/clients/{client_id}/legal-holds/{hold}/release", "owner")
    request_id = api.post(f"/clients/{client_id}/destruction", "owner", {
        "basis": "court-order", "reason": f"Synthetic {words['destroy']}"}).json()["request_id"]
    assert owners.services.destruction.request_reason(
        owners.actor("owner2"), request_id) == f"Synthetic {words['destroy']}"
    with owners.services.engine.connect() as conn:
        everything = " ".join(str(row) for table in metadata.sorted_tables
                              for row in conn.execute(select(table)))
    for word in words.values():
        assert word not in everything


def test_restriction_record_kept_sealed_when_a_chart_is_destroyed(owners: Practice,
                                                                   api: Api) -> None:
    """Restrictions are append-only (the database refuses DELETE): destroying the chart leaves
    their rows as tombstones and destroys the key that opens what they limited."""
    client_id, _, _ = chart_with_notes(owners)
    clinician = owners.actor("clinician1")
    words = marker("limit")
    restriction_id = owners.services.restrictions.ask(clinician, client_id, {
        "recipient_kind": "family", "details": words, "received_via": "written"})
    owners.services.restrictions.refuse(clinician, client_id, restriction_id,
                                        {"reason": f"Synthetic reason {marker('reason')}."})
    created = request(api, client_id)
    approved = api.post(f"/destruction-requests/{created.json()['request_id']}/approval",
                        "owner2")
    assert approved.status_code in (200, 204), approved.text
    assert scalar(owners, "SELECT count(*) FROM restrictions WHERE client_id = :c",
                  c=client_id) == 1
    assert scalar(owners, "SELECT count(*) FROM restriction_events WHERE client_id = :c",
                  c=client_id) == 1
    with owners.services.engine.connect() as conn:
        sealed = conn.execute(text("SELECT terms_sealed FROM restrictions WHERE client_id = :c"),
                              {"c": client_id}).scalar_one()
    assert words.encode() not in bytes(sealed)
    assert api.get(f"/clients/{client_id}/restrictions", "clinician1").status_code in (404, 410)
    assert run_cli(owners, "audit", "verify").returncode == 0


def test_disclosure_record_kept_sealed_when_a_chart_is_destroyed(owners: Practice,
                                                                  api: Api) -> None:
    """The append-only record of disclosures refuses DELETE, so destruction leaves its rows as
    tombstones and destroys only the key that opens their sealed parts."""
    client_id, _, _ = chart_with_notes(owners)
    clinician = owners.actor("clinician1")
    threatened = marker("threatened")
    view = owners.services.disclosures.request(
        clinician, client_id, duty_to_warn_request(threatened_party=threatened))
    owners.services.disclosures.release(clinician, client_id, view.disclosure_id)
    owners.services.disclosures.record_client_told(clinician, client_id, view.disclosure_id,
                                                   told=True, note="Told in session.")
    owners.services.oversight.accounting_pdf(clinician, client_id)
    events = scalar(owners, "SELECT count(*) FROM disclosure_events WHERE client_id = :c",
                    c=client_id)
    assert events == 2
    created = request(api, client_id)
    approved = api.post(f"/destruction-requests/{created.json()['request_id']}/approval",
                        "owner2")
    assert approved.status_code in (200, 204), approved.text
    assert scalar(owners, "SELECT count(*) FROM disclosures WHERE client_id = :c",
                  c=client_id) == 1
    assert scalar(owners, "SELECT count(*) FROM disclosure_events WHERE client_id = :c",
                  c=client_id) == events
    assert scalar(owners, "SELECT count(*) FROM accounting_requests WHERE client_id = :c",
                  c=client_id) == 0
    assert scalar(owners, "SELECT count(*) FROM data_keys WHERE subject_id = :c",
                  c=client_id) == 0
    with owners.services.engine.connect() as conn:
        sealed = conn.execute(text("SELECT details_sealed FROM disclosures WHERE client_id = :c"),
                              {"c": client_id}).scalar_one()
    assert threatened.encode() not in bytes(sealed)
    # The owner's review queue skips the tombstone instead of failing on it.
    assert owners.services.oversight.review_queue(owners.actor("owner"),
                                                  include_reviewed=True) == []
    assert api.get(f"/clients/{client_id}/disclosures", "clinician1").status_code in (404, 410)
    assert run_cli(owners, "audit", "verify").returncode == 0
