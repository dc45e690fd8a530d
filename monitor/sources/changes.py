"""Which entries of a poll need work. Pure: the parsed entries and what the store knows in,
a plan out.

* An entry whose analysed version is its current content needs nothing.
* A new entry whose article (same canonical URL) was already analysed, from another feed or
  an earlier poll, is linked to it: no fetch, no second analysis.
* Every other entry, new or changed, gets its article (fetched again when its content
  changed) and is analysed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from monitor.sources.urls import canonical_url
from monitor.store.articles import KnownArticle
from monitor.store.entries import KnownEntry
from monitor.types import FeedEntry

Action = Literal["process", "link"]


@dataclass(frozen=True, slots=True)
class EntryPlan:
    entry: FeedEntry
    article_key: str  # the article row's URL: canonical, else a stand-in
    action: Action
    is_new: bool
    article_id: int | None = None  # for "link"


def article_key(feed_id: int, entry: FeedEntry) -> str:
    """The article's identity: its canonical URL; the aggregator link when the publisher's URL
    cannot be had (Google News); a per-entry stand-in when the item has no link at all."""
    return entry.url or canonical_url(entry.link) or f"urn:monitor:entry:{feed_id}:{entry.key}"


def plan_entries(
    feed_id: int,
    entries: Iterable[FeedEntry],
    known: Mapping[str, KnownEntry],
    articles: Mapping[str, KnownArticle],
) -> list[EntryPlan]:
    plans = []
    for entry in entries:
        old = known.get(entry.key)
        if old is not None and old.analysed_hash == entry.content_hash:
            continue
        key = article_key(feed_id, entry)
        stored = articles.get(key)
        if old is None and stored is not None and stored.analysed_at is not None:
            plans.append(EntryPlan(entry, key, "link", True, stored.id))
        else:
            plans.append(EntryPlan(entry, key, "process", old is None))
    return plans
