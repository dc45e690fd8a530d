"""Hand-made findings for the digest tests: plain dataclasses, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.notify.model import FeedHealth, PendingFinding
from monitor.types import Fact, Finding, Mention, Milestone, StatusEvent

NOW = datetime(2025, 10, 12, 7, 0, tzinfo=UTC)

IRAQ = Milestone(
    id="iraq-mission-end",
    title="Coalition military mission in Iraq ends",
    description="",
    due="2025-09",
)
SYRIA = Milestone(
    id="syria-support-end",
    title="Support to counter-ISIS operations in Syria from Iraq continues",
    description="",
    due="2026-09",
)
MILESTONES = (IRAQ, SYRIA)

TROOPS = Fact(
    milestone="iraq-mission-end",
    kind="troops",
    statement="troops: fewer than 2,000 (baseline: about 2,500)",
    key="troops:<2000",
    baseline="about 2,500",
)
ERBIL = Fact(
    milestone="syria-support-end",
    kind="step",
    statement="arrived in Erbil",
    key="step:arrive:erbil",
)
COMPLETED = Fact(
    milestone="iraq-mission-end",
    kind="status",
    statement="completed: the mission in federal Iraq has ended",
    key="status:completed",
)


def mention(milestone: str, sentence: str, date_text: str | None = None, score: float = 1.0):
    return Mention(
        milestone=milestone,
        sentence=sentence,
        start=0,
        end=len(sentence),
        date_text=date_text,
        date_resolved=None,
        score=score,
    )


def pending(
    finding_id: int,
    *,
    title: str,
    outlet: str = "Example News",
    url: str | None = None,
    novelty: str = "new",
    milestones: tuple[str, ...] = ("iraq-mission-end",),
    facts: tuple[Fact, ...] = (),
    mentions: tuple[Mention, ...] = (),
    text: str = "",
    published: datetime | None = None,
    status_change: str | None = None,
    repeat_of: str | None = None,
    alerted: bool = False,
    relevant: bool = True,
) -> PendingFinding:
    published = published or NOW - timedelta(hours=finding_id)
    # A status change is what the article reports of its first milestone: the event the
    # milestone's state is derived from.
    events = (
        (StatusEvent(milestone=milestones[0], kind=status_change, statement=title),)  # type: ignore[arg-type]
        if status_change and milestones
        else ()
    )
    return PendingFinding(
        finding_id=finding_id,
        url=url or f"https://news.example/{finding_id}",
        title=title,
        outlet=outlet,
        published=published,
        analysed_at=published + timedelta(minutes=5),
        text=text or f"{title}. Article number {finding_id} says something of its own today.",
        finding=Finding(
            relevant=relevant,
            milestones=milestones,
            novelty=novelty,  # type: ignore[arg-type]
            mentions=mentions,
            new_facts=facts,
            status_change=status_change,  # type: ignore[arg-type]
            repeat_of=repeat_of,
            events=events,
        ),
        alerted=alerted,
    )


def rich_findings() -> list[PendingFinding]:
    """A week of news: a corroborated troop cut, a relocation, background, a re-publication."""
    troop_sentence = (
        "Fewer than 2,000 US troops will remain in Iraq by the end of September 2025, "
        "officials said."
    )
    return [
        pending(
            1,
            title="US to cut troops in Iraq to under 2,000",
            outlet="Reuters",
            facts=(TROOPS,),
            mentions=(mention("iraq-mission-end", troop_sentence, "by the end of September 2025"),),
            published=NOW - timedelta(days=3),
        ),
        pending(
            2,
            title="Pentagon confirms Iraq drawdown below 2,000 troops",
            outlet="Military Times",
            facts=(TROOPS,),
            mentions=(mention("iraq-mission-end", troop_sentence, "by the end of September 2025"),),
            published=NOW - timedelta(days=2),
        ),
        pending(
            3,
            title="Coalition forces move from Ain al-Asad to Erbil",
            outlet="Kurdistan24",
            milestones=("syria-support-end",),
            facts=(ERBIL,),
            mentions=(
                mention(
                    "syria-support-end",
                    "Coalition forces arrived in Erbil on Sunday and will support operations "
                    "in Syria until at least September 2026.",
                    "until at least September 2026",
                ),
            ),
            published=NOW - timedelta(days=1),
        ),
        pending(
            4,
            title="Iraq's parliament debates budget",
            outlet="Shafaq News",
            novelty="background",
            mentions=(
                mention(
                    "iraq-mission-end",
                    "The coalition is due to end its mission in Iraq by September 2025.",
                    "by September 2025",
                ),
            ),
        ),
        pending(
            5,
            title="Copy of the 2021 report",
            outlet="Aggregator",
            novelty="baseline_repeat",
            milestones=(),
            repeat_of="000_8f32e4b1079b2bee",
            relevant=False,
        ),
    ]


def feeds_with_failures() -> list[FeedHealth]:
    return [
        FeedHealth(
            name="centcom-news",
            polls=24,
            failures=24,
            last_error="HTTP 403",
            consecutive_failures=31,
            last_success_at=NOW - timedelta(days=9),
        ),
        FeedHealth(name="reuters", polls=24, failures=0, last_polled_at=NOW),
        FeedHealth(
            name="kurdistan24",
            polls=24,
            failures=2,
            last_error="timeout after 45 s",
            consecutive_failures=0,
            last_success_at=NOW - timedelta(hours=1),
        ),
        FeedHealth(name="old-feed", polls=0, failures=0, last_polled_at=None),
    ]
