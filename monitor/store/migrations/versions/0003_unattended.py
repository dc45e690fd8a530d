"""delivery outcomes that are unknown; the cut of a bounded analysis

Revision ID: 0003_unattended
Revises: 0002_milestone_state
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_unattended"
down_revision: str | None = "0002_milestone_state"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unknown_outcomes", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("analysis_cut", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("analysis_cut")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("unknown_outcomes")
