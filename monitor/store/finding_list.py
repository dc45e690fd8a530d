"""Read stored findings for `monitor findings`: the analysed articles, with their verdicts.

Read-only; rows become `ListedFinding` dataclasses before they leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from monitor.store.events import event_from_row
from monitor.store.findings import fact_from_dict, mention_from_row
from monitor.store.models import Article
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


def list_findings(session: Session, *, include_all: bool = False) -> list[ListedFinding]:
    """Relevant findings, newest analysis first; with `include_all`, every analysed article."""
    query = (
        select(Article, FindingRow)
        .outerjoin(FindingRow, FindingRow.article_id == Article.id)
        .options(
            selectinload(FindingRow.mentions),  # type: ignore[arg-type]
            selectinload(FindingRow.events),  # type: ignore[arg-type]
        )
    )
    if include_all:
        query = query.where((Article.analysed_at.is_not(None)) | (FindingRow.id.is_not(None)))
    else:
        query = query.where(FindingRow.relevant.is_(True))
    query = query.order_by(
        FindingRow.analysed_at.desc().nulls_last(), Article.analysed_at.desc(), Article.id.desc()
    )
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
