"""The dataclasses a digest is made of, and the records composition starts from.

`Digest` and everything it holds is the whole template contract: the templates in alerts/
receive a `Digest` as `digest` and read nothing else (alerts/README.md documents every field,
and a test holds the two together). Text in these objects is untrusted (it comes from feeds
and pages): it is cleaned of control characters here and escaped for each channel when it is
rendered. Links are http(s) or None.

`PendingFinding`, `FeedHealth` and `Development` are the inputs, as the store's queries return
them. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from monitor.types import Finding

# --- inputs ---------------------------------------------------------------------------------


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


# --- the digest (template contract) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Development:
    """The most recent development reported for a milestone."""

    date: date | None
    headline: str
    outlet: str
    url: str | None
    status_change: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A key sentence split around its date phrase, so each channel can highlight the date.

    `before + date_text + after == text`; `date_text` is "" when the sentence has none.
    """

    text: str
    before: str
    date_text: str
    after: str


@dataclass(frozen=True, slots=True)
class FactLine:
    """A new fact against the baseline: `label` reads "troops: about 2,500 in the baseline →
    fewer than 2,000", or "place: forces arrived in Erbil" when the baseline said nothing."""

    kind: str
    statement: str
    baseline: str | None
    label: str


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """One article: outlet, title, http(s) link (or None) and publication time."""

    title: str
    outlet: str
    url: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class Story:
    """Articles reporting the same development, with what they add to the baseline."""

    headline: str
    status_change: str | None
    outlet_count: int
    outlets: tuple[str, ...]
    first_outlet: str
    first_published: datetime | None
    sentence: Sentence
    facts: tuple[FactLine, ...]
    links: tuple[ArticleLink, ...]


@dataclass(frozen=True, slots=True)
class BackgroundItem:
    """An article that mentions the milestone only as context (or repeats known facts)."""

    title: str
    outlet: str
    url: str | None
    published: datetime | None
    sentence: Sentence


@dataclass(frozen=True, slots=True)
class MilestoneSection:
    """One milestone: its standing, then the stories, background and earlier alerts."""

    id: str
    title: str
    due: str
    due_date: date
    due_passed: bool
    days_to_due: int
    status_change: str | None
    latest: Development | None
    stories: tuple[Story, ...]
    background: tuple[BackgroundItem, ...]
    alerted_earlier: tuple[ArticleLink, ...]


@dataclass(frozen=True, slots=True)
class FailedFeed:
    """A feed that failed at least once during the period."""

    name: str
    failures: int
    polls: int
    consecutive_failures: int
    last_error: str | None
    last_success_at: datetime | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of the world the period saw: a quiet digest is only as good as its feeds."""

    feeds_total: int
    feeds_polled: int
    failed: tuple[FailedFeed, ...]
    silent: tuple[str, ...]
    complete: bool


@dataclass(frozen=True, slots=True)
class Republication:
    """Re-publications of one baseline document: counted, not listed. `title` and `outlet`
    name the document as its header does ("" when it is not among the seeds any more)."""

    seed: str
    count: int
    title: str = ""
    outlet: str = ""


@dataclass(frozen=True, slots=True)
class OutageFeed:
    """A feed that is failing: since when, how often, and its last error."""

    name: str
    since: datetime
    failed_polls: int
    last_error: str | None
    last_success_at: datetime | None


@dataclass(frozen=True, slots=True)
class Outage:
    """What a coverage alert (`outage`) or its recovery notice (`recovery`) says."""

    feeds_total: int
    failing: tuple[OutageFeed, ...]
    back: tuple[str, ...]
    after_text: str
    since: datetime | None


@dataclass(frozen=True, slots=True)
class Digest:
    """A composed message: a periodic digest, an immediate alert, a coverage alert or its
    recovery notice, or a test message."""

    kind: str
    key: str
    generated_at: datetime
    period_start: datetime | None
    period_end: datetime
    sections: tuple[MilestoneSection, ...]
    coverage: Coverage
    story_count: int
    background_count: int
    alerted_count: int
    republication_count: int
    republications: tuple[Republication, ...]
    is_empty: bool
    finding_ids: tuple[int, ...]
    outage: Outage | None = None
