"""What the audit says: every read and every refusal is there, by ids only -- who (actor id),
whose chart (client id), what (tag, resource id) and the outcome -- and no audit row holds a
client's name or any words from the chart."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from closeddoor.audit.chain import AuditEntry
from tests.factories import ClientFactory, NoteFactory, Practice, marker, team_up
from tests.integration.helpers import Api, sql


@dataclass
class Chart:
    client_id: str
    names: list[str]
    note_id: str
    draft_id: str
    process_id: str
    texts: list[str]


@pytest.fixture
def chart(shared_practice: Practice) -> Chart:
    data = ClientFactory.data(email=f"{marker('mail')}@example.org")
    client_id = shared_practice.services.charts.create_client(
        shared_practice.actor("clinician1"), data
    )
    team_up(shared_practice, client_id, "clinician3")
    texts = [marker("note"), marker("draft"), marker("process"), marker("addendum")]
    note_id = NoteFactory.progress(shared_practice, client_id, body=texts[0])
    NoteFactory.addendum(shared_practice, client_id, note_id, body=texts[3])
    return Chart(
        client_id,
        [data["given_name"], data["family_name"], data["email"]],
        note_id,
        NoteFactory.progress(shared_practice, client_id, body=texts[1], sign=False),
        NoteFactory.psychotherapy(shared_practice, client_id, body=texts[2]),
        texts,
    )


def events_for(practice: Practice, client_id: str) -> list[AuditEntry]:
    return [e.entry for e in reversed(
        practice.services.runtime.audit.events(client_id=client_id, limit=10_000))]


def test_reads_and_refusals_audited_by_ids(
    shared_api: Api, shared_practice: Practice, chart: Chart
) -> None:
    api, ids = shared_api, shared_practice.user_id
    base = f"/clients/{chart.client_id}"
    calls = [
        ("clinician1", base, 200, "record:client:read", "allow", chart.client_id),
        ("clinician2", base, 404, "record:client:read", "deny", chart.client_id),
        ("clinician3", f"{base}/notes/{chart.note_id}", 200, "record:note:read", "allow",
         chart.note_id),
        ("clinician3", f"{base}/notes/{chart.draft_id}", 403, "record:note:read", "deny",
         chart.draft_id),
        ("supervisor", f"{base}/notes/{chart.process_id}", 404,
         "record:psychotherapy-note:read", "deny", chart.process_id),
        ("owner", f"{base}/notes/{chart.process_id}", 404,
         "record:psychotherapy-note:read", "deny", chart.process_id),
        ("billing", f"{base}/notes/{chart.note_id}", 403, "record:note:read", "deny",
         chart.note_id),
        ("clinician1", f"{base}/notes/{chart.process_id}", 200,
         "record:psychotherapy-note:read", "allow", chart.process_id),
        ("billing", f"{base}/appointments", 200, "record:appointment:read", "allow", ""),
    ]
    for who, path, status, *_ in calls:
        assert api.get(path, who).status_code == status
    recorded = [(e.actor_id, e.tag, e.outcome, e.resource_id)
                for e in events_for(shared_practice, chart.client_id)]
    expected = [(ids(who), tag, outcome, resource) for who, _, _, tag, outcome, resource in calls]
    assert recorded[-len(calls):] == expected


def test_denied_write_audited_as_deny(
    shared_api: Api, shared_practice: Practice, chart: Chart
) -> None:
    text = marker("refused")
    response = shared_api.post(f"/clients/{chart.client_id}/notes", "supervisor",
                               {"kind": "progress", "body": text})
    assert response.status_code == 403
    last = events_for(shared_practice, chart.client_id)[-1]
    assert (last.actor_id, last.tag, last.outcome) == (
        shared_practice.user_id("supervisor"), "record:note:create", "deny")
    assert text not in str(last)


def test_note_list_audits_each_note_returned(
    shared_api: Api, shared_practice: Practice, chart: Chart
) -> None:
    listed = shared_api.get(f"/clients/{chart.client_id}/notes", "supervisor")
    # The draft is not the supervisor's.
    assert [n["id"] for n in listed.json()["items"]] == [chart.note_id]
    reads = [e for e in events_for(shared_practice, chart.client_id)[-2:]]
    assert [(e.tag, e.outcome, e.resource_id) for e in reads] == [
        ("record:note:read", "allow", ""), ("record:note:read", "allow", chart.note_id)]
    assert {e.actor_id for e in reads} == {shared_practice.user_id("supervisor")}


def test_unrelated_look_at_process_notes_audited_as_deny(
    shared_api: Api, shared_practice: Practice, chart: Chart
) -> None:
    shared_api.get(f"/clients/{chart.client_id}/psychotherapy-notes", "clinician2")
    last = events_for(shared_practice, chart.client_id)[-1]
    assert (last.actor_id, last.tag) == (
        shared_practice.user_id("clinician2"), "record:psychotherapy-note:read")
    assert last.outcome == "deny"


def test_failed_sign_in_audited_without_what_was_typed(
    shared_api: Api, shared_practice: Practice
) -> None:
    typed_name, typed_password = marker("typedname"), marker("typedpassword")
    assert shared_api.sign_in(typed_name, typed_password).status_code == 401
    assert shared_api.sign_in("billing", typed_password).status_code == 401
    failures = [e.entry for e in shared_practice.services.runtime.audit.events(
        tags=["auth:session:signin-failed"], limit=2)]
    assert [(e.actor_id, e.reason) for e in failures] == [
        (shared_practice.user_id("billing"), "bad-password"), ("unknown", "unknown-account")]
    assert all(typed_name not in str(e) and typed_password not in str(e) for e in failures)


def test_no_audit_row_holds_names_or_chart_text(
    shared_api: Api, shared_practice: Practice, chart: Chart
) -> None:
    base = f"/clients/{chart.client_id}"
    for who in ("clinician1", "clinician2", "clinician3", "supervisor", "billing", "owner"):
        shared_api.get(base, who)
        shared_api.get(f"{base}/notes", who)
        shared_api.get(f"{base}/notes/{chart.process_id}", who)
    shared_api.post("/clients/search", "clinician1", {"name": chart.names[1]})
    shared_api.post(f"{base}/break-glass", "clinician2",
                    {"reason": f"Synthetic emergency {chart.names[0]}"})
    rows = sql(shared_practice, "SELECT * FROM audit_events")
    assert len(rows) > 50
    dump = "\n".join("|".join(str(v) for v in row) for row in rows)
    assert chart.client_id in dump  # positive control: ids are there
    for secret in chart.names + chart.texts:
        assert secret not in dump
    api_view = shared_api.get(f"/audit/events?client_id={chart.client_id}&limit=200", "owner")
    assert api_view.status_code == 200
    assert len(api_view.json()["items"]) > 10
    for secret in chart.names + chart.texts:
        assert secret not in api_view.text
