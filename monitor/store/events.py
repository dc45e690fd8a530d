"""The evidence of milestone states: the status events stored with each finding, read back
with the article and the feeds that reported them; the last mention of each milestone.

Callers hold the session; nothing here commits. Rows leave as `monitor.state.model.Evidence`
(or plain dates and strings).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitor.outlets import outlet_name
from monitor.similarity import MAX_TEXT_CHARS
from monitor.state.model import Evidence, evidence_date
from monitor.store.models import Article, Entry, Feed, MentionRow, StatusEventRow
from monitor.store.models import Finding as FindingRow
from monitor.types import StatusEvent

_CHUNK = 500  # ids per IN (...) query


def event_rows(
    events: Iterable[StatusEvent], published: datetime | None, seen: datetime
) -> list[StatusEventRow]:
    """The rows that store `events` of an article published at `published` (first read at
    `seen`), each with its evidence date."""
    return [
        StatusEventRow(
            milestone=e.milestone,
            kind=e.kind,
            statement=e.statement,
            sentence=e.sentence,
            happened_on=e.happened_on,
            new_due=e.new_due,
            partial=e.partial,
            evidence_on=evidence_date(e.happened_on, published, seen),
        )
        for e in events
    ]


def event_from_row(row: StatusEventRow) -> StatusEvent:
    return StatusEvent(
        milestone=row.milestone,
        kind=row.kind,  # type: ignore[arg-type]
        statement=row.statement,
        sentence=row.sentence,
        happened_on=row.happened_on,
        new_due=row.new_due,
        partial=row.partial,
    )


def evidence(session: Session, milestone_ids: Collection[str] | None = None) -> list[Evidence]:
    """Every stored event (of the given milestones), with its article, outlet and feeds."""
    # The article's columns that evidence shows, not the whole row (its text, its raw page).
    query = (
        select(
            StatusEventRow,
            FindingRow.id,
            Article.id,
            Article.url,
            Article.title,
            Article.site_name,
            Article.published,
        )
        .join(FindingRow, StatusEventRow.finding_id == FindingRow.id)
        .join(Article, FindingRow.article_id == Article.id)
        .order_by(StatusEventRow.id)
    )
    if milestone_ids is not None:
        query = query.where(StatusEventRow.milestone.in_(list(milestone_ids)))
    rows = session.execute(query).all()
    sources = _sources(session, {row[2] for row in rows})
    found = []
    for event, finding_id, *columns in rows:
        article_id, url, title, site_name, published = columns
        publisher, feeds = sources.get(article_id, (None, ()))
        found.append(
            Evidence(
                milestone=event.milestone,
                kind=event.kind,  # type: ignore[arg-type]
                on=event.evidence_on,
                statement=event.statement,
                article_id=article_id,
                finding_id=finding_id,
                url=url,
                title=title,
                outlet=outlet_name(publisher, site_name, url),
                published=published,
                sentence=event.sentence,
                new_due=event.new_due,
                partial=event.partial,
                feeds=feeds,
            )
        )
    return found


def _sources(
    session: Session, article_ids: Collection[int]
) -> dict[int, tuple[str | None, tuple[str, ...]]]:
    """Per article: the publisher a feed named for it, and the names of the feeds listing it."""
    wanted = sorted(article_ids)
    publishers: dict[int, str] = {}
    feeds: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = session.execute(
            select(Entry.article_id, Entry.publisher, Feed.name)
            .join(Feed, Entry.feed_id == Feed.id)
            .where(Entry.article_id.in_(chunk))
        ).all()
        for article_id, publisher, feed in rows:
            feeds[article_id].add(feed)
            if publisher and (article_id not in publishers or publisher < publishers[article_id]):
                publishers[article_id] = publisher
    return {i: (publishers.get(i), tuple(sorted(feeds.get(i, ())))) for i in wanted}


def article_texts(session: Session, article_ids: Collection[int]) -> dict[int, str]:
    """The start of each article's text, as much as copies are compared on."""
    wanted = sorted(article_ids)
    texts: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(Article.id, func.substr(Article.text, 1, MAX_TEXT_CHARS)).where(
                Article.id.in_(wanted[start : start + _CHUNK])
            )
        ).all()
        texts.update({article_id: text or "" for article_id, text in rows})
    return texts


def last_mentions(session: Session) -> dict[str, date]:
    """Per milestone, the newest date an article spoke of it (publication date, else the day
    it was first read). Re-publications of the baseline do not count: they are not news."""
    when = func.max(func.coalesce(Article.published, Article.fetched_at, Article.created_at))
    rows = session.execute(
        select(MentionRow.milestone, when)
        .join(FindingRow, MentionRow.finding_id == FindingRow.id)
        .join(Article, FindingRow.article_id == Article.id)
        .where(FindingRow.relevant.is_(True), FindingRow.novelty != "baseline_repeat")
        .group_by(MentionRow.milestone)
    ).all()
    return {milestone: _as_date(at) for milestone, at in rows if at is not None}


def _as_date(value: datetime | date | str) -> date:
    # An aggregate loses the column's type on SQLite: it comes back as text.
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()
