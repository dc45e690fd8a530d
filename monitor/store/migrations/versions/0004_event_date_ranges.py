"""status events: room for a date range ("2025-08-18/2025-08-24") in happened_on and new_due

Revision ID: 0004_event_date_ranges
Revises: 0003_unattended
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_event_date_ranges"
down_revision: str | None = "0003_unattended"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # PostgreSQL refused a week's range (21 characters) in the 20 it had; SQLite never checks.
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        for column in ("happened_on", "new_due"):
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=20),
                type_=sa.String(length=40),
                existing_nullable=True,
            )


def downgrade() -> None:
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        for column in ("happened_on", "new_due"):
            batch_op.alter_column(
                column,
                existing_type=sa.String(length=40),
                type_=sa.String(length=20),
                existing_nullable=True,
            )
