"""representative portal: a personal representative's own portal account and invitation
(45 CFR 164.502(g)); a client keeps at most one account of their own

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 02:00:00.000000
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OWN_ACCOUNT = "uq_portal_accounts_client_own_account"


_CHILDREN = ("portal_sessions", "portal_password_resets")


@contextmanager
def _children_set_aside() -> Iterator[None]:
    """SQLite rebuilds portal_accounts to change its constraints, and with foreign keys on
    (they cannot be turned off inside the migration's transaction) dropping the old table
    counts every session and reset link pointing at it as a violation. Those rows wait in
    copies meanwhile, and come back unchanged."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    for table in _CHILDREN:
        op.execute(f"CREATE TABLE _keep_{table} AS SELECT * FROM {table}")  # noqa: S608
        op.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
    yield
    for table in _CHILDREN:
        op.execute(f"INSERT INTO {table} SELECT * FROM _keep_{table}")  # noqa: S608
        op.execute(f"DROP TABLE _keep_{table}")


def upgrade() -> None:
    with _children_set_aside(), op.batch_alter_table("portal_accounts", schema=None) as batch_op:
        batch_op.drop_constraint("uq_portal_accounts_client_id", type_="unique")
        batch_op.add_column(sa.Column("representative_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("representation_sealed", sa.LargeBinary(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_portal_accounts_representative_id_personal_representatives"),
            "personal_representatives", ["representative_id"], ["id"])
        batch_op.create_unique_constraint(
            batch_op.f("uq_portal_accounts_representative_id"), ["representative_id"])
        batch_op.create_index(batch_op.f("ix_portal_accounts_client_id"), ["client_id"],
                              unique=False)
    # One account of the client's own; representatives' accounts beside it.
    op.create_index(_OWN_ACCOUNT, "portal_accounts", ["client_id"], unique=True,
                    sqlite_where=sa.text("representative_id IS NULL"),
                    postgresql_where=sa.text("representative_id IS NULL"))
    with op.batch_alter_table("portal_invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("representative_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("representation_sealed", sa.LargeBinary(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_portal_invitations_representative_id_personal_representatives"),
            "personal_representatives", ["representative_id"], ["id"])


def downgrade() -> None:
    op.execute("DELETE FROM portal_invitations WHERE representative_id IS NOT NULL")
    with op.batch_alter_table("portal_invitations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_portal_invitations_representative_id_personal_representatives"),
            type_="foreignkey")
        batch_op.drop_column("representation_sealed")
        batch_op.drop_column("representative_id")
    op.drop_index(_OWN_ACCOUNT, table_name="portal_accounts")
    # Representatives' accounts cannot stay under one-account-per-client: they go, with their
    # sessions and reset links.
    for child in ("portal_sessions", "portal_password_resets"):
        op.execute(f"DELETE FROM {child} WHERE account_id IN "  # noqa: S608 (fixed names)
                   "(SELECT id FROM portal_accounts WHERE representative_id IS NOT NULL)")
    op.execute("DELETE FROM portal_accounts WHERE representative_id IS NOT NULL")
    with _children_set_aside(), op.batch_alter_table("portal_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_accounts_client_id"))
        batch_op.drop_constraint(batch_op.f("uq_portal_accounts_representative_id"),
                                 type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_portal_accounts_representative_id_personal_representatives"),
            type_="foreignkey")
        batch_op.drop_column("representation_sealed")
        batch_op.drop_column("representative_id")
        batch_op.create_unique_constraint("uq_portal_accounts_client_id", ["client_id"])
