"""Fail closed: a read whose audit event cannot be written returns nothing (503), and a write
whose audit event cannot be written does not happen."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import Api, is_postgres, scalar, sql


class AuditOutage(Exception):
    pass


@dataclass
class Chart:
    client_id: str
    given_name: str
    note_id: str
    note_text: str
    process_id: str
    process_text: str


@pytest.fixture
def chart(practice: Practice) -> Chart:
    data = ClientFactory.data()
    client_id = practice.services.charts.create_client(practice.actor("clinician1"), data)
    note_text, process_text = marker("note"), marker("process")
    note_id = NoteFactory.progress(practice, client_id, body=note_text)
    process_id = NoteFactory.psychotherapy(practice, client_id, body=process_text)
    return Chart(client_id, data["given_name"], note_id, note_text, process_id, process_text)


def assert_unavailable(response_text: str, status: int, *secrets: str) -> None:
    assert status == 503, response_text
    assert "the request could not be completed" in response_text
    for secret in secrets:
        assert secret not in response_text


@pytest.mark.parametrize("kind", ["progress", "psychotherapy"])
def test_note_read_answers_503_without_text_when_audit_append_fails(
    api: Api, practice: Practice, chart: Chart, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    note_id, text = (
        (chart.note_id, chart.note_text) if kind == "progress"
        else (chart.process_id, chart.process_text)
    )
    api.token("clinician1")  # signing in is audited too; do it before the outage
    attempts: list[int] = []

    def refuse(conn: object, entries: list[object]) -> None:
        attempts.append(len(entries))
        raise AuditOutage

    monkeypatch.setattr(practice.services.runtime.audit, "append_in", refuse)
    response = api.get(f"/clients/{chart.client_id}/notes/{note_id}", "clinician1")
    assert_unavailable(response.text, response.status_code, text)
    assert attempts == [1]  # the read's own event, and nothing after it


def test_chart_reads_answer_503_without_content_when_audit_append_fails(
    api: Api, practice: Practice, chart: Chart, monkeypatch: pytest.MonkeyPatch
) -> None:
    for who in ("clinician1", "billing", "supervisor"):
        api.token(who)
    monkeypatch.setattr(practice.services.runtime.audit, "append_in", _raise_outage)
    base = f"/clients/{chart.client_id}"
    for who, path in [("clinician1", base), ("clinician1", f"{base}/notes"),
                      ("clinician1", f"{base}/psychotherapy-notes"), ("billing", "/clients"),
                      ("billing", f"{base}/appointments"), ("supervisor", f"{base}/notes")]:
        response = api.get(path, who)
        assert_unavailable(response.text, response.status_code, chart.given_name,
                           chart.note_text, chart.process_text)


def _raise_outage(*args: object, **kwargs: object) -> None:
    raise AuditOutage


def test_note_list_answers_503_when_audit_fails_after_data_loaded(
    api: Api, practice: Practice, chart: Chart, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing decides and audits once, loads, then audits each note it returns: if that second
    append fails the loaded notes must still not be sent."""
    api.token("clinician1")
    audit = practice.services.runtime.audit
    real_append = audit.append_in
    calls: list[int] = []

    def fail_second(conn: object, entries: list[object]) -> object:
        calls.append(len(entries))
        if len(calls) >= 2:
            raise AuditOutage
        return real_append(conn, entries)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "append_in", fail_second)
    response = api.get(f"/clients/{chart.client_id}/notes", "clinician1")
    assert_unavailable(response.text, response.status_code, chart.note_text)
    assert len(calls) == 2


def test_write_does_not_happen_when_audit_append_fails(
    api: Api, practice: Practice, chart: Chart, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.token("clinician1")
    notes_before = scalar(practice, "SELECT count(*) FROM progress_notes")
    clients_before = scalar(practice, "SELECT count(*) FROM clients")
    events_before = scalar(practice, "SELECT count(*) FROM audit_events")
    monkeypatch.setattr(practice.services.runtime.audit, "append_in", _raise_outage)
    text = marker("unwritten")
    created = api.post(f"/clients/{chart.client_id}/notes", "clinician1",
                       {"kind": "progress", "body": text})
    assert created.status_code >= 500
    assert text not in created.text
    new_client = api.post("/clients", "clinician1", ClientFactory.data())
    assert new_client.status_code >= 500
    monkeypatch.undo()
    assert scalar(practice, "SELECT count(*) FROM progress_notes") == notes_before
    assert scalar(practice, "SELECT count(*) FROM clients") == clients_before
    assert scalar(practice, "SELECT count(*) FROM audit_events") == events_before


def test_reads_resume_and_chain_verifies_when_outage_ends(
    api: Api, practice: Practice, chart: Chart, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = f"/clients/{chart.client_id}/notes/{chart.note_id}"
    api.token("clinician1")
    with monkeypatch.context() as patch:
        patch.setattr(practice.services.runtime.audit, "append_in", _raise_outage)
        assert api.get(path, "clinician1").status_code == 503
    response = api.get(path, "clinician1")
    assert response.status_code == 200
    assert response.json()["body"] == chart.note_text
    report = practice.services.practice.verify_audit(practice.actor("owner"))
    assert report.last_seq == scalar(practice, "SELECT max(seq) FROM audit_events") - 1


def refuse_audit_inserts(practice: Practice) -> None:
    """Make the database itself refuse new audit rows (a full disk, a revoked grant...)."""
    if is_postgres(practice):
        sql(practice, "CREATE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'synthetic outage'; END; $$ LANGUAGE plpgsql")
        sql(practice, "CREATE TRIGGER refuse_insert BEFORE INSERT ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION refuse_insert()")
    else:
        sql(practice, "CREATE TRIGGER refuse_insert BEFORE INSERT ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'synthetic outage'); END")


def test_note_read_answers_503_when_database_refuses_audit_rows(
    api: Api, practice: Practice, chart: Chart
) -> None:
    api.token("clinician1")
    refuse_audit_inserts(practice)
    response = api.get(f"/clients/{chart.client_id}/notes/{chart.note_id}", "clinician1")
    assert_unavailable(response.text, response.status_code, chart.note_text)
    assert api.get(f"/clients/{chart.client_id}", "clinician1").status_code == 503
