"""The dataclasses a digest is made of, and the records composition starts from.

`Digest` and everything it holds is the whole template contract: the templates in alerts/
receive a `Digest` as `digest` and read nothing else (alerts/README.md documents every field,
and a test holds the two together). Text in these objects is untrusted (it comes from feeds
and pages): it is cleaned of control characters here and escaped for each channel when it is
rendered. Links are http(s) or None.

`PendingFinding`, `FeedHealth` and `Development` are the inputs, as the store's queries return
them (defined in `monitor.store.records`, named here too). Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# The inputs, as the store's queries return them (Development is also part of the contract).
from monitor.store.records import Development as Development
from monitor.store.records import FeedHealth as FeedHealth
from monitor.store.records import PendingFinding as PendingFinding

# --- the digest (template contract) ---------------------------------------------------------


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
class StateLine:
    """Where a milestone stands (see `monitor.state`): the line that opens the digest.

    `line` is the whole sentence ("Completed 18 Jan 2026, 3½ months after its due date;
    confirmed by 3 outlets"), `headline` a short form ("completed, confirmed by 3 outlets").
    """

    milestone: str
    title: str
    state: str
    label: str
    line: str
    headline: str
    since: date | None
    confirmed: bool
    outlets: int
    effective_due: date
    last_mention: date | None


@dataclass(frozen=True, slots=True)
class AlertLine:
    """One reason an alert was sent: `kind` is state, deadline, overdue or silence; `text` the
    sentence, `short` a few words for the subject ("overdue since 30 Sep 2026")."""

    kind: str
    text: str
    short: str


@dataclass(frozen=True, slots=True)
class MilestoneSection:
    """One milestone: its state and standing, then the stories, background and earlier alerts.
    In an alert, `alerts` says why it was sent."""

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
    state: StateLine
    alerts: tuple[AlertLine, ...] = ()


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
    states: tuple[StateLine, ...] = ()
