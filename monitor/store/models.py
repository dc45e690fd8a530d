"""ORM models: the only place the tables are described in Python.

ORM objects never leave `monitor.store`; the query modules next to this one return the
dataclasses of `monitor.types` (or small ones of their own). Every change here needs an Alembic
migration in `migrations/versions/`; a test compares the two.

All datetimes are stored as UTC and come back timezone-aware (see `UTCDateTime`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Feed(Base):
    """A configured feed and its polling state (Miniflux-style: the state lives on the row)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    poll_interval_minutes: Mapped[int | None] = mapped_column(Integer)
    # Conditional GET validators and the hash of the last body (for servers without them).
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    polls_since_unconditional: Mapped[int] = mapped_column(Integer, default=0)
    # Outcome of the polls.
    last_polled_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    last_warning: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[float] = mapped_column(Float, default=0.0)
    gone: Mapped[bool] = mapped_column(Boolean, default=False)
    next_poll_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime]

    entries: Mapped[list[Entry]] = relationship(back_populates="feed")


class PollEvent(Base):
    """One poll of one feed: the history behind health tables, coverage and metrics."""

    __tablename__ = "poll_events"
    __table_args__ = (Index("ix_poll_events_feed_at", "feed_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # ok | not_modified | failed | gone
    status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    new_entries: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class Article(Base):
    """A fetched page (or a feed summary standing in for it) and its extracted text.

    `url` is canonical and unique, so the same article reached from two feeds is one row.
    `raw_page` is the zlib-compressed page as evidence (with its SHA-256 and size), kept up to
    a size cap and a retention time; `fetch_error` says why the text is the feed's summary.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    text_hash: Mapped[str] = mapped_column(String(64), default="")
    published: Mapped[datetime | None]
    origin: Mapped[str] = mapped_column(String(20), default="page")
    author: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    raw_page: Mapped[bytes | None] = mapped_column(LargeBinary)
    raw_hash: Mapped[str | None] = mapped_column(String(64))
    raw_size: Mapped[int | None] = mapped_column(Integer)
    # The address the page was finally read from (after redirects), as evidence.
    fetched_url: Mapped[str | None] = mapped_column(Text)
    fetch_error: Mapped[str | None] = mapped_column(Text)
    # What the bounded analysis left out (text past the cap, mentions past the cap, a run
    # past the time bound), in words; None when it read everything.
    analysis_cut: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime | None] = mapped_column(index=True)
    analysed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    finding: Mapped[Finding | None] = relationship(back_populates="article")


class Entry(Base):
    """An item of a feed. `key` is its identity within the feed; `content_hash` changes when
    the item is edited, and `analysed_hash` records which version was analysed."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("feed_id", "key", name="uq_entries_feed_key"),
        # An article's entries and their publishers (the digest's outlet names) from the index
        # alone; it also serves every lookup by article.
        Index("ix_entries_article_publisher", "article_id", "publisher"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    guid: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime | None]
    publisher: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    analysed_hash: Mapped[str | None] = mapped_column(String(64))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    first_seen_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]

    feed: Mapped[Feed] = relationship(back_populates="entries")


class Finding(Base):
    """The analysis verdict for one article (re-analysis replaces it)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    relevant: Mapped[bool] = mapped_column(Boolean, index=True)
    novelty: Mapped[str] = mapped_column(String(20), index=True)
    milestones: Mapped[list[Any]] = mapped_column(default=list)
    status_change: Mapped[str | None] = mapped_column(String(20))
    repeat_of: Mapped[str | None] = mapped_column(Text)
    repeat_similarity: Mapped[float] = mapped_column(Float, default=0.0)
    new_facts: Mapped[list[Any]] = mapped_column(default=list)
    known_facts: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[list[Any]] = mapped_column(default=list)
    analysed_at: Mapped[datetime] = mapped_column(index=True)
    # Set when the finding went out: in a digest, or as an immediate alert.
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("digests.id", ondelete="SET NULL"), index=True
    )
    alert_digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("digests.id", ondelete="SET NULL"), index=True
    )

    article: Mapped[Article] = relationship(back_populates="finding")
    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="finding", cascade="all, delete-orphan", order_by="MentionRow.start"
    )
    events: Mapped[list[StatusEventRow]] = relationship(
        back_populates="finding", cascade="all, delete-orphan", order_by="StatusEventRow.id"
    )


class MentionRow(Base):
    """One mention of a milestone, the evidence behind a finding."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    milestone: Mapped[str] = mapped_column(String(100), index=True)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    context: Mapped[str] = mapped_column(Text, default="")
    date_text: Mapped[str | None] = mapped_column(Text)
    date_resolved: Mapped[str | None] = mapped_column(String(40))
    date_precision: Mapped[str | None] = mapped_column(String(20))
    date_bound: Mapped[str | None] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[list[Any]] = mapped_column(default=list)
    score: Mapped[float] = mapped_column(Float, default=0.0)

    finding: Mapped[Finding] = relationship(back_populates="mentions")


class StatusEventRow(Base):
    """One development of one milestone that a finding's article reports (see
    `monitor.types.StatusEvent`): the evidence a milestone's state is derived from. Replaced
    with its finding. `happened_on` and `new_due` are as the analysis gave them; `evidence_on`
    is the date the event counts from (`monitor.state.model.evidence_date`)."""

    __tablename__ = "status_events"
    __table_args__ = (Index("ix_status_events_milestone_on", "milestone", "evidence_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    milestone: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    statement: Mapped[str] = mapped_column(Text, default="")
    sentence: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[str | None] = mapped_column(String(32))
    new_due: Mapped[str | None] = mapped_column(String(32))
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_on: Mapped[date] = mapped_column(Date)

    finding: Mapped[Finding] = relationship(back_populates="events")


class MilestoneAlert(Base):
    """A reason a state-driven alert was sent for a milestone, so that it is sent once.

    `kind` is state | deadline | overdue | silence; `mark` what the reason was about: the state
    and whether it was confirmed ("completed:confirmed"), the due date that neared or passed,
    the last mention before a silence. One alert (a digest of kind "alert") may carry several.
    """

    __tablename__ = "milestone_alerts"
    __table_args__ = (Index("ix_milestone_alerts_milestone_kind", "milestone", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    mark: Mapped[str] = mapped_column(String(200))
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("digests.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class KnownFact(Base):
    """A fact about a milestone that has been delivered to readers: not news a second time."""

    __tablename__ = "known_facts"
    __table_args__ = (UniqueConstraint("milestone", "key", name="uq_known_facts_milestone_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text)
    first_finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL")
    )
    delivered_at: Mapped[datetime]


class Digest(Base):
    """A composed message: a periodic digest, an immediate alert or a test message."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # digest | alert | test
    created_at: Mapped[datetime] = mapped_column(index=True)
    period_start: Mapped[datetime | None]
    period_end: Mapped[datetime | None]
    subject: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    slack: Mapped[list[Any]] = mapped_column(default=list)
    finding_count: Mapped[int] = mapped_column(Integer, default=0)

    deliveries: Mapped[list[Delivery]] = relationship(back_populates="digest")


class Delivery(Base):
    """The outbox: one row per (digest, channel), marked sent only once the channel accepted.

    States: pending (not tried yet), failed (refused or unreachable: retried), unknown (the
    message left but no answer came: retried once more), sent, unconfirmed (no answer twice:
    not retried, it may well have arrived)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("digest_id", "channel", name="uq_deliveries_digest_channel"),
        Index("ix_deliveries_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Attempts whose outcome is unknown (sent without an answer, or the sender died mid-way):
    # the second one ends the retries, so a message reaches a reader at most twice.
    unknown_outcomes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None]
    # A sender claims the row until this time, so two runs never send it at once; a sender
    # that dies mid-send leaves the claim to expire and the delivery is retried.
    claimed_until: Mapped[datetime | None]
    # Messages of a multi-part delivery (Slack) already accepted: a retry resumes after them.
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]

    digest: Mapped[Digest] = relationship(back_populates="deliveries")


class RunLock(Base):
    """A named lock row that keeps two cycles from running at once; it expires if the holder
    dies without releasing it."""

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(Text)
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ScheduleMark(Base):
    """When a scheduled job last ran to completion (e.g. the digest), so that cron runs and the
    daemon agree on what is due after a restart."""

    __tablename__ = "schedule_marks"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_at: Mapped[datetime]
