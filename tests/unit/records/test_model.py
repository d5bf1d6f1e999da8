from __future__ import annotations

from datetime import date

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.records.model import (
    Contacts,
    Demographics,
    NewAppointment,
    NoteContent,
    NoteFormat,
    require_reason,
)

TODAY = date(2026, 11, 26)


def test_demographics_parse_when_minimal() -> None:
    d = Demographics.parse({"given_name": " Ada ", "family_name": "Quill",
                            "date_of_birth": "1990-02-03"}, TODAY)
    assert (d.given_name, d.full_name, d.date_of_birth) == ("Ada", "Ada Quill", date(1990, 2, 3))


@pytest.mark.parametrize(("data", "field"), [
    ({"family_name": "Q", "date_of_birth": "1990-01-01"}, "given_name"),
    ({"given_name": "A", "date_of_birth": "1990-01-01"}, "family_name"),
    ({"given_name": "A", "family_name": "Q", "date_of_birth": "03/02/1990"}, "date_of_birth"),
    ({"given_name": "A", "family_name": "Q", "date_of_birth": "2030-01-01"}, "date_of_birth"),
    ({"given_name": "A", "family_name": "Q"}, "date_of_birth"),
    ({"given_name": 5, "family_name": "Q", "date_of_birth": "1990-01-01"}, "given_name"),
])
def test_demographics_error_names_the_field_when_invalid(data: dict, field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^{field}:"):
        Demographics.parse(data, TODAY)


def test_error_never_echoes_the_value_when_invalid() -> None:
    with pytest.raises(InvalidInput) as caught:
        Contacts.parse({"email": "Zebediah-Marker-Value"})
    assert "Zebediah" not in str(caught.value)


def test_soap_note_body_joins_sections_when_structured() -> None:
    note = NoteContent.parse({"format": "soap", "sections": {"subjective": "s", "plan": "p"}})
    assert note.note_format is NoteFormat.SOAP
    assert note.body == "Subjective: s\n\nPlan: p"


@pytest.mark.parametrize("data", [
    {"format": "soap", "sections": {"feelings": "x"}},
    {"format": "dap", "sections": {}},
    {"format": "poem", "body": "x"},
    {"format": "free", "body": "   "},
    {"format": "free", "body": "x" * 100_001},
])
def test_note_rejected_when_malformed(data: dict) -> None:
    with pytest.raises(InvalidInput):
        NoteContent.parse(data)


def test_appointment_parse_when_valid() -> None:
    appt = NewAppointment.parse({"starts_at": "2026-12-01T10:00:00+00:00", "cpt_code": "90834",
                                 "icd10_code": "f41.1", "fee_cents": 15000, "room": "2"})
    assert appt.details.icd10_code == "F41.1"
    assert appt.duration_minutes == 50


@pytest.mark.parametrize(("data", "field"), [
    ({"starts_at": "tomorrow at ten"}, "starts_at"),
    ({"starts_at": "2026-12-01T10:00:00+00:00", "cpt_code": "9083"}, "cpt_code"),
    ({"starts_at": "2026-12-01T10:00:00+00:00", "icd10_code": "anxious"}, "icd10_code"),
    ({"starts_at": "2026-12-01T10:00:00+00:00", "fee_cents": -1}, "fee_cents"),
    ({"starts_at": "2026-12-01T10:00:00+00:00", "duration_minutes": 0}, "duration_minutes"),
    ({"starts_at": "2026-12-01T10:00:00+00:00", "modality": "telehealth", "room": "3"}, "room"),
    ({"starts_at": "2026-12-01T10:00:00+00:00", "status": "maybe"}, "status"),
])
def test_appointment_error_names_the_field_when_invalid(data: dict, field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^{field}:"):
        NewAppointment.parse(data)


def test_reason_required_when_too_short() -> None:
    with pytest.raises(InvalidInput, match=r"^reason:"):
        require_reason("urgent")
    assert require_reason("  client in crisis, on-call  ") == "client in crisis, on-call"
