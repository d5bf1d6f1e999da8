"""Use cases for appointments: book, mark attended (or not) and list, each through the gate.
Times, lengths, modality and status stay in the clear for scheduling; the details are sealed.
The SQL is in `closeddoor.store.records_repository`."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import InvalidInput, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.model import AppointmentStatus, NewAppointment
from closeddoor.records.views import AppointmentView
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import records_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.types import RecordKind

P = Permission


class AppointmentService:
    def __init__(self, runtime: Runtime, gate: Gate) -> None:
        self._rt = runtime
        self._gate = gate

    def create_appointment(self, actor: Actor, client_id: str, data: dict[str, Any]) -> str:
        rt = self._rt
        appointment = NewAppointment.parse(data)
        appointment_id = new_id()
        clinician_id = appointment.clinician_id or (
            actor.actor_id if actor.role in (Role.CLINICIAN, Role.OWNER) else None
        )
        if clinician_id is None:
            raise InvalidInput("clinician_id: required when front desk books an appointment")

        def work(conn: Connection, access: Access) -> None:
            if not repo.is_on_care_team(conn, clinician_id, client_id, rt.now()):
                raise InvalidInput("clinician_id: must be on the client's care team")
            repo.insert_appointment(
                conn,
                id=appointment_id,
                client_id=client_id,
                clinician_id=clinician_id,
                starts_at=appointment.starts_at,
                duration_minutes=appointment.duration_minutes,
                modality=appointment.modality.value,
                status=appointment.status.value,
                details_sealed=rt.keyring.seal_field(
                    conn,
                    client_id,
                    RecordKind.APPOINTMENT,
                    appointment_id,
                    "details",
                    json.dumps(appointment.details.to_json()).encode(),
                    access,
                ),
                created_at=rt.now(),
            )

        self._gate.write(
            actor,
            P.CHART_APPOINTMENT_WRITE,
            AuditTag.RECORD_APPOINTMENT_CREATE,
            client_id,
            work,
            resource_id=appointment_id,
        )
        return appointment_id

    def set_appointment_status(self, actor: Actor, client_id: str, appointment_id: str,
                               status: str) -> None:
        """Mark an appointment attended, cancelled, late-cancelled, no-show or scheduled."""
        try:
            new_status = AppointmentStatus(status)
        except ValueError:
            choices = ", ".join(s.value for s in AppointmentStatus)
            raise InvalidInput(f"status: one of {choices}") from None

        def work(conn: Connection, _: Access) -> None:
            if not repo.set_appointment_status(conn, client_id, appointment_id,
                                               new_status.value):
                raise NotFound("no such appointment")

        self._gate.write(actor, P.CHART_APPOINTMENT_WRITE, AuditTag.RECORD_APPOINTMENT_UPDATE,
                         client_id, work, resource_id=appointment_id, status=new_status.value)

    def list_appointments(self, actor: Actor, client_id: str) -> list[AppointmentView]:
        access = self._gate.authorize_read(
            actor, P.CHART_APPOINTMENT_READ, AuditTag.RECORD_APPOINTMENT_READ, client_id
        )
        return self.appointments_under(access)

    def appointments_under(self, access: Access) -> list[AppointmentView]:
        """Decrypted appointments, newest first, under the gate's `access` to the client."""
        rt = self._rt
        client_id = access.client_id
        with read_transaction(rt.engine) as conn:
            return [
                AppointmentView(
                    r.id, r.client_id, r.clinician_id, r.starts_at, r.duration_minutes,
                    r.modality, r.status,
                    json.loads(rt.keyring.unseal_field(conn, client_id, RecordKind.APPOINTMENT,
                                                       r.id, "details", r.details_sealed,
                                                       access)),
                )
                for r in repo.appointments_of(conn, client_id)
            ]
