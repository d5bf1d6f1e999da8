"""Bad input gets a clear 422 naming the field, never echoes the value, and changes nothing
(design invariant 7): row counts of every table, the audit included, are the same afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import Api, scalar

TABLES = ("clients", "data_keys", "care_team", "appointments", "progress_notes", "addenda",
          "psychotherapy_notes", "break_glass", "users", "audit_events", "audit_checkpoints")
SECRET = marker("echo")  # a value that must never come back in an error


@pytest.fixture(scope="module")
def client_id(shared_practice: Practice) -> str:
    return ClientFactory.create(shared_practice, "clinician1")


@pytest.fixture(scope="module")
def signed_note(shared_practice: Practice, client_id: str) -> str:
    return NoteFactory.progress(shared_practice, client_id)


def counts(practice: Practice) -> dict[str, int]:
    return {t: scalar(practice, f"SELECT count(*) FROM {t}") for t in TABLES}


@pytest.fixture
def unchanged(shared_practice: Practice, shared_api: Api) -> Iterator[None]:
    for who in ("clinician1", "clinician2", "owner"):
        shared_api.token(who)  # signing in writes; do it before counting
    before = counts(shared_practice)
    yield
    assert counts(shared_practice) == before


def field_named(response: Any, field: str) -> bool:
    """422 naming `field`: in the errors list (wire validation) or the detail (domain rules)."""
    body = response.json()
    named = [e["field"] for e in body.get("errors", [])]
    return field in named or body["detail"].startswith(f"{field}:")


CLIENT = {"given_name": "Synthia", "family_name": "Testcase", "date_of_birth": "1990-05-04"}

CLIENT_CASES = [
    ("date_of_birth", {"date_of_birth": "1990-02-30"}),
    ("date_of_birth", {"date_of_birth": SECRET}),
    ("date_of_birth", {"date_of_birth": "2999-01-01"}),
    ("date_of_birth", {"date_of_birth": "1850-01-01"}),
    ("family_name", {"family_name": "   "}),
    ("given_name", {"given_name": "x" * 201}),
    ("email", {"email": f"{SECRET}-at-example.org"}),
    ("phone", {"phone": f"call {SECRET}"[:40]}),
    ("pronouns", {"pronouns": "p" * 41}),
    ("favourite_colour", {"favourite_colour": SECRET}),
]


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(("field", "change"), CLIENT_CASES,
                         ids=[f"{f}-{i}" for i, (f, _) in enumerate(CLIENT_CASES)])
def test_client_refused_naming_field_when_input_bad(
    shared_api: Api, field: str, change: dict[str, Any]
) -> None:
    response = shared_api.post("/clients", "clinician1", {**CLIENT, **change})
    assert response.status_code == 422, response.text
    assert field_named(response, field), response.text
    assert SECRET not in response.text


def test_client_update_refused_and_chart_unchanged_when_input_bad(
    shared_api: Api, shared_practice: Practice, client_id: str
) -> None:
    before = shared_api.get(f"/clients/{client_id}", "clinician1").json()
    update = {**before["demographics"], **before["contacts"], "email": "not-an-address",
              "given_name": marker("renamed")}
    rows_before = counts(shared_practice)
    response = shared_api.put(f"/clients/{client_id}", "clinician1", update)
    assert response.status_code == 422
    assert field_named(response, "email")
    assert counts(shared_practice) == rows_before
    assert shared_api.get(f"/clients/{client_id}", "clinician1").json() == before


NOTE_CASES = [
    ("format", {"format": SECRET, "body": "Synthetic note."}),
    ("kind", {"kind": "diary", "body": "Synthetic note."}),
    ("body", {"body": "   "}),
    ("body", {"format": "free"}),
    ("sections", {"format": "soap", "sections": {"feelings": "Synthetic."}}),
    ("sections", {"format": "dap", "sections": {"data": "", "plan": ""}}),
    ("session_date", {"body": "Synthetic note.", "session_date": "last tuesday"}),
    ("appointment_id", {"body": "Synthetic note.", "appointment_id": "no-such-appointment"}),
    ("body", {"body": "x" * 100_001}),
    ("mood", {"body": "Synthetic note.", "mood": SECRET}),
]


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(("field", "body"), NOTE_CASES,
                         ids=[f"{f}-{i}" for i, (f, _) in enumerate(NOTE_CASES)])
def test_note_refused_naming_field_when_input_bad(
    shared_api: Api, client_id: str, field: str, body: dict[str, Any]
) -> None:
    response = shared_api.post(f"/clients/{client_id}/notes", "clinician1", body)
    assert response.status_code == 422, response.text
    assert field_named(response, field), response.text
    assert SECRET not in response.text


APPOINTMENT = {"starts_at": "2026-03-10T09:00:00+00:00", "room": "Room 1"}
APPOINTMENT_CASES = [
    ("cpt_code", {"cpt_code": "ABCDE"}),
    ("cpt_code", {"cpt_code": "908345"}),
    ("icd10_code", {"icd10_code": "ZZZ"}),
    ("icd10_code", {"icd10_code": "U07.1"}),
    ("starts_at", {"starts_at": "2026-13-10T09:00:00"}),  # a naive time is practice-local
    ("starts_at", {"starts_at": SECRET}),
    ("duration_minutes", {"duration_minutes": 2}),
    ("room", {"modality": "telehealth", "room": "Room 1"}),
    ("fee_cents", {"fee_cents": -100}),
    ("status", {"status": "vanished"}),
    ("clinician_id", {"clinician_id": "someone-not-on-the-team"}),
    ("billing_note", {"billing_note": SECRET}),
]


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(("field", "change"), APPOINTMENT_CASES,
                         ids=[f"{f}-{i}" for i, (f, _) in enumerate(APPOINTMENT_CASES)])
def test_appointment_refused_naming_field_when_input_bad(
    shared_api: Api, client_id: str, field: str, change: dict[str, Any]
) -> None:
    response = shared_api.post(f"/clients/{client_id}/appointments", "clinician1",
                               {**APPOINTMENT, **change})
    assert response.status_code == 422, response.text
    assert field_named(response, field), response.text
    assert SECRET not in response.text


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(
    ("path", "who", "body", "field"),
    [
        ("/clients/{c}/break-glass", "clinician2", {"reason": "because"}, "reason"),
        ("/clients/{c}/notes/{n}/addenda", "clinician1", {"body": ""}, "body"),
        ("/clients/{c}/notes/{n}/addenda", "clinician1", {"text": SECRET}, "body"),
        ("/users", "owner", {"username": "Bad Name!", "display_name": "X", "role": "billing",
                             "password": "orchid-meadow-tandem-552"}, "username"),
        ("/users", "owner", {"username": "newperson", "display_name": "X", "role": "janitor",
                             "password": "orchid-meadow-tandem-552"}, "role"),
        ("/auth/token", "anonymous", {"username": "billing", "password": "x",
                                      "remember_me": True}, "remember_me"),
    ],
    ids=["break-glass-reason", "addendum-empty", "addendum-wrong-field", "username", "role",
         "token-extra-field"],
)
def test_other_writes_refused_naming_field_when_input_bad(
    shared_api: Api, client_id: str, signed_note: str, path: str, who: str,
    body: dict[str, Any], field: str,
) -> None:
    response = shared_api.post(path.format(c=client_id, n=signed_note), who, body)
    assert response.status_code == 422, response.text
    assert field_named(response, field), response.text
    assert SECRET not in response.text
