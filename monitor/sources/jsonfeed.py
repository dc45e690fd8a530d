"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) → items. Pure.

feedparser 6 does not read JSON Feed; the format is small enough to read here. Lenient the way
real feeds need: ids that are numbers, relative URLs, items that are not objects (skipped). Anything that is not a JSON object with an `items` list
is a FeedParseError.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from monitor.errors import FeedParseError
from monitor.sources.dates import entry_date
from monitor.sources.identity import ParsedItem
from monitor.sources.markup import html_to_text
from monitor.sources.urls import absolute_url, canonical_url, unwrap_aggregator_link


@dataclass(frozen=True, slots=True)
class JsonFeed:
    title: str
    version: str
    items: tuple[ParsedItem, ...]
    total_items: int


def looks_like_json(body: bytes, content_type: str | None) -> bool:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in ("application/feed+json", "application/json") or mime.endswith("+json"):
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(body: bytes, *, base_url: str, now: datetime, max_items: int) -> JsonFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FeedParseError(f"JSON feed is not UTF-8: {exc.reason}") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise FeedParseError(f"not a feed: malformed JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedParseError("not a feed: JSON without an 'items' list")
    version_url = str(data.get("version") or "")
    version = "json" + version_url.rstrip("/").rsplit("/", 1)[-1].replace("version", "")
    home = _text(data.get("home_page_url"))
    base = absolute_url(home, base_url) or base_url
    raw_items = data["items"]
    items = [_item(raw, base, now) for raw in raw_items[: max_items * 2] if isinstance(raw, dict)]
    kept = tuple(item for item in items if item is not None)[:max_items]
    return JsonFeed(
        title=html_to_text(_text(data.get("title")), 500),
        version=version if version != "json" else "json1",
        items=kept,
        total_items=len(raw_items),
    )


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)


def _item(raw: dict[str, Any], base: str, now: datetime) -> ParsedItem | None:
    guid = _text(raw.get("id")).strip() or None
    link = absolute_url(_text(raw.get("url")), base) or absolute_url(
        _text(raw.get("external_url")), base
    )
    title = html_to_text(_text(raw.get("title")), 1000)
    summary = (
        html_to_text(_text(raw.get("content_html")))
        or html_to_text(_text(raw.get("content_text")))
        or html_to_text(_text(raw.get("summary")))
    )
    if not (guid or link or title or summary):
        return None
    published = entry_date(
        [(_text(raw.get("date_published")), None), (_text(raw.get("date_modified")), None)], now
    )
    target = unwrap_aggregator_link(link)
    return ParsedItem(
        guid=guid,
        link=link,
        url=canonical_url(target) if target else None,
        title=title,
        summary=summary,
        published=published,
    )
