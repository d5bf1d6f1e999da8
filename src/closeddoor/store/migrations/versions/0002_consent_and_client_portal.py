"""consent and client portal

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 17:56:23.591903
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consent_versions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_versions")),
        sa.UniqueConstraint("number", name=op.f("uq_consent_versions_number")),
    )
    op.create_table(
        "client_preferences",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("preferences_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_client_preferences_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_client_preferences")),
    )
    op.create_table(
        "consent_signatures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("version_id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("signer_kind", sa.String(length=16), nullable=False),
        sa.Column("signer_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("recorded_by", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_consent_signatures_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["consent_versions.id"],
            name=op.f("fk_consent_signatures_version_id_consent_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_signatures")),
    )
    with op.batch_alter_table("consent_signatures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_signatures_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "portal_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("username_index", sa.String(length=32), nullable=False),
        sa.Column("username_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_secret_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("totp_pending_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("totp_last_step", sa.BigInteger(), nullable=True),
        sa.Column("totp_enabled", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_portal_accounts_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_accounts")),
        sa.UniqueConstraint("client_id", name=op.f("uq_portal_accounts_client_id")),
        sa.UniqueConstraint("username_index", name=op.f("uq_portal_accounts_username_index")),
    )
    op.create_table(
        "portal_invitations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_portal_invitations_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_portal_invitations_token_hash")),
    )
    with op.batch_alter_table("portal_invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_portal_invitations_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "portal_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("mfa_passed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["portal_accounts.id"],
            name=op.f("fk_portal_sessions_account_id_portal_accounts"),
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_portal_sessions")),
    )
    with op.batch_alter_table("portal_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_portal_sessions_account_id"), ["account_id"], unique=False
        )

    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "jurisdiction", sa.String(length=16), server_default="generic", nullable=False
            )
        )
    _freeze_published_consent_versions()


def _freeze_published_consent_versions() -> None:
    """A published consent version is what clients signed: the database refuses to change or
    delete it, behind the service's own refusal."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER consent_versions_published_refuse_{verb.lower()} "
                f"BEFORE {verb} ON consent_versions WHEN OLD.status = 'published' "
                "BEGIN SELECT RAISE(ABORT, 'published consent versions are immutable'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_published_consent_change() RETURNS trigger AS $$ "
        "BEGIN IF OLD.status = 'published' THEN "
        "RAISE EXCEPTION 'published consent versions are immutable'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER consent_versions_published_refuse BEFORE UPDATE OR DELETE "
        "ON consent_versions FOR EACH ROW "
        "EXECUTE FUNCTION closeddoor_refuse_published_consent_change()"
    )


def _thaw_consent_versions() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS consent_versions_published_refuse_{verb}")
        return
    op.execute("DROP TRIGGER IF EXISTS consent_versions_published_refuse ON consent_versions")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_published_consent_change()")


def downgrade() -> None:
    _thaw_consent_versions()
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_column("jurisdiction")

    with op.batch_alter_table("portal_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_sessions_account_id"))

    op.drop_table("portal_sessions")
    with op.batch_alter_table("portal_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_invitations_client_id"))

    op.drop_table("portal_invitations")
    op.drop_table("portal_accounts")
    with op.batch_alter_table("consent_signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_signatures_client_id"))

    op.drop_table("consent_signatures")
    op.drop_table("client_preferences")
    op.drop_table("consent_versions")
