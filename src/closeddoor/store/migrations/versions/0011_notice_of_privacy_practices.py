"""notice of privacy practices: versions and clients' acknowledgments (45 CFR 164.520)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notice_versions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=36), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=True),
        sa.Column("reviewed_by", sa.String(length=200), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("reviewed_sha256", sa.String(length=64), nullable=True),
        sa.Column("review_recorded_by", sa.String(length=36), nullable=True),
        sa.Column("review_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_versions")),
        sa.UniqueConstraint("number", name=op.f("uq_notice_versions_number")),
    )
    op.create_table(
        "notice_acknowledgments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("version_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=48), nullable=False),
        sa.Column("details_sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_notice_acknowledgments_client_id_clients")),
        sa.ForeignKeyConstraint(["version_id"], ["notice_versions.id"],
                                name=op.f("fk_notice_acknowledgments_version_id_notice_versions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_acknowledgments")),
    )
    with op.batch_alter_table("notice_acknowledgments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_acknowledgments_client_id"), ["client_id"],
                              unique=False)
    _freeze()


def _freeze() -> None:
    """Behind the service's own refusals, the database refuses to change or delete a published
    notice version (what clients acknowledged), and to change an acknowledgment. Deleting an
    acknowledgment stays possible: destroying a client's chart deletes all its rows."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER notice_versions_published_refuse_{verb.lower()} "
                f"BEFORE {verb} ON notice_versions WHEN OLD.status = 'published' "
                "BEGIN SELECT RAISE(ABORT, 'published notice versions are immutable'); END")
        op.execute(
            "CREATE TRIGGER notice_acknowledgments_refuse_update BEFORE UPDATE ON "
            "notice_acknowledgments "
            "BEGIN SELECT RAISE(ABORT, 'notice acknowledgments are append-only'); END")
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_published_notice_change() RETURNS trigger AS $$ "
        "BEGIN IF OLD.status = 'published' THEN "
        "RAISE EXCEPTION 'published notice versions are immutable'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql")
    op.execute(
        "CREATE TRIGGER notice_versions_published_refuse BEFORE UPDATE OR DELETE "
        "ON notice_versions FOR EACH ROW "
        "EXECUTE FUNCTION closeddoor_refuse_published_notice_change()")
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_notice_acknowledgment_change() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'notice acknowledgments are append-only'; END; $$ "
        "LANGUAGE plpgsql")
    op.execute(
        "CREATE TRIGGER notice_acknowledgments_refuse_update BEFORE UPDATE "
        "ON notice_acknowledgments FOR EACH ROW "
        "EXECUTE FUNCTION closeddoor_refuse_notice_acknowledgment_change()")


def _thaw() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("notice_versions_published_refuse_update",
                     "notice_versions_published_refuse_delete",
                     "notice_acknowledgments_refuse_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        return
    op.execute("DROP TRIGGER IF EXISTS notice_versions_published_refuse ON notice_versions")
    op.execute("DROP TRIGGER IF EXISTS notice_acknowledgments_refuse_update "
               "ON notice_acknowledgments")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_published_notice_change()")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_notice_acknowledgment_change()")


def downgrade() -> None:
    _thaw()
    with op.batch_alter_table("notice_acknowledgments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_acknowledgments_client_id"))
    op.drop_table("notice_acknowledgments")
    op.drop_table("notice_versions")
