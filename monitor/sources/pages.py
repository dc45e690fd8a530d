"""Get the article behind an entry: fetch the page, extract it in the pool, or fall back.

The page is fetched with the same client (limits, SSRF guard, politeness) as the feeds, only
HTML or XHTML is extracted, and extraction runs in the worker pool with its time bound. When
any step fails (no URL, fetch error, not HTML, no text, extraction too slow), the entry's own
title and summary become the article (`origin="summary"`), with the reason in `fetch_error`:
Google News items whose publisher URL cannot be decoded always end up here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from monitor.config import FetchConfig
from monitor.errors import FetchError
from monitor.extract.page import is_html, keep_no_raw_page, process_page
from monitor.extract.pool import TaskTimeout, WorkerCrashed, WorkPool
from monitor.sources.dates import trusted
from monitor.sources.http import PAGE_ACCEPT, HttpClient
from monitor.sources.markup import one_line
from monitor.sources.politeness import Permit
from monitor.store.articles import ArticleRecord
from monitor.types import Article, FeedEntry

log = logging.getLogger(__name__)


def summary_article(entry: FeedEntry, key: str) -> Article:
    """The entry's own text standing in for its page."""
    return Article(
        url=key,
        title=entry.title,
        text=entry.summary or entry.title,
        published=entry.published,
        origin="summary",
        site_name=entry.publisher,
    )


async def acquire_article(
    client: HttpClient,
    pool: WorkPool,
    entry: FeedEntry,
    key: str,
    *,
    fetch: FetchConfig,
    now: datetime,
    buffer: asyncio.Semaphore | None = None,
    may_matter: Callable[[Article | None], bool] | None = None,
) -> ArticleRecord:
    """The article for `entry`, stored under `key`. Never raises for the page's faults.

    `buffer` bounds the pages held in memory between download and extraction: a place is
    taken when the request gets its host's turn and given back once the page is extracted.
    `may_matter(article)`, run in the worker after extraction, is False for an article whose
    raw page `fetch.keep_raw_pages: relevant` will certainly drop (it can match no milestone):
    that page is not compressed and sent back. Without it, every page within the cap is kept.
    """
    permit = Permit(buffer)
    keep_raw = {"all": None, "none": keep_no_raw_page, "relevant": may_matter}[fetch.keep_raw_pages]
    try:
        return await _acquire(
            client, pool, entry, key, fetch=fetch, now=now, permit=permit, keep_raw=keep_raw
        )
    finally:
        permit.release()


async def _acquire(
    client: HttpClient,
    pool: WorkPool,
    entry: FeedEntry,
    key: str,
    *,
    fetch: FetchConfig,
    now: datetime,
    permit: Permit,
    keep_raw: Callable[[Article | None], bool] | None,
) -> ArticleRecord:

    def fallback(reason: str, **evidence: object) -> ArticleRecord:
        return ArticleRecord(
            url=key,
            article=summary_article(entry, key),
            fetch_error=one_line(reason, 300),
            **evidence,  # type: ignore[arg-type]
        )

    if entry.url is None:
        return fallback("no article URL to fetch" if not entry.link else "aggregator link")
    try:
        response = await client.get(entry.url, accept=PAGE_ACCEPT, permit=permit)
    except FetchError as exc:
        return fallback(str(exc))
    if not is_html(response.content_type, response.body):
        return fallback(f"not an HTML page ({response.mime or 'no Content-Type'})")
    try:
        result = await pool.run(
            process_page,
            response.body,
            response.url,
            response.content_type,
            fetch.raw_page_max_bytes,
            keep_raw,
            timeout=fetch.extract_timeout_seconds,
        )
    except TaskTimeout as exc:
        return fallback(f"extraction {exc}", fetched_url=response.url, fetched_at=now)
    except WorkerCrashed as exc:
        return fallback(f"extraction failed: {exc}", fetched_url=response.url, fetched_at=now)
    except Exception as exc:  # trafilatura failing on a hostile page: the page's fault
        log.exception("extraction crashed url=%s", entry.url)
        return fallback(
            f"extraction crashed: {type(exc).__name__}: {exc}",
            fetched_url=response.url,
            fetched_at=now,
        )
    evidence = {
        "raw_page": result.raw_page,
        "raw_hash": result.raw_hash,
        "raw_size": result.raw_size,
        "fetched_url": response.url,
        "fetched_at": now,
    }
    if result.article is None:
        return fallback("the page yielded no text", **evidence)
    extracted = result.article
    article = replace(
        extracted,
        url=key,
        title=extracted.title or entry.title,
        # The feed's date is the publisher's own statement; the page's is a guess by htmldate.
        published=entry.published or trusted(extracted.published, now),
        site_name=extracted.site_name or entry.publisher,
    )
    return ArticleRecord(url=key, article=article, **evidence)  # type: ignore[arg-type]
