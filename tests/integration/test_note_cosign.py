"""A supervisor's co-signature on a supervisee's signed progress note, over the API, on both
databases: only the author's own supervisor co-signs, once, and the note stays signed, locked
and unchanged; the queue holds exactly the supervisees' signed notes nobody co-signed; every
co-signature and refusal is audited; the table refuses changes.

Each test works on a client of its own (clinician1 treats and is supervised by `supervisor`;
clinician3 is the team-mate, supervised by nobody; supervisor2 supervises nobody).
"""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from closeddoor.audit.chain import AuditEntry
from tests.factories import ClientFactory, NoteFactory, Practice, marker, team_up
from tests.integration.helpers import Api, sql


@pytest.fixture
def client_id(shared_practice: Practice) -> str:
    created = ClientFactory.create(shared_practice, "clinician1")
    team_up(shared_practice, created, "clinician3")
    return created


def events_for(practice: Practice, client_id: str) -> list[AuditEntry]:
    return [e.entry for e in reversed(
        practice.services.runtime.audit.events(client_id=client_id, limit=10_000))]


def queue_ids(api: Api, who: str) -> set[str]:
    response = api.get("/cosign-queue", who)
    assert response.status_code == 200
    assert all(set(item) == {"note_id", "client_id", "author_id", "session_date", "signed_at"}
               for item in response.json()["items"])  # ids and dates, never text
    return {item["note_id"] for item in response.json()["items"]}


def test_supervisor_cosigns_and_the_note_stays_locked_and_unchanged(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    api = shared_api
    text = marker("cosign")
    note_id = NoteFactory.progress(shared_practice, client_id, "clinician1", body=text)
    path = f"/clients/{client_id}/notes/{note_id}"
    before = api.get(path, "clinician1").json()
    assert note_id in queue_ids(api, "supervisor")

    assert api.post(f"{path}/cosign", "supervisor").status_code == 204

    after = api.get(path, "clinician1").json()
    assert after["cosigned_by"] == shared_practice.user_id("supervisor")
    assert after["cosigned_at"] is not None
    for field in ("status", "body", "sections", "signed_at", "format", "session_date"):
        assert after[field] == before[field], field
    assert after["status"] == "signed"
    # Still locked: no edit, no second signature; a second co-signature is a conflict.
    assert api.put(path, "clinician1", {"body": marker("rewrite")}).status_code == 409
    assert api.post(f"{path}/sign", "clinician1").status_code == 409
    assert api.post(f"{path}/cosign", "supervisor").status_code == 409
    assert note_id not in queue_ids(api, "supervisor")
    tags = [(e.tag, e.outcome, e.actor_id, e.resource_id) for e in
            events_for(shared_practice, client_id) if e.tag == "record:note:cosign"]
    supervisor = shared_practice.user_id("supervisor")
    assert tags == [("record:note:cosign", "ok", supervisor, note_id),
                    ("record:note:cosign", "fail", supervisor, note_id)]
    for event in events_for(shared_practice, client_id):
        assert text not in str(event)


@pytest.mark.parametrize(("who", "status"), [
    ("clinician1", 403),  # the author
    ("clinician3", 403),  # a team-mate
    ("owner", 403),
    ("billing", 403),
    ("clinician2", 404),  # may not know the client exists
    ("supervisor2", 404),  # a supervisor of nobody on the team
])
def test_cosign_refused_when_not_the_authors_supervisor(
    shared_api: Api, shared_practice: Practice, client_id: str, who: str, status: int
) -> None:
    text = marker("refused")
    note_id = NoteFactory.progress(shared_practice, client_id, "clinician1", body=text)
    refused = shared_api.post(f"/clients/{client_id}/notes/{note_id}/cosign", who)
    assert refused.status_code == status
    assert text not in refused.text
    last = events_for(shared_practice, client_id)[-1]
    assert (last.tag, last.outcome, last.actor_id) == (
        "record:note:cosign", "deny", shared_practice.user_id(who))
    assert sql(shared_practice, "SELECT id FROM note_cosignatures WHERE note_id = :n",
               n=note_id) == []


def test_supervisor_refused_on_a_note_by_someone_they_do_not_supervise(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    # The supervisor may read the chart (they supervise clinician1 on its team) but did not
    # supervise the author of this note.
    note_id = NoteFactory.progress(shared_practice, client_id, "clinician3")
    refused = shared_api.post(f"/clients/{client_id}/notes/{note_id}/cosign", "supervisor")
    assert refused.status_code == 403
    assert refused.json()["detail"]
    assert events_for(shared_practice, client_id)[-1].reason == "not-the-authors-supervisor"
    assert note_id not in queue_ids(shared_api, "supervisor")


def test_draft_neither_queued_nor_cosigned(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    text = marker("draft")
    draft = NoteFactory.progress(shared_practice, client_id, "clinician1", body=text,
                                 sign=False)
    assert draft not in queue_ids(shared_api, "supervisor")
    refused = shared_api.post(f"/clients/{client_id}/notes/{draft}/cosign", "supervisor")
    assert refused.status_code == 403
    assert text not in refused.text
    assert shared_api.get(f"/clients/{client_id}/notes/{draft}", "clinician1").json()[
        "status"] == "draft"


def test_psychotherapy_note_unknown_to_the_supervisor_when_cosigning(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    process = NoteFactory.psychotherapy(shared_practice, client_id)
    refused = shared_api.post(f"/clients/{client_id}/notes/{process}/cosign", "supervisor")
    assert refused.status_code == 404


def test_queue_holds_only_the_callers_supervisees_signed_notes(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    own = NoteFactory.progress(shared_practice, client_id, "clinician1")
    other = NoteFactory.progress(shared_practice, client_id, "clinician3")
    assert own in queue_ids(shared_api, "supervisor")
    assert other not in queue_ids(shared_api, "supervisor")
    for nobody in ("supervisor2", "clinician1", "owner", "billing"):
        assert own not in queue_ids(shared_api, nobody)
    # Listing the queue is audited per chart, as a list (reason cosign-queue).
    listed = [e for e in events_for(shared_practice, client_id)
              if e.tag == "record:client:read" and e.actor_id ==
              shared_practice.user_id("supervisor")]
    assert listed and listed[-1].outcome == "allow"
    assert "cosign-queue" in listed[-1].details


def test_queue_drops_a_note_once_the_supervisee_leaves_the_care_team(
    shared_api: Api, shared_practice: Practice
) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician3")
    membership = team_up(shared_practice, client_id, "clinician1")
    note_id = NoteFactory.progress(shared_practice, client_id, "clinician1")
    assert note_id in queue_ids(shared_api, "supervisor")
    shared_practice.services.charts.end_care_team(shared_practice.actor("owner"), client_id,
                                                  membership)
    assert note_id not in queue_ids(shared_api, "supervisor")
    refused = shared_api.post(f"/clients/{client_id}/notes/{note_id}/cosign", "supervisor")
    assert refused.status_code == 404


def test_cosignature_rows_refuse_update_and_delete(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    note_id = NoteFactory.progress(shared_practice, client_id, "clinician1")
    assert shared_api.post(f"/clients/{client_id}/notes/{note_id}/cosign",
                           "supervisor").status_code == 204
    for statement in ("UPDATE note_cosignatures SET cosigner_id = 'someone-else' "
                      "WHERE note_id = :n", "DELETE FROM note_cosignatures WHERE note_id = :n"):
        with pytest.raises(DBAPIError, match="append-only"):
            sql(shared_practice, statement, n=note_id)
    row = sql(shared_practice, "SELECT cosigner_id FROM note_cosignatures WHERE note_id = :n",
              n=note_id)
    assert [r.cosigner_id for r in row] == [shared_practice.user_id("supervisor")]
