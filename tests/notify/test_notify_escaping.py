"""Hostile text from feeds cannot inject markup into an email nor pings or links into Slack."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from notify_samples import NOW, TROOPS, feeds_with_failures, mention, pending

from monitor.notify import mrkdwn
from monitor.notify.compose import compose
from monitor.notify.model import FeedHealth
from monitor.notify.render import Renderer
from monitor.state.alerts import due_alerts
from monitor.state.derive import derive
from monitor.state.model import Evidence

ALERTS = Path(__file__).resolve().parents[2] / "alerts"

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<!channel> look",
    "<!here|here> now",
    "ping <@U123> and <#C999>",
    "<http://evil.example|click here>",
    "Tom & Jerry </td></tr></table><a href='javascript:alert(2)'>x</a>",
]


def hostile_digest(kind: str = "digest"):
    items = [
        pending(
            i + 1,
            title=title,
            outlet=f"Outlet {title}",
            url="javascript:alert(3)" if i == 0 else f"https://news.example/{i}?a=1&b=<2>",
            facts=(TROOPS,) if kind == "digest" or i == 0 else (),
            mentions=(
                mention("iraq-mission-end", f"{title} by September 2025.", "by September 2025"),
            ),
            novelty="new" if i % 2 == 0 else "background",
            status_change="completed" if kind == "alert" else None,
            text=f"{title} unique body {i} " + "filler " * i,
        )
        for i, title in enumerate(HOSTILE)
    ]
    feeds = [
        *feeds_with_failures(),
        FeedHealth("<!channel>", polls=1, failures=1, last_error="<script>x</script>"),
    ]
    milestones = __import__("notify_samples").MILESTONES
    # Outlet names and statements reach the state lines and the alerts' reasons too.
    evidence = [
        Evidence(
            milestone=milestone.id,
            kind="completed" if milestone.id == "iraq-mission-end" else "step",
            on=NOW.date(),
            statement=hostile,
            article_id=100 + i,
            finding_id=100 + i,
            url=f"https://news.example/e{i}",
            title=hostile,
            outlet=hostile,
            published=NOW,
        )
        for milestone, (i, hostile) in zip(
            milestones, ((0, HOSTILE[0]), (1, HOSTILE[2])), strict=True
        )
    ]
    states = {m.id: derive(m, evidence, NOW + timedelta(days=400)) for m in milestones}
    reasons = {
        a.milestone: a.reasons
        for a in due_alerts(list(states.values()), {}, NOW, deadline_days=14, silence_days=30)
    }
    return compose(
        items,
        milestones,
        feeds,
        NOW,
        kind=kind,
        states=states,
        alerts=reasons if kind == "alert" else None,
        only=[m.id for m in milestones] if kind == "alert" else None,
    )


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("kind", ["digest", "alert"])
def test_html_has_only_our_markup(kind):
    html = Renderer(ALERTS).render(hostile_digest(kind)).html
    parser = TagCollector()
    parser.feed(html)
    allowed = {
        "html", "head", "meta", "title", "style", "body", "div", "table", "tr", "td", "h1", "h2",
        "p", "br", "strong", "span", "mark", "ul", "li", "a",
    }  # fmt: skip
    assert parser.tags <= allowed
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a in parser.attrs if a[1].startswith("on")]
    hrefs = [value for tag, name, value in parser.attrs if name == "href"]
    assert hrefs and all(h.startswith("https://news.example/") for h in hrefs)
    text = "".join(parser.text)
    # The hostile strings are shown to the reader as text.
    assert "<script>alert(1)</script>" in text
    assert "<!channel> look" in text


@pytest.mark.parametrize("kind", ["digest", "alert"])
def test_slack_text_cannot_ping_or_link(kind):
    rendered = Renderer(ALERTS).render(hostile_digest(kind))
    texts = [m["text"] for m in rendered.slack]
    for message in rendered.slack:
        for block in message["blocks"]:
            if block["type"] == "section":
                texts.append(block["text"]["text"])
    joined = "\n".join(texts)
    for needle in ("<!channel>", "<!here", "<@U123>", "<#C999>", "<http://evil", "<script>"):
        assert needle not in joined
    assert "&lt;!channel&gt; look" in joined
    # Every remaining <…> is one of our links, to an http(s) URL with < > | encoded.
    for target in re.findall(r"<([^>]*)>", joined):
        url = target.split("|", 1)[0]
        assert url.startswith("https://news.example/"), target
        assert "<" not in url and "|" not in url


def test_subject_stays_one_line():
    digest = hostile_digest("alert")
    subject = Renderer(ALERTS).render(digest).subject
    assert "\n" not in subject and "\r" not in subject and len(subject) <= 200


@pytest.mark.parametrize(
    ("url", "label", "expected"),
    [
        ("https://a.example/x?q=1&r=2", "A & B", "<https://a.example/x?q=1&amp;r=2|A &amp; B>"),
        ("https://a.example/<x>|y", "t", "<https://a.example/%3Cx%3E%7Cy|t>"),
        ("javascript:alert(1)", "<!channel>", "&lt;!channel&gt;"),
        (None, "plain", "plain"),
    ],
)
def test_slack_link(url, label, expected):
    assert str(mrkdwn.link(url, label)) == expected


def test_slack_escape():
    assert mrkdwn.escape("<@U1> & <!here>") == "&lt;@U1&gt; &amp; &lt;!here&gt;"
    assert str(mrkdwn.finalize('say "hi"')) == 'say "hi"'  # quotes stay quotes in Slack
