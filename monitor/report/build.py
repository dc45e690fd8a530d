"""Build the report page's contents from the milestone states, the stored findings and the
feeds' polls (pure: `now` and everything else are passed in; nothing is read or written).

- The status board shows each milestone's state as `monitor.state` derived it, in the words of
  `monitor.state.describe` (the same as `monitor status` and the digest).
- A timeline counts, per week (per month over more than three years), the articles that
  mention the milestone, `new` apart from `background`, and marks its history (the state's
  own history items) and its due dates.
- The evidence is told in stories: the articles of one milestone, of one novelty, in one
  week, that carry the same new facts or status change, or the same headline, are one story
  (one development told by several outlets). This is the digest's grouping made linear, so it
  holds for tens of thousands of findings: exact fact sets and headlines instead of text
  similarity.
- Coverage: each configured feed's status now and its polls over the report's period, and
  the polls of all feeds per day (per week over more than 120 days).

Untrusted text (titles, sentences, outlets, errors) is cleaned here and links checked
(`monitor.sanitize`); escaping is the page's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from monitor.due import describe as describe_due
from monitor.due import last_day
from monitor.notify.compose import (
    OUTLET_LIMIT,
    TITLE_LIMIT,
    fact_line,
    highlight,
    key_sentence,
)
from monitor.notify.stories import title_words
from monitor.report.model import (
    Bucket,
    Coverage,
    Development,
    FeedRow,
    Link,
    Marker,
    PollBucket,
    Report,
    Sentence,
    StatusCard,
    Story,
    Timeline,
)
from monitor.sanitize import clean_text, safe_url
from monitor.state.describe import confirmation, label, state_line
from monitor.state.model import HistoryItem, MilestoneState
from monitor.types import Milestone

if TYPE_CHECKING:  # the store's records, read by attribute only: no database code here
    from monitor.store.feeds import FeedHealth as FeedNow
    from monitor.store.report_rows import FeedPolls as FeedPeriod
    from monitor.store.report_rows import PollDay, ReportArticle

ERROR_LIMIT = 200
STATEMENT_LIMIT = 300
WEEKS_BEFORE_MONTHS = 156
# A milestone's history on the page: every change of state and the newest events, up to these.
HISTORY_SHOWN = 30
MARKERS_SHOWN = 300
DAYS_BEFORE_WEEKS = 120
SHOWN_NOVELTIES = ("new", "background", "baseline_repeat")
CHANGES = ("completed", "reversed", "denied", "delayed", "extended")
EVENT_WORDS = {
    "completed": "Completed",
    "delayed": "Delayed",
    "extended": "Extended",
    "reversed": "Reversed",
    "denied": "Denied",
    "confirmed": "Plan confirmed",
    "step": "Step",
}
_MIN_TITLE_WORDS = 4


@dataclass(frozen=True, slots=True)
class FeedSetting:
    """What the configuration says of a feed (its name, authority and whether it is on)."""

    name: str
    authority: str
    enabled: bool


def build_report(
    *,
    title: str,
    version: str,
    now: datetime,
    milestones: Sequence[Milestone],
    states: Mapping[str, MilestoneState],
    articles: Sequence[ReportArticle],
    feeds: Sequence[FeedSetting],
    feeds_now: Sequence[FeedNow],
    feeds_period: Sequence[FeedPeriod],
    polls: Sequence[PollDay],
    period_start: datetime | None,
) -> Report:
    """The whole page. `states` holds every configured milestone's state (from
    `monitor.state.load.current_states`); `articles` the relevant findings and the
    re-publications, oldest first; `feeds_period` each enabled feed's polls since
    `period_start` (the first poll on record) and `polls` all polls per day."""
    ids = [m.id for m in milestones]
    cards = tuple(status_card(states[m.id], now) for m in milestones if m.id in states)
    timelines = tuple(
        timeline(m, states[m.id], articles, now) for m in milestones if m.id in states
    )
    dates = [a.when.date() for a in articles]
    return Report(
        title=clean_text(title, TITLE_LIMIT) or "Milestone report",
        generated_at=now,
        version=version,
        cards=cards,
        timelines=timelines,
        stories=tuple(stories(articles, ids)),
        coverage=coverage(feeds, feeds_now, feeds_period, polls, period_start, now),
        articles=len(articles),
        first=min(dates, default=None),
        last=max(dates, default=None),
    )


# --- status board -----------------------------------------------------------------------------


def status_card(state: MilestoneState, now: datetime) -> StatusCard:
    last = state.last_development
    return StatusCard(
        id=state.milestone,
        title=clean_text(state.title, TITLE_LIMIT),
        state=state.state,
        label=label(state.state),
        confirmed=state.confirmed,
        confirmation=clean_text(_confirmation(state), TITLE_LIMIT),
        line=clean_text(state_line(state, now), 600),
        due=state.due,
        due_text=describe_due(state.due),
        effective_due=state.effective_due,
        effective_due_text=describe_due(state.effective_due_text),
        due_moved=state.effective_due_text != state.due,
        since=state.since,
        outlets=state.outlets,
        last_mention=state.last_mention,
        last_development=_development(last) if last else None,
    )


def _confirmation(state: MilestoneState) -> str:
    if state.state in ("pending", "overdue"):
        return "set by the calendar: no report needed"
    return confirmation(state)


def _development(item: HistoryItem) -> Development:
    what = EVENT_WORDS.get(item.event or "", "") if item.event else ""
    if not what:
        what = f"{label(item.state)} (calendar)" if item.state else "Calendar"
    if item.partial:
        what += " (partial)"
    return Development(
        on=item.on,
        what=what,
        statement=clean_text(item.statement, STATEMENT_LIMIT),
        outlet=clean_text(item.outlet, OUTLET_LIMIT),
        url=safe_url(item.url),
    )


# --- timelines --------------------------------------------------------------------------------


def timeline(
    milestone: Milestone, state: MilestoneState, articles: Sequence[ReportArticle], now: datetime
) -> Timeline:
    mine = [
        a for a in articles if milestone.id in a.milestones and a.novelty in ("new", "background")
    ]
    history = [
        Marker(
            on=h.on,
            kind=h.event or "calendar",
            state=h.state,
            text=clean_text(h.statement, STATEMENT_LIMIT),
            outlet=clean_text(h.outlet, OUTLET_LIMIT),
            url=safe_url(h.url),
        )
        for h in state.history
    ]
    markers = history
    dates = [a.when.date() for a in mine] + [m.on for m in markers]
    unit = "week"
    if dates and (max(dates) - min(dates)).days > WEEKS_BEFORE_MONTHS * 7:
        unit = "month"
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for a in mine:
        counts[period_start(a.when.date(), unit)][0 if a.novelty == "new" else 1] += 1
    for marker in markers:
        if marker.kind != "calendar":
            counts[period_start(marker.on, unit)][2] += 1
    buckets = tuple(
        Bucket(start=start, end=period_end(start, unit), new=n, background=b, events=e)
        for start, (n, b, e) in sorted(counts.items())
    )
    return Timeline(
        milestone=milestone.id,
        title=clean_text(milestone.title, TITLE_LIMIT),
        unit=unit,
        buckets=buckets,
        markers=_latest(history, MARKERS_SHOWN, keep=lambda m: m.kind != "step"),
        history=_latest(history, HISTORY_SHOWN),
        history_total=len(history),
        due=last_day(milestone.due),
        effective_due=state.effective_due,
        announced=_day(milestone.announced),
    )


def _latest(
    history: Sequence[Marker], limit: int, keep: Callable[[Marker], bool] = lambda m: True
) -> tuple[Marker, ...]:
    """The items of `history` worth showing, oldest first: every change of state, then the
    newest others (those `keep` accepts) up to `limit` in all. A long run reports thousands
    of steps; the bucket counts keep them all."""
    changes = {i for i, m in enumerate(history) if m.state is not None}
    others = [i for i, m in enumerate(history) if i not in changes and keep(m)]
    room = max(0, limit - len(changes))
    chosen = changes | set(others[len(others) - room :] if room else ())
    return tuple(history[i] for i in sorted(chosen))


def period_start(day: date, unit: str) -> date:
    """The first day of the week (Monday), month or day holding `day`."""
    if unit == "month":
        return day.replace(day=1)
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day


def period_end(start: date, unit: str) -> date:
    """The last day of the period that begins on `start`."""
    if unit == "month":
        return last_day(f"{start:%Y-%m}")
    if unit == "week":
        return start + timedelta(days=6)
    return start


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# --- evidence ---------------------------------------------------------------------------------


def stories(articles: Sequence[ReportArticle], milestone_ids: Sequence[str]) -> list[Story]:
    """The evidence as stories, newest first (see the module docstring for the grouping).

    An article about two milestones is in a story of each; a re-publication of the baseline
    that mentions no milestone is a story of its own, with milestone "".
    """
    known = set(milestone_ids)
    groups: list[list[tuple[ReportArticle, str]]] = []
    where: dict[tuple[object, ...], int] = {}
    for article in articles:
        if article.novelty not in SHOWN_NOVELTIES:
            continue
        targets = [m for m in article.milestones if m in known]
        if not targets:
            if article.novelty != "baseline_repeat":
                continue
            targets = [""]
        week = period_start(article.when.date(), "week")
        for milestone in targets:
            keys = _story_keys(article, milestone, week)
            index = next((where[k] for k in keys if k in where), None)
            if index is None:
                index = len(groups)
                groups.append([])
            groups[index].append((article, milestone))
            for key in keys:
                where.setdefault(key, index)
    told = [_story(members) for members in groups]
    return sorted(told, key=lambda s: (s.on, s.last, s.headline), reverse=True)


def _story_keys(article: ReportArticle, milestone: str, week: date) -> list[tuple[object, ...]]:
    base = (milestone, article.novelty, week)
    keys: list[tuple[object, ...]] = []
    facts = frozenset(f.key for f in _facts_for(article, milestone))
    change = _change_for(article, milestone)
    if change:
        facts |= {f"status:{change}"}
    if facts:
        keys.append(("facts", *base, facts))
    title = title_words(article.title)
    if len(title) >= _MIN_TITLE_WORDS:
        keys.append(("title", *base, title))
    return keys


def _facts_for(article: ReportArticle, milestone: str) -> list:
    return [f for f in article.new_facts if f.milestone in (milestone, "")]


def _change_for(article: ReportArticle, milestone: str) -> str | None:
    """The status change this article reports of this milestone (the strongest of its
    events), when it is news."""
    if article.novelty != "new":
        return None
    kinds = {e.kind for e in article.events if e.milestone == milestone}
    return next((c for c in CHANGES if c in kinds), None)


@lru_cache(maxsize=4096)
def _outlet(name: str) -> str:
    # A few dozen outlets name tens of thousands of articles: clean each name once.
    return clean_text(name, OUTLET_LIMIT)


def _link(article: ReportArticle, milestone: str) -> Link:
    return Link(
        title=clean_text(article.title, TITLE_LIMIT) or clean_text(article.url, TITLE_LIMIT),
        url=safe_url(article.url),
        outlet=_outlet(article.outlet),
        on=article.when.date(),
        sentence=_sentence(article, milestone),
    )


def _story(members: list[tuple[ReportArticle, str]]) -> Story:
    members = sorted(members, key=lambda m: (m[0].when, m[0].finding_id))
    first, milestone = members[0]
    outlets: dict[str, str] = {}
    for article, _ in members:
        name = _outlet(article.outlet)
        if name:
            outlets.setdefault(name.casefold(), name)
    facts: dict[str, str] = {}
    for article, _ in members:
        for fact in _facts_for(article, milestone) if article.novelty == "new" else ():
            facts.setdefault(fact.key, fact_line(fact).label)
    change = next((c for c in (_change_for(a, milestone) for a, _ in members) if c), None)
    links = tuple(_link(a, milestone) for a, _ in members)
    sentence = _change_sentence(members, milestone, change) or links[0].sentence
    return Story(
        milestone=milestone,
        novelty=first.novelty,
        on=first.when.date(),
        last=members[-1][0].when.date(),
        headline=links[0].title,
        change=change,
        outlets=tuple(outlets.values()),
        facts=tuple(facts.values()),
        sentence=sentence,
        links=links,
    )


def _sentence(article: ReportArticle, milestone: str) -> Sentence | None:
    mentions = [m for m in article.mentions if m.milestone == milestone or not milestone]
    return _as_sentence(key_sentence(mentions))


def _change_sentence(
    members: Sequence[tuple[ReportArticle, str]], milestone: str, change: str | None
) -> Sentence | None:
    if change is None:
        return None
    for article, _ in members:
        for event in article.events:
            if event.milestone == milestone and event.kind == change and event.sentence:
                dated = (
                    m.date_text
                    for m in article.mentions
                    if m.milestone == milestone and m.date_text and event.sentence in m.sentence
                )
                return _as_sentence(highlight(event.sentence, next(dated, None)))
    return None


def _as_sentence(sentence: object) -> Sentence | None:
    text = getattr(sentence, "text", "")
    if not text:
        return None
    return Sentence(
        before=sentence.before,  # type: ignore[attr-defined]
        date_text=sentence.date_text,  # type: ignore[attr-defined]
        after=sentence.after,  # type: ignore[attr-defined]
    )


# --- coverage ---------------------------------------------------------------------------------


def coverage(
    feeds: Sequence[FeedSetting],
    feeds_now: Sequence[FeedNow],
    feeds_period: Sequence[FeedPeriod],
    polls: Sequence[PollDay],
    start: datetime | None,
    now: datetime,
) -> Coverage:
    now_by_name = {f.name: f for f in feeds_now}
    period_by_name = {f.name: f for f in feeds_period}
    rows = []
    for feed in feeds:
        current = now_by_name.get(feed.name)
        period = period_by_name.get(feed.name)
        status = feed_status(feed, current)
        rows.append(
            FeedRow(
                name=clean_text(feed.name, OUTLET_LIMIT),
                authority=feed.authority,
                status=status,
                polls=period.polls if period else 0,
                failures=period.failures if period else 0,
                last_success=current.last_success_at if current else None,
                failing_since=(
                    current.failing_since if current and status in ("failing", "gone") else None
                ),
                last_error=clean_text(current.last_error if current else "", ERROR_LIMIT)
                if status in ("failing", "gone")
                else "",
                entries_7d=current.entries_7d if current else 0,
            )
        )
    first = start.date() if start else None
    unit = "day"
    if first is not None and (now.date() - first).days > DAYS_BEFORE_WEEKS:
        unit = "week"
    return Coverage(
        start=first,
        end=now.date(),
        unit=unit,
        feeds=tuple(rows),
        polls=tuple(poll_buckets(polls, unit)),
    )


def feed_status(feed: FeedSetting, current: FeedNow | None) -> str:
    """ok, failing, gone, new (never polled) or disabled, as `monitor feeds` says it."""
    if not feed.enabled:
        return "disabled"
    if current is None or (current.last_success_at is None and current.last_error is None):
        return "new"
    if current.gone:
        return "gone"
    return "failing" if current.consecutive_failures > 0 else "ok"


def poll_buckets(polls: Iterable[PollDay], unit: str) -> list[PollBucket]:
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for day in polls:
        slot = {"ok": 0, "not_modified": 1}.get(day.outcome, 2)
        counts[period_start(day.day, unit)][slot] += day.polls
    return [
        PollBucket(start=s, end=period_end(s, unit), ok=ok, unchanged=same, failed=failed)
        for s, (ok, same, failed) in sorted(counts.items())
    ]
