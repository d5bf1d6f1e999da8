"""Alembic revisions on SQLite and PostgreSQL: each goes up, down (with rows in its tables) and up
again; the head matches store/tables.py; the audit guards come and go with the schema."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import DBAPIError

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.errors import AuthenticationFailed
from closeddoor.excerpts.model import ExcerptRequest
from closeddoor.store import schema
from closeddoor.store.db import make_engine
from closeddoor.store.tables import audit_head, metadata
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    NoteFactory,
    Practice,
    PracticeFactory,
    authorized_request,
    duty_to_warn_request,
)
from tests.factories.treatment import TreatmentFactory
from tests.mailbox import link_path, mail_server
from tests.portal.helpers import invite

APP_TABLES = set(metadata.tables)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = make_engine(database_url)
    yield made
    made.dispose()


def revisions_base_to_head() -> list[tuple[str, str]]:
    """(revision, the revision below it or "base"), oldest first."""
    script = ScriptDirectory.from_config(schema.alembic_config())
    walked = list(script.walk_revisions("base", "heads"))
    return [(r.revision, r.down_revision or "base") for r in reversed(walked)]  # type: ignore[misc]


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in sorted(APP_TABLES)}


def seed(database_url: str, data_dir: Path) -> Practice:
    """A practice with a row in every table, written by the application itself."""
    practice = PracticeFactory.create(database_url, data_dir, clients=2)
    client_id = ClientFactory.create(practice, "clinician1")
    note_id = NoteFactory.progress(practice, client_id)
    NoteFactory.addendum(practice, client_id, note_id)
    NoteFactory.psychotherapy(practice, client_id)
    practice.services.break_glass.open(
        practice.actor("clinician2"), client_id, "Synthetic emergency for the migration test."
    )
    clinician = practice.actor("clinician1")
    consent = practice.services.consent
    form = consent.form(clinician, client_id)
    consent.sign(clinician, client_id, version_id=form.version_id,
                 text_sha256=form.rendered.sha256, signer_name="Synthetic Signer",
                 signer_kind="guardian" if form.signer_rule == "guardian" else "client",
                 guardian_relation="parent")
    consent.update_preferences(clinician, client_id, {
        "telehealth": "granted", "email_reminders": True,
        "reminder_email": "synthetic.reminder@example.org"})
    # Reminders (0015): an appointment tomorrow and its e-mail reminder in the outbox.
    practice.services.charts.create_appointment(clinician, client_id, {
        "starts_at": (practice.clock.now() + timedelta(hours=20)).isoformat()})
    assert practice.services.reminders.send_due().sent == 1
    authorization_id = AuthorizationFactory.create(practice, client_id, categories=["attendance"],
                                                   records_from=None, records_to=None)
    disclosure = practice.services.disclosures.request(
        clinician, client_id, authorized_request(authorization_id, categories=["attendance"],
                                                 records_from=None, records_to=None))
    practice.services.disclosures.release(clinician, client_id, disclosure.disclosure_id)
    practice.services.oversight.accounting_pdf(clinician, client_id)  # an accounting request (0009)
    practice.services.excerpts.create(clinician, client_id, ExcerptRequest.parse(
        {"note_ids": [note_id], "purpose": "supervision"}))
    practice.services.portal.accept_invitation(invite(practice, client_id), "synthetic.client",
                                               "tangerine-lighthouse-42-orbit")
    practice.services.portal.request_password_reset("synthetic.client")
    accounts = practice.services.accounts
    accounts.sign_in("clinician1", practice.password, address="192.0.2.1", kind="api")
    with pytest.raises(AuthenticationFailed):
        accounts.sign_in("clinician1", "synthetic-wrong-passphrase", address="192.0.2.1")
    # Chart lifecycle (0008): a discharge, a legal hold and a destruction request.
    other = ClientFactory.create(practice, "clinician1")
    practice.services.lifecycle.discharge(clinician, other, {
        "discharged_on": "2026-03-02", "reason": "Synthetic: goals met."})
    owner = practice.actor("owner")
    practice.services.lifecycle.place_hold(owner, other, {"reason": "Synthetic litigation."})
    practice.services.destruction.request(owner, client_id, {
        "basis": "created-in-error", "reason": "Synthetic chart opened in error."})
    # Amendment requests (0010): a request to amend the signed note, recorded from paper;
    # (0018) another, accepted, with a notice of it recorded as sent.
    practice.services.amendments.ask(clinician, client_id, {
        "target": "note", "note_id": note_id, "change": "Synthetic: the date is wrong.",
        "reason": "Synthetic: it was a Tuesday."})
    accepted = practice.services.amendments.ask(clinician, client_id, {
        "target": "details", "change": "Synthetic: the phone changed.",
        "reason": "Synthetic: a new number."})
    practice.services.amendments.answer(clinician, client_id, accepted, {
        "decision": "accept", "amendment": "Synthetic: the phone is 555-0142."})
    practice.services.amendments.record_notice(clinician, client_id, accepted, {
        "recipient": "Synthetic Clinic", "method": "mail"})
    # Requests for restrictions (0016): an oral request, agreed.
    restriction_id = practice.services.restrictions.ask(clinician, client_id, {
        "recipient_kind": "family", "details": "Synthetic: not to my parents.",
        "received_via": "oral"})
    practice.services.restrictions.agree(clinician, client_id, restriction_id, {})
    # Notice of Privacy Practices (0011): the demo's published notice, a draft, an acknowledgment.
    practice.services.notice.create_draft(owner)
    current = practice.services.notice.current()
    assert current is not None
    practice.services.notice.acknowledge(clinician, client_id, version_id=current.version_id,
                                         text_sha256=current.rendered.sha256,
                                         signer_name="Synthetic Signer")
    # Representatives and minor-consent findings (0012): one of each.
    practice.services.representatives.record(practice.actor("billing"), client_id, {
        "kind": "guardian", "name": "Morgan Guardian (synthetic)", "document_date": "2025-10-01",
        "scope": ["consent"]})
    practice.services.consent.set_jurisdiction(owner, "US-CA")
    practice.services.representatives.record_finding(clinician, client_id, {
        "ground": minor_consent_grounds(load_jurisdiction("US-CA"))[0],
        "note": "Synthetic: understands the treatment."})
    practice.services.consent.set_jurisdiction(owner, "generic")
    # Representatives in the portal (0017): a guardian's own account, signed in.
    guardian = practice.services.representatives.record(practice.actor("billing"), client_id, {
        "kind": "guardian", "name": "Robin Guardian (synthetic)", "document_date": "2025-10-01",
        "scope": ["records"], "email": "synthetic.guardian@example.org"})
    practice.services.portal.invite_representative(clinician, client_id, guardian)
    link = link_path(mail_server().latest("synthetic.guardian@example.org"))
    practice.services.portal.accept_invitation(link.removeprefix("/portal/invite/"),
                                               "synthetic.guardian",
                                               "tangerine-lighthouse-42-orbit")
    # Scheduling (0014): a block of time off.
    practice.services.calendar.add_time_off(owner, practice.user_id("clinician1"),
                                            datetime(2026, 3, 20, 9), datetime(2026, 3, 20, 17))
    # Intake (0019): a packet with sealed draft answers, and portal cancellation turned off.
    packet_id = practice.services.intake.send(clinician, client_id)
    practice.services.intake.save_draft(
        practice.services.portal.sign_in("synthetic.client", "tangerine-lighthouse-42-orbit",
                                         address="192.0.2.1").principal,
        packet_id, "referral", {"referral_source": "Other"})
    practice.services.portal_sessions.set_cancellation_allowed(owner, False)
    # Co-signatures (0022): the supervisor co-signs clinician1's signed note.
    practice.services.notes.cosign_note(practice.actor("supervisor"), client_id, note_id)
    # Measures (0020): one asked of the client and completed in the portal (question 9 above 0
    # raises a safety flag), and the flag reviewed.
    request_id = practice.services.measures.request(clinician, client_id, "PHQ-9")
    practice.services.measures.complete(
        practice.services.portal.sign_in("synthetic.client", "tangerine-lighthouse-42-orbit",
                                         address="192.0.2.1").principal,
        request_id, [1, 1, 1, 1, 1, 1, 1, 1, 1])
    [flag] = practice.services.measures.flags(clinician, client_id)
    practice.services.measures.review_flag(clinician, client_id, flag.flag_id)
    # Problems and treatment plans (0021): a diagnosis, a plan signed by the clinician, and a
    # draft note naming its goal.
    revision_id = TreatmentFactory.plan(practice, client_id, sign=True)
    goal_id = practice.services.plans.get(clinician, client_id, revision_id).document.goals[0]\
        .goal_id
    draft_id = practice.services.notes.create_note(clinician, client_id, {
        "kind": "progress", "format": "free", "body": "Synthetic draft.", "sign": False})
    practice.services.plans.set_note_goals(clinician, client_id, draft_id, [goal_id])
    practice.services.practice.checkpoint(SYSTEM_ACTOR)
    return practice


def test_revisions_form_one_line_from_base_to_head() -> None:
    chain = revisions_base_to_head()
    assert chain
    assert chain[0][1] == "base"
    assert chain[-1][0] == schema.head_revision()
    assert all(chain[i][0] == chain[i + 1][1] for i in range(len(chain) - 1))


def test_each_revision_goes_up_down_and_up_with_rows_present(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    for revision, below in revisions_base_to_head():
        schema.upgrade(engine, revision)
        assert schema.current_revision(engine) == revision
        if revision == schema.head_revision():
            practice = seed(database_url, tmp_path / f"seed-{revision}")
            practice.close()
            assert all(n > 0 for n in row_counts(engine).values()), row_counts(engine)
        schema.downgrade(engine, below)
        assert schema.current_revision(engine) == (None if below == "base" else below)
        if below == "base":
            assert table_names(engine) == set()
        schema.upgrade(engine, revision)
        assert schema.current_revision(engine) == revision
    # Later revisions' downgrades keep earlier tables' rows; from base, nothing is left.
    schema.downgrade(engine, "base")
    schema.upgrade(engine)
    assert table_names(engine) == APP_TABLES
    counts = row_counts(engine)
    assert counts.pop("audit_head") == 1
    assert set(counts.values()) == {0}
    with engine.connect() as conn:
        head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    assert (head.seq, head.hash) == (0, "0" * 64)


def test_schema_works_end_to_end_when_recreated_after_downgrade(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    seed(database_url, tmp_path / "first").close()
    schema.downgrade(engine, "base")
    schema.upgrade(engine, "head")
    # A new practice on the rebuilt schema: writes, reads, a verified audit, working guards.
    practice = PracticeFactory.create(database_url, tmp_path / "second")
    try:
        client_id = ClientFactory.create(practice, "clinician1")
        note_id = NoteFactory.progress(practice, client_id, body="Synthetic rebuilt note.")
        services = practice.services
        note = services.notes.get_note(practice.actor("clinician1"), client_id, note_id)
        assert note.body == "Synthetic rebuilt note."
        assert services.practice.verify_audit(SYSTEM_ACTOR).events_checked > 10
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_events"))
    finally:
        practice.close()


@pytest.mark.parametrize("table", ["audit_events", "audit_checkpoints"])
def test_audit_guards_present_at_head_and_gone_at_base(engine: Engine, table: str) -> None:
    schema.upgrade(engine, "head")
    with engine.begin() as conn:  # row triggers fire only when there is a row to change
        conn.execute(text(
            "INSERT INTO audit_events VALUES (1, 'at', 'a', 't', 'o', '', '', '', '', 'p', 'h')"))
        conn.execute(text("INSERT INTO audit_checkpoints VALUES (1, 'h', 'at', :sig)"),
                     {"sig": b"signature"})
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET hash = 'x'"))
    schema.downgrade(engine, "base")
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            triggers = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
            assert triggers == []
        else:
            functions = conn.execute(text(
                "SELECT proname FROM pg_proc WHERE proname = 'closeddoor_refuse_audit_change'"
            )).all()
            assert functions == []


def test_migration_head_matches_mapped_tables(engine: Engine) -> None:
    schema.upgrade(engine, "head")
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_upgrade_is_idempotent_at_head(engine: Engine, database_url: str, tmp_path: Path) -> None:
    seed(database_url, tmp_path / "data").close()
    before = row_counts(engine)
    schema.upgrade(engine, "head")  # what open_services does on every start
    assert row_counts(engine) == before


def test_head_comparison_notices_a_drifted_column(engine: Engine) -> None:
    """The comparison above is not vacuous: a column the tables do not declare is reported."""
    schema.upgrade(engine, "head")
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE clients ADD COLUMN plaintext_name VARCHAR(200)"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [(d[0], d[2], d[3].name) for d in differences] == [
        ("remove_column", "clients", "plaintext_name")]


def test_key_check_revision_keeps_practice_row_when_going_up_and_down(engine: Engine) -> None:
    """0005 adds practice.key_check (empty in an existing row until its first start fills it in)
    and takes it away again, keeping the practice row both ways."""
    schema.upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO practice (id, name, mfa_required, created_at) VALUES "
                          "('p-1', 'Synthetic practice', false, '2026-03-02 15:00:00')"))
    schema.upgrade(engine, "0005")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT id, key_check FROM practice")).one() == ("p-1", None)
        conn.execute(text("UPDATE practice SET key_check = :v"), {"v": "ab" * 32})
    schema.downgrade(engine, "0004")
    assert "key_check" not in {c["name"] for c in inspect(engine).get_columns("practice")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, name FROM practice")).one() == (
            "p-1", "Synthetic practice")
    schema.upgrade(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT key_check FROM practice")).scalar_one() is None


def test_consent_review_revision_keeps_versions_signatures_and_their_guard_when_going_down(
    engine: Engine, database_url: str, tmp_path: Path,
) -> None:
    """0007 adds the review record, the published text's hash and the sealed signed text; going
    down to 0006 keeps every version and signature (and the trigger that freezes published
    versions: plain ALTER TABLE, never a table rebuild), and going up again leaves them NULL."""
    practice = PracticeFactory.create(database_url, tmp_path / "data")
    client_id = ClientFactory.create(practice, "clinician1")
    clinician = practice.actor("clinician1")
    form = practice.services.consent.form(clinician, client_id)
    practice.services.consent.sign(clinician, client_id, version_id=form.version_id,
                                   text_sha256=form.rendered.sha256,
                                   signer_name="Synthetic Signer", signer_kind="client")
    practice.close()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM consent_signatures "
                                 "WHERE text_sealed IS NOT NULL")).scalar_one() == 1
    schema.downgrade(engine, "0006")
    assert "text_sealed" not in {c["name"] for c in inspect(engine).get_columns(
        "consent_signatures")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM consent_signatures")).scalar_one() == 1
        assert conn.execute(text("SELECT status FROM consent_versions")).scalar_one() == (
            "published")
    with pytest.raises(DBAPIError, match="immutable"), engine.begin() as conn:
        conn.execute(text("UPDATE consent_versions SET document = 'tampered'"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text_sealed, is_demo FROM consent_signatures, "
                                 "consent_versions")).one() == (None, False)
    with pytest.raises(DBAPIError, match="immutable"), engine.begin() as conn:
        conn.execute(text("UPDATE consent_versions SET document = 'tampered'"))


def test_disclosure_events_revision_keeps_each_state_and_sealed_note_when_going_down_and_up(
    engine: Engine, database_url: str, tmp_path: Path,
) -> None:
    """0009 moves a disclosure's state changes from columns into disclosure_events; going down
    folds them back into the columns (the notes still open there) and going up again turns the
    columns into events the service reads as before."""
    practice = PracticeFactory.create(database_url, tmp_path / "data")
    try:
        client_id = ClientFactory.create(practice, "clinician1")
        clinician, owner = practice.actor("clinician1"), practice.actor("owner")
        services = practice.services
        services.oversight.update_setting(owner, "disclosure_two_person", True)
        view = services.disclosures.request(clinician, client_id, duty_to_warn_request())
        services.disclosures.approve(owner, client_id, view.disclosure_id, approve=True,
                                     comment="Synthetic approval comment.")
        packet = services.disclosures.release(clinician, client_id, view.disclosure_id)
        services.disclosures.record_client_told(clinician, client_id, view.disclosure_id,
                                                told=True, note="Synthetic: told in session.")
        services.oversight.complete_review(owner, view.disclosure_id, "Synthetic review.")
        before = services.disclosures.get(clinician, client_id, view.disclosure_id)

        schema.downgrade(engine, "0008")
        with engine.connect() as conn:
            row = conn.execute(text(
                "SELECT status, packet_sha256, client_told, approved_by FROM disclosures")).one()
        assert tuple(row) == ("released", packet.sha256, "told", owner.actor_id)
        schema.upgrade(engine)

        after = services.disclosures.get(clinician, client_id, view.disclosure_id)
        assert (after.status, after.packet_sha256, after.client_told) == (
            "released", packet.sha256, "told")
        assert after.approval_comment == "Synthetic approval comment."
        assert after.client_told_note == "Synthetic: told in session."
        assert after.review_comment == before.review_comment == "Synthetic review."
        assert after.approved_by == before.approved_by and after.reviewed_at is not None
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("DELETE FROM disclosure_events"))
    finally:
        practice.close()
def test_scheduling_revision_gives_existing_bookings_an_end_and_keeps_them_going_down(
        database_url: str, tmp_path: Path, engine: Engine) -> None:
    """0014 adds the end time (start + length) to the bookings already there, the zone (UTC
    for an existing practice) and the late-cancel window (24 hours), and takes them away
    again without losing a booking."""
    practice = seed(database_url, tmp_path / "seed-0014")
    practice.close()
    schema.downgrade(engine, "0013")
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM appointments")).scalar_one()
    assert before > 0
    schema.upgrade(engine, "0014")
    with engine.connect() as conn:
        rows = conn.execute(select(metadata.tables["appointments"].c.starts_at,
                                   metadata.tables["appointments"].c.ends_at,
                                   metadata.tables["appointments"].c.duration_minutes)).all()
        zone, window = conn.execute(text("SELECT time_zone, late_cancel_hours FROM practice")
                                    ).one()
    assert len(rows) == before
    assert all(r.ends_at is not None and
               (r.ends_at - r.starts_at).total_seconds() == r.duration_minutes * 60
               for r in rows)
    assert (zone, window) == ("UTC", 24)


def test_representative_portal_revision_keeps_the_clients_own_account_going_down(
        database_url: str, tmp_path: Path, engine: Engine) -> None:
    """0017 lets a representative hold an account beside the client's own; going down, the
    representatives' accounts (and their sessions) go, the client's own stays with its
    session, and one account per client holds again."""
    practice = seed(database_url, tmp_path / "seed-0017")
    practice.close()
    count = "SELECT count(*) FROM portal_accounts"
    with engine.connect() as conn:
        assert conn.execute(text(count + " WHERE representative_id IS NOT NULL")).scalar_one() == 1
        own = conn.execute(text(count + " WHERE representative_id IS NULL")).scalar_one()
        sessions = conn.execute(text(
            "SELECT count(*) FROM portal_sessions WHERE account_id IN (SELECT id FROM "
            "portal_accounts WHERE representative_id IS NULL)")).scalar_one()
    assert own == 1 and sessions > 0
    schema.downgrade(engine, "0015")
    with engine.connect() as conn:
        assert conn.execute(text(count)).scalar_one() == own
        assert conn.execute(text("SELECT count(*) FROM portal_sessions")).scalar_one() == sessions
    schema.upgrade(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text(count)).scalar_one() == own
