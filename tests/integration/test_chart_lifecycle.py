"""Discharge and reopening, the retention rule's due date, and legal holds (issue 11, part 3)."""

from __future__ import annotations

from sqlalchemy import select

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.crypto import LocalKeyFile
from closeddoor.store.keyring import SUBJECT_CLIENT, KeyRing
from closeddoor.store.tables import audit_events, data_keys
from tests.factories import ClientFactory, NoteFactory, Practice
from tests.integration.helpers import Api

REASON = {"reason": "Treatment goals met; synthetic."}


def test_discharged_chart_leaves_caseload_when_discharged_but_stays_readable(
        practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    note_id = NoteFactory.progress(practice, client_id)
    answer = api.post(f"/clients/{client_id}/discharge", "clinician1",
                      {"discharged_on": "2026-03-01", **REASON})
    assert answer.status_code == 200, answer.text
    listed = [c["id"] for c in api.get("/clients", "clinician1").json()["items"]]
    assert client_id not in listed
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 200
    state = api.get(f"/clients/{client_id}/lifecycle", "clinician1").json()
    assert state["status"] == "discharged" and state["discharged_on"] == "2026-03-01"
    assert practice.services.lifecycle.discharge_reason(
        practice.actor("clinician1"), client_id) == REASON["reason"]


def test_due_date_follows_majority_when_the_client_was_a_minor(practice: Practice,
                                                               api: Api) -> None:
    client_id = ClientFactory.create(practice, "clinician1", date_of_birth="2014-05-20")
    due = api.post(f"/clients/{client_id}/discharge", "clinician1",
                   {"discharged_on": "2026-03-01", **REASON}).json()["destruction_due_on"]
    assert due == "2042-05-20"  # generic: of age at 18 (2032), then 10 years


def test_discharge_refused_when_date_in_future_reason_missing_or_already_discharged(
        practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    path = f"/clients/{client_id}/discharge"
    assert api.post(path, "clinician1", {"discharged_on": "2099-01-01", **REASON}
                    ).status_code == 422
    assert api.post(path, "clinician1", {"discharged_on": "2026-03-01"}).status_code == 422
    assert api.post(path, "clinician1", {"discharged_on": "2026-03-01", **REASON}
                    ).status_code == 200
    assert api.post(path, "clinician1", {"discharged_on": "2026-03-01", **REASON}
                    ).status_code == 409


def test_reopened_chart_back_on_caseload_when_reopened_and_audited(practice: Practice,
                                                                    api: Api) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    api.post(f"/clients/{client_id}/discharge", "clinician1",
             {"discharged_on": "2026-03-01", **REASON})
    assert api.post(f"/clients/{client_id}/reopening", "clinician1",
                    {"reason": "Client returned for more sessions."}).status_code == 204
    assert client_id in [c["id"] for c in api.get("/clients", "clinician1").json()["items"]]
    state = api.get(f"/clients/{client_id}/lifecycle", "clinician1").json()
    assert state["status"] == "active" and state["destruction_due_on"] is None
    with practice.services.engine.connect() as conn:
        tags = list(conn.execute(select(audit_events.c.tag).where(
            audit_events.c.client_id == client_id, audit_events.c.outcome == "ok")).scalars())
    assert "record:client:discharge" in tags and "record:client:reopen" in tags


def test_hold_stops_the_clock_when_placed_and_is_audited(practice: Practice, api: Api) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    api.post(f"/clients/{client_id}/discharge", "clinician1",
             {"discharged_on": "2026-03-01", **REASON})
    hold = api.post(f"/clients/{client_id}/legal-holds", "owner",
                    {"reason": "Synthetic records request under review."})
    assert hold.status_code == 201
    state = api.get(f"/clients/{client_id}/lifecycle", "owner").json()
    assert state["on_hold"] and state["destruction_due_on"] is None
    charts = api.get("/practice/retention", "owner").json()["charts"]
    assert [c["on_hold"] for c in charts if c["client_id"] == client_id] == [True]


def test_legacy_key_bound_to_a_secret_when_keys_rotate(practice: Practice) -> None:
    """A client key made before per-client secrets (KEK only) is bound to one by rotation."""
    services = practice.services
    keys = LocalKeyFile(practice.settings.key_dir)
    legacy = KeyRing(keys, services.runtime.practice_id)  # as before migration 0008
    subject = "0e0e0e0e-1111-4222-8333-444444444444"
    with services.engine.begin() as conn:
        raw = legacy.create(conn, SUBJECT_CLIENT, subject, practice.clock.now()).key
    assert not (practice.settings.key_dir / "subjects" / subject).exists()
    services.practice.rotate_kek(SYSTEM_ACTOR)
    with services.engine.begin() as conn:
        bound = conn.execute(select(data_keys.c.subject_secret)
                             .where(data_keys.c.subject_id == subject)).scalar_one()
        services.runtime.keyring.forget(subject)
        assert bound and services.runtime.keyring.get(conn, subject).key == raw
    assert (practice.settings.key_dir / "subjects" / subject).exists()
