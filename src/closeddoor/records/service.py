"""The chart: clients, care teams and appointments, one service for the composition root.

Each use case lives in its own module (`clients.py`, `care_team.py`, `appointments.py`); their
SQL is in `closeddoor.store.records_repository`. Every one passes the gate.
"""

from __future__ import annotations

from closeddoor.gate import Gate
from closeddoor.mail import Mailer
from closeddoor.records.appointments import AppointmentService
from closeddoor.records.care_team import CareTeamService
from closeddoor.records.clients import ClientService
from closeddoor.runtime import Runtime


class ChartService(ClientService, CareTeamService, AppointmentService):
    """Clients, care teams and appointments behind one object (`services.charts`)."""

    def __init__(self, runtime: Runtime, gate: Gate, mailer: Mailer | None = None) -> None:
        ClientService.__init__(self, runtime, gate, mailer)
