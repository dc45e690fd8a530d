"""milestone state: the status events of findings, and the state alerts sent

Revision ID: 0002_milestone_state
Revises: 0001
Create Date: 2026-12-07 02:10:35.555845
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import monitor.store.models

revision: str = "0002_milestone_state"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "milestone_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("mark", sa.String(length=200), nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.Column("created_at", monitor.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["digest_id"], ["digests.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("milestone_alerts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_milestone_alerts_milestone_kind", ["milestone", "kind"], unique=False
        )

    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("happened_on", sa.String(length=32), nullable=True),
        sa.Column("new_due", sa.String(length=32), nullable=True),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("evidence_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_events_finding_id"), ["finding_id"], unique=False
        )
        batch_op.create_index(
            "ix_status_events_milestone_on", ["milestone", "evidence_on"], unique=False
        )

    # Findings stored before this revision have no events: until they are analysed again,
    # every milestone would look as if nothing had been reported (and overdue ones would be
    # alerted). The next cycle sees this mark and re-analyses the stored text first.
    op.execute(
        sa.text(
            "INSERT INTO schedule_marks (name, last_at) "
            "SELECT 'reanalysis-needed', CURRENT_TIMESTAMP "
            "WHERE EXISTS (SELECT 1 FROM findings)"
        )
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM schedule_marks WHERE name = 'reanalysis-needed'"))
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.drop_index("ix_status_events_milestone_on")
        batch_op.drop_index(batch_op.f("ix_status_events_finding_id"))

    op.drop_table("status_events")
    with op.batch_alter_table("milestone_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_alerts_milestone_kind")

    op.drop_table("milestone_alerts")
