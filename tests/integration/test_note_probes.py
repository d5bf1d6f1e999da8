"""Probing note ids tells nothing (issue 10, item 10): a random id, another client's note and a
psychotherapy note of another author get the same answer, on reads and writes alike, and each
refusal is audited as a denial naming the note id."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from closeddoor.audit.chain import AuditEntry
from tests.factories import ClientFactory, NoteFactory, Practice, team_up
from tests.integration.helpers import Api

RANDOM_NOTE = "00000000-0000-4000-8000-00000000abcd"


@dataclass(frozen=True)
class Charts:
    client_id: str  # clinician1's client; clinician3 on the care team too
    other_client_id: str  # clinician1's other client
    process_note: str  # clinician1's psychotherapy note on client_id
    other_note: str  # a signed progress note of other_client_id


@pytest.fixture(scope="module")
def charts(shared_practice: Practice) -> Charts:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    team_up(shared_practice, client_id, "clinician3")
    other = ClientFactory.create(shared_practice, "clinician1")
    team_up(shared_practice, other, "clinician3")
    return Charts(client_id, other,
                  NoteFactory.psychotherapy(shared_practice, client_id),
                  NoteFactory.progress(shared_practice, other))


def _denials(practice: Practice, client_id: str, note_id: str) -> list[AuditEntry]:
    events = practice.services.runtime.audit.events(client_id=client_id, limit=10_000)
    return [e.entry for e in events
            if e.entry.resource_id == note_id and e.entry.outcome == "deny"]


PROBES = {
    "read": ("GET", "", None),
    "edit": ("PUT", "", {"format": "free", "body": "synthetic"}),
    "sign": ("POST", "/sign", None),
    "addendum": ("POST", "/addenda", {"body": "synthetic"}),
}


@pytest.mark.parametrize("caller", ["clinician3", "clinician2"])  # teammate, outsider
@pytest.mark.parametrize("probe", PROBES)
def test_probes_answer_alike_when_note_is_unknown_foreign_or_not_yours(
    shared_api: Api, charts: Charts, caller: str, probe: str
) -> None:
    method, suffix, body = PROBES[probe]
    base = f"/clients/{charts.client_id}/notes"
    answers = [shared_api.call(method, f"{base}/{note_id}{suffix}", caller, body)
               for note_id in (RANDOM_NOTE, charts.other_note, charts.process_note)]
    assert [(a.status_code, a.json()) for a in answers] == \
        [(404, {"detail": "no such note"})] * 3, [a.text for a in answers]


@pytest.mark.parametrize("caller", ["clinician3", "clinician2"])
def test_probe_is_audited_as_denial_naming_note_when_refused(
    shared_api: Api, shared_practice: Practice, charts: Charts, caller: str
) -> None:
    base = f"/clients/{charts.client_id}/notes"
    for note_id in (RANDOM_NOTE, charts.other_note, charts.process_note):
        before = len(_denials(shared_practice, charts.client_id, note_id))
        assert shared_api.get(f"{base}/{note_id}", caller).status_code == 404
        denials = _denials(shared_practice, charts.client_id, note_id)
        assert len(denials) == before + 1, note_id
        assert denials[0].actor_id == shared_practice.user_id(caller)


def test_author_still_reads_psychotherapy_note_when_probes_are_refused(
    shared_api: Api, charts: Charts
) -> None:
    response = shared_api.get(f"/clients/{charts.client_id}/notes/{charts.process_note}",
                              "clinician1")
    assert response.status_code == 200
    assert response.json()["kind"] == "psychotherapy"
