"""What `monitor reanalyse` reads: the stored articles to analyse again, the verdicts they
had, and the facts delivered to readers with the time they were.

Callers hold the session; nothing here commits. Rows leave as `monitor.types` records or the
small dataclasses below.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from monitor.store.events import event_from_row
from monitor.store.models import Article as ArticleRow
from monitor.store.models import Finding as FindingRow
from monitor.store.models import KnownFact
from monitor.types import Article, StatusEvent

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the analysis reads it, with when it was first read (`seen`)."""

    id: int
    article: Article
    seen: datetime


@dataclass(frozen=True, slots=True)
class StoredVerdict:
    """The parts of a stored finding a re-analysis compares."""

    relevant: bool
    milestones: tuple[str, ...]
    novelty: str
    events: tuple[StatusEvent, ...]


def article_ids_since(session: Session, since: datetime | None) -> list[int]:
    """The articles with text, published at or after `since` (or first read since then, when
    they carry no date); all of them without `since`. Oldest id first."""
    query = select(ArticleRow.id).where(ArticleRow.text != "")
    if since is not None:
        seen = func.coalesce(ArticleRow.fetched_at, ArticleRow.created_at)
        query = query.where(
            or_(
                ArticleRow.published >= since,
                (ArticleRow.published.is_(None)) & (seen >= since),
            )
        )
    return list(session.scalars(query.order_by(ArticleRow.id)))


def stored_articles(session: Session, ids: Collection[int]) -> list[StoredArticle]:
    rows = session.scalars(
        select(ArticleRow).where(ArticleRow.id.in_(list(ids))).order_by(ArticleRow.id)
    ).all()
    return [
        StoredArticle(
            id=row.id,
            article=Article(
                url=row.url,
                title=row.title,
                text=row.text,
                published=row.published,
                origin=row.origin,
                author=row.author,
                site_name=row.site_name,
                language=row.language,
                description=row.description,
            ),
            seen=row.fetched_at or row.created_at,
        )
        for row in rows
    ]


def stored_verdicts(session: Session, ids: Collection[int]) -> dict[int, StoredVerdict]:
    """Article id -> its stored verdict, for the articles that have one."""
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.article_id.in_(list(ids)))
        .options(selectinload(FindingRow.events))
    ).all()
    return {
        row.article_id: StoredVerdict(
            relevant=row.relevant,
            milestones=tuple(row.milestones),
            novelty=row.novelty,
            events=tuple(event_from_row(e) for e in row.events),
        )
        for row in rows
    }


def delivered_facts(session: Session) -> list[tuple[str, str, datetime]]:
    """(milestone, fact key, when it was delivered) of every fact readers have had."""
    rows = session.execute(select(KnownFact.milestone, KnownFact.key, KnownFact.delivered_at))
    return [(m, k, at) for m, k, at in rows]
