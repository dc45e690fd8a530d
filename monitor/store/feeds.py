"""The feeds table: sync with the configuration, pick due feeds, record each poll's outcome.

The polling state lives on the feed row (Miniflux-style); `monitor.sources.schedule` decides
it, this module only reads and writes it. Callers hold the session; nothing here commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from monitor.config import FeedConfig
from monitor.store.models import Entry, Feed, PollEvent


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed row as the poller sees it."""

    id: int
    name: str
    url: str
    enabled: bool
    poll_interval_minutes: int | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    polls_since_unconditional: int
    consecutive_failures: float
    gone: bool
    next_poll_at: datetime | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    last_warning: str | None
    last_status: int | None


@dataclass(frozen=True, slots=True)
class SyncReport:
    added: tuple[str, ...] = ()
    changed_url: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PollRecord:
    """Everything one poll changes on its feed row, and the event it leaves behind."""

    feed_id: int
    at: datetime
    outcome: str  # ok | not_modified | failed | gone
    status: int | None
    error: str | None
    warning: str | None
    next_poll_at: datetime
    failures: float
    gone: bool
    conditional: bool
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    new_entries: int = 0
    seconds: float = 0.0


def _state(row: Feed) -> FeedState:
    return FeedState(
        id=row.id,
        name=row.name,
        url=row.url,
        enabled=row.enabled,
        poll_interval_minutes=row.poll_interval_minutes,
        etag=row.etag,
        last_modified=row.last_modified,
        body_hash=row.body_hash,
        polls_since_unconditional=row.polls_since_unconditional or 0,
        consecutive_failures=row.consecutive_failures or 0.0,
        gone=row.gone,
        next_poll_at=row.next_poll_at,
        last_polled_at=row.last_polled_at,
        last_success_at=row.last_success_at,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        last_warning=row.last_warning,
        last_status=row.last_status,
    )


def sync_feeds(session: Session, feeds: Sequence[FeedConfig], now: datetime) -> SyncReport:
    """Make the feeds table match the configuration.

    New feeds are added (due at once); feeds no longer configured are disabled, not deleted
    (their entries stay); a changed URL resets the validators, the failure counter and the
    gone flag, and makes the feed due.
    """
    rows = {row.name: row for row in session.scalars(select(Feed))}
    added, changed, disabled = [], [], []
    for config in feeds:
        row = rows.pop(config.name, None)
        if row is None:
            session.add(
                Feed(
                    name=config.name,
                    url=config.url,
                    tags=list(config.tags),
                    enabled=config.enabled,
                    poll_interval_minutes=config.poll_interval_minutes,
                    polls_since_unconditional=0,
                    consecutive_failures=0.0,
                    gone=False,
                    created_at=now,
                )
            )
            added.append(config.name)
            continue
        if row.url != config.url:
            row.url = config.url
            row.etag = row.last_modified = row.body_hash = None
            row.polls_since_unconditional = 0
            row.consecutive_failures = 0.0
            row.gone = False
            row.next_poll_at = None
            changed.append(config.name)
        if list(row.tags or []) != list(config.tags):
            row.tags = list(config.tags)
        row.enabled = config.enabled
        row.poll_interval_minutes = config.poll_interval_minutes
    for row in rows.values():
        if row.enabled:
            row.enabled = False
            disabled.append(row.name)
    session.flush()
    return SyncReport(tuple(added), tuple(changed), tuple(disabled))


def feeds_to_poll(
    session: Session, now: datetime, *, names: Iterable[str] | None = None, force: bool = False
) -> list[FeedState]:
    """The feeds to poll now: the named ones (whatever their state), else every enabled feed
    with `force`, else the enabled feeds whose next poll time has come. Soonest due first."""
    query = select(Feed)
    if names is not None:
        query = query.where(Feed.name.in_(list(names)))
    else:
        query = query.where(Feed.enabled.is_(True))
        if not force:
            query = query.where(or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now))
    query = query.order_by(Feed.next_poll_at.is_not(None), Feed.next_poll_at, Feed.id)
    return [_state(row) for row in session.scalars(query)]


def all_feeds(session: Session) -> list[FeedState]:
    return [_state(row) for row in session.scalars(select(Feed).order_by(Feed.name))]


def record_poll(session: Session, record: PollRecord) -> None:
    """Write one poll's outcome on the feed row and append its poll event."""
    values: dict[str, object] = {
        "last_polled_at": record.at,
        "last_status": record.status,
        "next_poll_at": record.next_poll_at,
        "consecutive_failures": record.failures,
        "gone": record.gone,
        "polls_since_unconditional": (
            Feed.__table__.c.polls_since_unconditional + 1 if record.conditional else 0
        ),
    }
    if record.outcome in ("ok", "not_modified"):
        values["last_success_at"] = record.at
        values["last_error"] = None
        if record.outcome == "ok":
            values["last_warning"] = record.warning
        if record.etag is not None or record.outcome == "ok":
            values["etag"] = record.etag
        if record.last_modified is not None or record.outcome == "ok":
            values["last_modified"] = record.last_modified
        if record.body_hash is not None:
            values["body_hash"] = record.body_hash
    else:
        values["last_error"] = record.error
        values["last_error_at"] = record.at
    feeds = Feed.__table__
    session.execute(feeds.update().where(feeds.c.id == record.feed_id).values(**values))
    session.execute(
        PollEvent.__table__.insert(),
        {
            "feed_id": record.feed_id,
            "at": record.at,
            "outcome": record.outcome,
            "status": record.status,
            "error": record.error,
            "new_entries": record.new_entries,
            "seconds": record.seconds,
        },
    )


@dataclass(frozen=True, slots=True)
class Failing:
    """How long a feed has been failing: since its first failed poll after its last success,
    and how many polls failed in a row."""

    since: datetime
    failed_polls: int


def failing_since(session: Session) -> dict[int, Failing]:
    """Per failing feed id (consecutive failures > 0), when its current failure began."""
    failing = {
        row.id: row for row in session.scalars(select(Feed).where(Feed.consecutive_failures > 0))
    }
    if not failing:
        return {}
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    rows = session.execute(
        select(PollEvent.feed_id, func.min(PollEvent.at), func.count())
        .join(Feed, Feed.id == PollEvent.feed_id)
        .where(
            PollEvent.feed_id.in_(list(failing)),
            PollEvent.outcome.in_(("failed", "gone")),
            PollEvent.at > func.coalesce(Feed.last_success_at, epoch),
        )
        .group_by(PollEvent.feed_id)
    ).all()
    result = {feed_id: Failing(since, count) for feed_id, since, count in rows}
    for feed_id, row in failing.items():
        if feed_id not in result:  # no events kept: the row's own record
            since = row.last_error_at or row.last_polled_at or row.created_at
            result[feed_id] = Failing(since, 1)
    return result


@dataclass(frozen=True, slots=True)
class FailingFeed:
    """An enabled feed whose last poll failed: since when, how often, and when it is tried
    again."""

    name: str
    since: datetime
    failed_polls: int
    last_error: str | None
    next_poll_at: datetime | None
    last_success_at: datetime | None


def failing_feeds(session: Session) -> list[FailingFeed]:
    """The enabled feeds that are failing now (their polls since the last success failed),
    longest failing first."""
    failing = failing_since(session)
    rows = session.scalars(
        select(Feed).where(Feed.enabled.is_(True), Feed.id.in_(list(failing)))
    ).all()
    found = [
        FailingFeed(
            name=row.name,
            since=failing[row.id].since,
            failed_polls=failing[row.id].failed_polls,
            last_error=row.last_error,
            next_poll_at=row.next_poll_at,
            last_success_at=row.last_success_at,
        )
        for row in rows
    ]
    return sorted(found, key=lambda f: (f.since, f.name))


def due_feeds(session: Session, names: Iterable[str], now: datetime) -> tuple[int, datetime | None]:
    """Of the enabled feeds `names` (the configured ones), how many are due now (never polled
    counts as due), and when the next one that is not falls due."""
    wanted = set(names)
    rows = session.execute(select(Feed.name, Feed.next_poll_at).where(Feed.enabled.is_(True))).all()
    known = {name: at for name, at in rows if name in wanted}
    due = sum(1 for name in wanted if known.get(name) is None or known[name] <= now)
    later = [at for at in known.values() if at is not None and at > now]
    return due, min(later, default=None)


def enabled_feed_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Feed).where(Feed.enabled.is_(True))) or 0


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """One line of `monitor feeds`. `failing_since` and `failed_polls` are set while the
    feed fails."""

    name: str
    url: str
    enabled: bool
    gone: bool
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    last_warning: str | None
    consecutive_failures: float
    next_poll_at: datetime | None
    entries_7d: int
    last_polled_at: datetime | None = None
    failing_since: datetime | None = None
    failed_polls: int = 0


def feed_health(session: Session, now: datetime) -> list[FeedHealth]:
    """Every feed with its polling state and the entries first seen in the last 7 days."""
    since = now - timedelta(days=7)
    # Counted here from the week's rows, read by the index on `first_seen_at`: grouped in
    # SQL, SQLite prefers walking every entry ever seen in feed order.
    counts = Counter(session.scalars(select(Entry.feed_id).where(Entry.first_seen_at >= since)))
    failing = failing_since(session)
    health = []
    for state in all_feeds(session):
        failure = failing.get(state.id)
        health.append(
            FeedHealth(
                name=state.name,
                url=state.url,
                enabled=state.enabled,
                gone=state.gone,
                last_success_at=state.last_success_at,
                last_error=state.last_error,
                last_error_at=state.last_error_at,
                last_warning=state.last_warning,
                consecutive_failures=state.consecutive_failures,
                next_poll_at=state.next_poll_at,
                entries_7d=counts.get(state.id, 0),
                last_polled_at=state.last_polled_at,
                failing_since=failure.since if failure else None,
                failed_polls=failure.failed_polls if failure else 0,
            )
        )
    return health
