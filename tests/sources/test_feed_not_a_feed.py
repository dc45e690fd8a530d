"""Bodies that are not feeds are named for what they are, and a poll counts them as failures
instead of taking feedparser's loose guesses for an empty feed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.demo import REPLAY
from monitor.errors import FeedParseError
from monitor.sources.feed import looks_like_feed, parse_feed

NOW = datetime(2025, 10, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"User-agent: *\nDisallow: /private\n", "text/plain", "not a feed: plain text, not XML or JSON (text/plain)"),
        ((REPLAY / "README.md").read_bytes(), "text/markdown", "not a feed: plain text, not XML or JSON (text/markdown)"),
        (b"Service temporarily unavailable", None, "not a feed: plain text, not XML or JSON (no Content-Type)"),
        (b"<!doctype html><html><body>hi</body></html>", "text/html", "not a feed: an HTML page (text/html)"),
    ],
)  # fmt: skip
def test_what_is_not_a_feed_says_what_it_is(body, content_type, message) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, url="https://example.org/feed", content_type=content_type, now=NOW)
    assert str(caught.value) == message
    assert not looks_like_feed(body, content_type)


def test_feeds_are_recognised_by_their_opening() -> None:
    replay = (REPLAY / "feed.xml").read_bytes()
    assert looks_like_feed(replay, "application/rss+xml")
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<feed xmlns="x">', None)
    assert looks_like_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', None)
    assert not looks_like_feed(b'{"items": []}', "application/json")
    parsed = parse_feed(replay, url="http://127.0.0.1/feed.xml", content_type=None, now=NOW)
    assert len(parsed.entries) == 13
