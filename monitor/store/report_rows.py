"""Read what the report page shows: every finding worth showing with its article, mentions,
facts and events, and the polls of every feed per day.

Read-only, with Core statements rather than the ORM's object loading: the report reads every
finding at once (tens of thousands on a long run) and only a few columns of each. Rows leave
as the frozen dataclasses below, built from `monitor.types`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from monitor.outlets import outlet_name
from monitor.store.digests import FAILED_OUTCOMES
from monitor.store.findings import fact_from_dict
from monitor.store.models import Article, Entry, Feed, MentionRow, PollEvent, StatusEventRow
from monitor.store.models import Finding as FindingRow
from monitor.types import Fact, Mention, StatusEvent

# The findings the report shows: relevant ones, and re-publications of the baseline.
_SHOWN = or_(FindingRow.relevant.is_(True), FindingRow.novelty == "baseline_repeat")


@dataclass(frozen=True, slots=True)
class ReportArticle:
    """A relevant article (or a re-publication of the baseline) with its verdict.

    `outlet` is named as everywhere else (see `monitor.outlets`); `when` is the publication
    time, else when it was analysed.
    """

    finding_id: int
    article_id: int
    url: str
    title: str
    outlet: str
    published: datetime | None
    analysed_at: datetime
    novelty: str
    relevant: bool
    milestones: tuple[str, ...]
    mentions: tuple[Mention, ...]
    new_facts: tuple[Fact, ...]
    events: tuple[StatusEvent, ...]
    repeat_of: str | None = None

    @property
    def when(self) -> datetime:
        return self.published or self.analysed_at


@dataclass(frozen=True, slots=True)
class PollDay:
    """How many polls of all the enabled feeds had `outcome` on `day` (UTC)."""

    day: date
    outcome: str
    polls: int


def report_articles(session: Session) -> list[ReportArticle]:
    """Every relevant finding and every re-publication of the baseline, oldest first."""
    rows = session.execute(
        select(
            FindingRow.id,
            Article.id,
            Article.url,
            Article.title,
            Article.site_name,
            Article.published,
            FindingRow.analysed_at,
            FindingRow.novelty,
            FindingRow.relevant,
            FindingRow.milestones,
            FindingRow.new_facts,
            FindingRow.repeat_of,
        )
        .join(Article, FindingRow.article_id == Article.id)
        .where(_SHOWN)
        .order_by(FindingRow.id)
    ).all()
    wanted = {row[0] for row in rows}
    mentions = _mentions(session, wanted)
    events = _events(session, wanted)
    publishers = _publishers(session)
    found = []
    for (
        finding_id,
        article_id,
        url,
        title,
        site_name,
        published,
        analysed_at,
        novelty,
        relevant,
        milestones,
        new_facts,
        repeat_of,
    ) in rows:
        found.append(
            ReportArticle(
                finding_id=finding_id,
                article_id=article_id,
                url=url,
                title=title or "",
                outlet=outlet_name(publishers.get(article_id), site_name, url),
                published=_utc(published),
                analysed_at=_utc(analysed_at) or datetime(1970, 1, 1, tzinfo=UTC),
                novelty=novelty,
                relevant=bool(relevant),
                milestones=tuple(milestones or ()),
                mentions=tuple(mentions.get(finding_id, ())),
                new_facts=tuple(fact_from_dict(f) for f in (new_facts or ())),
                events=tuple(events.get(finding_id, ())),
                repeat_of=repeat_of,
            )
        )
    found.sort(key=lambda a: (a.when, a.finding_id))
    return found


def _mentions(session: Session, wanted: set[int]) -> dict[int, list[Mention]]:
    found: dict[int, list[Mention]] = defaultdict(list)
    if not wanted:
        return found
    rows = session.execute(
        select(
            MentionRow.finding_id,
            MentionRow.milestone,
            MentionRow.sentence,
            MentionRow.start,
            MentionRow.end,
            MentionRow.date_text,
            MentionRow.score,
        )
        .join(FindingRow, MentionRow.finding_id == FindingRow.id)
        .where(_SHOWN)
        .order_by(MentionRow.finding_id, MentionRow.start)
    )
    for finding_id, milestone, sentence, start, end, date_text, score in rows:
        if finding_id in wanted:
            found[finding_id].append(
                Mention(
                    milestone=milestone,
                    sentence=sentence,
                    start=start,
                    end=end,
                    date_text=date_text,
                    score=score or 0.0,
                )
            )
    return found


def _events(session: Session, wanted: set[int]) -> dict[int, list[StatusEvent]]:
    found: dict[int, list[StatusEvent]] = defaultdict(list)
    if not wanted:
        return found
    rows = session.execute(
        select(
            StatusEventRow.finding_id,
            StatusEventRow.milestone,
            StatusEventRow.kind,
            StatusEventRow.statement,
            StatusEventRow.sentence,
            StatusEventRow.happened_on,
            StatusEventRow.new_due,
            StatusEventRow.partial,
        )
        .join(FindingRow, StatusEventRow.finding_id == FindingRow.id)
        .where(_SHOWN)
        .order_by(StatusEventRow.id)
    )
    for finding_id, milestone, kind, statement, sentence, happened_on, new_due, partial in rows:
        if finding_id in wanted:
            found[finding_id].append(
                StatusEvent(
                    milestone=milestone,
                    kind=kind,
                    statement=statement or "",
                    sentence=sentence or "",
                    happened_on=happened_on,
                    new_due=new_due,
                    partial=bool(partial),
                )
            )
    return found


def _publishers(session: Session) -> dict[int, str]:
    """Per article, the publisher a feed named for it (the first by name, as elsewhere)."""
    rows = session.execute(
        select(Entry.article_id, func.min(Entry.publisher))
        .where(Entry.publisher.is_not(None), Entry.article_id.is_not(None))
        .group_by(Entry.article_id)
    )
    return {article_id: publisher for article_id, publisher in rows}


def poll_days(session: Session, since: datetime | None = None) -> list[PollDay]:
    """Polls of the enabled feeds per UTC day and outcome (since `since`, when given)."""
    at = PollEvent.at
    if session.get_bind().dialect.name == "postgresql":
        # date() of a timestamptz follows the session's zone; the report counts UTC days.
        at = func.timezone("UTC", PollEvent.at)
    day = func.date(at)
    query = (
        select(day, PollEvent.outcome, func.count())
        .join(Feed, Feed.id == PollEvent.feed_id)
        .where(Feed.enabled.is_(True))
        .group_by(day, PollEvent.outcome)
        .order_by(day)
    )
    if since is not None:
        query = query.where(PollEvent.at >= since)
    return [
        PollDay(day=_as_date(value), outcome=outcome, polls=int(count))
        for value, outcome, count in session.execute(query)
        if value is not None
    ]


@dataclass(frozen=True, slots=True)
class FeedPolls:
    """One enabled feed's polls and failed polls between two times."""

    name: str
    polls: int
    failures: int


def feed_polls(session: Session, start: datetime, end: datetime) -> list[FeedPolls]:
    """Every enabled feed's polls and failures between `start` and `end`, counted by the
    database (a year of polls is hundreds of thousands of rows). As for the digest's coverage,
    a feed whose row says it failed in the period but has no poll kept counts one failed poll.
    """
    failed = case((PollEvent.outcome.in_(FAILED_OUTCOMES), 1), else_=0)
    rows = session.execute(
        select(Feed.name, Feed.last_error_at, func.count(PollEvent.id), func.sum(failed))
        .outerjoin(
            PollEvent,
            and_(PollEvent.feed_id == Feed.id, PollEvent.at >= start, PollEvent.at <= end),
        )
        .where(Feed.enabled.is_(True))
        .group_by(Feed.id, Feed.name, Feed.last_error_at)
        .order_by(Feed.name)
    )
    found = []
    for name, last_error_at, polls, failures in rows:
        polls, failures = int(polls or 0), int(failures or 0)
        error_at = _utc(last_error_at)
        if polls == 0 and error_at is not None and start <= error_at <= end:
            polls, failures = 1, 1
        found.append(FeedPolls(name=name, polls=polls, failures=failures))
    return found


def first_poll_at(session: Session) -> datetime | None:
    """When the first poll kept on record happened."""
    return _utc(session.scalar(select(func.min(PollEvent.at))))


def _utc(value: datetime | None) -> datetime | None:
    # SQLite gives naive datetimes back; every stored time is UTC.
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _as_date(value: date | datetime | str) -> date:
    # date() comes back as text on SQLite and as a date on PostgreSQL.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
