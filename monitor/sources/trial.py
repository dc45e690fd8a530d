"""Try one feed without a poll: fetch it, parse it and say what a poll would do with each
entry (`monitor feeds test`). Nothing is stored; what the store knows is passed in.

The fetch goes through the one HTTP client (same caps, SSRF guard and politeness as a poll),
unconditionally (no validators: the whole feed is the point). Expected failures come back as
values, in `FeedTrial.error`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from monitor import __version__
from monitor.config import Settings
from monitor.errors import FeedParseError, FetchError
from monitor.sources.changes import EntryPlan, article_key, plan_entries
from monitor.sources.feed import MAX_ENTRIES, ParsedFeed, parse_feed
from monitor.sources.http import FEED_ACCEPT, HttpClient, Response
from monitor.sources.ssrf import AddressPolicy
from monitor.store.articles import KnownArticle
from monitor.store.entries import KnownEntry
from monitor.types import FeedEntry

# What the store knows about a feed's entries and their articles: (entry keys, article keys)
# in, (known entries, known articles) out.
Lookup = Callable[
    [Iterable[str], Iterable[str]], tuple[Mapping[str, KnownEntry], Mapping[str, KnownArticle]]
]


@dataclass(frozen=True, slots=True)
class EntryVerdict:
    """One entry and what a poll would do with it: new, changed, link or unchanged."""

    entry: FeedEntry
    action: str
    article: str


@dataclass(frozen=True, slots=True)
class FeedTrial:
    url: str
    status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    size: int = 0
    seconds: float = 0.0
    error: str | None = None
    parsed: ParsedFeed | None = None
    verdicts: tuple[EntryVerdict, ...] = field(default=())

    def count(self, action: str) -> int:
        return sum(1 for v in self.verdicts if v.action == action)


def verdicts(
    feed_id: int,
    entries: tuple[FeedEntry, ...],
    known: Mapping[str, KnownEntry],
    articles: Mapping[str, KnownArticle],
) -> tuple[EntryVerdict, ...]:
    """What a poll would do with each entry, in the feed's order. Pure."""
    plans: dict[str, EntryPlan] = {
        p.entry.key: p for p in plan_entries(feed_id, entries, known, articles)
    }
    out = []
    for entry in entries:
        plan = plans.get(entry.key)
        key = article_key(feed_id, entry)
        if plan is None:
            action = "unchanged"
        elif plan.action == "link":
            action = "link"
        else:
            action = "new" if plan.is_new else "changed"
        out.append(EntryVerdict(entry, action, key))
    return tuple(out)


def try_feed(
    url: str,
    settings: Settings,
    *,
    now: datetime,
    feed_id: int = 0,
    lookup: Lookup | None = None,
    policy: AddressPolicy | None = None,
) -> FeedTrial:
    """Fetch and parse `url`, and judge its entries against `lookup` (everything is new
    without one)."""
    started = time.monotonic()
    try:
        response = asyncio.run(_fetch(url, settings, policy))
    except FetchError as exc:
        return FeedTrial(url, status=exc.status, error=str(exc), seconds=time.monotonic() - started)
    trial = FeedTrial(
        url,
        status=response.status,
        final_url=response.url,
        content_type=response.content_type,
        size=len(response.body),
        seconds=response.seconds,
    )
    try:
        parsed = parse_feed(
            response.body,
            url=response.url,
            content_type=response.content_type,
            now=now,
            max_entries=MAX_ENTRIES,
        )
    except FeedParseError as exc:
        return _with(trial, error=str(exc))
    known: Mapping[str, KnownEntry] = {}
    articles: Mapping[str, KnownArticle] = {}
    if lookup is not None:
        keys = [e.key for e in parsed.entries]
        article_keys = [article_key(feed_id, e) for e in parsed.entries]
        known, articles = lookup(keys, article_keys)
    return _with(trial, parsed=parsed, verdicts=verdicts(feed_id, parsed.entries, known, articles))


def _with(trial: FeedTrial, **changes: object) -> FeedTrial:
    return replace(trial, **changes)  # type: ignore[arg-type]


async def _fetch(url: str, settings: Settings, policy: AddressPolicy | None) -> Response:
    async with HttpClient(
        settings.fetch, settings.user_agent(__version__), policy=policy
    ) as client:
        return await client.get(url, accept=FEED_ACCEPT)
