"""A milestone's state from tables of dated evidence: every rule, and the same answer whatever
the order in which the articles arrived."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from monitor.state.derive import derive, support_article_ids
from monitor.state.model import Evidence, evidence_date
from monitor.types import Milestone

MILESTONE = Milestone(
    id="mission-end",
    title="Mission ends",
    description="",
    due="2025-09",
    announced="2024-09-27",
)
AUTHORITIES = {"wire": "press", "gov": "official", "gnews": "aggregator"}
BEFORE_DUE = datetime(2025, 9, 1, 12, tzinfo=UTC)
AFTER_DUE = datetime(2026, 3, 1, 12, tzinfo=UTC)

_ids = iter(range(1, 10_000))


def ev(
    kind: str,
    on: str,
    outlet: str = "Gulf Ledger",
    *,
    article: int | None = None,
    partial: bool = False,
    new_due: str | None = None,
    feeds: tuple[str, ...] = ("wire",),
    milestone: str = "mission-end",
    statement: str | None = None,
) -> Evidence:
    """One row of a table: an event of `kind` on `on`, reported by `outlet`."""
    article_id = article if article is not None else next(_ids)
    day = date.fromisoformat(on)
    return Evidence(
        milestone=milestone,
        kind=kind,  # type: ignore[arg-type]
        on=day,
        statement=statement or f"{kind} reported by {outlet}",
        article_id=article_id,
        finding_id=article_id + 1000,
        url=f"https://news.example/{article_id}",
        title=f"{outlet}: {kind}",
        outlet=outlet,
        published=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        sentence=f"A sentence saying {kind}.",
        new_due=new_due,
        partial=partial,
        feeds=feeds,
    )


def state_of(evidence, now=AFTER_DUE, texts=None, last_mention=None):
    return derive(
        MILESTONE,
        evidence,
        now,
        authorities=AUTHORITIES,
        texts=texts,
        last_mention=last_mention,
    )


# (name, evidence, now, state, since, effective due, confirmed, outlets)
TABLE = [
    ("nothing yet", [], BEFORE_DUE, "pending", "2024-09-27", "2025-09-30", True, 0),
    ("nothing, due passed", [], AFTER_DUE, "overdue", "2025-09-30", "2025-09-30", True, 0),
    (
        "steps before the due date",
        [ev("step", "2025-08-18"), ev("step", "2025-08-24", "Defense Wire")],
        BEFORE_DUE,
        "in_progress",
        "2025-08-18",
        "2025-09-30",
        True,
        2,
    ),
    (
        "only steps, due passed",
        [ev("step", "2025-08-18"), ev("step", "2025-10-02")],
        AFTER_DUE,
        "overdue",
        "2025-09-30",
        "2025-09-30",
        True,
        0,
    ),
    (
        "a completion by one outlet",
        [ev("completed", "2026-01-17")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        False,
        1,
    ),
    (
        "a completion by two outlets",
        [ev("completed", "2026-01-17"), ev("completed", "2026-01-18", "Tigris Times")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        True,
        2,
    ),
    (
        "a completion by an official source",
        [ev("completed", "2026-01-17", "CENTCOM", feeds=("gov", "gnews"))],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        True,
        1,
    ),
    (
        "one outlet under two spellings counts once",
        [ev("completed", "2026-01-17", "Reuters"), ev("completed", "2026-01-18", "reuters.com")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        False,
        1,
    ),
    (
        "an aggregator is no official source",
        [ev("completed", "2026-01-17", "news.google.com", feeds=("gnews",))],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        False,
        1,
    ),
    (
        "a denial keeps the state",
        [ev("completed", "2026-01-17"), ev("denied", "2026-01-20", "Tigris Times")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        False,
        1,
    ),
    (
        "a confirmation of the plan keeps it pending",
        [ev("confirmed", "2025-08-18"), ev("confirmed", "2025-08-20", "Tigris Times")],
        BEFORE_DUE,
        "pending",
        "2024-09-27",
        "2025-09-30",
        True,
        0,
    ),
    (
        "a kind without a rule (a rumour) is history only",
        [ev("rumour", "2025-08-18"), ev("rumour", "2025-08-20", "Tigris Times")],
        BEFORE_DUE,
        "pending",
        "2024-09-27",
        "2025-09-30",
        True,
        0,
    ),
    (
        "a delay with a new date moves the due date",
        [ev("step", "2025-08-18"), ev("delayed", "2025-09-10", new_due="2026-03")],
        datetime(2025, 12, 1, tzinfo=UTC),
        "delayed",
        "2025-09-10",
        "2026-03-31",
        False,
        1,
    ),
    (
        "a delay whose new date passed is overdue",
        [ev("delayed", "2025-09-10", new_due="2026-01-15")],
        AFTER_DUE,
        "overdue",
        "2026-01-15",
        "2026-01-15",
        True,
        0,
    ),
    (
        "a delay without a date stays delayed",
        [ev("delayed", "2025-09-10")],
        AFTER_DUE,
        "delayed",
        "2025-09-10",
        "2025-09-30",
        False,
        1,
    ),
    (
        "an extension with a date",
        [ev("extended", "2025-09-20", new_due="2026-09"), ev("extended", "2025-09-21", "BBC")],
        AFTER_DUE,
        "extended",
        "2025-09-20",
        "2026-09-30",
        True,
        2,
    ),
    (
        "a partial extension is a step: the due date stays",
        [ev("extended", "2025-09-20", new_due="2026-09", partial=True)],
        BEFORE_DUE.replace(month=9, day=25),
        "in_progress",
        "2025-09-20",
        "2025-09-30",
        False,
        1,
    ),
    (
        "a partial extension, due passed: overdue",
        [ev("extended", "2025-09-20", new_due="2026-09", partial=True)],
        AFTER_DUE,
        "overdue",
        "2025-09-30",
        "2025-09-30",
        True,
        0,
    ),
    (
        "a reversal after the completion",
        [ev("completed", "2026-01-17"), ev("reversed", "2026-02-10", "BBC")],
        AFTER_DUE,
        "reversed",
        "2026-02-10",
        "2025-09-30",
        False,
        1,
    ),
    (
        "steps after the completion are history",
        [ev("completed", "2026-01-17"), ev("step", "2026-02-01", "BBC")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        False,
        1,
    ),
    (
        "a completion told again keeps its first date",
        [ev("completed", "2026-01-17"), ev("completed", "2026-02-19", "Kurdistan Herald")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        True,
        2,
    ),
    (
        "a completion after another state starts again",
        [
            ev("completed", "2025-10-15"),
            ev("extended", "2025-11-24", "BBC"),
            ev("completed", "2025-12-31", "Tigris Wire"),
            ev("completed", "2026-01-17", "Defense Wire"),
        ],
        AFTER_DUE,
        "completed",
        "2025-12-31",
        "2025-09-30",
        True,
        2,
    ),
    (
        "a step and a completion the same day: completed",
        [ev("completed", "2026-01-17"), ev("step", "2026-01-17", "BBC")],
        AFTER_DUE,
        "completed",
        "2026-01-17",
        "2025-09-30",
        False,
        1,
    ),
    (
        "other milestones do not count",
        [ev("completed", "2026-01-17", milestone="other")],
        AFTER_DUE,
        "overdue",
        "2025-09-30",
        "2025-09-30",
        True,
        0,
    ),
]


@pytest.mark.parametrize(
    ("evidence", "now", "state", "since", "due", "confirmed", "outlets"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_state_table(evidence, now, state, since, due, confirmed, outlets) -> None:
    result = state_of(evidence, now)
    assert result.state == state
    assert result.since == (date.fromisoformat(since) if since else None)
    assert result.effective_due == date.fromisoformat(due)
    assert (result.confirmed, result.outlets) == (confirmed, outlets)


def test_the_history_keeps_every_event_and_the_calendar() -> None:
    result = state_of(
        [
            ev("step", "2025-08-18", "Gulf Ledger"),
            ev("denied", "2025-08-30", "Tigris Times"),
            ev("step", "2025-10-02", "BBC"),
            ev("completed", "2026-01-17", "Defense Wire"),
            ev("step", "2026-02-01", "BBC"),
        ]
    )
    lines = [(h.on.isoformat(), h.event, h.state) for h in result.history]
    assert lines == [
        ("2025-08-18", "step", "in_progress"),
        ("2025-08-30", "denied", None),
        ("2025-09-30", None, "overdue"),
        ("2025-10-02", "step", None),
        ("2026-01-17", "completed", "completed"),
        ("2026-02-01", "step", None),
    ]
    assert result.last_development is not None and result.last_development.on == date(2026, 2, 1)
    assert [e.outlet for e in result.evidence] == ["Defense Wire"]


def test_evidence_is_one_report_per_article_oldest_first() -> None:
    result = state_of(
        [
            ev("completed", "2026-01-18", "BBC", article=7, statement="second sentence"),
            ev("completed", "2026-01-18", "BBC", article=7, statement="first sentence"),
            ev("completed", "2026-01-17", "Gulf Ledger", article=3),
        ]
    )
    assert [e.article_id for e in result.evidence] == [3, 7]
    assert [h.statement for h in result.history if h.event] == [
        "completed reported by Gulf Ledger",
        "first sentence",
        "second sentence",
    ]


def test_syndicated_copies_count_once() -> None:
    wire = (
        "The last American troops left Ain al-Asad air base on Saturday, handing the base to "
        "the Iraqi army, officials said, completing the first phase of the transition agreed "
        "in September 2024. "
    ) * 3
    copies = [ev("completed", "2026-01-17", "Gulf Ledger"), ev("completed", "2026-01-17", "BBC")]
    texts = {copies[0].article_id: wire, copies[1].article_id: "Re-published. " + wire[:300]}
    assert state_of(copies).outlets == 2
    copied = state_of(copies, texts=texts)
    assert (copied.outlets, copied.confirmed) == (1, False)
    assert support_article_ids(MILESTONE, copies, AFTER_DUE) == {c.article_id for c in copies}
    other = "Iraq's joint operations command said its forces had taken over the air base. " * 3
    texts[copies[1].article_id] = other
    assert state_of(copies, texts=texts).outlets == 2


def test_last_mention_is_the_newest_of_mentions_and_reports() -> None:
    events = [ev("step", "2025-08-18")]
    assert state_of(events, last_mention=date(2026, 2, 25)).last_mention == date(2026, 2, 25)
    assert state_of(events, last_mention=date(2025, 1, 1)).last_mention == date(2025, 8, 18)
    assert state_of([], last_mention=None).last_mention is None


def test_the_order_of_arrival_does_not_matter() -> None:
    table = [
        ev("step", "2025-08-18", "Gulf Ledger"),
        ev("step", "2025-08-18", "Tigris Times"),
        ev("confirmed", "2025-08-18", "Defense Wire"),
        ev("denied", "2025-08-30", "Defense Wire"),
        ev("completed", "2025-10-15", "Zagros Review"),
        ev("extended", "2025-11-24", "Levant Monitor", new_due="2026-03"),
        ev("extended", "2025-11-24", "Levant Monitor", partial=True),
        ev("completed", "2025-12-31", "Tigris Wire"),
        ev("completed", "2026-01-17", "Defense Wire", feeds=("gov",)),
        ev("completed", "2026-01-17", "Gulf Ledger"),
        ev("step", "2026-01-17", "BBC"),
        ev("completed", "2026-01-19", "Gulf Ledger"),
        ev("step", "2026-02-25", "Euphrates Post"),
    ]
    expected = state_of(table)
    assert expected.state == "completed" and expected.since == date(2025, 12, 31)
    rng = random.Random(20260117)
    for _ in range(50):
        shuffled = table[:]
        rng.shuffle(shuffled)
        assert state_of(shuffled) == expected


@pytest.mark.parametrize(
    ("happened_on", "published", "expected"),
    [
        ("2026-01-15", "2026-01-19", "2026-01-15"),
        (None, "2026-01-19", "2026-01-19"),
        ("2026-02-03", "2026-01-19", "2026-01-19"),  # later than its report: the report's date
        ("2025-12", "2026-01-19", "2025-12-31"),
        ("2026-01", "2026-01-19", "2026-01-19"),
        ("2026-01-05/2026-01-11", "2026-01-19", "2026-01-11"),  # last week: its last day
        ("2026-01-12/2026-01-25", "2026-01-19", "2026-01-19"),
        ("soon", "2026-01-19", "2026-01-19"),
        (None, None, "2026-03-01"),  # no date at all: the day it was first read
    ],
)
def test_evidence_date(happened_on, published, expected) -> None:
    when = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    seen = datetime(2026, 3, 1, 8, tzinfo=UTC)
    assert evidence_date(happened_on, when, seen) == date.fromisoformat(expected)
