"""Read stored findings for `monitor findings`: the analysed articles, with their verdicts.

Read-only; rows become `ListedFinding` dataclasses before they leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from monitor.store.events import event_from_row
from monitor.store.findings import fact_from_dict, mention_from_row
from monitor.store.models import Article, MentionRow
from monitor.store.models import Finding as FindingRow
from monitor.types import Fact, Mention, StatusEvent


@dataclass(frozen=True, slots=True)
class ListedFinding:
    """An analysed article and its verdict (`finding_id` None: analysed, no finding stored)."""

    article_id: int
    url: str
    title: str
    published: datetime | None
    analysed_at: datetime | None
    finding_id: int | None
    relevant: bool
    novelty: str
    milestones: tuple[str, ...]
    status_change: str | None
    mentions: tuple[Mention, ...]
    new_facts: tuple[Fact, ...]
    digest_id: int | None
    alert_digest_id: int | None
    events: tuple[StatusEvent, ...] = ()


def list_findings(
    session: Session,
    *,
    include_all: bool = False,
    since: datetime | None = None,
    milestone: str | None = None,
    novelty: str | None = None,
    limit: int | None = None,
) -> list[ListedFinding]:
    """Relevant findings, newest first by the article's date (its publication, else when it was
    analysed); with `include_all`, every analysed article.

    `since` keeps the articles dated at or after it, `milestone` those with a mention of it,
    `novelty` those of that class (every analysed article is then a candidate: a
    re-publication need not be relevant); `limit` keeps the first so many.
    """
    when = func.coalesce(Article.published, FindingRow.analysed_at, Article.analysed_at)
    query = (
        select(Article, FindingRow)
        .outerjoin(FindingRow, FindingRow.article_id == Article.id)
        .options(
            selectinload(FindingRow.mentions),  # type: ignore[arg-type]
            selectinload(FindingRow.events),  # type: ignore[arg-type]
        )
    )
    if include_all or novelty is not None:
        query = query.where((Article.analysed_at.is_not(None)) | (FindingRow.id.is_not(None)))
    else:
        query = query.where(FindingRow.relevant.is_(True))
    if novelty == "none":
        query = query.where((FindingRow.novelty == "none") | FindingRow.id.is_(None))
    elif novelty is not None:
        query = query.where(FindingRow.novelty == novelty)
    if since is not None:
        query = query.where(when >= since)
    if milestone is not None:
        mentioned = select(MentionRow.finding_id).where(MentionRow.milestone == milestone)
        query = query.where(FindingRow.id.in_(mentioned))
    query = query.order_by(when.desc().nulls_last(), Article.id.desc())
    if limit is not None:
        query = query.limit(limit)
    listed = []
    for article, row in session.execute(query):
        listed.append(
            ListedFinding(
                article_id=article.id,
                url=article.url,
                title=article.title,
                published=article.published,
                analysed_at=row.analysed_at if row else article.analysed_at,
                finding_id=row.id if row else None,
                relevant=bool(row and row.relevant),
                novelty=row.novelty if row else "none",
                milestones=tuple(row.milestones) if row else (),
                status_change=row.status_change if row else None,
                mentions=tuple(mention_from_row(m) for m in (row.mentions if row else [])),
                new_facts=tuple(fact_from_dict(f) for f in (row.new_facts if row else [])),
                digest_id=row.digest_id if row else None,
                alert_digest_id=row.alert_digest_id if row else None,
                events=tuple(event_from_row(e) for e in (row.events if row else [])),
            )
        )
    return listed
