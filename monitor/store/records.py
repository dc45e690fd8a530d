"""What the store's digest queries return: plain frozen dataclasses, no SQLAlchemy.

Composition (monitor.notify) starts from these; `Development` is also part of the digest's
template contract (a milestone section's latest development), documented in alerts/README.md.
Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from monitor.types import Finding


@dataclass(frozen=True, slots=True)
class PendingFinding:
    """A finding not yet delivered, with the article it judges.

    `outlet` is the publisher as the feed named it, else the page's site name, else the host.
    `alerted` is true when it already went out as an immediate alert.
    """

    finding_id: int
    url: str
    title: str
    outlet: str
    published: datetime | None
    analysed_at: datetime
    text: str
    finding: Finding
    alerted: bool = False

    @property
    def when(self) -> datetime:
        """When the outlet reported it: the publication time, else when we analysed it."""
        return self.published or self.analysed_at


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """One enabled feed's polls during the digest period."""

    name: str
    polls: int
    failures: int
    last_error: str | None = None
    consecutive_failures: float = 0.0
    last_success_at: datetime | None = None
    last_polled_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Development:
    """The most recent development reported for a milestone."""

    date: date | None
    headline: str
    outlet: str
    url: str | None
    status_change: str | None = None
