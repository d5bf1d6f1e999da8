"""Break the glass: an unrelated clinician gets emergency, time-limited read access to a chart
with a stated reason -- never to psychotherapy notes -- audited as break-glass and queued for
the owner's review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import Api, scalar

REASON = "Synthetic emergency: client called the crisis line, treating clinician away."


@dataclass
class Chart:
    client_id: str
    family_name: str
    note_id: str
    note_text: str
    process_id: str
    process_text: str


@pytest.fixture
def chart(practice: Practice) -> Chart:
    data = ClientFactory.data()
    client_id = practice.services.charts.create_client(practice.actor("clinician1"), data)
    note_text, process_text = marker("note"), marker("process")
    return Chart(
        client_id, data["family_name"],
        NoteFactory.progress(practice, client_id, body=note_text), note_text,
        NoteFactory.psychotherapy(practice, client_id, body=process_text), process_text,
    )


def open_glass(api: Api, chart: Chart, reason: str = REASON) -> dict[str, str]:
    response = api.post(f"/clients/{chart.client_id}/break-glass", "clinician2",
                        {"reason": reason})
    assert response.status_code == 201, response.text
    grant: dict[str, str] = response.json()
    return grant


def test_unrelated_clinician_gets_404_before_breaking_glass(api: Api, chart: Chart) -> None:
    for path in ("", "/notes", f"/notes/{chart.note_id}", "/appointments"):
        response = api.get(f"/clients/{chart.client_id}{path}", "clinician2")
        assert response.status_code == 404
        assert chart.note_text not in response.text
    listed = api.get("/clients", "clinician2").json()["items"]
    assert chart.client_id not in {c["id"] for c in listed}


@pytest.mark.parametrize("reason", ["", "emergency", "         x"])
def test_break_glass_refused_when_reason_too_short(
    api: Api, practice: Practice, chart: Chart, reason: str
) -> None:
    response = api.post(f"/clients/{chart.client_id}/break-glass", "clinician2",
                        {"reason": reason})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("reason:")
    assert scalar(practice, "SELECT count(*) FROM break_glass") == 0
    assert api.get(f"/clients/{chart.client_id}", "clinician2").status_code == 404


def test_break_glass_opens_chart_and_notes_but_not_psychotherapy_notes(
    api: Api, practice: Practice, chart: Chart
) -> None:
    grant = open_glass(api, chart)
    opened_at = datetime.fromisoformat(grant["opened_at"])
    assert datetime.fromisoformat(grant["expires_at"]) - opened_at == timedelta(hours=1)
    assert grant["reason"] == REASON
    base = f"/clients/{chart.client_id}"
    record = api.get(base, "clinician2")
    assert record.status_code == 200
    assert record.json()["access_basis"] == "break-glass"
    assert record.json()["demographics"]["family_name"] == chart.family_name
    listed = api.get("/clients", "clinician2").json()["items"]
    assert chart.client_id in {c["id"] for c in listed}
    note = api.get(f"{base}/notes/{chart.note_id}", "clinician2")
    assert (note.status_code, note.json()["body"]) == (200, chart.note_text)
    notes = api.get(f"{base}/notes", "clinician2").json()["items"]
    assert chart.note_id in {n["id"] for n in notes}
    assert api.get(f"{base}/appointments", "clinician2").status_code == 200
    # No emergency opens process notes.
    process = api.get(f"{base}/notes/{chart.process_id}", "clinician2")
    assert (process.status_code, process.json()) == (404, {"detail": "no such note"})
    assert chart.process_text not in process.text
    assert chart.process_text not in api.get(f"{base}/psychotherapy-notes", "clinician2").text
    # Reading is all it grants.
    assert api.post(f"{base}/notes", "clinician2",
                    {"kind": "progress", "body": marker("x")}).status_code == 403


def test_break_glass_reads_audited_with_reason_break_glass(
    api: Api, practice: Practice, chart: Chart
) -> None:
    grant = open_glass(api, chart)
    api.get(f"/clients/{chart.client_id}", "clinician2")
    api.get(f"/clients/{chart.client_id}/notes/{chart.note_id}", "clinician2")
    api.get(f"/clients/{chart.client_id}/notes/{chart.process_id}", "clinician2")
    events = practice.services.runtime.audit.events(client_id=chart.client_id, limit=1000)
    mine = [e.entry for e in events if e.entry.actor_id == practice.user_id("clinician2")]
    opened = [e for e in mine if e.tag == "record:break-glass:open"]
    assert [(e.outcome, e.resource_id, e.reason) for e in opened] == [
        ("ok", grant["id"], "break-glass")]
    reads = {(e.tag, e.outcome, e.reason) for e in mine if e.tag.endswith(":read")}
    assert reads == {
        ("record:client:read", "allow", "break-glass"),
        ("record:note:read", "allow", "break-glass"),
        ("record:psychotherapy-note:read", "deny", "psychotherapy-note-author-only"),
    }
    assert all(REASON not in str(e) for e in mine)  # the stated reason is sealed, not audited


def test_break_glass_access_expires_after_configured_duration(
    api: Api, practice: Practice, chart: Chart
) -> None:
    open_glass(api, chart)
    duration = practice.settings.break_glass_duration
    path = f"/clients/{chart.client_id}/notes/{chart.note_id}"
    waited = timedelta()
    while waited + timedelta(minutes=10) < duration:  # stay active: no idle time-out
        practice.clock.advance(timedelta(minutes=10))
        waited += timedelta(minutes=10)
        assert api.get(path, "clinician2").status_code == 200
    practice.clock.advance(duration - waited - timedelta(seconds=1))
    assert api.get(path, "clinician2").status_code == 200
    practice.clock.advance(timedelta(seconds=1))
    expired = api.get(path, "clinician2")
    assert expired.status_code == 404
    assert chart.note_text not in expired.text
    assert api.get(f"/clients/{chart.client_id}", "clinician2").status_code == 404
    listed = api.get("/clients", "clinician2").json()["items"]
    assert chart.client_id not in {c["id"] for c in listed}


def test_grant_reviewed_by_owner_with_comment(api: Api, practice: Practice, chart: Chart) -> None:
    grant = open_glass(api, chart)
    for other in ("clinician1", "clinician2", "supervisor", "billing"):
        refused = api.get("/reviews/break-glass", other)
        assert refused.status_code == 403
        assert REASON not in refused.text
        assert api.post(f"/reviews/break-glass/{grant['id']}", other,
                        {"comment": "Looks fine to me, closing."}).status_code == 403
    queue = api.get("/reviews/break-glass", "owner").json()["items"]
    assert [(g["id"], g["actor_id"], g["reason"]) for g in queue] == [
        (grant["id"], practice.user_id("clinician2"), REASON)]
    short = api.post(f"/reviews/break-glass/{grant['id']}", "owner", {"comment": "ok"})
    assert short.status_code == 422
    assert short.json()["detail"].startswith("comment:")
    comment = "Reviewed: crisis call confirmed with the on-call log."
    assert api.post(f"/reviews/break-glass/{grant['id']}", "owner",
                    {"comment": comment}).status_code == 204
    assert api.get("/reviews/break-glass", "owner").json()["items"] == []
    reviewed = api.get("/reviews/break-glass?include_reviewed=true", "owner").json()["items"]
    assert [(g["reviewed_by"], g["review_comment"]) for g in reviewed] == [
        (practice.user_id("owner"), comment)]
    again = api.post(f"/reviews/break-glass/{grant['id']}", "owner", {"comment": comment})
    assert again.status_code == 409


def test_break_glass_refused_to_care_team_and_non_clinicians(api: Api, chart: Chart) -> None:
    body = {"reason": REASON}
    path = f"/clients/{chart.client_id}/break-glass"
    assert api.post(path, "clinician1", body).status_code == 403  # already on the team
    assert api.post(path, "billing", body).status_code == 403
    assert api.post(path, "supervisor2", body).status_code == 404
    assert api.post(path, "owner", body).status_code == 403
    assert api.get("/reviews/break-glass", "owner").json()["items"] == []
