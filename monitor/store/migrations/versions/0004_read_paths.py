"""indexes for the read paths: findings by alert, an article's entries with their publisher

Revision ID: 0004_read_paths
Revises: 0003_unattended

`findings.alert_digest_id` gets the index `digest_id` already had (the facts a delivered
alert carried, and the foreign key's SET NULL). `entries (article_id, publisher)` replaces the
index on `article_id` alone: the publisher of each pending finding is read from the index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_read_paths"
down_revision: str | None = "0003_unattended"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_findings_alert_digest_id"), ["alert_digest_id"], unique=False
        )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_entries_article_publisher", ["article_id", "publisher"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_entries_article_id"))


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entries_article_id"), ["article_id"], unique=False)
        batch_op.drop_index("ix_entries_article_publisher")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_alert_digest_id"))
