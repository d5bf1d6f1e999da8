"""Progress notes over the API: drafted, signed by their author alone, locked once signed,
corrected by addenda, and read by the treating clinician's supervisor.

Each test works on a client of its own (clinician1 treats, clinician3 is the team-mate) in a
practice shared by the module.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ClientFactory, Practice, marker, team_up
from tests.integration.helpers import Api


@pytest.fixture
def client_id(shared_practice: Practice) -> str:
    created = ClientFactory.create(shared_practice, "clinician1")
    team_up(shared_practice, created, "clinician3")
    return created


def write(api: Api, client_id: str, who: str = "clinician1", **fields: Any) -> tuple[str, str]:
    text = marker("note")
    response = api.post(f"/clients/{client_id}/notes", who,
                        {"kind": "progress", "body": text, **fields})
    assert response.status_code == 201, response.text
    return response.json()["id"], text


def listed_ids(api: Api, client_id: str, who: str) -> set[str]:
    response = api.get(f"/clients/{client_id}/notes", who)
    assert response.status_code == 200
    return {n["id"] for n in response.json()["items"]}


def test_draft_visible_to_author_alone_until_signed(shared_api: Api, client_id: str) -> None:
    api = shared_api
    note_id, text = write(api, client_id)
    own = api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1")
    assert own.status_code == 200
    assert (own.json()["status"], own.json()["body"]) == ("draft", text)
    for colleague in ("clinician3", "supervisor"):
        assert note_id not in listed_ids(api, client_id, colleague)
        refused = api.get(f"/clients/{client_id}/notes/{note_id}", colleague)
        assert refused.status_code == 403
        assert text not in refused.text
    assert api.post(f"/clients/{client_id}/notes/{note_id}/sign", "clinician1").status_code == 204
    for colleague in ("clinician3", "supervisor"):
        assert note_id in listed_ids(api, client_id, colleague)
        seen = api.get(f"/clients/{client_id}/notes/{note_id}", colleague)
        assert seen.status_code == 200
        assert seen.json()["body"] == text


def test_draft_signed_by_author_only(shared_api: Api, client_id: str) -> None:
    api = shared_api
    note_id, _ = write(api, client_id)
    path = f"/clients/{client_id}/notes/{note_id}"
    for other in ("clinician3", "supervisor", "owner", "billing"):
        assert api.post(f"{path}/sign", other).status_code == 403
    assert api.get(path, "clinician1").json()["status"] == "draft"
    assert api.post(f"{path}/sign", "clinician1").status_code == 204
    signed = api.get(path, "clinician1").json()
    assert signed["status"] == "signed"
    assert signed["signed_at"] is not None


def test_signed_note_locked_against_edit_and_second_signature(
    shared_api: Api, client_id: str
) -> None:
    api = shared_api
    note_id, text = write(api, client_id, sign=True)
    path = f"/clients/{client_id}/notes/{note_id}"
    edited = api.put(path, "clinician1", {"body": marker("rewrite")})
    assert edited.status_code == 409
    assert "addendum" in edited.json()["detail"]
    assert api.post(f"{path}/sign", "clinician1").status_code == 409
    assert api.get(path, "clinician1").json()["body"] == text


def test_draft_edited_by_its_author(shared_api: Api, client_id: str) -> None:
    api = shared_api
    note_id, _ = write(api, client_id)
    path = f"/clients/{client_id}/notes/{note_id}"
    new_text = marker("redraft")
    assert api.put(path, "clinician1", {"body": new_text}).status_code == 204
    assert api.get(path, "clinician1").json()["body"] == new_text
    assert api.put(path, "clinician3", {"body": marker("theirs")}).status_code == 409
    assert api.get(path, "clinician1").json()["body"] == new_text


def test_addenda_correct_signed_note_and_keep_original(shared_api: Api, client_id: str) -> None:
    api = shared_api
    note_id, text = write(api, client_id, sign=True)
    path = f"/clients/{client_id}/notes/{note_id}"
    first, second = marker("addendum"), marker("addendum")
    assert api.post(f"{path}/addenda", "clinician1", {"body": first}).status_code == 201
    assert api.post(f"{path}/addenda", "clinician3", {"body": second}).status_code == 201
    note = api.get(path, "supervisor").json()
    assert note["body"] == text
    assert [a["body"] for a in note["addenda"]] == [first, second]
    assert [a["author_id"] for a in note["addenda"]] == [
        api.practice.user_id("clinician1"), api.practice.user_id("clinician3"),
    ]


def test_addendum_refused_on_draft(shared_api: Api, client_id: str) -> None:
    note_id, _ = write(shared_api, client_id)
    response = shared_api.post(f"/clients/{client_id}/notes/{note_id}/addenda", "clinician1",
                               {"body": marker("addendum")})
    assert response.status_code == 409


def test_structured_note_keeps_its_sections(shared_api: Api, client_id: str) -> None:
    sections = {"subjective": marker("s"), "objective": "", "assessment": marker("a"),
                "plan": marker("p")}
    response = shared_api.post(f"/clients/{client_id}/notes", "clinician1",
                               {"kind": "progress", "format": "soap", "sections": sections,
                                "session_date": "2026-02-27", "sign": True})
    assert response.status_code == 201
    note = shared_api.get(f"/clients/{client_id}/notes/{response.json()['id']}",
                          "clinician3").json()
    assert note["format"] == "soap"
    assert note["sections"] == sections
    assert note["session_date"] == "2026-02-27"
    assert note["body"] == (f"Subjective: {sections['subjective']}\n\n"
                            f"Assessment: {sections['assessment']}\n\nPlan: {sections['plan']}")


def test_supervisor_reads_supervisees_notes_until_supervisee_leaves_team(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    api = shared_api
    note_id, text = write(api, client_id, sign=True)
    chart = api.get(f"/clients/{client_id}", "supervisor")
    assert chart.status_code == 200
    assert chart.json()["access_basis"] == "supervision"
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "supervisor").json()["body"] == text
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "supervisor2").status_code == 404
    # The supervisee leaves the care team: supervision no longer reaches this client.
    membership = next(m["membership_id"] for m in chart.json()["care_team"]
                      if m["user_id"] == shared_practice.user_id("clinician1"))
    ended = api.call("DELETE", f"/clients/{client_id}/care-team/{membership}", "owner")
    assert ended.status_code == 204
    refused = api.get(f"/clients/{client_id}/notes/{note_id}", "supervisor")
    assert refused.status_code == 404
    assert text not in refused.text
    assert api.get(f"/clients/{client_id}/notes/{note_id}", "clinician1").status_code == 404


def test_clinician_creator_joins_care_team(shared_api: Api, shared_practice: Practice) -> None:
    created = shared_api.post("/clients", "clinician2", ClientFactory.data())
    assert created.status_code == 201
    chart = shared_api.get(f"/clients/{created.json()['id']}", "clinician2").json()
    assert [m["user_id"] for m in chart["care_team"]] == [shared_practice.user_id("clinician2")]
    assert chart["access_basis"] == "care-team"
    # Front desk registering a client does not put billing on the care team.
    by_billing = shared_api.post("/clients", "billing", ClientFactory.data())
    assert by_billing.status_code == 201
    assert shared_api.get(f"/clients/{by_billing.json()['id']}", "billing").json()[
        "care_team"] == []
