"""The report's contents from plain inputs (pure): the board says what `monitor status` says,
timelines count by week and novelty and carry the history, stories group one development,
coverage tells each feed's health; the rendered page keeps hostile text as text."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser

from report_samples import (
    FEEDS,
    HOSTILE,
    IRAQ,
    MILESTONES,
    NOW,
    SYRIA,
    article,
    day,
    fact,
    feeds_now,
    feeds_period,
    polls,
)

from monitor.cli.status_cmd import status_json
from monitor.report.build import build_report, period_end, period_start, stories, timeline
from monitor.report.page import page_data, render, script_json
from monitor.state.derive import derive
from monitor.state.model import Evidence
from monitor.types import StatusEvent

ARRIVED = fact(IRAQ.id, "place:erbil:arrive", "arrived in Erbil")
LEFT = fact(IRAQ.id, "place:ain-al-asad:leave", "left Ain al-Asad")


def evidence_of(items) -> list[Evidence]:
    return [
        Evidence(
            milestone=e.milestone,
            kind=e.kind,
            on=a.when.date(),
            statement=e.statement,
            article_id=a.article_id,
            finding_id=a.finding_id,
            url=a.url,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            sentence=e.sentence,
        )
        for a in items
        for e in a.events
    ]


def sample_articles():
    step = StatusEvent(IRAQ.id, "step", "left Ain al-Asad", "The convoy left Ain al-Asad.")
    done = StatusEvent(IRAQ.id, "completed", "the mission ended", "The mission ended on Friday.")
    return [
        article(1, title="Convoy leaves Ain al-Asad base", published=day(2025, 8, 18),
                facts=(LEFT,), events=(step,), outlet="Gulf Ledger"),
        article(2, title="US convoy departs Ain al-Asad", published=day(2025, 8, 19),
                facts=(LEFT,), events=(step,), outlet="Tigris Wire"),
        article(3, title="Analysis: what the drawdown means for Anbar", published=day(2025, 8, 20),
                novelty="background", outlet="Desert Post"),
        article(4, title="Forces arrive in Erbil after handover", published=day(2025, 9, 2),
                facts=(ARRIVED,), milestones=(IRAQ.id, SYRIA.id), outlet="Gulf Ledger"),
        article(5, title="Mission in federal Iraq has ended, officials say",
                published=day(2026, 1, 18), events=(done,), outlet="Tigris Wire",
                sentence="The mission ended on Friday 16 January.", date_text="16 January"),
        article(6, title="Copy of the transition announcement", published=day(2025, 8, 21),
                novelty="baseline_repeat", milestones=(), outlet="Repost Daily"),
    ]  # fmt: skip


def report_of(items, now=NOW):
    evidence = evidence_of(items)
    states = {m.id: derive(m, evidence, now) for m in MILESTONES}
    report = build_report(
        title="Report",
        version="test",
        now=now,
        milestones=MILESTONES,
        states=states,
        articles=items,
        feeds=FEEDS,
        feeds_now=feeds_now(),
        feeds_period=feeds_period(),
        polls=polls(),
        period_start=now - timedelta(days=2),
    )
    return report, states


def test_the_board_says_what_monitor_status_says() -> None:
    report, states = report_of(sample_articles())
    for card in report.cards:
        said = status_json(states[card.id], NOW)
        assert card.state == said["state"]
        assert card.line == said["line"]
        assert card.confirmed == said["confirmed"]
        assert card.effective_due.isoformat() == said["effective_due"]
        assert (card.since.isoformat() if card.since else None) == said["state_since"]
    iraq, syria = report.cards
    assert (iraq.state, iraq.label) == ("completed", "Completed")
    assert iraq.last_development is not None and iraq.last_development.what == "Completed"
    assert iraq.due_text == "end of September 2025"
    assert syria.state == "pending" and syria.confirmation.startswith("set by the calendar")


def test_a_timeline_counts_each_week_new_apart_from_background_with_its_history() -> None:
    items = sample_articles()
    report, states = report_of(items)
    iraq = report.timelines[0]
    assert iraq.unit == "week"
    by_start = {b.start: b for b in iraq.buckets}
    week = by_start[date(2025, 8, 18)]  # a Monday: articles 1, 2 (new) and 3 (background)
    assert (week.new, week.background, week.end) == (2, 1, date(2025, 8, 24))
    assert week.events == 2  # the two steps reported that week
    assert by_start[date(2025, 9, 1)].new == 1
    assert iraq.articles == 5  # the re-publication is not reporting volume
    history = states[IRAQ.id].history
    assert [m.kind for m in iraq.history] == [h.event or "calendar" for h in history]
    assert iraq.history_total == len(history)
    # On the chart: changes of state, and the events that are not steps.
    assert [(m.kind, m.state) for m in iraq.markers] == [
        (h.event or "calendar", h.state) for h in history if h.state or h.event != "step"
    ]
    assert iraq.due == date(2025, 9, 30) and iraq.announced == date(2024, 9, 27)
    syria = report.timelines[1]
    assert syria.articles == 1 and syria.markers == ()


def test_a_long_history_keeps_every_change_of_state_and_the_newest_events() -> None:
    step = StatusEvent(IRAQ.id, "step", "left a base", "The convoy left a base.")
    items = [
        article(i, title=f"Step number {i} of the drawdown", published=day(2025, 3, 1) + timedelta(days=i), events=(step,))
        for i in range(100)
    ]  # fmt: skip
    report, states = report_of(items)
    iraq = report.timelines[0]
    history = states[IRAQ.id].history
    assert iraq.history_total == len(history) > 100  # the steps and the calendar's overdue
    assert len(iraq.history) == 30
    changes = [h for h in history if h.state is not None]
    assert len(changes) >= 2 and all(
        any(m.on == h.on and m.state == h.state for m in iraq.history) for h in changes
    )
    assert iraq.history[-1].on == history[-1].on  # the newest is there
    assert all(m.state is not None or m.kind != "step" for m in iraq.markers)
    html, _ = render(report)
    assert "30 of 10" in html and "the articles behind the others are in the evidence" in html


def test_a_long_timeline_counts_by_month() -> None:
    items = [
        article(i, title=f"Report number {i} on the mission", published=day(2021 + i, 3, 1))
        for i in range(5)
    ]
    state = derive(IRAQ, [], NOW)
    t = timeline(IRAQ, state, items, NOW)
    assert t.unit == "month"
    assert [b.start for b in t.buckets] == [date(2021 + i, 3, 1) for i in range(5)]
    assert all(b.end == date(b.start.year, 3, 31) for b in t.buckets)


def test_periods() -> None:
    assert period_start(date(2025, 8, 21), "week") == date(2025, 8, 18)
    assert period_end(date(2025, 8, 18), "week") == date(2025, 8, 24)
    assert period_start(date(2024, 2, 20), "month") == date(2024, 2, 1)
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)


def test_stories_group_one_development_and_keep_the_rest_apart() -> None:
    told = stories(sample_articles(), [m.id for m in MILESTONES])
    by_headline = {s.headline: s for s in told}
    convoy = by_headline["Convoy leaves Ain al-Asad base"]
    assert [link.outlet for link in convoy.links] == ["Gulf Ledger", "Tigris Wire"]
    assert convoy.outlets == ("Gulf Ledger", "Tigris Wire") and convoy.facts == (
        "left Ain al-Asad",
    )
    assert convoy.change is None and (convoy.on, convoy.last) == (
        date(2025, 8, 18),
        date(2025, 8, 19),
    )
    # An article about two milestones is in a story of each.
    erbil = [s for s in told if s.headline.startswith("Forces arrive")]
    assert sorted(s.milestone for s in erbil) == [IRAQ.id, SYRIA.id]
    # The completion: its badge and its evidence sentence with the date phrase marked.
    done = by_headline["Mission in federal Iraq has ended, officials say"]
    assert done.change == "completed"
    assert done.sentence is not None and done.sentence.date_text == ""  # the event's own sentence
    repost = by_headline["Copy of the transition announcement"]
    assert (repost.milestone, repost.novelty) == ("", "baseline_repeat")
    # Newest first.
    assert told[0] is done


def test_the_same_facts_a_week_later_are_another_story() -> None:
    items = [
        article(1, title="Convoy leaves the base at dawn", published=day(2025, 8, 18), facts=(LEFT,)),
        article(2, title="Another convoy leaves later on", published=day(2025, 9, 8), facts=(LEFT,)),
        article(3, title="Same headline told twice here", published=day(2025, 9, 9), outlet="A"),
        article(4, title="Same headline told twice here - B News", published=day(2025, 9, 10), outlet="B"),
    ]  # fmt: skip
    told = stories(items, [IRAQ.id])
    assert sorted(len(s.links) for s in told) == [1, 1, 2]


def test_coverage_tells_each_feed_and_the_polls_per_day() -> None:
    report, _ = report_of(sample_articles())
    cov = report.coverage
    status = {f.name: f.status for f in cov.feeds}
    assert status == {
        "wire": "ok",
        "ministry": "ok",
        "dead": "failing",
        "later": "new",
        "off": "disabled",
    }
    dead = next(f for f in cov.feeds if f.name == "dead")
    assert (dead.polls, dead.failures, dead.last_error) == (40, 12, "HTTP 503 <b>down</b>")
    assert dead.failing_since is not None and cov.failing == 1
    assert next(f for f in cov.feeds if f.name == "ministry").authority == "official"
    assert [(p.start.day, p.ok, p.unchanged, p.failed) for p in cov.polls] == [
        (30, 10, 20, 0),
        (31, 5, 0, 3),
    ]
    assert cov.unit == "day"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_data(self, data):
        self.text.append(data)


def hostile_articles():
    items = []
    for i, title in enumerate(HOSTILE):
        event = StatusEvent(IRAQ.id, "step", title, title)
        items.append(
            article(
                i + 1,
                title=title,
                outlet=f"Outlet {title}",
                published=day(2025, 8, 18) + timedelta(days=i),
                events=(event,),
                sentence=f"{title} by September 2025.",
                date_text="by September 2025",
                url="javascript:alert(3)" if i == 0 else f"https://news.example/{i}?a=1&b=<2>",
            )
        )
    return items


def test_hostile_text_stays_text_in_the_page() -> None:
    report, _ = report_of(hostile_articles())
    html, assets = render(report)
    parser = Tags()
    parser.feed(html)
    assert "img" not in parser.tags
    assert [t for t in parser.tags if t == "script"] == ["script", "script"]  # ours, with src
    assert not [a for a in parser.attrs if a[1].startswith("on")]
    scripts = [v for t, k, v in parser.attrs if t == "script" and k == "src"]
    assert all(s and s.startswith("assets/") for s in scripts)
    hrefs = [v for t, k, v in parser.attrs if k == "href" and not (v or "").startswith("#")]
    hrefs = [h for h in hrefs if not h.startswith("assets/")]
    assert hrefs and all(h.startswith("https://news.example/") for h in hrefs)
    text = "".join(parser.text)
    for title in HOSTILE:
        assert title in text  # shown to the reader as the text it is
    data = next(a for a in assets if a.name.startswith("assets/data-")).data.decode()
    assert "<" not in data and ">" not in data
    payload = json.loads(data.removeprefix("window.MONITOR_REPORT = ").rstrip().rstrip(";"))
    headlines = {s["h"] for s in payload["stories"]}
    assert set(HOSTILE) <= headlines  # the page data holds them, escaped only for the script
    links = [link["u"] for s in payload["stories"] for link in s["l"]]
    assert links.count(None) == 1  # the javascript: link is dropped, its title kept
    assert all(u is None or u.startswith("https://news.example/") for u in links)


def test_script_json_cannot_close_a_script() -> None:
    text = script_json({"t": "</script><script>alert(1)</script>\u2028&"})
    assert "</" not in text and "<" not in text and "\u2028" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script>\u2028&"}


def test_page_data_matches_the_tables() -> None:
    report, _ = report_of(sample_articles())
    data = page_data(report)
    html, _ = render(report)
    for t, rows in zip(report.timelines, data["timelines"], strict=True):
        assert [[b.new, b.background, b.events] for b in t.buckets] == [
            r[2:] for r in rows["buckets"]
        ]
    # Each bucket is a table row with its button, in the server-written page.
    assert len(re.findall(r'<button type="button" class="list"', html)) == sum(
        len(t.buckets) for t in report.timelines
    )
    assert data["milestones"] == [{"id": m.id, "title": m.title} for m in MILESTONES]


def test_the_building_and_the_page_are_pure() -> None:
    # No database, clock or network in the pure part: the store's records are read by
    # attribute (imported for type checking only) and `now` is passed in.
    import ast

    from tests.conftest import REPO

    for name in ("build", "page", "model"):
        path = REPO / "monitor" / "report" / f"{name}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        runtime = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        modules = {
            (n.module if isinstance(n, ast.ImportFrom) else a.name)
            for n in runtime
            for a in n.names
        }
        bad = sorted(
            m for m in modules if m and m.startswith(("sqlalchemy", "monitor.store", "aiohttp"))
        )
        assert not bad, f"{path.name} imports {bad}"
        assert "datetime.now" not in path.read_text(encoding="utf-8")
