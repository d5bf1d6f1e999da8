"""Use cases for a client's chart: register, list, search, read and update demographics and
contacts. Every one passes the gate; the SQL is in `closeddoor.store.records_repository`."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from closeddoor.audit.tags import AuditTag
from closeddoor.crypto import blind_index
from closeddoor.errors import InvalidInput, MailUnavailable, NotFound
from closeddoor.gate import Access, Gate
from closeddoor.mail import Mail, Mailer, NoMailer, email_changed
from closeddoor.paging import (
    BACK,
    BAD_CURSOR,
    CURSOR_PURPOSE,
    FORWARD,
    Page,
    Pager,
    check_limit,
)
from closeddoor.policy import Actor, Permission, Role
from closeddoor.records.model import Contacts, Demographics, parse_profile
from closeddoor.records.name_match import MAX_QUERY_CHARS, matches
from closeddoor.records.views import CareTeamMember, ClientRecord, ClientSummary
from closeddoor.runtime import Runtime, new_id
from closeddoor.store import records_repository as repo
from closeddoor.store.db import read_transaction
from closeddoor.store.keyring import SUBJECT_CLIENT, KeyRing
from closeddoor.types import RecordKind

log = logging.getLogger("closeddoor.records")
P = Permission
WITHHELD = "withheld (cannot be decrypted)"
CLIENT_SORTS = ("name", "newest", "oldest")


def _client_position(position: list[str] | None
                     ) -> tuple[str, tuple[datetime, str] | None]:
    """(direction, (created_at, id)) of a checked client-list cursor's position."""
    if position is None:
        return FORWARD, None
    direction, created, client_id = position
    try:
        at = datetime.fromisoformat(created)
    except ValueError:
        raise InvalidInput(BAD_CURSOR) from None
    if direction not in (FORWARD, BACK) or at.tzinfo is None:
        raise InvalidInput(BAD_CURSOR)
    return direction, (at, client_id)


class ClientService:
    def __init__(self, runtime: Runtime, gate: Gate, mailer: Mailer | None = None) -> None:
        self._rt = runtime
        self._gate = gate
        self._mailer: Mailer = mailer or NoMailer()
        self._pager = Pager(runtime.keyring.purpose_key(CURSOR_PURPOSE))

    def create_client(self, actor: Actor, data: dict[str, Any]) -> str:
        """Register a client; a clinician who registers one joins its care team."""
        now = self._rt.now()
        profile = parse_profile(data, now.date())
        client_id = new_id()
        self._gate.create_client(actor, P.CHART_CLIENT_CREATE, AuditTag.RECORD_CLIENT_CREATE,
                                 client_id, self._registration(actor, {client_id: profile}, now))
        return client_id

    def create_clients(self, actor: Actor, rows: Sequence[dict[str, Any]]) -> list[str]:
        """Register many clients in one transaction (each checked as `create_client` would,
        and all refused if one is bad input): for a bulk import and the large demo practice."""
        now = self._rt.now()
        profiles = {new_id(): parse_profile(data, now.date()) for data in rows}
        self._gate.create_clients(actor, P.CHART_CLIENT_CREATE, AuditTag.RECORD_CLIENT_CREATE,
                                  list(profiles), self._registration(actor, profiles, now))
        return list(profiles)

    def _registration(self, actor: Actor, profiles: dict[str, tuple[Demographics, Contacts]],
                      now: datetime) -> Callable[[Connection, Access], None]:
        """The work of registering each client of `profiles` under its proof."""
        rt = self._rt
        index_key = rt.keyring.blind_index_key()

        def work(conn: Connection, access: Access) -> None:
            client_id = access.client_id
            demographics, contacts = profiles[client_id]
            rt.keyring.create(conn, SUBJECT_CLIENT, client_id, now)
            repo.insert_client(
                conn,
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
            events = [
                rt.entry(actor.actor_id, AuditTag.KEY_DATA_KEY_CREATE, "ok", client_id=client_id),
            ]
            if actor.role is Role.CLINICIAN:
                membership_id = new_id()
                repo.insert_membership(conn, membership_id, client_id, actor.actor_id,
                                       "clinician", now)
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
            self._gate.record_in(conn, events)

        return work

    def list_clients(self, actor: Actor) -> list[ClientSummary]:
        """The clients this actor may see, by name; one audited listing."""
        rt = self._rt
        now = rt.now()
        with read_transaction(rt.engine) as conn:
            candidate_ids = repo.visible_client_ids(
                conn, actor.actor_id, now,
                teams_only=actor.role in (Role.CLINICIAN, Role.SUPERVISOR))
        return self._summaries(actor, candidate_ids, AuditTag.RECORD_CLIENT_READ, "list")

    def list_clients_page(self, actor: Actor, *, sort: str | None = None,
                          cursor: str | None = None, limit: int | None = None
                          ) -> Page[ClientSummary]:
        """One page of the clients this actor may see, audited like the whole list (one
        decision per client on the page). Sorts: `name` (family name; a clinician's or
        supervisor's own caseload only, whose names are decrypted in memory), `newest` and
        `oldest` (by registration, in SQL: names are sealed, so the whole practice cannot be
        sorted by name). Default: `name` for a caseload, `newest` for the practice."""
        rt = self._rt
        caseload_only = actor.role in (Role.CLINICIAN, Role.SUPERVISOR)
        sort = sort or ("name" if caseload_only else "newest")
        size = check_limit(limit)
        if sort not in CLIENT_SORTS:
            raise InvalidInput("sort: choose one of " + ", ".join(CLIENT_SORTS))
        if sort == "name":
            if not caseload_only:
                raise InvalidInput("sort: sorting by name is only for a caseload, as names "
                                   "are sealed: choose newest or oldest")
            self._pager.decode(cursor, "clients:name", 2)  # a bad cursor reads nothing
            return self._pager.page(self.list_clients(actor), lambda s: s.client_id,
                                    cursor=cursor, limit=size, sort="clients:name")
        key = f"clients:{sort}"
        direction, after = _client_position(self._pager.decode(cursor, key, 3))
        # A previous page is the next page of the opposite order, read backwards.
        newest = (sort == "newest") == (direction == FORWARD)
        with read_transaction(rt.engine) as conn:
            rows = repo.visible_clients_by_created(
                conn, actor.actor_id, rt.now(), teams_only=caseload_only, newest_first=newest,
                after=after, limit=size + 1)
        shown = rows[:size]
        if direction == BACK:
            shown.reverse()
        by_id = {s.client_id: s for s in self._summaries(
            actor, [client_id for client_id, _ in shown], AuditTag.RECORD_CLIENT_READ, "list")}
        items = [by_id[client_id] for client_id, _ in shown if client_id in by_id]
        if not shown:
            return Page(items, None, None)
        more = len(rows) > size  # beyond the page, in the direction read
        has_next = more if direction == FORWARD else after is not None
        has_prev = after is not None if direction == FORWARD else more

        def cursor_at(way: str, row: tuple[str, datetime]) -> str:
            return self._pager.encode(key, [way, row[1].isoformat(), row[0]])

        return Page(items, cursor_at(FORWARD, shown[-1]) if has_next else None,
                    cursor_at(BACK, shown[0]) if has_prev else None)

    def search_clients_page(self, actor: Actor, name: str, *, cursor: str | None = None,
                            limit: int | None = None) -> Page[ClientSummary]:
        """`search_clients`, a page at a time. The cursor holds an id, never the name; it is
        bound to the search (a keyed digest of the words, case and spacing aside), so a cursor
        of one search is refused on another before anything is decided or read."""
        size = check_limit(limit)
        sort = "clients:search:" + self._pager.scope(" ".join(name.casefold().split()))
        self._pager.decode(cursor, sort, 2)  # bad input before any decision
        return self._pager.page(self.search_clients(actor, name), lambda s: s.client_id,
                                cursor=cursor, limit=size, sort=sort)

    def search_clients(self, actor: Actor, name: str) -> list[ClientSummary]:
        """A clinician or supervisor finds their own clients by any part of a name: the names
        of the caseload are decrypted in memory through the gate (one audited listing naming
        each client decrypted) and matched there. Everyone else (front desk, billing, owner)
        looks up the whole practice by an exact full, given or family name through the blind
        index, so no one decrypts the names of clients they do not care for."""
        rt = self._rt
        if not name.strip():
            raise InvalidInput("name: enter part of a name, for example the first letters of a "
                               "family name")
        if len(name) > MAX_QUERY_CHARS:
            raise InvalidInput(f"name: use at most {MAX_QUERY_CHARS} characters")
        if actor.role in (Role.CLINICIAN, Role.SUPERVISOR):
            with read_transaction(rt.engine) as conn:
                caseload = repo.visible_client_ids(conn, actor.actor_id, rt.now(),
                                                   teams_only=True)
            return self._summaries(actor, caseload, AuditTag.RECORD_CLIENT_SEARCH,
                                   "caseload-search", keep=lambda demo: matches(name, demo))
        key = rt.keyring.blind_index_key()
        with read_transaction(rt.engine) as conn:
            ids = repo.client_ids_by_name_index(conn, blind_index(key, "full_name", name),
                                                blind_index(key, "name", name))
        return self._summaries(actor, ids, AuditTag.RECORD_CLIENT_SEARCH, "search")

    def _summaries(
        self, actor: Actor, candidate_ids: list[str], tag: AuditTag, reason: str,
        keep: Callable[[dict[str, Any]], bool] | None = None,
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
            rows = repo.sealed_demographics_of(conn, list(batch.allowed))
            opened = demographics_of_many(conn, rt.keyring, [
                (batch.allowed[row.id], row.demographics_sealed) for row in rows])
        for row, demo in zip(rows, opened, strict=True):
            if demo is None:
                if keep is None:
                    summaries.append(ClientSummary(row.id, WITHHELD, None))
                alerts.append(rt.entry(actor.actor_id, AuditTag.KEY_DATA_UNDECRYPTABLE,
                                       "fail", client_id=row.id, resource_id=row.id,
                                       reason="decryption-failed", field="demographics"))
                continue
            if keep is not None and not keep(demo):
                continue
            name = f"{demo['family_name']}, {demo['given_name']}"
            if demo.get("preferred_name"):
                name += f" ({demo['preferred_name']})"
            summaries.append(
                ClientSummary(row.id, name, date.fromisoformat(demo["date_of_birth"]))
            )
        if alerts:
            self._gate.record(alerts)
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
            created_at = repo.client_created_at(conn, client_id)
            team = [
                CareTeamMember(r.id, r.user_id, r.display_name, r.team_role, r.starts_at,
                               r.ends_at)
                for r in repo.current_care_team(conn, client_id, rt.now())
            ]
        return ClientRecord(client_id, demographics, contacts, team, access.reason, created_at)

    def profile_under(self, access: Access) -> tuple[dict[str, str], dict[str, str]]:
        """Decrypted demographics and contacts of the client the gate's `access` names."""
        client_id = access.client_id
        with read_transaction(self._rt.engine) as conn:
            row = repo.sealed_profile(conn, client_id)
            return (demographics_under(conn, self._rt.keyring, access, row.demographics_sealed),
                    contacts_under(conn, self._rt.keyring, access, row.contacts_sealed))

    def update_client(self, actor: Actor, client_id: str, data: dict[str, Any]) -> None:
        """Replace demographics and contacts. A changed e-mail address is audited as such and,
        once committed, the OLD address is told (it may be how the client's portal account is
        recovered, so a silent change could hand the account to someone else)."""
        parse_profile(data, self._rt.now().date())  # bad input: refused before anything

        def work(conn: Connection, access: Access) -> Mail | None:
            return self._apply_update(conn, actor, access, data)

        notice = self._gate.write(
            actor,
            P.CHART_DEMOGRAPHICS_WRITE,
            AuditTag.RECORD_CLIENT_UPDATE,
            client_id,
            work,
            resource_id=client_id,
        )
        self.tell_old_address(notice)

    def update_client_in(self, conn: Connection, actor: Actor, client_id: str,
                         data: dict[str, Any]) -> Mail | None:
        """`update_client` as one step of a larger write the gate already allowed (accepting
        an intake's contact details): decided (`chart:demographics:write`) and audited in
        `conn`, so it commits with the rest or not at all. Returns the notice for the old
        e-mail address, for the caller to pass to `tell_old_address` once committed."""
        access = self._gate.authorize_in(conn, actor, P.CHART_DEMOGRAPHICS_WRITE,
                                         AuditTag.RECORD_CLIENT_UPDATE, client_id,
                                         resource_id=client_id)
        return self._apply_update(conn, actor, access, data)

    def tell_old_address(self, notice: Mail | None) -> None:
        """After the commit: the change stands whether or not the notice goes out."""
        if notice is not None and self._mailer.is_configured:
            try:
                self._mailer.send(notice)
            except MailUnavailable:
                log.warning("e-mail change notice not sent")

    def _apply_update(self, conn: Connection, actor: Actor, access: Access,
                      data: dict[str, Any]) -> Mail | None:
        rt = self._rt
        client_id = access.client_id
        demographics, contacts = parse_profile(data, rt.now().date())
        key = rt.keyring.blind_index_key()
        old_email = contacts_under(conn, rt.keyring, access).get("email", "")
        notice = None
        if old_email.casefold() != contacts.email.casefold():
            name = repo.practice_name(conn)
            notice = email_changed(old_email, name) if old_email else None
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.RECORD_CLIENT_EMAIL_UPDATE, "ok",
                client_id=client_id, resource_id=client_id,
                old_address_told=int(notice is not None and self._mailer.is_configured))])
        repo.update_client(
            conn,
            client_id,
            full_name_index=blind_index(key, "full_name", demographics.full_name),
            family_name_index=blind_index(key, "name", demographics.family_name),
            given_name_index=blind_index(key, "name", demographics.given_name),
            demographics_sealed=self._seal(conn, access, "demographics", demographics.to_json()),
            contacts_sealed=self._seal(conn, access, "contacts", contacts.to_json()),
        )
        return notice

    def _seal(self, conn: Connection, access: Access, field: str, value: dict[str, Any]) -> bytes:
        client_id = access.client_id
        return self._rt.keyring.seal_field(
            conn, client_id, RecordKind.CLIENT, client_id, field, json.dumps(value).encode(), access
        )


def demographics_under(conn: Connection, keyring: KeyRing, access: Access,
                       sealed: bytes | None = None) -> dict[str, str]:
    """The one place a client's demographics are decrypted (with `demographics_of_many`, the
    same for a page of clients): those of the client the gate's
    `access` names, inside the caller's transaction (`sealed` when the caller already read the
    column). Raises NotFound for an unknown client, DecryptionFailed for a bad ciphertext."""
    if sealed is None:
        sealed = repo.sealed_demographics(conn, access.client_id)
    return _sealed_json_under(conn, keyring, access, "demographics", sealed)


def demographics_of_many(conn: Connection, keyring: KeyRing,
                         sealed: Sequence[tuple[Access, bytes | None]]
                         ) -> list[dict[str, str] | None]:
    """`demographics_under` for a page of clients at once, each with the gate's access and
    its sealed column: None for one that cannot be decrypted (destroyed, or out of place),
    which the caller withholds; the others are not held up by it."""
    present = [(access, access.client_id, value) for access, value in sealed
               if value is not None]
    opened = iter(keyring.unseal_fields(conn, RecordKind.CLIENT, "demographics", present))
    return [None if value is None or (plain := next(opened)) is None else json.loads(plain)
            for _, value in sealed]


def contacts_under(conn: Connection, keyring: KeyRing, access: Access,
                   sealed: bytes | None = None) -> dict[str, str]:
    """The one place a client's contacts (phone, e-mail, ...) are decrypted, as
    `demographics_under` does the demographics."""
    if sealed is None:
        sealed = repo.sealed_contacts(conn, access.client_id)
    return _sealed_json_under(conn, keyring, access, "contacts", sealed)


def _sealed_json_under(conn: Connection, keyring: KeyRing, access: Access, field: str,
                       sealed: bytes | None) -> dict[str, str]:
    if sealed is None:
        raise NotFound("no such client")
    client_id = access.client_id
    result: dict[str, str] = json.loads(keyring.unseal_field(
        conn, client_id, RecordKind.CLIENT, client_id, field, sealed, access))
    return result
