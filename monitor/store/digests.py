"""Queries behind digests and the outbox: what is pending, feed coverage, digests, deliveries.

Callers hold the session (one transaction per unit of work); nothing here commits. Rows are
turned into the dataclasses of `monitor.store.records` (or the small ones below) before they
leave: ORM objects stay in the store.

The outbox contract enforced here:
- `create_digest` marks the findings and creates one delivery per channel in the caller's
  transaction, and refuses (DigestConflict) when the key exists or a finding was taken by
  another run meanwhile, so a repeated run never creates a second digest for them;
- `claim_delivery` takes a delivery for one sender until a lease expires (compare-and-set on
  the row), so two runs never send the same delivery at once;
- `mark_sent` is called only after the channel accepted the message, and records the facts
  the digest delivered once all its deliveries are sent (or given up as unconfirmed);
- an attempt whose outcome is unknown (`mark_unknown`, or a claim that finds the previous
  sender's lease expired mid-attempt) is counted; the second one makes the delivery
  `unconfirmed`, never tried again, so a message reaches its readers at most twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

from monitor.outlets import outlet_name
from monitor.sanitize import clean_text, safe_url
from monitor.store.events import event_from_row
from monitor.store.findings import fact_from_dict, mention_from_row
from monitor.store.models import (
    Article,
    Delivery,
    Digest,
    Entry,
    Feed,
    KnownFact,
    MentionRow,
    PollEvent,
)
from monitor.store.models import Finding as FindingRow
from monitor.store.records import Development, FeedHealth, PendingFinding
from monitor.types import Finding

FAILED_OUTCOMES = ("failed", "gone")
# Delivery states still to be sent, and those that ended (sent, or given up as unconfirmed).
UNSENT_STATES = ("pending", "failed", "unknown")
DONE_STATES = ("sent", "unconfirmed")
# Attempts of unknown outcome after which a delivery is not tried again.
MAX_UNKNOWN_OUTCOMES = 2


class DigestConflict(Exception):
    """The digest exists already, or another run took some of its findings."""


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """A delivery this sender holds, with the stored message it must send."""

    id: int
    digest_id: int
    channel: str
    attempts: int
    parts_sent: int
    unknown_outcomes: int
    key: str
    kind: str
    created_at: datetime
    subject: str
    text: str
    html: str
    slack: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class DueDelivery:
    id: int
    digest_id: int
    channel: str


# --- findings ---------------------------------------------------------------------------------


def pending_findings(session: Session) -> list[PendingFinding]:
    """Findings not yet delivered in a digest: relevant ones and re-publications of the
    baseline (`alerted` says which went out with an alert already).

    Reads only the undelivered findings (by the index on `digest_id`), their articles'
    columns that a digest shows (never the raw page), and each one's publisher from its own
    entries (by the index on `entries.article_id, publisher`), so the cost follows what is
    pending, not the length of the history."""
    publisher = (
        select(func.min(Entry.publisher))
        .where(Entry.article_id == FindingRow.article_id, Entry.publisher.is_not(None))
        .correlate(FindingRow)
        .scalar_subquery()
    )
    query = (
        select(
            FindingRow,
            Article.url,
            Article.title,
            Article.site_name,
            Article.published,
            Article.text,
            publisher,
        )
        .join(Article, FindingRow.article_id == Article.id)
        .where(FindingRow.digest_id.is_(None))
        .where(or_(FindingRow.relevant.is_(True), FindingRow.novelty == "baseline_repeat"))
        .options(selectinload(FindingRow.mentions), selectinload(FindingRow.events))
        .order_by(FindingRow.id)
    )
    return [_pending(*row) for row in session.execute(query)]


def _pending(
    row: FindingRow,
    url: str,
    title: str,
    site_name: str | None,
    published: datetime | None,
    text: str,
    publisher: str | None,
) -> PendingFinding:
    finding = Finding(
        relevant=row.relevant,
        milestones=tuple(row.milestones),
        novelty=row.novelty,  # type: ignore[arg-type]
        mentions=tuple(mention_from_row(m) for m in row.mentions),
        new_facts=tuple(fact_from_dict(f) for f in row.new_facts),
        known_facts=tuple(fact_from_dict(f) for f in row.known_facts),
        status_change=row.status_change,  # type: ignore[arg-type]
        events=tuple(event_from_row(e) for e in row.events),
        repeat_of=row.repeat_of,
        repeat_similarity=row.repeat_similarity,
        notes=tuple(row.notes),
    )
    return PendingFinding(
        finding_id=row.id,
        url=url,
        title=title,
        outlet=outlet_name(publisher, site_name, url),
        published=published,
        analysed_at=row.analysed_at,
        text=text,
        finding=finding,
        alerted=row.alert_digest_id is not None,
    )


def latest_developments(session: Session, milestone_ids: list[str]) -> dict[str, Development]:
    """Per milestone, the newest `new` finding already delivered (digest or alert)."""
    when = func.coalesce(Article.published, FindingRow.analysed_at)
    result: dict[str, Development] = {}
    for milestone in milestone_ids:
        row = session.execute(
            select(FindingRow.status_change, Article.title, Article.url, Article.site_name, when)
            .join(Article, FindingRow.article_id == Article.id)
            .where(
                FindingRow.novelty == "new",
                or_(FindingRow.digest_id.is_not(None), FindingRow.alert_digest_id.is_not(None)),
                FindingRow.id.in_(
                    select(MentionRow.finding_id).where(MentionRow.milestone == milestone)
                ),
            )
            .order_by(when.desc(), FindingRow.id.desc())
            .limit(1)
        ).first()
        if row is None:
            continue
        change, title, url, site_name, at = row
        result[milestone] = Development(
            date=at.date() if at else None,
            headline=clean_text(title, 300) or clean_text(url, 300),
            outlet=outlet_name(None, site_name, url),
            url=safe_url(url),
            status_change=change,
        )
    return result


# --- coverage ---------------------------------------------------------------------------------


def feed_health(session: Session, start: datetime, end: datetime) -> list[FeedHealth]:
    """Every enabled feed with its polls and failures between `start` and `end`.

    Poll events are the record; a feed whose row says it failed within the period but has no
    events for it counts as one failed poll.
    """
    feeds = session.scalars(select(Feed).where(Feed.enabled.is_(True)).order_by(Feed.name)).all()
    events = session.execute(
        select(PollEvent.feed_id, PollEvent.outcome, PollEvent.error, PollEvent.at)
        .where(PollEvent.at >= start, PollEvent.at <= end)
        .order_by(PollEvent.at)
    ).all()
    polls: dict[int, int] = defaultdict(int)
    failures: dict[int, int] = defaultdict(int)
    last_error: dict[int, str | None] = {}
    for feed_id, outcome, error, _at in events:
        polls[feed_id] += 1
        if outcome in FAILED_OUTCOMES:
            failures[feed_id] += 1
            last_error[feed_id] = error or outcome
    health = []
    for feed in feeds:
        n, failed, error = polls[feed.id], failures[feed.id], last_error.get(feed.id)
        if n == 0 and feed.last_error_at is not None and start <= feed.last_error_at <= end:
            n, failed, error = 1, 1, feed.last_error
        health.append(
            FeedHealth(
                name=feed.name,
                polls=n,
                failures=failed,
                last_error=error,
                consecutive_failures=feed.consecutive_failures or 0.0,
                last_success_at=feed.last_success_at,
                last_polled_at=feed.last_polled_at,
            )
        )
    return health


# --- digests ----------------------------------------------------------------------------------

# The kinds of the coverage notices; the newest one says whether an outage episode is open.
COVERAGE_KINDS = ("outage", "recovery")


def last_coverage_notice(session: Session) -> tuple[str, datetime] | None:
    """(kind, created_at) of the newest coverage alert or recovery notice, if any."""
    row = session.execute(
        select(Digest.kind, Digest.created_at)
        .where(Digest.kind.in_(COVERAGE_KINDS))
        .order_by(Digest.id.desc())
        .limit(1)
    ).first()
    return (row.kind, row.created_at) if row else None


def feeds_back(session: Session, at: datetime) -> list[str]:
    """Enabled feeds that were failing at `at` (their last poll by then failed) and are not
    failing now."""
    last = (
        select(PollEvent.feed_id, func.max(PollEvent.at).label("at"))
        .where(PollEvent.at <= at)
        .group_by(PollEvent.feed_id)
        .subquery()
    )
    query = (
        select(Feed.name)
        .join(last, last.c.feed_id == Feed.id)
        .join(PollEvent, and_(PollEvent.feed_id == last.c.feed_id, PollEvent.at == last.c.at))
        .where(
            PollEvent.outcome.in_(FAILED_OUTCOMES),
            Feed.enabled.is_(True),
            Feed.consecutive_failures <= 0,
        )
        .distinct()
        .order_by(Feed.name)
    )
    return list(session.scalars(query))


def last_period_end(session: Session, kind: str = "digest") -> datetime | None:
    return session.scalar(select(func.max(Digest.period_end)).where(Digest.kind == kind))


def digest_id_for_key(session: Session, key: str) -> int | None:
    return session.scalar(select(Digest.id).where(Digest.key == key))


def create_digest(
    session: Session,
    *,
    key: str,
    kind: str,
    created_at: datetime,
    period_start: datetime | None,
    period_end: datetime,
    subject: str,
    text: str,
    html: str,
    slack: list[dict[str, Any]],
    finding_ids: list[int],
    channels: list[str],
) -> int:
    """Store a digest, mark its findings and queue one delivery per channel.

    Alerts mark `alert_digest_id`, other digests `digest_id`. Raises DigestConflict (the caller
    rolls back) when the key exists or a finding is no longer unmarked.
    """
    if digest_id_for_key(session, key) is not None:
        raise DigestConflict(f"digest {key} exists")
    row = Digest(
        key=key,
        kind=kind,
        created_at=created_at,
        period_start=period_start,
        period_end=period_end,
        subject=subject,
        text=text,
        html=html,
        slack=slack,
        finding_count=len(finding_ids),
    )
    session.add(row)
    session.flush()
    if finding_ids:
        column = FindingRow.alert_digest_id if kind == "alert" else FindingRow.digest_id
        marked = session.execute(
            update(FindingRow)
            .where(FindingRow.id.in_(finding_ids), column.is_(None))
            .values({column: row.id})
            .execution_options(synchronize_session=False)
        ).rowcount
        if marked != len(finding_ids):
            raise DigestConflict(f"digest {key}: {len(finding_ids) - marked} finding(s) taken")
    for channel in channels:
        session.add(
            Delivery(
                digest_id=row.id,
                channel=channel,
                state="pending",
                attempts=0,
                parts_sent=0,
                next_attempt_at=created_at,
                created_at=created_at,
            )
        )
    session.flush()
    return row.id


# --- deliveries -------------------------------------------------------------------------------


def due_deliveries(session: Session, now: datetime, *, ignore_backoff: bool) -> list[DueDelivery]:
    """Unsent deliveries whose retry time has come (all of them with `ignore_backoff`),
    oldest digest first, skipping those another sender holds."""
    query = select(Delivery.id, Delivery.digest_id, Delivery.channel).where(
        Delivery.state.in_(UNSENT_STATES),
        or_(Delivery.claimed_until.is_(None), Delivery.claimed_until <= now),
    )
    if not ignore_backoff:
        query = query.where(
            or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now)
        )
    rows = session.execute(query.order_by(Delivery.digest_id, Delivery.id)).all()
    return [DueDelivery(*row) for row in rows]


def claim_delivery(
    session: Session, delivery_id: int, now: datetime, lease_until: datetime
) -> ClaimedDelivery | None:
    """Take the delivery until `lease_until` and count the attempt; None if it was sent or
    another sender holds it. A lease that expired while its holder was still at it (the
    process died mid-attempt) counts as an attempt of unknown outcome."""
    taken = session.execute(
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.state.in_(UNSENT_STATES),
            or_(Delivery.claimed_until.is_(None), Delivery.claimed_until <= now),
        )
        .values(
            claimed_until=lease_until,
            attempts=Delivery.attempts + 1,
            unknown_outcomes=Delivery.unknown_outcomes
            + case((Delivery.claimed_until.is_not(None), 1), else_=0),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        return None
    delivery, digest = session.execute(
        select(Delivery, Digest)
        .join(Digest, Delivery.digest_id == Digest.id)
        .where(Delivery.id == delivery_id)
    ).one()
    session.refresh(delivery)
    return ClaimedDelivery(
        id=delivery.id,
        digest_id=digest.id,
        channel=delivery.channel,
        attempts=delivery.attempts,
        parts_sent=delivery.parts_sent,
        unknown_outcomes=delivery.unknown_outcomes,
        key=digest.key,
        kind=digest.kind,
        created_at=digest.created_at,
        subject=digest.subject,
        text=digest.text,
        html=digest.html,
        slack=list(digest.slack or []),
    )


def record_parts_sent(session: Session, delivery_id: int, parts_sent: int) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(parts_sent=parts_sent)
        .execution_options(synchronize_session=False)
    )


def mark_sent(session: Session, delivery_id: int, now: datetime, response: str) -> bool:
    """Record that the channel accepted the delivery. Returns True when this completed its
    digest (every delivery sent); the digest's facts are then recorded as known."""
    _lock_digest_of(session, delivery_id)
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            state="sent",
            sent_at=now,
            response=response[:2000],
            last_error=None,
            claimed_until=None,
            next_attempt_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    return _complete(session, delivery_id, now)


def _lock_digest_of(session: Session, delivery_id: int) -> None:
    """Hold the digest's row until commit. The channels of a digest are sent in parallel: two
    senders finishing together would each see the other's delivery still unsent (neither
    committed yet) and neither would complete the digest. Holding its row makes the second
    wait for the first's commit. (SQLite has one writer at a time anyway.)"""
    digest_id = select(Delivery.digest_id).where(Delivery.id == delivery_id).scalar_subquery()
    session.execute(select(Digest.id).where(Digest.id == digest_id).with_for_update())


def _complete(session: Session, delivery_id: int, now: datetime) -> bool:
    """Record the digest's facts as known when none of its deliveries is still to be sent."""
    digest_id = session.scalar(select(Delivery.digest_id).where(Delivery.id == delivery_id))
    unsent = session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.digest_id == digest_id, Delivery.state.not_in(DONE_STATES))
    )
    if unsent:
        return False
    record_known_facts(session, digest_id, now)
    return True


def mark_unknown(
    session: Session, delivery_id: int, error: str, next_attempt_at: datetime, now: datetime
) -> str:
    """Record an attempt whose outcome is unknown; return the new state: "unknown" (to be
    tried once more) or, the second time, "unconfirmed" (not tried again)."""
    _lock_digest_of(session, delivery_id)
    count = session.scalar(select(Delivery.unknown_outcomes).where(Delivery.id == delivery_id))
    count = (count or 0) + 1
    state = "unconfirmed" if count >= MAX_UNKNOWN_OUTCOMES else "unknown"
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            state=state,
            unknown_outcomes=count,
            last_error=error[:2000],
            next_attempt_at=None if state == "unconfirmed" else next_attempt_at,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    if state == "unconfirmed":
        _complete(session, delivery_id, now)
    return state


def mark_unconfirmed(session: Session, delivery_id: int, error: str, now: datetime) -> None:
    """Give the delivery up: its attempts of unknown outcome reached the limit."""
    _lock_digest_of(session, delivery_id)
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            state="unconfirmed", last_error=error[:2000], next_attempt_at=None, claimed_until=None
        )
        .execution_options(synchronize_session=False)
    )
    _complete(session, delivery_id, now)


def mark_failed(session: Session, delivery_id: int, error: str, next_attempt_at: datetime) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            state="failed",
            last_error=error[:2000],
            next_attempt_at=next_attempt_at,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )


def record_known_facts(session: Session, digest_id: int | None, now: datetime) -> int:
    """Record the new facts of the digest's findings as delivered; return how many were new."""
    findings = session.execute(
        select(FindingRow.id, FindingRow.new_facts).where(
            or_(FindingRow.digest_id == digest_id, FindingRow.alert_digest_id == digest_id)
        )
    ).all()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for finding_id, facts in findings:
        for fact in facts or []:
            pair = (str(fact.get("milestone") or ""), str(fact.get("key") or ""))
            if pair[1] and pair not in rows:
                rows[pair] = {
                    "milestone": pair[0],
                    "key": pair[1][:200],
                    "statement": str(fact.get("statement") or ""),
                    "first_finding_id": finding_id,
                    "delivered_at": now,
                }
    if not rows:
        return 0
    known = {
        (m, k)
        for m, k in session.execute(
            select(KnownFact.milestone, KnownFact.key).where(
                or_(*(and_(KnownFact.milestone == m, KnownFact.key == k) for m, k in rows))
            )
        )
    }
    fresh = [values for pair, values in rows.items() if pair not in known]
    if fresh:
        session.execute(_insert_ignoring_duplicates(session, fresh))
    return len(fresh)


def _insert_ignoring_duplicates(session: Session, values: list[dict[str, Any]]) -> Any:
    # Another run may record the same fact between our read and this write.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(KnownFact).values(values).on_conflict_do_nothing()
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(KnownFact).values(values).on_conflict_do_nothing()
    return insert(KnownFact).values(values)


def outbox_counts(session: Session) -> dict[str, int]:
    """Deliveries by state."""
    rows = session.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all()
    return {state: count for state, count in rows}
