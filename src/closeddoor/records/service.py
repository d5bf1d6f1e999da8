"""Use cases for clients, care teams and appointments. Every one passes the gate."""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index
from closeddoor.errors import DecryptionFailed, InvalidInput, MailUnavailable, NotFound
from closeddoor.gate import Access, Gate, active_membership
from closeddoor.mail import Mail, Mailer, NoMailer, email_changed
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.model import AppointmentStatus, Contacts, Demographics, NewAppointment
from closeddoor.records.views import AppointmentView, CareTeamMember, ClientRecord, ClientSummary
from closeddoor.runtime import Runtime, new_id
from closeddoor.store.db import read_transaction, write_transaction
from closeddoor.store.keyring import SUBJECT_CLIENT, KeyRing
from closeddoor.store.tables import (
    appointments,
    break_glass,
    care_team,
    clients,
    practice,
    users,
)
from closeddoor.types import RecordKind

log = logging.getLogger("closeddoor.records")
P = Permission
TEAM_ROLES = ("clinician", "supervisor")
WITHHELD = "withheld (cannot be decrypted)"


class ChartService:
    def __init__(self, runtime: Runtime, gate: Gate, mailer: Mailer | None = None) -> None:
        self._rt = runtime
        self._gate = gate
        self._mailer: Mailer = mailer or NoMailer()

    # --- clients -------------------------------------------------------------------------------
    def create_client(self, actor: Actor, data: dict[str, Any]) -> str:
        """Register a client; a clinician who registers one joins its care team."""
        rt = self._rt
        now = rt.now()
        demographics = Demographics.parse(data, now.date())
        contacts = Contacts.parse(data)
        client_id = new_id()
        index_key = rt.keyring.blind_index_key()

        def work(conn: Connection, access: Access) -> None:
            rt.keyring.create(conn, SUBJECT_CLIENT, client_id, now)
            conn.execute(
                insert(clients).values(
                    id=client_id,
                    full_name_index=blind_index(index_key, "full_name", demographics.full_name),
                    family_name_index=blind_index(index_key, "name", demographics.family_name),
                    given_name_index=blind_index(index_key, "name", demographics.given_name),
                    demographics_sealed=self._seal(
                        conn, access, "demographics", demographics.to_json()
                    ),
                    contacts_sealed=self._seal(conn, access, "contacts", contacts.to_json()),
                    status="active",
                    created_at=now,
                    created_by=actor.actor_id,
                )
            )
            events = [
                rt.entry(actor.actor_id, AuditTag.KEY_DATA_KEY_CREATE, "ok", client_id=client_id),
            ]
            if actor.role is Role.CLINICIAN:
                membership_id = new_id()
                conn.execute(
                    insert(care_team).values(
                        id=membership_id,
                        client_id=client_id,
                        user_id=actor.actor_id,
                        team_role="clinician",
                        starts_at=now,
                        ends_at=None,
                    )
                )
                events.append(
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_CARE_TEAM_UPDATE,
                        "ok",
                        client_id=client_id,
                        resource_id=membership_id,
                        reason="creator-joins",
                    )
                )
            rt.audit.append_in(conn, events)

        self._gate.create_client(actor, P.CHART_CLIENT_CREATE, AuditTag.RECORD_CLIENT_CREATE,
                                 client_id, work)
        return client_id

    def list_clients(self, actor: Actor) -> list[ClientSummary]:
        """The clients this actor may see, by name; one audited listing."""
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            query = select(clients.c.id).where(clients.c.status == "active")
            if actor.role in (Role.CLINICIAN, Role.SUPERVISOR):
                supervisees = select(users.c.id).where(users.c.supervisor_id == actor.actor_id)
                on_teams = select(care_team.c.client_id).where(
                    or_(
                        care_team.c.user_id == actor.actor_id,
                        care_team.c.user_id.in_(supervisees.scalar_subquery()),
                    ),
                    care_team.c.starts_at <= now,
                    or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
                )
                glass = select(break_glass.c.client_id).where(
                    break_glass.c.actor_id == actor.actor_id, break_glass.c.expires_at > now
                )
                query = query.where(
                    or_(
                        clients.c.id.in_(on_teams.scalar_subquery()),
                        clients.c.id.in_(glass.scalar_subquery()),
                    )
                )
            candidate_ids = list(conn.execute(query).scalars())
        return self._summaries(actor, candidate_ids, AuditTag.RECORD_CLIENT_READ, "list")

    def search_clients(self, actor: Actor, name: str) -> list[ClientSummary]:
        """Find clients by full, given or family name through the blind index."""
        rt = self._rt
        if not name.strip():
            raise InvalidInput("name: required")
        key = rt.keyring.blind_index_key()
        with read_transaction(rt.engine) as conn:
            ids = list(
                conn.execute(
                    select(clients.c.id).where(
                        or_(
                            clients.c.full_name_index == blind_index(key, "full_name", name),
                            clients.c.family_name_index == blind_index(key, "name", name),
                            clients.c.given_name_index == blind_index(key, "name", name),
                        )
                    )
                ).scalars()
            )
        return self._summaries(actor, ids, AuditTag.RECORD_CLIENT_SEARCH, "search")

    def _summaries(
        self, actor: Actor, candidate_ids: list[str], tag: AuditTag, reason: str
    ) -> list[ClientSummary]:
        """One gate decision per candidate (facts in one query, events in one append), then
        the names of those allowed. A row that cannot be decrypted is shown as withheld and
        the owner is alerted; it never breaks the list."""
        rt = self._rt
        batch = self._gate.authorize_many(actor, P.CHART_DEMOGRAPHICS_READ, tag, candidate_ids,
                                          reason=reason)
        if not batch.allowed:
            return []
        summaries, alerts = [], []
        with read_transaction(rt.engine) as conn:
            rows = conn.execute(
                select(clients.c.id, clients.c.demographics_sealed).where(
                    clients.c.id.in_(list(batch.allowed))
                )
            ).all()
            for row in rows:
                try:
                    demo = demographics_under(conn, rt.keyring, batch.allowed[row.id],
                                              row.demographics_sealed)
                except DecryptionFailed:
                    summaries.append(ClientSummary(row.id, WITHHELD, None))
                    alerts.append(rt.entry(actor.actor_id, AuditTag.KEY_DATA_UNDECRYPTABLE,
                                           "fail", client_id=row.id, resource_id=row.id,
                                           reason="decryption-failed", field="demographics"))
                    continue
                name = f"{demo['family_name']}, {demo['given_name']}"
                if demo.get("preferred_name"):
                    name += f" ({demo['preferred_name']})"
                summaries.append(
                    ClientSummary(row.id, name, date.fromisoformat(demo["date_of_birth"]))
                )
        if alerts:
            rt.audit.record(alerts)
        return sorted(summaries, key=lambda s: s.display_name.casefold())

    def get_client(self, actor: Actor, client_id: str) -> ClientRecord:
        rt = self._rt
        access = self._gate.authorize_read(
            actor,
            P.CHART_DEMOGRAPHICS_READ,
            AuditTag.RECORD_CLIENT_READ,
            client_id,
            resource_id=client_id,
        )
        demographics, contacts = self.profile_under(access)
        with read_transaction(rt.engine) as conn:
            created_at = conn.execute(select(clients.c.created_at)
                                      .where(clients.c.id == client_id)).scalar_one()
            team = self._care_team(conn, client_id)
        return ClientRecord(client_id, demographics, contacts, team, access.reason, created_at)

    def profile_under(self, access: Access) -> tuple[dict[str, str], dict[str, str]]:
        """Decrypted demographics and contacts of the client the gate's `access` names."""
        client_id = access.client_id
        with read_transaction(self._rt.engine) as conn:
            row = conn.execute(select(clients.c.demographics_sealed, clients.c.contacts_sealed)
                               .where(clients.c.id == client_id)).one()
            return (demographics_under(conn, self._rt.keyring, access, row.demographics_sealed),
                    contacts_under(conn, self._rt.keyring, access, row.contacts_sealed))

    def update_client(self, actor: Actor, client_id: str, data: dict[str, Any]) -> None:
        """Replace demographics and contacts. A changed e-mail address is audited as such and,
        once committed, the OLD address is told (it may be how the client's portal account is
        recovered, so a silent change could hand the account to someone else)."""
        rt = self._rt
        demographics = Demographics.parse(data, rt.now().date())
        contacts = Contacts.parse(data)
        key = rt.keyring.blind_index_key()

        def work(conn: Connection, access: Access) -> Mail | None:
            old_email = contacts_under(conn, rt.keyring, access).get("email", "")
            notice = None
            if old_email.casefold() != contacts.email.casefold():
                name = conn.execute(select(practice.c.name)).scalar_one()
                notice = email_changed(old_email, name) if old_email else None
                rt.audit.append_in(conn, [rt.entry(
                    actor.actor_id, AuditTag.RECORD_CLIENT_EMAIL_UPDATE, "ok",
                    client_id=client_id, resource_id=client_id,
                    old_address_told=int(notice is not None and self._mailer.is_configured))])
            conn.execute(
                update(clients)
                .where(clients.c.id == client_id)
                .values(
                    full_name_index=blind_index(key, "full_name", demographics.full_name),
                    family_name_index=blind_index(key, "name", demographics.family_name),
                    given_name_index=blind_index(key, "name", demographics.given_name),
                    demographics_sealed=self._seal(
                        conn, access, "demographics", demographics.to_json()
                    ),
                    contacts_sealed=self._seal(conn, access, "contacts", contacts.to_json()),
                )
            )
            return notice

        notice = self._gate.write(
            actor,
            P.CHART_DEMOGRAPHICS_WRITE,
            AuditTag.RECORD_CLIENT_UPDATE,
            client_id,
            work,
            resource_id=client_id,
        )
        if notice is not None and self._mailer.is_configured:
            try:  # after the commit: the change stands whether or not the notice goes out
                self._mailer.send(notice)
            except MailUnavailable:
                log.warning("e-mail change notice not sent")

    # --- care teams ----------------------------------------------------------------------------
    def care_team_names_under(self, access: Access) -> list[str]:
        """The names of everyone ever on the client's care team (past members too: notes
        mention them), under the gate's `access` to that client."""
        client_id = access.client_id
        with read_transaction(self._rt.engine) as conn:
            return list(conn.execute(
                select(users.c.display_name).distinct()
                .join(care_team, users.c.id == care_team.c.user_id)
                .where(care_team.c.client_id == client_id)).scalars())

    def _care_team(self, conn: Connection, client_id: str) -> list[CareTeamMember]:
        now = self._rt.now()
        rows = conn.execute(
            select(care_team, users.c.display_name)
            .join(users, users.c.id == care_team.c.user_id)
            .where(
                care_team.c.client_id == client_id,
                or_(care_team.c.ends_at.is_(None), care_team.c.ends_at > now),
            )
            .order_by(care_team.c.starts_at)
        ).all()
        return [
            CareTeamMember(r.id, r.user_id, r.display_name, r.team_role, r.starts_at, r.ends_at)
            for r in rows
        ]

    def assign_care_team(self, actor: Actor, client_id: str, user_id: str) -> str:
        """Put a clinician or supervisor on a client's care team, from now on (owner only)."""
        rt = self._rt
        self._gate.require(
            actor,
            P.PRACTICE_CARE_TEAM_MANAGE,
            AuditTag.PRACTICE_CARE_TEAM_UPDATE,
            audit_allow=False,
        )
        membership_id = new_id()
        now = rt.now()
        with write_transaction(rt.engine) as conn:
            if conn.execute(select(clients.c.id).where(clients.c.id == client_id)).first() is None:
                raise NotFound("no such client")
            role = conn.execute(
                select(users.c.role).where(users.c.id == user_id, users.c.is_active.is_(True))
            ).scalar_one_or_none()
            if role not in ("clinician", "supervisor", "owner"):
                raise InvalidInput("user: only clinicians, supervisors and owners join care teams")
            if conn.execute(
                select(care_team.c.id).where(active_membership(user_id, client_id, now))
            ).first():
                raise InvalidInput("user: already on this care team")
            conn.execute(
                insert(care_team).values(
                    id=membership_id,
                    client_id=client_id,
                    user_id=user_id,
                    team_role="supervisor" if role == "supervisor" else "clinician",
                    starts_at=now,
                    ends_at=None,
                )
            )
            rt.audit.append_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_CARE_TEAM_UPDATE,
                        "ok",
                        client_id=client_id,
                        resource_id=membership_id,
                        reason="assign",
                    )
                ],
            )
        return membership_id

    def end_care_team(self, actor: Actor, client_id: str, membership_id: str) -> None:
        rt = self._rt
        self._gate.require(
            actor,
            P.PRACTICE_CARE_TEAM_MANAGE,
            AuditTag.PRACTICE_CARE_TEAM_UPDATE,
            audit_allow=False,
        )
        with write_transaction(rt.engine) as conn:
            result = conn.execute(
                update(care_team)
                .where(
                    care_team.c.id == membership_id,
                    care_team.c.client_id == client_id,
                    care_team.c.ends_at.is_(None),
                )
                .values(ends_at=rt.now())
            )
            if result.rowcount != 1:
                raise NotFound("no such care-team membership")
            rt.audit.append_in(
                conn,
                [
                    rt.entry(
                        actor.actor_id,
                        AuditTag.PRACTICE_CARE_TEAM_UPDATE,
                        "ok",
                        client_id=client_id,
                        resource_id=membership_id,
                        reason="end",
                    )
                ],
            )

    # --- appointments --------------------------------------------------------------------------
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
            if (
                conn.execute(
                    select(care_team.c.id).where(
                        active_membership(clinician_id, client_id, rt.now())
                    )
                ).first()
                is None
            ):
                raise InvalidInput("clinician_id: must be on the client's care team")
            conn.execute(
                insert(appointments).values(
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
            result = conn.execute(update(appointments).where(
                appointments.c.id == appointment_id, appointments.c.client_id == client_id,
            ).values(status=new_status.value))
            if result.rowcount != 1:
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
            rows = conn.execute(select(appointments)
                                .where(appointments.c.client_id == client_id)
                                .order_by(appointments.c.starts_at.desc())).all()
            return [
                AppointmentView(
                    r.id, r.client_id, r.clinician_id, r.starts_at, r.duration_minutes,
                    r.modality, r.status,
                    json.loads(rt.keyring.unseal_field(conn, client_id, RecordKind.APPOINTMENT,
                                                       r.id, "details", r.details_sealed,
                                                       access)),
                )
                for r in rows
            ]

    # --- sealing helpers -----------------------------------------------------------------------
    def _seal(self, conn: Connection, access: Access, field: str, value: dict[str, Any]) -> bytes:
        client_id = access.client_id
        return self._rt.keyring.seal_field(
            conn, client_id, RecordKind.CLIENT, client_id, field, json.dumps(value).encode(), access
        )


def demographics_under(conn: Connection, keyring: KeyRing, access: Access,
                       sealed: bytes | None = None) -> dict[str, str]:
    """The one place a client's demographics are decrypted: those of the client the gate's
    `access` names, inside the caller's transaction (`sealed` when the caller already read the
    column). Raises NotFound for an unknown client, DecryptionFailed for a bad ciphertext."""
    client_id = access.client_id
    if sealed is None:
        sealed = conn.execute(select(clients.c.demographics_sealed)
                              .where(clients.c.id == client_id)).scalar_one_or_none()
        if sealed is None:
            raise NotFound("no such client")
    result: dict[str, str] = json.loads(keyring.unseal_field(
        conn, client_id, RecordKind.CLIENT, client_id, "demographics", sealed, access))
    return result


def contacts_under(conn: Connection, keyring: KeyRing, access: Access,
                   sealed: bytes | None = None) -> dict[str, str]:
    """The one place a client's contacts (phone, e-mail, ...) are decrypted: those of the
    client the gate's `access` names, inside the caller's transaction. Raises NotFound for an
    unknown client, DecryptionFailed for a bad ciphertext."""
    client_id = access.client_id
    if sealed is None:
        sealed = conn.execute(select(clients.c.contacts_sealed)
                              .where(clients.c.id == client_id)).scalar_one_or_none()
        if sealed is None:
            raise NotFound("no such client")
    result: dict[str, str] = json.loads(keyring.unseal_field(
        conn, client_id, RecordKind.CLIENT, client_id, "contacts", sealed, access))
    return result
