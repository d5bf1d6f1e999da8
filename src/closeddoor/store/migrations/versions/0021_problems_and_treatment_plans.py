"""the problem list, treatment plan revisions and their signatures, and the goals a note names

Plan revisions and signatures are append-only: the database refuses UPDATE on both (a changed
plan is a new revision). DELETE stays possible for one path only, the destruction of a whole
chart (crypto-shredding deletes the client's rows, children first).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GUARDED = ("treatment_plan_revisions", "treatment_plan_signatures")


def upgrade() -> None:
    op.create_table(
        "problems",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("details_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=48), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_problems_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problems")),
    )
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problems_client_id"), ["client_id"])
        batch_op.create_index("uq_problems_client_primary", ["client_id"], unique=True,
                              sqlite_where=sa.text("is_primary"),
                              postgresql_where=sa.text("is_primary"))
    op.create_table(
        "treatment_plan_revisions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=48), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("document_sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_treatment_plan_revisions_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment_plan_revisions")),
        sa.UniqueConstraint("client_id", "number",
                            name="uq_treatment_plan_revisions_client_number"),
    )
    with op.batch_alter_table("treatment_plan_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treatment_plan_revisions_client_id"), ["client_id"])
    op.create_table(
        "treatment_plan_signatures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("revision_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("signer_kind", sa.String(length=10), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=48), nullable=False),
        sa.Column("signer_sealed", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["revision_id"], ["treatment_plan_revisions.id"],
            name=op.f("fk_treatment_plan_signatures_revision_id_treatment_plan_revisions")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_treatment_plan_signatures_client_id_clients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment_plan_signatures")),
        sa.UniqueConstraint("revision_id", "signer_kind",
                            name="uq_treatment_plan_signatures_revision_signer"),
    )
    with op.batch_alter_table("treatment_plan_signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treatment_plan_signatures_client_id"),
                              ["client_id"])
        batch_op.create_index(batch_op.f("ix_treatment_plan_signatures_revision_id"),
                              ["revision_id"])
    op.create_table(
        "note_goals",
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("goal_id", sa.String(length=12), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["progress_notes.id"],
                                name=op.f("fk_note_goals_note_id_progress_notes")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_note_goals_client_id_clients")),
        sa.PrimaryKeyConstraint("note_id", "goal_id", name=op.f("pk_note_goals")),
    )
    with op.batch_alter_table("note_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_goals_client_id"), ["client_id"])
    _refuse_updates()


def _refuse_updates() -> None:
    """UPDATE refused on revisions and signatures: the service only inserts (and a destroyed
    chart's rows are deleted)."""
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            op.execute(
                f"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    op.execute(
        "CREATE FUNCTION closeddoor_refuse_plan_change() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
    for table in _GUARDED:
        op.execute(
            f"CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION closeddoor_refuse_plan_change()")


def _allow_updates() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _GUARDED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_update")
        return
    for table in _GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_update ON {table}")
    op.execute("DROP FUNCTION IF EXISTS closeddoor_refuse_plan_change()")


def downgrade() -> None:
    _allow_updates()
    with op.batch_alter_table("note_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_goals_client_id"))
    op.drop_table("note_goals")
    with op.batch_alter_table("treatment_plan_signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_plan_signatures_revision_id"))
        batch_op.drop_index(batch_op.f("ix_treatment_plan_signatures_client_id"))
    op.drop_table("treatment_plan_signatures")
    with op.batch_alter_table("treatment_plan_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_plan_revisions_client_id"))
    op.drop_table("treatment_plan_revisions")
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.drop_index("uq_problems_client_primary")
        batch_op.drop_index(batch_op.f("ix_problems_client_id"))
    op.drop_table("problems")
