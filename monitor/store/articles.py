"""The articles table: extracted text, metadata and the raw page kept as evidence.

An article is identified by its canonical URL: the same story reached from two feeds is one
row, fetched once. Callers hold the session; nothing here commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from monitor.store.models import Article as ArticleRow
from monitor.types import Article

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class KnownArticle:
    id: int
    url: str
    origin: str
    text_hash: str
    analysed_at: datetime | None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What fetching and extracting one article produced (or the summary standing in)."""

    url: str  # canonical: the row's identity
    article: Article
    raw_page: bytes | None = None  # zlib-compressed
    raw_hash: str | None = None
    raw_size: int | None = None
    fetched_url: str | None = None
    fetch_error: str | None = None
    fetched_at: datetime | None = None

    @property
    def text_hash(self) -> str:
        return text_hash(self.article)


def text_hash(article: Article) -> str:
    digest = hashlib.sha256()
    digest.update(article.title.encode("utf-8", "surrogatepass"))
    digest.update(b"\x1f")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def articles_by_url(session: Session, urls: Iterable[str]) -> dict[str, KnownArticle]:
    wanted = list(dict.fromkeys(urls))
    found: dict[str, KnownArticle] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(
                ArticleRow.id,
                ArticleRow.url,
                ArticleRow.origin,
                ArticleRow.text_hash,
                ArticleRow.analysed_at,
            ).where(ArticleRow.url.in_(wanted[start : start + _CHUNK]))
        ).all()
        for row in rows:
            found[row.url] = KnownArticle(
                row.id, row.url, row.origin, row.text_hash, row.analysed_at
            )
    return found


def save_article(
    session: Session,
    record: ArticleRecord,
    now: datetime,
    *,
    analysed_at: datetime | None = None,
    analysis_cut: str | None = None,
    looked_up: bool = False,
    known: KnownArticle | None = None,
) -> tuple[int, bool]:
    """Insert or update the article at `record.url`; return (id, text changed).

    A summary never replaces the text of a page fetched earlier: when this fetch failed but
    the page was read before, the row keeps the page's text and only notes the error.
    `analysed_at`, when given, marks the stored text as analysed, and `analysis_cut` says
    what that analysis left out (None: nothing). Core statements on the table, no ORM
    machinery: this runs once per article on the event loop's thread. With `looked_up`, the
    caller read the row already (`known`, None when there was none: see `articles_by_url`)
    and it is not read again.
    """
    article = record.article
    new_hash = record.text_hash
    table = ArticleRow.__table__
    row: KnownArticle | Row[Any] | None = known
    if not looked_up:
        row = session.execute(
            select(table.c.id, table.c.origin, table.c.text_hash).where(table.c.url == record.url)
        ).first()
    if row is not None and article.origin == "summary" and row.origin == "page":
        values: dict[str, object] = {"fetch_error": record.fetch_error}
        if analysed_at is not None:
            values.update(analysed_at=analysed_at, analysis_cut=analysis_cut)
        session.execute(table.update().where(table.c.id == row.id), values)
        return row.id, False
    values = {
        "title": article.title,
        "text": article.text,
        "text_hash": new_hash,
        "published": article.published,
        "origin": article.origin,
        "author": article.author,
        "site_name": article.site_name,
        "language": article.language,
        "description": article.description,
        "fetch_error": record.fetch_error,
    }
    if record.raw_hash is not None:
        values.update(
            raw_page=record.raw_page,
            raw_hash=record.raw_hash,
            raw_size=record.raw_size,
            fetched_url=record.fetched_url,
        )
    if record.fetched_at is not None:
        values["fetched_at"] = record.fetched_at
    if analysed_at is not None:
        values.update(analysed_at=analysed_at, analysis_cut=analysis_cut)
    if row is None:
        values.update(url=record.url, created_at=now)
        inserted = session.execute(table.insert().returning(table.c.id), values)
        return int(inserted.scalar_one()), True
    session.execute(table.update().where(table.c.id == row.id), values)
    return row.id, row.text_hash != new_hash


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to insert (no row at its URL), with the mark of its analysis."""

    record: ArticleRecord
    analysed_at: datetime | None = None
    analysis_cut: str | None = None


def insert_articles(session: Session, rows: Sequence[NewArticle], now: datetime) -> list[int]:
    """Insert articles that have no row yet (the caller read their URLs: `articles_by_url`);
    return their ids, in order. One statement for the lot (an executemany with RETURNING):
    the poll cycle writes its new articles a batch at a time."""
    if not rows:
        return []
    table = ArticleRow.__table__
    values = []
    for row in rows:
        record, article = row.record, row.record.article
        values.append(
            {
                "url": record.url,
                "title": article.title,
                "text": article.text,
                "text_hash": record.text_hash,
                "published": article.published,
                "origin": article.origin,
                "author": article.author,
                "site_name": article.site_name,
                "language": article.language,
                "description": article.description,
                "fetch_error": record.fetch_error,
                "raw_page": record.raw_page,
                "raw_hash": record.raw_hash,
                "raw_size": record.raw_size,
                "fetched_url": record.fetched_url,
                "fetched_at": record.fetched_at,
                "analysed_at": row.analysed_at,
                "analysis_cut": row.analysis_cut,
                "created_at": now,
            }
        )
    # Mapped back by URL (unique): asking the rows back in parameter order would make
    # SQLAlchemy send one INSERT per row on SQLite.
    statement = table.insert().returning(table.c.id, table.c.url)
    ids = {url: int(i) for i, url in session.execute(statement, values)}
    return [ids[row.record.url] for row in rows]


def mark_analysed(session: Session, article_id: int, now: datetime) -> None:
    session.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(analysed_at=now))


def load_article(session: Session, article_id: int) -> Article | None:
    """The stored article as the analysis sees it."""
    row = session.get(ArticleRow, article_id)
    if row is None:
        return None
    return Article(
        url=row.url,
        title=row.title,
        text=row.text,
        published=row.published,
        origin=row.origin,
        author=row.author,
        site_name=row.site_name,
        language=row.language,
        description=row.description,
    )


def purge_raw_pages(session: Session, now: datetime, days: int) -> int:
    """Drop the raw pages fetched more than `days` days before `now` (their hash and size
    stay); return how many were dropped. `days` = 0 keeps none."""
    cutoff = now - timedelta(days=days)
    result = session.execute(
        update(ArticleRow)
        .where(ArticleRow.raw_page.is_not(None), ArticleRow.fetched_at < cutoff)
        .values(raw_page=None)
    )
    return int(result.rowcount or 0)
