"""`monitor feeds test NAME|URL`: fetch and parse one feed now and show what a poll would do
with each entry, storing nothing.

A configured feed (by name or URL) is judged against what the database knows of it, when the
database exists (it is not created for this); any other URL as if it were a new feed.
Exit codes: 0 the feed was read; 1 it could not be fetched or is not a feed; 2 NAME is
neither a configured feed nor an http(s) URL.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from monitor.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from monitor.cli.context import AppContext
from monitor.cli.feeds_cmd import WIDTH, cut, feeds_command
from monitor.config import FeedConfig, Settings
from monitor.sources.trial import FeedTrial, Lookup, try_feed
from monitor.store.articles import KnownArticle, articles_by_url
from monitor.store.entries import KnownEntry, known_entries
from monitor.store.feeds import all_feeds
from monitor.store.session import session_scope

SHOWN = 30
_ACTIONS = {
    "new": "fetch the article and analyse it",
    "changed": "fetch it again and analyse it (the entry changed)",
    "link": "link to an article already analysed (no fetch)",
    "unchanged": "nothing (already analysed)",
}


@feeds_command.command("test")
@click.argument("target", metavar="NAME|URL")
@click.option("--all", "show_all", is_flag=True, help=f"List every entry, not the first {SHOWN}.")
@click.pass_obj
def feeds_test(app: AppContext, target: str, show_all: bool) -> None:
    """Fetch and parse one feed (a configured NAME, or any URL) and show what a poll would do
    with it. Nothing is stored."""
    settings = app.settings
    feed = _configured(settings, target)
    if feed is None and not re.match(r"^https?://\S+$", target, re.IGNORECASE):
        names = ", ".join(f.name for f in settings.feeds[:5])
        more = ", ..." if len(settings.feeds) > 5 else ""
        click.echo(
            f"monitor: feeds test: {target!r} is neither a configured feed ({names}{more}) "
            "nor an http(s) URL",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    url = feed.url if feed else target
    feed_id, lookup = _store_lookup(app, feed)
    trial = try_feed(url, settings, now=datetime.now(UTC), feed_id=feed_id, lookup=lookup)
    for line in report(
        trial,
        feed.name if feed else None,
        known=lookup is not None,
        limit=None if show_all else SHOWN,
    ):
        click.echo(line)
    if trial.error:
        click.echo(f"monitor: feeds test: {feed.name if feed else url}: {trial.error}", err=True)
        sys.exit(EXIT_PARTIAL)
    sys.exit(EXIT_OK)


def _configured(settings: Settings, target: str) -> FeedConfig | None:
    for feed in settings.feeds:
        if target in (feed.name, feed.url):
            return feed
    return None


def _store_lookup(app: AppContext, feed: FeedConfig | None) -> tuple[int, Lookup | None]:
    """(feed id, lookup) for a configured feed already polled into an existing database;
    (0, None) otherwise. The database is never created here."""
    if feed is None or not _database_exists(app.settings.database_url):
        return 0, None
    engine = app.engine
    with session_scope(engine) as session:
        row = next((s for s in all_feeds(session) if s.name == feed.name), None)
    if row is None:
        return 0, None
    feed_id = row.id

    def lookup(
        keys: Iterable[str], article_keys: Iterable[str]
    ) -> tuple[Mapping[str, KnownEntry], Mapping[str, KnownArticle]]:
        with session_scope(engine) as session:
            return known_entries(session, feed_id, keys), articles_by_url(session, article_keys)

    return feed_id, lookup


def _database_exists(url: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    database = parsed.database or ""
    return database not in ("", ":memory:") and Path(database).is_file()


def report(trial: FeedTrial, name: str | None, *, known: bool, limit: int | None) -> list[str]:
    """The readable account of one trial, within 100 columns. Pure."""
    lines = [f"feed      {name + '  ' if name else ''}{trial.url}"]
    if trial.status is None:
        lines.append(f"fetched   failed after {trial.seconds:.1f}s")
        return lines
    kib = trial.size / 1024
    moved = f", from {trial.final_url}" if trial.final_url and trial.final_url != trial.url else ""
    lines.append(
        f"fetched   HTTP {trial.status}, {trial.content_type or 'no Content-Type'}, "
        f"{kib:.1f} KiB in {trial.seconds:.1f}s{moved}"
    )
    parsed = trial.parsed
    if parsed is None:
        return lines
    title = f' "{cut(parsed.title, 50)}"' if parsed.title else ""
    cap = f" (kept {len(parsed.entries)} of {parsed.items_seen})" if parsed.truncated else ""
    lines.append(f"parsed    {parsed.version}{title}, {len(parsed.entries)} entries{cap}")
    if parsed.warning:
        lines.append(f"warning   {cut(parsed.warning, WIDTH - 10)}")
    against = "what the database knows of this feed" if known else "an empty database"
    counts = ", ".join(
        f"{trial.count(action)} {action}" for action in _ACTIONS if trial.count(action)
    )
    lines.append(f"a poll    judged against {against}: {counts or 'no entries'}")
    for action, meaning in _ACTIONS.items():
        if trial.count(action):
            lines.append(f"          {action}: {meaning}")
    shown = trial.verdicts if limit is None else trial.verdicts[:limit]
    for verdict in shown:
        entry = verdict.entry
        when = entry.published.date().isoformat() if entry.published else "undated   "
        publisher = f" ({entry.publisher})" if entry.publisher else ""
        lines.append(
            cut(f"  {verdict.action:<9} {when}  {entry.title or '(no title)'}{publisher}", WIDTH)
        )
        lines.append(cut(f"            {verdict.article}", WIDTH))
    if len(shown) < len(trial.verdicts):
        lines.append(f"  ... and {len(trial.verdicts) - len(shown)} more (--all lists them)")
    return lines
