"""The schema. Clinical values live only in `*_sealed` columns; names are found by blind index."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
    true,
)

from closeddoor.audit.chain import AUDIT_ID_CHARS

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def _id(name: str = "id", **kwargs: Any) -> Column[str]:
    return Column(name, String(36), primary_key=True, **kwargs)


def _ref(name: str, target: str, **kwargs: Any) -> Column[str]:
    return Column(name, String(36), ForeignKey(target), **kwargs)


practice = Table(
    "practice",
    metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("mfa_required", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("jurisdiction", String(16), nullable=False, server_default="generic"),
    # Legal-basis disclosures need a second staff member's approval before they leave.
    Column("disclosure_two_person", Boolean, nullable=False, server_default=false()),
    # Whether the owner may suspend a client's accounting entry at an agency's request.
    Column("accounting_suspension", Boolean, nullable=False, server_default=false()),
    # Whether a psychotherapy note's author's own reads show in the client's access history.
    Column("history_shows_process_notes", Boolean, nullable=False, server_default=false()),
    # The fee notice shown for a second accounting within twelve months (164.528(c)(2)).
    Column("accounting_fee_notice", Text, nullable=True),
    # Reminders (migration 0015; docs/reminders.md): how many hours ahead they go out, whether
    # they may name the service ("therapy") for clients who allow it, and the quiet hours (local
    # minutes after midnight) in which no text message is sent.
    Column("reminder_lead_hours", Integer, nullable=False, server_default="24"),
    Column("reminders_may_name_service", Boolean, nullable=False, server_default=false()),
    Column("quiet_hours_start", Integer, nullable=False, server_default=str(21 * 60)),
    Column("quiet_hours_end", Integer, nullable=False, server_default=str(8 * 60)),
    # Migration 0014: the IANA zone every time is entered and shown in (stored in UTC), and how
    # many hours before a session a cancellation counts as late.
    Column("time_zone", String(64), nullable=False, server_default="UTC"),
    Column("late_cancel_hours", Integer, nullable=False, server_default="24"),
    # The practice's rooms, one name a line, for the room calendar's choice (no client here).
    Column("rooms", Text, nullable=True),
    # Migration 0019: whether clients may cancel their own sessions in the portal (outside the
    # late-cancel window only).
    Column("portal_cancellation", Boolean, nullable=False, server_default=true()),
    # Which key folder this database belongs to: HMAC of a fixed label under a key derived
    # from the blind-index key (crypto.key_check_value), never a key. Empty only in a database
    # made before the column existed, until its first start fills it in.
    Column("key_check", String(64), nullable=True),
)

users = Table(
    "users",
    metadata,
    _id(),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("totp_secret_sealed", LargeBinary, nullable=True),
    Column("totp_pending_sealed", LargeBinary, nullable=True),  # until confirmed
    Column("totp_last_step", BigInteger, nullable=True),  # replay guard
    Column("totp_enabled", Boolean, nullable=False, default=False),
    _ref("supervisor_id", "users.id", nullable=True),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime, nullable=False),
)

data_keys = Table(
    "data_keys",
    metadata,
    Column("subject_id", String(36), primary_key=True),
    Column("subject_kind", String(16), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=True),  # NULL once crypto-shredded
    Column("kek_version", Integer, nullable=False, index=True),
    Column("key_version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # Wrapped under the KEK bound to the client's own secret in the key folder (migration 0008;
    # crypto/shred.py): destroying that secret crypto-shreds the client.
    Column("subject_secret", Boolean, nullable=False, server_default=false()),
)

clients = Table(
    "clients",
    metadata,
    _id(),
    Column("full_name_index", String(32), nullable=False, index=True),
    Column("family_name_index", String(32), nullable=False, index=True),
    Column("given_name_index", String(32), nullable=False, index=True),
    Column("demographics_sealed", LargeBinary, nullable=False),
    Column("contacts_sealed", LargeBinary, nullable=False),
    Column("status", String(16), nullable=False, default="active"),
    Column("created_at", UtcDateTime, nullable=False),
    _ref("created_by", "users.id", nullable=False),
    # The client list, a page at a time in order of registration (migration 0023).
    Index("ix_clients_created", "created_at", "id"),
)

care_team = Table(
    "care_team",
    metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("user_id", "users.id", nullable=False, index=True),
    Column("team_role", String(16), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=True),
)

appointments = Table(
    "appointments",
    metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("clinician_id", "users.id", nullable=False, index=True),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("details_sealed", LargeBinary, nullable=False),  # room, CPT, ICD-10, fee
    Column("created_at", UtcDateTime, nullable=False),
    # Migration 0014: scheduling facts in the clear (like the start): the end, for clash checks;
    # a keyed hash of the room's name (blind index: the name itself stays sealed in the
    # details), for room clashes and the room calendar; the series a session belongs to.
    Column("ends_at", UtcDateTime, nullable=True),
    Column("room_index", String(32), nullable=True, index=True),
    Column("series_id", String(36), nullable=True, index=True),
    Column("updated_at", UtcDateTime, nullable=True),
    Index("ix_appointments_starts_at", "starts_at"),
)

# Migration 0014: a staff member's blocks of time off (no client in them).
time_off = Table(
    "time_off",
    metadata,
    _id(),
    _ref("user_id", "users.id", nullable=False, index=True),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False),
    Column("created_by", String(36), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

progress_notes = Table(
    "progress_notes",
    metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("author_id", "users.id", nullable=False),
    _ref("appointment_id", "appointments.id", nullable=True),
    Column("session_date", Date, nullable=False),
    Column("note_format", String(8), nullable=False),
    Column("status", String(8), nullable=False),
    Column("body_sealed", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("signed_at", UtcDateTime, nullable=True),
)

addenda = Table(
    "addenda",
    metadata,
    _id(),
    _ref("note_id", "progress_notes.id", nullable=False, index=True),
    _ref("client_id", "clients.id", nullable=False),
    _ref("author_id", "users.id", nullable=False),
    Column("body_sealed", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# A supervisor's co-signature on a supervisee's signed progress note (docs/notes.md): the note
# itself is not touched. Append-only (triggers, migration 0022) and, like restrictions, without
# foreign keys: a row outlives a destroyed chart as a tombstone of ids and a time.
note_cosignatures = Table(
    "note_cosignatures",
    metadata,
    _id(),
    Column("note_id", String(36), nullable=False, unique=True),
    Column("client_id", String(36), nullable=False, index=True),
    Column("cosigner_id", String(48), nullable=False),
    Column("cosigned_at", UtcDateTime, nullable=False),
)

# Kept apart from the chart (HIPAA 164.501): a table of their own, outside the designated
# record set.
psychotherapy_notes = Table(
    "psychotherapy_notes",
    metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("author_id", "users.id", nullable=False, index=True),
    Column("session_date", Date, nullable=False),
    Column("body_sealed", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

break_glass = Table(
    "break_glass",
    metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("actor_id", "users.id", nullable=False, index=True),
    Column("reason_sealed", LargeBinary, nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("reviewed_at", UtcDateTime, nullable=True),
    _ref("reviewed_by", "users.id", nullable=True),
    Column("review_comment_sealed", LargeBinary, nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    _ref("user_id", "users.id", nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("mfa_passed", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_key", String(32), nullable=False, index=True),
    Column("address", String(64), nullable=False, index=True),
    Column("at", UtcDateTime, nullable=False),
)

_NO_CLIENT = text("client_id = ''")  # a practice-wide event (the partial index below)
audit_events = Table(
    "audit_events",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("at", String(32), nullable=False),
    Column("actor_id", String(48), nullable=False),
    Column("tag", String(64), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("client_id", String(AUDIT_ID_CHARS), nullable=False),
    Column("resource_id", String(AUDIT_ID_CHARS), nullable=False),
    Column("reason", String(64), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # One client's audit, newest first, a page at a time (migration 0023); a tag filter is
    # read along it. One index keyed on the client, not two: each costs every list's append
    # its own scattered pages (migration 0024).
    Index("ix_audit_events_client_seq", "client_id", "seq"),
    # Practice-wide events (no client) by tag: the newest restore drill.
    Index("ix_audit_events_practice_tag", "tag", "seq", sqlite_where=_NO_CLIENT,
          postgresql_where=_NO_CLIENT),
)

# One row: the chain's head. Writers lock it, so the chain stays linear across processes.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_checkpoints = Table(
    "audit_checkpoints",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("hash", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

# --- informed consent and the client portal (migration 0002) -----------------------------------

# A consent document version; published ones are immutable (the service refuses, and so do
# database triggers). The document is the practice's template text, not clinical content.
consent_versions = Table(
    "consent_versions", metadata,
    _id(),
    Column("number", Integer, nullable=False, unique=True),
    Column("document", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(36), nullable=False),
    Column("published_at", UtcDateTime, nullable=True),
    Column("published_by", String(36), nullable=True),
    # Migration 0007: the SHA-256 of the text as rendered for this practice when published
    # (practice name and jurisdiction facts included: when they change, the text does too), and
    # the owner's record of its review: who reviewed it (in words), on what day, which text.
    Column("text_sha256", String(64), nullable=True),
    Column("reviewed_by", String(200), nullable=True),
    Column("reviewed_on", Date, nullable=True),
    Column("reviewed_sha256", String(64), nullable=True),
    Column("review_recorded_by", String(36), nullable=True),
    Column("review_recorded_at", UtcDateTime, nullable=True),
    Column("is_demo", Boolean, nullable=False, server_default=false()),  # `closeddoor demo`'s
)

consent_signatures = Table(
    "consent_signatures", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("version_id", "consent_versions.id", nullable=False),
    Column("jurisdiction", String(16), nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("signed_at", UtcDateTime, nullable=False),
    Column("method", String(8), nullable=False),
    Column("signer_kind", String(16), nullable=False),
    Column("signer_sealed", LargeBinary, nullable=False),  # typed name, guardian's relation
    Column("recorded_by", String(48), nullable=False),
    # Migration 0007: the exact text signed, sealed under the client's key (NULL before 0007).
    Column("text_sealed", LargeBinary, nullable=True),
)

client_preferences = Table(
    "client_preferences", metadata,
    Column("client_id", String(36), ForeignKey("clients.id"), primary_key=True),
    Column("preferences_sealed", LargeBinary, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(48), nullable=False),
)

portal_accounts = Table(
    "portal_accounts", metadata,
    _id(),
    # Migration 0017: a client has one account of their own (the partial unique index below);
    # each personal representative (45 CFR 164.502(g)) may have one more, their own.
    _ref("client_id", "clients.id", nullable=False, index=True),
    # A client may pick their e-mail address as user name: only its keyed hash is searchable.
    Column("username_index", String(32), nullable=False, unique=True),
    Column("username_sealed", LargeBinary, nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("totp_secret_sealed", LargeBinary, nullable=True),
    Column("totp_pending_sealed", LargeBinary, nullable=True),
    Column("totp_last_step", BigInteger, nullable=True),
    Column("totp_enabled", Boolean, nullable=False, default=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime, nullable=False),
    # Migration 0014: the client's own time zone for the portal (else the practice's).
    Column("time_zone", String(64), nullable=True),
    # Migration 0017: set on a representative's account; the representative's kind and scope,
    # sealed as a credential (the gate's actor carries them; status is checked live).
    _ref("representative_id", "personal_representatives.id", nullable=True, unique=True),
    Column("representation_sealed", LargeBinary, nullable=True),
    Index("uq_portal_accounts_client_own_account", "client_id", unique=True,
          sqlite_where=text("representative_id IS NULL"),
          postgresql_where=text("representative_id IS NULL")),
)

portal_invitations = Table(
    "portal_invitations", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_by", String(36), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    # Enrolling in the office (migration 0005): the keyed hash of the one-time code e-mailed to
    # the client, and how many wrong codes were typed (the fifth ends the enrolment).
    Column("code_hash", String(32), nullable=True),
    Column("code_failures", Integer, nullable=False, server_default="0"),
    # Migration 0017: an invitation for a personal representative's own account, with the
    # representative's kind and scope sealed as a credential, copied to the account it makes.
    _ref("representative_id", "personal_representatives.id", nullable=True),
    Column("representation_sealed", LargeBinary, nullable=True),
)

# "Forgot password" (migration 0005): a single-use link e-mailed to the client's address on file.
portal_password_resets = Table(
    "portal_password_resets", metadata,
    _id(),
    _ref("account_id", "portal_accounts.id", nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

# Client sessions live apart from staff sessions, so no client token can ever resolve as staff.
portal_sessions = Table(
    "portal_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    _ref("account_id", "portal_accounts.id", nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("mfa_passed", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
)

# --- disclosures (migration 0003) ----------------------------------------------------------------

# A client's authorization to release information. The terms (categories, recipient, purpose,
# expiry, statements) are sealed; signing binds the SHA-256 of the exact text shown. Once signed
# the terms never change: the service only ever sets the signature, revocation or event columns.
authorizations = Table(
    "authorizations", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("terms_sealed", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(48), nullable=False),
    Column("text_sha256", String(64), nullable=True),
    Column("signed_at", UtcDateTime, nullable=True),
    Column("sign_method", String(8), nullable=True),  # office | portal
    Column("signer_kind", String(16), nullable=True),
    Column("signer_sealed", LargeBinary, nullable=True),
    Column("signature_recorded_by", String(48), nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
    Column("revoked_by", String(48), nullable=True),
    Column("revoke_method", String(16), nullable=True),  # portal | written
    Column("event_occurred_at", UtcDateTime, nullable=True),
    Column("event_recorded_by", String(48), nullable=True),
)

# One disclosure as requested: its scope and authority (sealed), who asked, and when. Append-only
# (migration 0009): the database refuses UPDATE and DELETE on this table and on its events, as it
# does on the audit. `status` is the status it was requested in (pending-approval | ready); every
# later change (approved, declined, released, client told, suspended, reviewed) is a new row in
# `disclosure_events` and the current state is computed from them (disclosure/history.py).
# Neither table has a foreign key to the client: like the audit, the rows outlive a destroyed
# chart as tombstones whose sealed parts no key can open again (HIPAA 164.528 and 164.530(j)
# keep the accounting six years; crypto-shredding, not row deletion, removes the content).
disclosures = Table(
    "disclosures", metadata,
    _id(),
    Column("client_id", String(36), nullable=False, index=True),
    Column("authority", String(16), nullable=False),  # authorization | legal-basis
    Column("authorization_id", String(36), nullable=True),
    Column("details_sealed", LargeBinary, nullable=False),
    Column("status", String(20), nullable=False),  # as requested: pending-approval | ready
    Column("requested_at", UtcDateTime, nullable=False),
    Column("requested_by", String(36), nullable=False),
)

# A change of a disclosure's state. `once_key` is unique: a decision, the release and the review
# each happen once, and a second writer racing the first fails on it. The sealed note (a comment,
# how the client was told, the agency's statement) is sealed under the client's key at
# (disclosure id, `sealed_field`).
disclosure_events = Table(
    "disclosure_events", metadata,
    _id(),
    _ref("disclosure_id", "disclosures.id", nullable=False, index=True),
    Column("client_id", String(36), nullable=False, index=True),
    # approved | declined | released | client-told | client-not-told | suspended | reviewed
    Column("kind", String(20), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("actor_id", String(36), nullable=False),
    Column("once_key", String(64), nullable=True, unique=True),
    Column("packet_sha256", String(64), nullable=True),  # released
    Column("until", Date, nullable=True),  # suspended: hidden from the client until this date
    Column("detail", String(16), nullable=True),  # suspended: oral | written
    Column("note_sealed", LargeBinary, nullable=True),
    Column("sealed_field", String(64), nullable=True),
)

# Each accounting of disclosures a client (or staff for them) asked for: the first in twelve
# months is free, later ones may carry the practice's fee (HIPAA 164.528(c)(2)).
accounting_requests = Table(
    "accounting_requests", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("requested_at", UtcDateTime, nullable=False),
    Column("requested_by", String(48), nullable=False),  # staff id or portal:<account>
    Column("period_from", Date, nullable=False),
    Column("period_to", Date, nullable=False),
    Column("is_free", Boolean, nullable=False),
)

# --- de-identified excerpts (migration 0004) ----------------------------------------------------

# Who made an excerpt of which notes, for what, and the SHA-256 of what left. The excerpt text is
# never stored; the clinician's changes (offsets, labels, reasons for un-redacting) are sealed.
excerpts = Table(
    "excerpts", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(36), nullable=False),
    Column("purpose", String(16), nullable=False),
    Column("output", String(12), nullable=False),
    Column("note_ids", Text, nullable=False),  # JSON list of ids
    Column("output_sha256", String(64), nullable=False),
    Column("unredacted", Integer, nullable=False),  # how many spans were left visible
    Column("changes_sealed", LargeBinary, nullable=False),
)

# --- chart lifecycle: discharge, retention, legal holds, destruction (migration 0008) ------------

# A discharged chart: when and by whom, why (sealed under the client's key), the last date of
# service and the destruction-due date the practice's retention rule gave it at discharge (a
# date, so the owner's list and `closeddoor retention due` need no clinical data). Reopening
# the chart deletes the row (the audit keeps both events).
discharges = Table(
    "discharges", metadata,
    Column("client_id", String(36), ForeignKey("clients.id"), primary_key=True),
    Column("discharged_on", Date, nullable=False),
    Column("reason_sealed", LargeBinary, nullable=False),
    Column("last_service_on", Date, nullable=False),
    Column("destruction_due_on", Date, nullable=False, index=True),
    Column("jurisdiction", String(16), nullable=False),
    Column("retention_years", Integer, nullable=False),
    Column("discharged_by", String(36), nullable=False),
    Column("discharged_at", UtcDateTime, nullable=False),
)

# A legal hold (litigation, a request under review) stops the retention clock until released.
legal_holds = Table(
    "legal_holds", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("reason_sealed", LargeBinary, nullable=False),
    Column("placed_at", UtcDateTime, nullable=False),
    Column("placed_by", String(36), nullable=False),
    Column("released_at", UtcDateTime, nullable=True),
    Column("released_by", String(36), nullable=True),
)

# A request to destroy a chart, approved by a second owner. `client_id` is deliberately not a
# foreign key: the row outlives the client as a contentless record (the reason, sealed under the
# client's key, is cleared when the destruction is done; the audit keeps the tombstone).
destruction_requests = Table(
    "destruction_requests", metadata,
    _id(),
    Column("client_id", String(36), nullable=False, index=True),
    Column("basis", String(20), nullable=False),  # retention-ended | created-in-error | court-order
    Column("reason_sealed", LargeBinary, nullable=True),
    # pending | destroyed | voided (a restore closed it: docs/operations.md)
    Column("status", String(12), nullable=False),
    Column("requested_by", String(36), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
    Column("approved_by", String(36), nullable=True),
    Column("approved_at", UtcDateTime, nullable=True),
)

# --- the client's right to amend, 45 CFR 164.526 (migration 0010) --------------------------------

# One request to amend a signed progress note (`note_id`) or the client's details (no note).
# What the client asked and why, the clinician's amendment or denial explanation, the extension's
# reason, the client's statement of disagreement and the practice's rebuttal are sealed under the
# client's key (record kind `amendment`, one field each). Dates, status and the 164.526(a)(2)
# denial ground (a code from a closed list) stay clear so the queue can show what is due.
# Nothing overwrites the note: an accepted amendment is this row, linked to the note.
amendment_requests = Table(
    "amendment_requests", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("note_id", "progress_notes.id", nullable=True),
    Column("received_via", String(8), nullable=False),  # portal | paper
    Column("requested_by", String(48), nullable=False),  # portal:<account> or a staff id
    Column("requested_at", UtcDateTime, nullable=False),
    Column("request_sealed", LargeBinary, nullable=False),  # {"change": ..., "reason": ...}
    Column("due_on", Date, nullable=False),  # 164.526(b)(2): 60 days after receipt
    Column("extended_due_on", Date, nullable=True),  # 164.526(b)(2)(ii): one 30-day extension
    Column("extension_sealed", LargeBinary, nullable=True),
    Column("extended_by", String(36), nullable=True),
    Column("extended_at", UtcDateTime, nullable=True),
    Column("status", String(8), nullable=False),  # open | accepted | denied
    Column("denial_ground", String(32), nullable=True),
    Column("response_sealed", LargeBinary, nullable=True),  # the amendment, or the explanation
    Column("decided_by", String(36), nullable=True),
    Column("decided_at", UtcDateTime, nullable=True),
    Column("disagreement_sealed", LargeBinary, nullable=True),  # 164.526(d)(1)(ii)
    Column("disagreement_at", UtcDateTime, nullable=True),
    Column("rebuttal_sealed", LargeBinary, nullable=True),  # 164.526(d)(3)
    Column("rebuttal_by", String(36), nullable=True),
    Column("rebuttal_at", UtcDateTime, nullable=True),
    # 164.526(d)(5)(ii), migration 0018: when the client, filing no statement of disagreement,
    # asked that the request and its denial go with later disclosures.
    Column("travels_asked_at", UtcDateTime, nullable=True),
)

# 164.526(c)(3), migration 0018: each notice of an accepted amendment the practice recorded as
# sent, to a person the client named or a recipient of an earlier disclosure (`disclosure_id`).
# Who it went to is sealed under the client's key (record kind `amendment`); rows are only added.
amendment_notices = Table(
    "amendment_notices", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("amendment_id", "amendment_requests.id", nullable=False, index=True),
    Column("disclosure_id", String(36), nullable=True),
    Column("recipient_sealed", LargeBinary, nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("method", String(16), nullable=False),  # mail | fax | secure-email | phone | in-person
    Column("recorded_by", String(36), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

# The Notice of Privacy Practices (45 CFR 164.520), migration 0011. A version's document is the
# whole text (no PHI: the same for every client); published versions never change.
notice_versions = Table(
    "notice_versions", metadata,
    _id(),
    Column("number", Integer, nullable=False, unique=True),
    Column("document", Text, nullable=False),
    Column("status", String(16), nullable=False),  # draft | published
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(36), nullable=False),
    Column("published_at", UtcDateTime, nullable=True),
    Column("published_by", String(36), nullable=True),
    Column("text_sha256", String(64), nullable=True),
    Column("reviewed_by", String(200), nullable=True),
    Column("reviewed_on", Date, nullable=True),
    Column("reviewed_sha256", String(64), nullable=True),
    Column("review_recorded_by", String(36), nullable=True),
    Column("review_recorded_at", UtcDateTime, nullable=True),
    Column("is_demo", Boolean, nullable=False, server_default=false()),
)

# A client's written acknowledgment of a notice version (bound to the SHA-256 of the text shown),
# or the practice's documented good-faith effort when none was obtained (164.520(c)(2)(ii)).
# Rows are only added. Who signed, the effort and why it failed are sealed under the client's key.
notice_acknowledgments = Table(
    "notice_acknowledgments", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("version_id", "notice_versions.id", nullable=False),
    Column("kind", String(24), nullable=False),  # acknowledged | good-faith-effort
    Column("method", String(8), nullable=False),  # portal | office
    Column("text_sha256", String(64), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(48), nullable=False),
    Column("details_sealed", LargeBinary, nullable=False),
)

# The reminder outbox (migration 0015; docs/reminders.md): one row per appointment, channel,
# kind and the start time it was queued for (the unique key makes queueing idempotent; a
# rescheduled appointment gets a new row and the old one is never sent). Nothing here is
# content: the message is composed when it is sent and never stored; no address is stored.
reminder_outbox = Table(
    "reminder_outbox", metadata,
    _id(),
    _ref("appointment_id", "appointments.id", nullable=False, index=True),
    Column("client_id", String(36), nullable=False, index=True),
    Column("channel", String(8), nullable=False),  # email | sms
    Column("kind", String(16), nullable=False),  # upcoming
    Column("starts_at", UtcDateTime, nullable=False),  # the appointment time it was queued for
    # pending | sending | sent | failed | skipped | stale
    Column("state", String(12), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UtcDateTime, nullable=False, index=True),
    Column("claimed_at", UtcDateTime, nullable=True),
    Column("claim", String(36), nullable=True),  # the run that holds a `sending` row
    Column("reason", String(40), nullable=False),  # fixed words, never content
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("appointment_id", "channel", "kind", "starts_at",
                     name="uq_reminder_outbox_appointment_channel_kind_start"),
)

# Migration 0012. A client's personal representative (45 CFR 164.502(g)): an adult's guardian or
# health-care agent, or a minor's parent, with the document on file. Who they are, the kind,
# the document's date and the scope are sealed; a clinician's 164.502(g)(5) refusal to treat
# them as the representative (endangerment) is recorded with its reason, sealed.
personal_representatives = Table(
    "personal_representatives", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("details_sealed", LargeBinary, nullable=False),  # kind, name, document, scope
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(48), nullable=False),
    Column("ended_at", UtcDateTime, nullable=True),
    Column("ended_by", String(48), nullable=True),
    Column("refused_at", UtcDateTime, nullable=True),
    Column("refused_by", String(48), nullable=True),
    Column("refusal_sealed", LargeBinary, nullable=True),
)

# A clinician's finding that lets a minor consent alone under the practice's law (the
# jurisdiction's `minor_consent_grounds`): the ground and the clinician's note, sealed.
minor_consent_findings = Table(
    "minor_consent_findings", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("jurisdiction", String(16), nullable=False),
    Column("finding_sealed", LargeBinary, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(48), nullable=False),
    Column("withdrawn_at", UtcDateTime, nullable=True),
    Column("withdrawn_by", String(48), nullable=True),
)

# Intake through the portal (migration 0019; docs/intake.md). A form version's definition is the
# practice's questions as JSON (no client data); published versions never change, and a packet
# keeps the version it was sent with. A packet's answers are sealed under the client's key.
intake_forms = Table(
    "intake_forms", metadata,
    _id(),
    Column("number", Integer, nullable=False, unique=True),
    Column("definition", Text, nullable=False),
    Column("published_at", UtcDateTime, nullable=False),
    Column("published_by", String(48), nullable=False),
)

intake_packets = Table(
    "intake_packets", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("form_id", "intake_forms.id", nullable=False),
    Column("status", String(12), nullable=False),  # sent | draft | submitted | reviewed
    Column("sent_by", String(48), nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("saved_at", UtcDateTime, nullable=True),
    Column("submitted_at", UtcDateTime, nullable=True),
    Column("reviewed_by", String(48), nullable=True),
    Column("reviewed_at", UtcDateTime, nullable=True),
    Column("contacts_accepted_by", String(48), nullable=True),
    Column("contacts_accepted_at", UtcDateTime, nullable=True),
    Column("answers_sealed", LargeBinary, nullable=True),
)

# Requests for restrictions (45 CFR 164.522(a)), append-only like the record of disclosures
# (migration 0016 refuses UPDATE and DELETE on both tables): the request as received, and each
# later change (agreed, refused, terminated) as a row of `restriction_events`. What is limited
# (recipient, purposes, categories, the self-pay services) and the client's words are sealed
# under the client's key (record kind `restriction`, field "terms"); a refusal's reason and a
# termination's note at (event id, "note"). No foreign key to the client: like disclosures, the
# rows outlive a destroyed chart as tombstones whose sealed parts no key opens again.
restrictions = Table(
    "restrictions", metadata,
    _id(),
    Column("client_id", String(36), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # general | self_pay
    Column("received_via", String(8), nullable=False),  # portal | written | oral
    Column("requested_at", UtcDateTime, nullable=False),
    Column("requested_by", String(48), nullable=False),
    Column("terms_sealed", LargeBinary, nullable=False),
    # A self-pay request's services (164.522(a)(1)(vi)): dates the front desk already sees, so
    # billing can mark those appointments "paid by client" without opening the request.
    Column("services_from", Date, nullable=True),
    Column("services_to", Date, nullable=True),
)

# A change of a restriction's state. `once_key` is unique: the answer and the end happen once.
restriction_events = Table(
    "restriction_events", metadata,
    _id(),
    _ref("restriction_id", "restrictions.id", nullable=False, index=True),
    Column("client_id", String(36), nullable=False, index=True),
    Column("kind", String(12), nullable=False),  # agreed | refused | terminated
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("actor_id", String(48), nullable=False),
    Column("once_key", String(64), nullable=True, unique=True),
    Column("detail", String(16), nullable=True),  # terminated: client | practice; agreed: paid
    Column("via", String(8), nullable=True),  # terminated by the client: portal | written | oral
    Column("effective_on", Date, nullable=True),  # terminated: the day it ends
    Column("note_sealed", LargeBinary, nullable=True),
)

# Outcome measures (migration 0020; docs/measures.md). Each table only grows: the database
# refuses UPDATE (and TRUNCATE on PostgreSQL); rows go only with the whole chart, when it is
# destroyed (lifecycle_repository.delete_client_rows, through the foreign keys). A measure's
# answers, score, band and flag are sealed under the client's key (record kind `measure`,
# field "result"); the instrument's name and when and how it was taken stay in the clear.
measure_requests = Table(
    "measure_requests", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("instrument", String(8), nullable=False),  # PHQ-9 | GAD-7 | PCL-5
    Column("requested_by", String(48), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
)

measures = Table(
    "measures", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("number", Integer, nullable=False),  # 1, 2, ... per client: the order taken
    Column("instrument", String(8), nullable=False),
    Column("taken_at", UtcDateTime, nullable=False),
    Column("entered_by", String(48), nullable=False),
    Column("source", String(8), nullable=False),  # session | portal
    _ref("request_id", "measure_requests.id", nullable=True, unique=True),
    Column("result_sealed", LargeBinary, nullable=False),
    UniqueConstraint("client_id", "number", name="uq_measures_client_id_number"),
)

# A PHQ-9 answered above 0 on question 9 raises one flag for the treating care team; a flag is
# open until a treating clinician records a review of it (one review per flag).
safety_flags = Table(
    "safety_flags", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("measure_id", "measures.id", nullable=False, unique=True),
    Column("raised_at", UtcDateTime, nullable=False),
)

safety_flag_reviews = Table(
    "safety_flag_reviews", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    _ref("flag_id", "safety_flags.id", nullable=False, unique=True),
    Column("reviewed_by", String(48), nullable=False),
    Column("reviewed_at", UtcDateTime, nullable=False),
)

# The client's problem list (migration 0021): one row per diagnosis, its ICD-10-CM code,
# description, onset and resolution dates sealed under the client's key (record kind `problem`,
# field "details"). Whether it is active and whether it is the primary diagnosis stay in the
# clear (they say nothing clinical) so the database itself holds at most one primary per client.
problems = Table(
    "problems", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("status", String(8), nullable=False),  # active | resolved
    Column("is_primary", Boolean, nullable=False, default=False),
    Column("details_sealed", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(48), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(48), nullable=False),
    Index("uq_problems_client_primary", "client_id", unique=True,
          sqlite_where=text("is_primary"), postgresql_where=text("is_primary")),
)

# Treatment plan revisions (migration 0021): each saved plan is a new revision, never changed
# (the database refuses UPDATE). The document is sealed (record kind `treatment_plan`, field
# "document"); the review date stays in the clear for the clinician's "due for review" list,
# and the SHA-256 of the canonical text for the signatures. Rows go with the chart when it is
# destroyed (crypto-shredding deletes them, children first).
treatment_plan_revisions = Table(
    "treatment_plan_revisions", metadata,
    _id(),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(48), nullable=False),
    Column("review_on", Date, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("document_sealed", LargeBinary, nullable=False),
    UniqueConstraint("client_id", "number", name="uq_treatment_plan_revisions_client_number"),
)

# A signature on one revision: the clinician's, then the client's (portal), each bound to the
# SHA-256 of the text the signer was shown. Never changed (the database refuses UPDATE); the
# client's typed name is sealed (record kind `treatment_plan`, at the signature's id).
treatment_plan_signatures = Table(
    "treatment_plan_signatures", metadata,
    _id(),
    _ref("revision_id", "treatment_plan_revisions.id", nullable=False, index=True),
    _ref("client_id", "clients.id", nullable=False, index=True),
    Column("signer_kind", String(10), nullable=False),  # clinician | client
    Column("text_sha256", String(64), nullable=False),
    Column("signed_at", UtcDateTime, nullable=False),
    Column("actor_id", String(48), nullable=False),
    Column("signer_sealed", LargeBinary, nullable=True),
    UniqueConstraint("revision_id", "signer_kind",
                     name="uq_treatment_plan_signatures_revision_signer"),
)

# The goals of the plan a progress note addressed (the goal ids of the plan's document).
note_goals = Table(
    "note_goals", metadata,
    _ref("note_id", "progress_notes.id", primary_key=True),
    Column("goal_id", String(12), primary_key=True),
    _ref("client_id", "clients.id", nullable=False, index=True),
)
