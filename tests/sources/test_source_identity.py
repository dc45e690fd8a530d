"""Canonical URLs, aggregator links and entry identity: tables of cases, pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.sources.identity import ParsedItem, assign_keys, base_key, content_hash
from monitor.sources.urls import canonical_url, unwrap_aggregator_link


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://Example.COM/a/b", None, "https://example.com/a/b"),
        ("HTTPS://example.com:443/a", None, "https://example.com/a"),
        ("http://example.com:80/a", None, "http://example.com/a"),
        ("http://example.com:8080/a", None, "http://example.com:8080/a"),
        ("https://example.com", None, "https://example.com/"),
        ("https://example.com/a#section-2", None, "https://example.com/a"),
        (
            "https://example.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=XYZ&gclid=1",
            None,
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?b=2&a=1", None, "https://example.com/a?b=2&a=1"),
        ("https://example.com/a?id=%C3%A9", None, "https://example.com/a?id=%C3%A9"),
        ("https://example.com./a", None, "https://example.com/a"),
        ("/2024/story.html", "https://news.example.org/feed.xml", None),
        ("/2024/story.html", None, None),
        ("story.html", "https://news.example.org/section/feed", None),
        ("javascript:alert(1)", None, None),
        ("mailto:someone@example.org", None, None),
        ("ftp://example.org/file", None, None),
        ("", None, None),
        ("http://[::1]:8080/x", None, "http://[::1]:8080/x"),
    ],
)
def test_canonical_url(url: str, base: str | None, expected: str | None) -> None:
    if base is not None and expected is None:
        # Relative links resolve against the document's address.
        expected = {
            "/2024/story.html": "https://news.example.org/2024/story.html",
            "story.html": "https://news.example.org/section/story.html",
        }[url]
    assert canonical_url(url, base) == expected


def test_same_article_from_two_feeds_has_one_url() -> None:
    a = canonical_url("https://www.Example.com/news/1?utm_source=feedA#top")
    b = canonical_url("https://www.example.com:443/news/1?utm_campaign=x&utm_source=feedB")
    assert a == b == "https://www.example.com/news/1"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://www.example.org/story/&ct=ga",
            "https://www.example.org/story/",
        ),
        (
            # Old-style Google News id (from fixtures/feeds/real-world/.../feed-test-source.xml)
            "https://news.google.com/__i/rss/rd/articles/CBMiiwFodHRwczovL3d3dy5ydGJmLmJlL2luZm8v"
            "c29jaWV0ZS9kZXRhaWxfY29yb25hdmlydXMtZW4tYmVsZ2lxdWUtMjAwLWNhcy1kZXRlY3Rlcy1hdS10b3Rh"
            "bC1sYS1jaXJjdWxhdGlvbi1kdS12aXJ1cy1yZXN0ZS1saW1pdGVlP2lkPTEwNDUwNzkz0gEA?oc=5",
            "https://www.rtbf.be/info/societe/detail_coronavirus-en-belgique-200-cas-detectes-au-"
            "total-la-circulation-du-virus-reste-limitee?id=10450793",
        ),
        # New-style ids are opaque: no URL, the caller uses the item's own text.
        ("https://news.google.com/rss/articles/AU_yqLNotDecodableAtAll?oc=5", None),
        ("https://news.google.com/stories/CAAqOQgKIjNDQklT?oc=5", None),
        ("https://www.example.org/plain", "https://www.example.org/plain"),
        (None, None),
    ],
)
def test_unwrap_aggregator_link(link: str | None, expected: str | None) -> None:
    assert unwrap_aggregator_link(link) == expected


def _item(**fields: object) -> ParsedItem:
    base = {
        "guid": None,
        "link": None,
        "url": None,
        "title": "",
        "summary": "",
        "published": None,
        "publisher": None,
    }
    base.update(fields)
    return ParsedItem(**base)  # type: ignore[arg-type]


def test_key_falls_back_from_guid_to_url_to_title_and_date() -> None:
    when = datetime(2025, 1, 2, tzinfo=UTC)
    with_guid = _item(guid="tag:x,2025:1", url="https://a/1", title="T")
    with_url = _item(url="https://a/1", title="T")
    with_title = _item(title="T", published=when)
    with_summary = _item(summary="only a summary")
    keys = {base_key(i) for i in (with_guid, with_url, with_title, with_summary)}
    assert len(keys) == 4
    # The GUID decides alone: a changed link or title is the same entry, edited.
    assert base_key(with_guid) == base_key(_item(guid="tag:x,2025:1", url="https://a/2"))
    # Title keys ignore case and spacing, but the date separates two items of one title.
    assert base_key(with_title) == base_key(_item(title="  t ", published=when))
    assert base_key(with_title) != base_key(_item(title="T"))
    assert all(len(k) == 64 for k in keys)


def test_duplicate_guids_in_one_feed_are_told_apart_or_dropped() -> None:
    items = [
        _item(guid="1", url="https://a/1", title="First"),
        _item(guid="1", url="https://a/2", title="Second"),  # same GUID, other link
        _item(guid="1", url="https://a/1", title="Third"),  # same GUID and link, other title
        _item(guid="1", url="https://a/1", title="First"),  # a true duplicate
        _item(guid="2", url="https://a/9", title="Other"),
    ]
    keyed = assign_keys(items)
    assert [item.title for _, item in keyed] == ["First", "Second", "Third", "Other"]
    assert len({key for key, _ in keyed}) == 4
    # Stable: the same document gives the same keys.
    assert [k for k, _ in assign_keys(items)] == [k for k, _ in keyed]


def test_content_hash_changes_with_text_not_with_spacing() -> None:
    a = _item(guid="1", url="https://a/1", title="Troops leave", summary="Convoy left.")
    assert content_hash(a) == content_hash(
        _item(guid="1", url="https://a/1", title="Troops  leave\n", summary=" Convoy left.")
    )
    assert content_hash(a) != content_hash(
        _item(guid="1", url="https://a/1", title="Troops leave", summary="Convoy left today.")
    )
