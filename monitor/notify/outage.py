"""Coverage alerts: tell the readers when most feeds have gone quiet, and when they are back.

Pure (`now` and everything else passed in). An *episode* opens when more than `share` of the
enabled feeds have each been failing for at least `after`: a coverage alert (kind `outage`)
names them, once. It closes when no more than `share` of the feeds are failing, however
briefly: a recovery notice (kind `recovery`) says which feeds answered again and which still
fail. The notices are digests like any other (outbox, every channel, never lost); whether an
episode is open is read from the last notice stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from monitor.notify.compose import coverage
from monitor.notify.model import Digest, FeedHealth, Outage, OutageFeed
from monitor.sanitize import clean_text

Notice = Literal["outage", "recovery"]
ERROR_LIMIT = 200


def decide(
    failing: Sequence[OutageFeed],
    feeds_total: int,
    *,
    episode_open: bool,
    share: float,
    after: timedelta,
    now: datetime,
) -> Notice | None:
    """Which notice is due now, if any."""
    if feeds_total <= 0:
        return None
    limit = share * feeds_total
    if not episode_open:
        long = [f for f in failing if now - f.since >= after]
        return "outage" if len(long) > limit else None
    return "recovery" if len(failing) <= limit else None


def after_text(after: timedelta) -> str:
    """6 hours, 90 minutes, 1 hour."""
    minutes = round(after.total_seconds() / 60)
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(minutes, 1)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def compose_notice(
    kind: Notice,
    failing: Sequence[OutageFeed],
    feeds_total: int,
    health: Sequence[FeedHealth],
    *,
    after: timedelta,
    now: datetime,
    episode_start: datetime | None = None,
    back: Sequence[str] = (),
) -> Digest:
    """The coverage alert (the feeds failing for at least `after`, longest first) or the
    recovery notice (the feeds `back` since `episode_start`, and those still failing)."""
    named = [f for f in failing if now - f.since >= after] if kind == "outage" else list(failing)
    feeds = tuple(
        OutageFeed(
            name=clean_text(f.name, 80),
            since=f.since,
            failed_polls=f.failed_polls,
            last_error=clean_text(f.last_error, ERROR_LIMIT) or None,
            last_success_at=f.last_success_at,
        )
        for f in sorted(named, key=lambda f: (f.since, f.name))
    )
    start = episode_start if kind == "recovery" else min((f.since for f in feeds), default=now)
    return Digest(
        kind=kind,
        key=f"{kind}-{now:%Y%m%dT%H%M%S}",
        generated_at=now,
        period_start=start,
        period_end=now,
        sections=(),
        coverage=coverage(health, start),
        story_count=0,
        background_count=0,
        alerted_count=0,
        republication_count=0,
        republications=(),
        is_empty=False,
        finding_ids=(),
        outage=Outage(
            feeds_total=feeds_total,
            failing=feeds,
            back=tuple(sorted(clean_text(name, 80) for name in back)),
            after_text=after_text(after),
            since=episode_start,
        ),
    )
