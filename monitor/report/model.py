"""What the report page shows, as frozen dataclasses: the status board, each milestone's
timeline, the evidence and the feeds' coverage.

Built by `monitor.report.build` (pure), turned into HTML and page data by `monitor.report.page`.
Every string here is already cleaned for display (`monitor.sanitize`) and every link is an
http(s) URL or None; escaping for HTML happens when the page is rendered. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Development:
    """The last development of a milestone as the board shows it."""

    on: date
    what: str  # "Completed", "Step", "Overdue (calendar)"
    statement: str
    outlet: str
    url: str | None


@dataclass(frozen=True, slots=True)
class StatusCard:
    """One milestone on the status board, with the words of `monitor status`."""

    id: str
    title: str
    state: str
    label: str
    confirmed: bool
    confirmation: str
    line: str
    due: str
    due_text: str
    effective_due: date
    effective_due_text: str
    due_moved: bool
    since: date | None
    outlets: int
    last_mention: date | None
    last_development: Development | None


@dataclass(frozen=True, slots=True)
class Bucket:
    """One period of a timeline: the articles that mentioned the milestone, by novelty, and the
    status events dated in it."""

    start: date
    end: date
    new: int
    background: int
    events: int


@dataclass(frozen=True, slots=True)
class Marker:
    """A dated line of a milestone's history: an event reported, or a change the calendar made."""

    on: date
    kind: str  # an event kind, or "calendar"
    state: str | None  # the state it set, if any
    text: str
    outlet: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Timeline:
    """A milestone's reporting over time, its history and its due dates.

    `markers` and `history` are chosen from the whole history (`history_total` items): every
    change of state is kept, and the newest other items up to a limit."""

    milestone: str
    title: str
    unit: str  # "week" | "month"
    buckets: tuple[Bucket, ...]
    markers: tuple[Marker, ...]  # on the chart: changes of state and events other than steps
    history: tuple[Marker, ...]  # in the list: changes of state and the newest events
    history_total: int
    due: date
    effective_due: date
    announced: date | None

    @property
    def articles(self) -> int:
        return sum(b.new + b.background for b in self.buckets)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence split around its date phrase, so the page can mark the date."""

    before: str
    date_text: str
    after: str


@dataclass(frozen=True, slots=True)
class Link:
    """One article of a story."""

    title: str
    url: str | None
    outlet: str
    on: date
    sentence: Sentence | None


@dataclass(frozen=True, slots=True)
class Story:
    """One development of one milestone and the articles that report it (one article when no
    other reports the same), as the evidence list shows it."""

    milestone: str
    novelty: str
    on: date  # the first report's date
    last: date  # the last report's date
    headline: str
    change: str | None
    outlets: tuple[str, ...]
    facts: tuple[str, ...]
    sentence: Sentence | None
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One configured feed over the report's period."""

    name: str
    authority: str
    status: str  # ok | failing | gone | new | disabled
    polls: int
    failures: int
    last_success: datetime | None
    failing_since: datetime | None
    last_error: str
    entries_7d: int


@dataclass(frozen=True, slots=True)
class PollBucket:
    """Polls of all feeds in one period, by outcome."""

    start: date
    end: date
    ok: int
    unchanged: int
    failed: int


@dataclass(frozen=True, slots=True)
class Coverage:
    start: date | None
    end: date
    unit: str  # "day" | "week"
    feeds: tuple[FeedRow, ...]
    polls: tuple[PollBucket, ...]

    @property
    def failing(self) -> int:
        return sum(1 for f in self.feeds if f.status in ("failing", "gone"))


@dataclass(frozen=True, slots=True)
class Report:
    """The whole page."""

    title: str
    generated_at: datetime
    version: str
    cards: tuple[StatusCard, ...]
    timelines: tuple[Timeline, ...]
    stories: tuple[Story, ...]
    coverage: Coverage
    articles: int
    first: date | None
    last: date | None
