"""Put the sample articles into a real store as the pipeline would: an article row, its finding
with mentions and events (through the store's own writers), a feed that listed it and its
polls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Engine

from monitor.store.articles import ArticleRecord, save_article
from monitor.store.findings import save_finding
from monitor.store.models import Entry, Feed, PollEvent
from monitor.store.report_rows import ReportArticle
from monitor.store.session import session_scope
from monitor.types import Article, Finding


def store_articles(engine: Engine, items: Sequence[ReportArticle], feed: str = "wire") -> None:
    with session_scope(engine) as session:
        row = session.query(Feed).filter_by(name=feed).one_or_none()
        if row is None:
            row = Feed(name=feed, url=f"https://feeds.example/{feed}", created_at=items[0].when)
            row.tags = []
            session.add(row)
            session.flush()
        for n, item in enumerate(items):
            record = ArticleRecord(
                url=item.url,
                article=Article(
                    url=item.url,
                    title=item.title,
                    text=" ".join(m.sentence for m in item.mentions) or item.title,
                    published=item.published,
                    site_name=item.outlet,
                ),
                fetched_at=item.analysed_at,
            )
            article_id, _ = save_article(
                session, record, item.analysed_at, analysed_at=item.analysed_at
            )
            finding = Finding(
                relevant=item.relevant,
                milestones=item.milestones,
                novelty=item.novelty,  # type: ignore[arg-type]
                mentions=item.mentions,
                new_facts=item.new_facts,
                events=item.events,
            )
            save_finding(session, article_id, finding, item.analysed_at)
            session.add(
                Entry(
                    feed_id=row.id,
                    key=f"{feed}-{n}-{article_id}",
                    url=item.url,
                    title=item.title,
                    article_id=article_id,
                    first_seen_at=item.analysed_at,
                    updated_at=item.analysed_at,
                )
            )


def store_polls(engine: Engine, feed: str, now: datetime, outcomes: Sequence[str]) -> None:
    """One poll of `feed` per hour up to `now`, the last one last in `outcomes`."""
    with session_scope(engine) as session:
        row = session.query(Feed).filter_by(name=feed).one_or_none()
        if row is None:
            row = Feed(name=feed, url=f"https://feeds.example/{feed}", created_at=now)
            row.tags = []
            session.add(row)
            session.flush()
        count = len(outcomes)
        for i, outcome in enumerate(outcomes):
            at = now - timedelta(hours=count - 1 - i)
            error = "HTTP 503" if outcome == "failed" else None
            session.add(PollEvent(feed_id=row.id, at=at, outcome=outcome, error=error))
        last = now
        row.last_polled_at = last
        if outcomes and outcomes[-1] == "failed":
            row.consecutive_failures = 1.0
            row.last_error, row.last_error_at = "HTTP 503", last
        else:
            row.last_success_at = last
