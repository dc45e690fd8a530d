"""Compose a digest from undelivered findings (pure: everything, `now` included, is passed in).

What goes where, per milestone (a finding about two milestones appears in both sections):

- a *story* is one development: the `new` findings that report it (see `stories`), with the
  facts that are still new (facts already delivered in an earlier digest are not news again);
- *background* lists `background` findings, and `new` findings whose facts were all delivered
  before, in one compact line each;
- *alerted earlier* lists findings that already went out as an immediate alert (periodic
  digests only): they are not told again as stories;
- re-publications of the baseline (`baseline_repeat`) are counted per seed document, not listed.

Every configured milestone gets a section in a periodic digest, with its standing even when
nothing happened; an alert carries only the milestones it concerns. The digest opens with the
state line of each milestone (`states`, from `monitor.state`: where the commitment stands,
whatever this period brought) and ends with coverage: which feeds failed or were not polled
during the period.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime

from monitor.analysis.novelty import status_change
from monitor.due import days_to_due, last_day
from monitor.notify.model import (
    AlertLine,
    ArticleLink,
    BackgroundItem,
    Coverage,
    Development,
    Digest,
    FactLine,
    FailedFeed,
    FeedHealth,
    MilestoneSection,
    PendingFinding,
    Republication,
    Sentence,
    StateLine,
    Story,
)
from monitor.notify.stories import StoryCandidate, group_stories
from monitor.sanitize import clean_text, safe_url
from monitor.state.alerts import Reason
from monitor.state.derive import derive
from monitor.state.describe import headline, label, state_line
from monitor.state.model import MilestoneState
from monitor.types import Fact, Mention, Milestone, StatusChange

TITLE_LIMIT = 300
SENTENCE_LIMIT = 600
OUTLET_LIMIT = 80
ERROR_LIMIT = 200
LINE_LIMIT = 600
# Where status changes rank among stories: the ones a reader must act on come first.
_STATUS_RANK = {"completed": 0, "reversed": 1, "denied": 2, "delayed": 3, "extended": 4}


def compose(
    findings: Sequence[PendingFinding],
    milestones: Sequence[Milestone],
    feeds: Sequence[FeedHealth],
    now: datetime,
    *,
    kind: str = "digest",
    period_start: datetime | None = None,
    known_facts: frozenset[tuple[str, str]] = frozenset(),
    latest: Mapping[str, Development] | None = None,
    seeds: Mapping[str, tuple[str, str]] | None = None,
    states: Mapping[str, MilestoneState] | None = None,
    alerts: Mapping[str, Sequence[Reason]] | None = None,
    only: Collection[str] | None = None,
    key: str | None = None,
) -> Digest:
    """The digest of `findings` for the period ending at `now`.

    `known_facts` are the (milestone, fact key) pairs already delivered; `latest` the most
    recent development already known per milestone id (the store's memory, for the status
    line of a quiet milestone); `seeds` the (title, outlet) of each baseline document by id,
    to name re-publications as readers know them; `states` each milestone's state (a
    milestone missing from it stands as the calendar says, with nothing reported). An alert
    carries the milestones of its findings, or those in `only`, each with the `alerts` reasons
    given for it; `key` replaces the key made from the findings (alerts are keyed by what they
    tell).
    """
    latest = latest or {}
    lines = {m.id: _state_line(m, (states or {}).get(m.id), now) for m in milestones}
    repeats = [f for f in findings if f.finding.novelty == "baseline_repeat"]
    reported = [f for f in findings if f.finding.novelty != "baseline_repeat"]
    touched = {m for f in reported for m in f.finding.milestones}
    sections = []
    for milestone in milestones:
        if only is not None and milestone.id not in only:
            continue
        if only is None and kind != "digest" and milestone.id not in touched:
            continue
        mine = [f for f in reported if milestone.id in f.finding.milestones]
        reasons = tuple(_alert_line(r) for r in (alerts or {}).get(milestone.id, ()))
        known = latest.get(milestone.id)
        state = lines[milestone.id]
        sections.append(_section(milestone, mine, now, kind, known_facts, known, state, reasons))
    shown = {section.id for section in sections}
    per_seed = Counter(clean_text(f.finding.repeat_of, 120) or "baseline" for f in repeats)
    ids = tuple(sorted(f.finding_id for f in findings))
    return Digest(
        kind=kind,
        key=key or digest_key(kind, findings, now),
        generated_at=now,
        period_start=period_start,
        period_end=now,
        sections=tuple(sections),
        coverage=coverage(feeds, period_start),
        story_count=sum(len(s.stories) for s in sections),
        background_count=sum(len(s.background) for s in sections),
        alerted_count=sum(len(s.alerted_earlier) for s in sections),
        republication_count=len(repeats),
        republications=tuple(
            _republication(seed, n, seeds or {}) for seed, n in sorted(per_seed.items())
        ),
        is_empty=not findings,
        finding_ids=ids,
        states=tuple(lines[m.id] for m in milestones if kind == "digest" or m.id in shown),
    )


def _state_line(milestone: Milestone, state: MilestoneState | None, now: datetime) -> StateLine:
    """The state line of `milestone`, its text cleaned (outlet names come from the news)."""
    state = state or derive(milestone, (), now)
    return StateLine(
        milestone=milestone.id,
        title=clean_text(milestone.title, TITLE_LIMIT),
        state=state.state,
        label=label(state.state),
        line=clean_text(state_line(state, now), LINE_LIMIT),
        headline=clean_text(headline(state), TITLE_LIMIT),
        since=state.since,
        confirmed=state.confirmed,
        outlets=state.outlets,
        effective_due=state.effective_due,
        last_mention=state.last_mention,
    )


def _alert_line(reason: Reason) -> AlertLine:
    return AlertLine(
        kind=reason.kind,
        text=clean_text(reason.text, LINE_LIMIT),
        short=clean_text(reason.short, TITLE_LIMIT),
    )


def _republication(seed: str, count: int, seeds: Mapping[str, tuple[str, str]]) -> Republication:
    title, outlet = seeds.get(seed, ("", ""))
    return Republication(
        seed, count, clean_text(title, TITLE_LIMIT), clean_text(outlet, OUTLET_LIMIT)
    )


def digest_key(kind: str, findings: Iterable[PendingFinding], now: datetime) -> str:
    """The outbox key: the same findings always give the same key, so composing twice cannot
    create two digests. An empty digest is keyed by its UTC day (one "nothing new" a day).

    Finding ids alone are not enough: a re-analysed finding is a new row and SQLite may reuse
    the id of the row it replaced, so the analysis time is part of the identity.
    """
    members = sorted(f"{f.finding_id}@{f.analysed_at.isoformat()}" for f in findings)
    if not members:
        return f"{kind}-empty-{now:%Y%m%d}"
    digest = hashlib.sha256("\n".join(members).encode()).hexdigest()[:32]
    return f"{kind}-{digest}"


def _section(
    milestone: Milestone,
    findings: Sequence[PendingFinding],
    now: datetime,
    kind: str,
    known_facts: frozenset[tuple[str, str]],
    known_latest: Development | None,
    state: StateLine,
    alerts: tuple[AlertLine, ...],
) -> MilestoneSection:
    alerted = [f for f in findings if f.alerted and kind == "digest"]
    fresh = [f for f in findings if not (f.alerted and kind == "digest")]
    story_members: list[tuple[PendingFinding, tuple[Fact, ...]]] = []
    background: list[PendingFinding] = []
    for f in fresh:
        facts = _facts_for(f, milestone.id)
        still_new = tuple(x for x in facts if (milestone.id, x.key) not in known_facts)
        if f.finding.novelty == "new" and (still_new or not facts or _change_for(f, milestone.id)):
            story_members.append((f, still_new))
        else:
            background.append(f)
    stories = _stories(milestone.id, story_members)
    latest = _latest(stories, known_latest)
    status_change = latest.status_change if latest else None
    return MilestoneSection(
        id=milestone.id,
        title=milestone.title,
        due=milestone.due,
        due_date=last_day(milestone.due),
        due_passed=days_to_due(milestone.due, now) < 0,
        days_to_due=days_to_due(milestone.due, now),
        status_change=status_change,
        latest=latest,
        stories=tuple(stories),
        background=tuple(
            BackgroundItem(
                title=clean_text(f.title, TITLE_LIMIT),
                outlet=clean_text(f.outlet, OUTLET_LIMIT),
                url=safe_url(f.url),
                published=f.published,
                sentence=key_sentence(_mentions_for(f, milestone.id)),
            )
            for f in sorted(background, key=lambda f: f.when, reverse=True)
        ),
        alerted_earlier=tuple(_link(f) for f in sorted(alerted, key=lambda f: f.when)),
        state=state,
        alerts=alerts,
    )


def _facts_for(f: PendingFinding, milestone_id: str) -> tuple[Fact, ...]:
    return tuple(x for x in f.finding.new_facts if x.milestone in (milestone_id, ""))


def _mentions_for(f: PendingFinding, milestone_id: str) -> tuple[Mention, ...]:
    return tuple(m for m in f.finding.mentions if m.milestone == milestone_id)


def _stories(
    milestone_id: str, members: Sequence[tuple[PendingFinding, tuple[Fact, ...]]]
) -> list[Story]:
    candidates = [
        StoryCandidate(
            fact_keys=frozenset(x.key for x in facts) | _status_key(f, milestone_id),
            title=f.title,
            text=f.text,
        )
        for f, facts in members
    ]
    stories = []
    for group in group_stories(candidates):
        articles = sorted((members[i] for i in group), key=lambda m: (m[0].when, m[0].finding_id))
        stories.append(_story(milestone_id, articles))
    return sorted(
        stories,
        key=lambda s: (
            _STATUS_RANK.get(s.status_change or "", 9),
            -s.outlet_count,
            -(s.first_published.timestamp() if s.first_published else 0),
        ),
    )


def _change_for(f: PendingFinding, milestone_id: str) -> StatusChange | None:
    """The status change this article reports of this milestone: an article that completes
    one phase and speaks of another in passing must not badge the other's story."""
    if f.finding.novelty != "new":
        return None
    return status_change(_facts_for(f, milestone_id))


def _status_key(f: PendingFinding, milestone_id: str) -> frozenset[str]:
    change = _change_for(f, milestone_id)
    return frozenset({f"status:{change}"}) if change else frozenset()


def _story(milestone_id: str, articles: Sequence[tuple[PendingFinding, tuple[Fact, ...]]]) -> Story:
    first = articles[0][0]
    outlets: list[str] = []
    for f, _ in articles:
        name = clean_text(f.outlet, OUTLET_LIMIT)
        if name and name.casefold() not in (o.casefold() for o in outlets):
            outlets.append(name)
    facts: dict[str, FactLine] = {}
    for _, article_facts in articles:
        for fact in article_facts:
            facts.setdefault(fact.key, fact_line(fact))
    change = next(
        (c for c in (_change_for(f, milestone_id) for f, _ in articles) if c is not None), None
    )
    # The key sentence: the one that says the change the badge names, else the first report's
    # best mention, else the best of any report.
    sentence = _change_sentence(articles, milestone_id, change)
    if not sentence.text:
        sentence = key_sentence(_mentions_for(first, milestone_id))
    if not sentence.text:
        every = tuple(m for f, _ in articles for m in _mentions_for(f, milestone_id))
        sentence = key_sentence(every)
    return Story(
        headline=clean_text(first.title, TITLE_LIMIT) or clean_text(first.url, TITLE_LIMIT),
        status_change=change,
        outlet_count=len(outlets),
        outlets=tuple(outlets),
        first_outlet=outlets[0] if outlets else "",
        first_published=first.published or first.analysed_at,
        sentence=sentence,
        facts=tuple(facts.values()),
        links=tuple(_link(f) for f, _ in articles),
    )


def _change_sentence(
    articles: Sequence[tuple[PendingFinding, tuple[Fact, ...]]],
    milestone_id: str,
    change: StatusChange | None,
) -> Sentence:
    """The evidence sentence of the story's status change, its date phrase highlighted when
    a mention of the same sentence carries one; empty when there is no change."""
    if change is None:
        return Sentence(text="", before="", date_text="", after="")
    for f, _ in articles:
        for event in f.finding.events:
            if event.milestone == milestone_id and event.kind == change and event.sentence:
                dated = (
                    m.date_text
                    for m in _mentions_for(f, milestone_id)
                    if m.date_text and event.sentence in m.sentence
                )
                return highlight(event.sentence, next(dated, None))
    return Sentence(text="", before="", date_text="", after="")


def _link(f: PendingFinding) -> ArticleLink:
    return ArticleLink(
        title=clean_text(f.title, TITLE_LIMIT),
        outlet=clean_text(f.outlet, OUTLET_LIMIT),
        url=safe_url(f.url),
        published=f.published,
    )


def _latest(stories: Sequence[Story], known: Development | None) -> Development | None:
    dated = [s for s in stories if s.first_published is not None]
    newest = max(dated, key=lambda s: s.first_published, default=None)  # type: ignore[arg-type,return-value]
    if newest is None or newest.first_published is None:
        return known
    if known is not None and known.date is not None and known.date > newest.first_published.date():
        return known
    return Development(
        date=newest.first_published.date(),
        headline=newest.headline,
        outlet=newest.first_outlet,
        url=newest.links[0].url if newest.links else None,
        status_change=newest.status_change,
    )


def fact_line(fact: Fact) -> FactLine:
    """A fact as the digest shows it: "troops: about 2,500 in the baseline → fewer than 2,000".

    The analysis writes statements such as "troops: fewer than 2,000 (baseline: about 2,500)"
    or "left Ain al-Asad"; `statement` here drops the kind prefix and the baseline suffix,
    which the label places itself.
    """
    kind = clean_text(fact.kind, 40)
    raw = clean_text(fact.statement, 300)
    baseline = clean_text(fact.baseline, 300) or None
    core = raw
    if baseline and core.endswith(f" (baseline: {baseline})"):
        core = core[: -len(f" (baseline: {baseline})")].rstrip()
    prefixed = bool(kind) and core.casefold().startswith(f"{kind.casefold()}:")
    if prefixed:
        core = core[len(kind) + 1 :].strip()
    if baseline:
        label = f"{kind}: {baseline} in the baseline → {core}" if kind else core
    elif prefixed or kind in ("troops", "date", "place"):
        label = f"{kind}: {core}"
    else:
        label = core
    return FactLine(kind=kind, statement=core, baseline=baseline, label=label)


def key_sentence(mentions: Sequence[Mention]) -> Sentence:
    """The most telling mention (a dated one first, then by score), split at its date phrase."""
    if not mentions:
        return Sentence(text="", before="", date_text="", after="")
    best = max(mentions, key=lambda m: (m.date_text is not None, m.score, -m.start))
    return highlight(best.sentence, best.date_text)


def highlight(sentence: str, date_text: str | None) -> Sentence:
    """`sentence` cleaned and split around the first occurrence of `date_text`."""
    text = clean_text(sentence, SENTENCE_LIMIT)
    phrase = clean_text(date_text)
    at = text.casefold().find(phrase.casefold()) if phrase else -1
    if at < 0:
        return Sentence(text=text, before=text, date_text="", after="")
    end = at + len(phrase)
    return Sentence(text=text, before=text[:at], date_text=text[at:end], after=text[end:])


def coverage(feeds: Sequence[FeedHealth], period_start: datetime | None) -> Coverage:
    """Which feeds failed, and which were not polled at all, during the period."""
    failed = tuple(
        FailedFeed(
            name=clean_text(f.name, OUTLET_LIMIT),
            failures=f.failures,
            polls=f.polls,
            consecutive_failures=int(f.consecutive_failures),
            last_error=clean_text(f.last_error, ERROR_LIMIT) or None,
            last_success_at=f.last_success_at,
        )
        for f in sorted(feeds, key=lambda f: (-f.failures, f.name))
        if f.failures > 0
    )
    silent = tuple(
        sorted(
            clean_text(f.name, OUTLET_LIMIT)
            for f in feeds
            if f.polls == 0
            and f.failures == 0
            and (f.last_polled_at is None or (period_start and f.last_polled_at < period_start))
        )
    )
    return Coverage(
        feeds_total=len(feeds),
        feeds_polled=sum(1 for f in feeds if f.polls > 0),
        failed=failed,
        silent=silent,
        complete=bool(feeds) and not failed and not silent,
    )
