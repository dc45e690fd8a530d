"""Feed bytes → entries. Pure: the body and its response headers in, a ParsedFeed out.

RSS, Atom and RDF go through feedparser, always on the bytes we fetched (never a URL), with
the Content-Type and Content-Location so encodings and relative links resolve. Before that,
`xmlsafety` removes dangerous entity declarations and cuts the document to `max_entries`
items, so a hostile or huge feed costs bounded time and memory. JSON Feed has its own parser.

A bozo feed yields the entries it has, and the problem becomes the `warning` (one line, stored
on the feed row). A body that yields no feed at all (HTML, empty, garbage) raises
FeedParseError. Dates are normalised to UTC and untrustworthy ones become None (see `dates`).

The body is wrapped in a file object on purpose: given bytes, feedparser 6 first tries to
`open()` them as a local file name.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import feedparser

from monitor.errors import FeedParseError
from monitor.sources import xmlsafety
from monitor.sources.dates import entry_date
from monitor.sources.identity import ParsedItem, assign_keys, content_hash
from monitor.sources.jsonfeed import looks_like_json, parse_json_feed
from monitor.sources.markup import html_to_text, one_line
from monitor.sources.urls import absolute_url, canonical_url, unwrap_aggregator_link
from monitor.types import FeedEntry

MAX_ENTRIES = 500

_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:rss|feed|rdf:RDF|RDF)\b",
    re.I | re.S,
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    version: str
    entries: tuple[FeedEntry, ...]
    warning: str | None
    items_seen: int
    truncated: bool


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    now: datetime,
    max_entries: int = MAX_ENTRIES,
) -> ParsedFeed:
    """Parse a fetched feed. Raises FeedParseError when the body holds no feed."""
    if not body.strip():
        raise FeedParseError("empty body")
    if looks_like_json(body, content_type):
        json_feed = parse_json_feed(body, base_url=url, now=now, max_items=max_entries)
        truncated = json_feed.total_items > len(json_feed.items)
        notes = [_truncation(json_feed.total_items, len(json_feed.items))] if truncated else []
        return ParsedFeed(
            title=json_feed.title,
            version=json_feed.version,
            entries=_entries(json_feed.items),
            warning="; ".join(notes) or None,
            items_seen=json_feed.total_items,
            truncated=truncated,
        )
    return _parse_xml(body, url=url, content_type=content_type, now=now, max_entries=max_entries)


@dataclass(frozen=True)
class FeedparserRun:
    """feedparser's result on our prepared bytes, with our notes (what `parse_feed` reads)."""

    result: Any
    notes: tuple[str, ...]
    items_seen: int
    items_kept: int


def run_feedparser(
    body: bytes,
    *,
    url: str | None,
    content_type: str | None,
    max_entries: int = MAX_ENTRIES,
    html: bool = False,
) -> FeedparserRun:
    """Defuse, cut and hand the bytes to feedparser with the response headers (`url`, the
    document's address, resolves relative links).

    `html=False` (what `parse_feed` uses) turns off feedparser's HTML sanitizer and the
    resolution of URLs inside content: we keep only the text of summaries (`markup`), so that
    work (45% of the parse time on the real-world fixtures) would be thrown away. Item links
    are resolved either way.
    """
    prepared = xmlsafety.prepare(body, max_entries)
    notes = list(prepared.notes)
    effective_type, charset_note = xmlsafety.content_type_for(content_type, prepared.body)
    data, repair_note = xmlsafety.repair_utf8(prepared.body, effective_type)
    notes += [n for n in (charset_note, repair_note) if n]
    if prepared.kept < prepared.items:
        notes.append(_truncation(prepared.items, prepared.kept, prepared.oldest_first))
    headers = {"content-type": effective_type}
    if url:
        headers["content-location"] = url
    result = feedparser.parse(
        io.BytesIO(data),
        response_headers=headers,
        sanitize_html=html,
        resolve_relative_uris=html,
    )
    return FeedparserRun(result, tuple(notes), prepared.items, prepared.kept)


def _parse_xml(
    body: bytes, *, url: str, content_type: str | None, now: datetime, max_entries: int
) -> ParsedFeed:
    run = run_feedparser(body, url=url, content_type=content_type, max_entries=max_entries)
    result, notes = run.result, list(run.notes)
    items = [_item(raw, url, now) for raw in result.entries[:max_entries]]
    markup = body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    if not result.get("version") and (not result.entries or not (markup or any(items))):
        # feedparser's loose parser finds "entries" in any text; text that is not markup is
        # a feed only when it yields items we can use.
        raise FeedParseError(_not_a_feed(body, content_type, result))
    if result.get("bozo"):
        notes.insert(0, f"{type(result.bozo_exception).__name__}: {result.bozo_exception}")
    return ParsedFeed(
        title=html_to_text(result.feed.get("title", ""), 500),
        version=result.get("version") or "unknown",
        entries=_entries(i for i in items if i is not None),
        warning=one_line("; ".join(notes)) or None,
        items_seen=run.items_seen,
        truncated=run.items_kept < run.items_seen,
    )


def _truncation(seen: int, kept: int, oldest_first: bool = False) -> str:
    which = "last" if oldest_first else "first"
    order = " (it lists its oldest first)" if oldest_first else ""
    return f"feed has {seen:,} items: kept the {which} {kept:,}, the newest{order}"


def looks_like_feed(body: bytes, content_type: str | None) -> bool:
    """Whether `body` opens as an RSS, Atom or RDF document, or is a JSON Feed."""
    if looks_like_json(body, content_type):
        return b"jsonfeed.org" in body[:4096]
    return _FEED_START.match(body[:4096]) is not None


def _not_a_feed(body: bytes, content_type: str | None, result: Any) -> str:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml") or _HTML_START.match(body[:4096]):
        return f"not a feed: an HTML page ({mime or 'no Content-Type'})"
    if body.lstrip()[:1] != b"<":
        # No markup at all: plain text, a robots.txt, an error message.
        return f"not a feed: plain text, not XML or JSON ({mime or 'no Content-Type'})"
    problem = result.get("bozo_exception")
    return f"not a feed: {one_line(str(problem), 200)}" if problem else "not a feed"


def _item(raw: Any, base_url: str, now: datetime) -> ParsedItem | None:
    guid = (raw.get("id") or "").strip() or None
    link = _link(raw, base_url)
    source = raw.get("source") or {}
    publisher = html_to_text(source.get("title") or "", 200) or None
    title = html_to_text(raw.get("title") or "", 1000)
    if publisher and title.endswith(f" - {publisher}"):
        # Google News appends " - Publisher" to every title.
        title = title[: -len(publisher) - 3].rstrip()
    summary = _summary(raw)
    if not (guid or link or title or summary):
        return None
    published = entry_date(
        [
            (raw.get("published"), raw.get("published_parsed")),
            (raw.get("updated"), raw.get("updated_parsed")),
            (raw.get("created"), raw.get("created_parsed")),
        ],
        now,
    )
    target = unwrap_aggregator_link(link)
    return ParsedItem(
        guid=guid,
        link=link,
        url=canonical_url(target) if target else None,
        title=title,
        summary=summary,
        published=published,
        publisher=publisher,
    )


def _link(raw: Any, base_url: str) -> str | None:
    """The item's article link. feedparser copies a permalink GUID into `link` (guidislink);
    such a link counts only when it is an absolute http(s) URL, never a relative id."""
    candidates = [raw.get("link")]
    candidates += [
        link.get("href")
        for link in raw.get("links") or []
        if link.get("rel", "alternate") == "alternate"
    ]
    from_guid = bool(raw.get("guidislink"))
    for candidate in candidates:
        if not candidate or not candidate.strip():
            continue
        is_guid = from_guid and candidate == raw.get("id")
        if is_guid and not re.match(r"^\s*https?://", candidate, re.I):
            continue
        url = absolute_url(candidate, base_url)
        if url:
            return url
    return None


def _summary(raw: Any) -> str:
    summary = html_to_text(raw.get("summary") or "")
    for content in raw.get("content") or []:
        text = html_to_text(content.get("value") or "")
        if len(text) > len(summary):
            summary = text
    return summary


def _entries(items: Any) -> tuple[FeedEntry, ...]:
    return tuple(
        FeedEntry(
            key=key,
            guid=item.guid,
            link=item.link,
            url=item.url,
            title=item.title,
            summary=item.summary,
            published=item.published,
            publisher=item.publisher,
            content_hash=content_hash(item),
        )
        for key, item in assign_keys(items)
    )
