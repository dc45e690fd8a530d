"""Hand-made inputs for the report tests: stored-looking articles (as the store returns them)
and a few feeds; plain dataclasses, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.report.build import FeedSetting
from monitor.store.feeds import FeedHealth as FeedNow
from monitor.store.report_rows import FeedPolls as FeedPeriod
from monitor.store.report_rows import PollDay, ReportArticle
from monitor.types import Fact, Mention, Milestone, StatusEvent

NOW = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
IRAQ = Milestone(
    id="iraq-mission-end",
    title="Coalition military mission in Iraq ends",
    description="",
    due="2025-09",
    announced="2024-09-27",
)
SYRIA = Milestone(
    id="syria-support-end",
    title="Support to counter-ISIS operations in Syria from Iraq continues",
    description="",
    due="2026-09",
)
MILESTONES = (IRAQ, SYRIA)

# The hostile titles of the HTML digest's tests (tests/notify/test_notify_escaping.py), and a
# probe that would mark the page if it ever ran.
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<!channel> look",
    "<!here|here> now",
    "ping <@U123> and <#C999>",
    "<http://evil.example|click here>",
    "Tom & Jerry </td></tr></table><a href='javascript:alert(2)'>x</a>",
]
PROBE = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\">"


def fact(milestone: str, key: str, statement: str, kind: str = "step") -> Fact:
    return Fact(milestone=milestone, kind=kind, statement=statement, key=key)


def mention(milestone: str, sentence: str, date_text: str | None = None) -> Mention:
    return Mention(
        milestone=milestone, sentence=sentence, start=0, end=len(sentence), date_text=date_text
    )


def article(
    n: int,
    *,
    title: str,
    published: datetime,
    outlet: str = "Gulf Ledger",
    novelty: str = "new",
    milestones: tuple[str, ...] = (IRAQ.id,),
    facts: tuple[Fact, ...] = (),
    events: tuple[StatusEvent, ...] = (),
    sentence: str | None = None,
    date_text: str | None = None,
    url: str | None = None,
) -> ReportArticle:
    said = sentence or f"{title}, officials said."
    return ReportArticle(
        finding_id=n,
        article_id=n,
        url=url or f"https://news.example/{n}",
        title=title,
        outlet=outlet,
        published=published,
        analysed_at=published + timedelta(hours=1),
        novelty=novelty,
        relevant=novelty != "baseline_repeat" or bool(milestones),
        milestones=milestones,
        mentions=tuple(mention(m, said, date_text) for m in milestones),
        new_facts=facts,
        events=events,
    )


def day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 12, 0, tzinfo=UTC)


FEEDS = (
    FeedSetting("wire", "press", True),
    FeedSetting("ministry", "official", True),
    FeedSetting("dead", "press", True),
    FeedSetting("later", "press", True),
    FeedSetting("off", "press", False),
)


def feeds_now() -> list[FeedNow]:
    def health(name: str, **kw: object) -> FeedNow:
        base = dict(
            name=name,
            url=f"https://feeds.example/{name}",
            enabled=True,
            gone=False,
            last_success_at=NOW - timedelta(hours=1),
            last_error=None,
            last_error_at=None,
            last_warning=None,
            consecutive_failures=0.0,
            next_poll_at=NOW + timedelta(hours=1),
            entries_7d=4,
        )
        base.update(kw)
        return FeedNow(**base)  # type: ignore[arg-type]

    return [
        health("wire"),
        health("ministry", entries_7d=1),
        health(
            "dead",
            last_success_at=NOW - timedelta(days=3),
            last_error="HTTP 503 <b>down</b>",
            last_error_at=NOW,
            consecutive_failures=5.0,
            failing_since=NOW - timedelta(days=2),
            failed_polls=5,
            entries_7d=0,
        ),
    ]


def feeds_period() -> list[FeedPeriod]:
    return [
        FeedPeriod("wire", polls=40, failures=0),
        FeedPeriod("ministry", polls=40, failures=1),
        FeedPeriod("dead", polls=40, failures=12),
    ]


def polls() -> list[PollDay]:
    return [
        PollDay(day(2026, 1, 30).date(), "ok", 10),
        PollDay(day(2026, 1, 30).date(), "not_modified", 20),
        PollDay(day(2026, 1, 31).date(), "failed", 3),
        PollDay(day(2026, 1, 31).date(), "ok", 5),
    ]
