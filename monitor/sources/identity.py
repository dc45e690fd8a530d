"""Entry identity within a feed, and the hash that says an entry changed. Pure.

The key is a SHA-256 of the GUID, with fallbacks (Miniflux-style): the canonical link when
there is no GUID, then the title with the date, then the summary. Feeds that reuse one GUID
for several items (a CMS bug seen in the wild) are disambiguated within one document: the
second item with a taken key gets the GUID plus its link, then plus its title, then plus its
position. Items identical in all of these are true duplicates and are dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One item as a parser read it, cleaned: plain text, absolute URLs, a trusted date.

    `link` is the item's link as published (absolute); `url` the canonical URL of the article
    to fetch (aggregator links unwrapped), or None when there is none we can use.
    """

    guid: str | None
    link: str | None
    url: str | None
    title: str
    summary: str
    published: datetime | None
    publisher: str | None = None


def _sha(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def base_key(item: ParsedItem) -> str:
    """The key of an item before collision handling."""
    if item.guid and item.guid.strip():
        return _sha("guid", item.guid.strip())
    if item.url:
        return _sha("url", item.url)
    if item.title.strip():
        date = item.published.isoformat() if item.published else ""
        return _sha("title", " ".join(item.title.split()).casefold(), date)
    return _sha("summary", " ".join(item.summary.split()))


def content_hash(item: ParsedItem) -> str:
    """Changes when the item's title, summary or link change (whitespace does not count)."""
    return _sha(" ".join(item.title.split()), " ".join(item.summary.split()), item.url or "")


def assign_keys(items: Iterable[ParsedItem]) -> list[tuple[str, ParsedItem]]:
    """(key, item) for every distinct item, in document order, with collisions resolved."""
    taken: dict[str, ParsedItem] = {}
    out: list[tuple[str, ParsedItem]] = []
    for position, item in enumerate(items):
        key = base_key(item)
        if key in taken:
            first = taken[key]
            if _same(first, item):
                continue  # the feed lists the same item twice
            for candidate in (
                _sha(key, "url", item.url or "") if item.url != first.url else None,
                _sha(key, "title", item.title) if item.title != first.title else None,
                _sha(key, "position", str(position)),
            ):
                if candidate is not None and candidate not in taken:
                    key = candidate
                    break
        taken[key] = item
        out.append((key, item))
    return out


def _same(a: ParsedItem, b: ParsedItem) -> bool:
    return a.url == b.url and a.title == b.title and a.summary == b.summary
