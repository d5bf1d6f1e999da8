"""A ciphertext copied into another row, client, record kind or field fails to decrypt: the API
answers a generic 5xx JSON error and never the words that were moved (design invariant 6).

The practice is shared by the module; each test tampers with clients of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from closeddoor.records.clients import WITHHELD
from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import Api, sql


@dataclass
class Shared:
    practice: Practice
    api: Api


@pytest.fixture
def shared(shared_practice: Practice, shared_api: Api) -> Shared:
    return Shared(shared_practice, shared_api)


def copy_column(shared: Shared, table: str, column: str, source: str, target: str,
                source_column: str | None = None, source_table: str | None = None) -> None:
    """Overwrite target's sealed value with source's, byte for byte, as a DB intruder could."""
    sql(shared.practice,
        f"UPDATE {table} SET {column} = (SELECT {source_column or column} "
        f"FROM {source_table or table} WHERE id = :source) WHERE id = :target",
        source=source, target=target)


def assert_withheld(response: httpx.Response, *texts: str) -> None:
    assert 500 <= response.status_code < 600, response.text
    body = response.json()
    assert body["detail"] == "this record could not be decrypted; it has been withheld"
    assert body["correlation_id"]
    for text in texts:
        assert text not in response.text


def test_note_withheld_when_ciphertext_copied_from_another_clients_note(shared: Shared) -> None:
    a, b = ClientFactory.create(shared.practice), ClientFactory.create(shared.practice)
    a_text, b_text = marker("clientA"), marker("clientB")
    a_note = NoteFactory.progress(shared.practice, a, body=a_text)
    b_note = NoteFactory.progress(shared.practice, b, body=b_text)
    copy_column(shared, "progress_notes", "body_sealed", a_note, b_note)
    assert_withheld(shared.api.get(f"/clients/{b}/notes/{b_note}", "clinician1"), a_text, b_text)
    assert_withheld(shared.api.get(f"/clients/{b}/notes", "clinician1"), a_text, b_text)
    assert_withheld(shared.api.get(f"/clients/{b}/notes/{b_note}", "supervisor"), a_text)
    # The source is untouched and still reads.
    source = shared.api.get(f"/clients/{a}/notes/{a_note}", "clinician1")
    assert source.status_code == 200
    assert source.json()["body"] == a_text


def test_note_withheld_when_ciphertext_copied_from_same_clients_other_note(
    shared: Shared,
) -> None:
    client = ClientFactory.create(shared.practice)
    first_text, second_text = marker("first"), marker("second")
    first = NoteFactory.progress(shared.practice, client, body=first_text)
    second = NoteFactory.progress(shared.practice, client, body=second_text)
    copy_column(shared, "progress_notes", "body_sealed", first, second)
    assert_withheld(
        shared.api.get(f"/clients/{client}/notes/{second}", "clinician1"), first_text
    )


def test_note_withheld_when_ciphertext_copied_from_psychotherapy_note(shared: Shared) -> None:
    client = ClientFactory.create(shared.practice)
    process_text = marker("process")
    process = NoteFactory.psychotherapy(shared.practice, client, body=process_text)
    progress = NoteFactory.progress(shared.practice, client)
    copy_column(shared, "progress_notes", "body_sealed", process, progress,
                source_table="psychotherapy_notes")
    # The supervisor may read progress notes but never process notes: the move must not
    # turn one into the other.
    for who in ("clinician1", "supervisor"):
        assert_withheld(
            shared.api.get(f"/clients/{client}/notes/{progress}", who), process_text
        )


def test_addendum_withheld_when_ciphertext_copied_from_note(shared: Shared) -> None:
    client = ClientFactory.create(shared.practice)
    note_text = marker("note")
    note = NoteFactory.progress(shared.practice, client, body=note_text)
    addendum = NoteFactory.addendum(shared.practice, client, note)
    sql(shared.practice,
        "UPDATE addenda SET body_sealed = (SELECT body_sealed FROM progress_notes "
        "WHERE id = :note) WHERE id = :addendum", note=note, addendum=addendum)
    assert_withheld(shared.api.get(f"/clients/{client}/notes/{note}", "clinician1"), note_text)


def test_client_withheld_when_fields_swapped(shared: Shared) -> None:
    data = ClientFactory.data(email=f"{marker('mail')}@example.org")
    client = shared.practice.services.charts.create_client(
        shared.practice.actor("clinician1"), data
    )
    sql(shared.practice,
        "UPDATE clients SET demographics_sealed = contacts_sealed WHERE id = :id", id=client)
    assert_withheld(shared.api.get(f"/clients/{client}", "clinician1"),
                    data["email"], data["given_name"])
    # One undecryptable row never breaks a list: it is shown as withheld (issue 10).
    listed = shared.api.get("/clients", "clinician1")
    assert listed.status_code == 200 and data["email"] not in listed.text
    assert {c["id"]: c["display_name"] for c in listed.json()["items"]}[client] == WITHHELD


def test_client_withheld_when_demographics_copied_from_another_client(shared: Shared) -> None:
    a_data, b_data = ClientFactory.data(), ClientFactory.data()
    clinician = shared.practice.actor("clinician1")
    a = shared.practice.services.charts.create_client(clinician, a_data)
    b = shared.practice.services.charts.create_client(clinician, b_data)
    copy_column(shared, "clients", "demographics_sealed", a, b)
    assert_withheld(shared.api.get(f"/clients/{b}", "clinician1"),
                    a_data["given_name"], a_data["family_name"])
    assert_withheld(shared.api.get(f"/clients/{b}", "billing"), a_data["family_name"])


def test_appointment_withheld_when_details_copied_from_another_clients(shared: Shared) -> None:
    a, b = ClientFactory.create(shared.practice), ClientFactory.create(shared.practice)
    charts, clinician = shared.practice.services.charts, shared.practice.actor("clinician1")
    booking = {"starts_at": "2026-03-10T09:00:00+00:00", "cpt_code": "90837"}
    room_a = f"Room {marker('room')}"[:60]
    a_visit = charts.create_appointment(clinician, a, {**booking, "room": room_a})
    b_visit = charts.create_appointment(clinician, b, {  # later: one clinician, one session
        **booking, "starts_at": "2026-03-10T11:00:00+00:00", "room": "Room 3"})
    copy_column(shared, "appointments", "details_sealed", a_visit, b_visit)
    assert_withheld(shared.api.get(f"/clients/{b}/appointments", "billing"), room_a)
