"""Hostile and huge feeds cost bounded time and memory; legitimate entities still work."""

from __future__ import annotations

import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.sources import xmlsafety
from monitor.sources.feed import parse_feed, run_feedparser

NOW = datetime(2026, 11, 21, tzinfo=UTC)


def quadratic_blowup(encoding: str = "utf-8", padding: str = "") -> bytes:
    """One 50 KB text entity referenced 20,000 times: about 110 KB on the wire, a billion
    characters once expanded (47 s and 2.9 GB when handed to feedparser as it is)."""
    entity = "x" * 50_000
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?>{padding}'
        f'<!DOCTYPE rss [<!ENTITY a "{entity}">]>'
        '<rss version="2.0"><channel><title>quadratic</title>'
        f"<item><title>t</title><description>{'&a;' * 20_000}</description></item>"
        "</channel></rss>"
    )
    if encoding == "utf-16":
        return doc.encode("utf-16")  # with a BOM
    return doc.encode(encoding)


def billion_laughs() -> bytes:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(levels) + "]>"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>x</title><link>http://example.org/1</link></item></channel></rss>"
    ).encode()


def _bounded(body: bytes, seconds: float = 3.0, megabytes: int = 150):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        parsed = parse_feed(body, url="http://example.org/feed", content_type=None, now=NOW)
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f}s"
    assert peak < megabytes * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    return parsed


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(quadratic_blowup(), id="utf-8"),
        pytest.param(quadratic_blowup("utf-16"), id="utf-16 with BOM"),
        # A comment longer than 64 KB before the DOCTYPE does not hide it.
        pytest.param(quadratic_blowup(padding="<!--" + "p" * 70_000 + "-->"), id="late doctype"),
    ],
)
def test_quadratic_blowup_is_defused(body: bytes) -> None:
    assert 100_000 < len(body) < 400_000
    parsed = _bounded(body)
    assert "DOCTYPE removed" in (parsed.warning or "")
    assert "1,000,000,000" in (parsed.warning or "")
    assert len(parsed.entries) == 1
    assert len(parsed.entries[0].summary) <= 20_000


def test_billion_laughs_is_defused() -> None:
    parsed = _bounded(billion_laughs())
    assert "DOCTYPE removed" in (parsed.warning or "")
    assert parsed.entries[0].url == "http://example.org/1"
    assert "lol" * 100 not in parsed.title


def test_billion_laughs_in_utf16be_from_feedparsers_own_tests(shared_fixtures: Path) -> None:
    body = (
        shared_fixtures / "feeds/feedparser/entities/exponential_entities_utf16be.xml"
    ).read_bytes()
    run = run_feedparser(body, url=None, content_type=None, html=True)
    assert any("DOCTYPE removed" in note for note in run.notes)
    # The upstream oracle (with feedparser's HTML processing): the entity is not expanded.
    assert run.result.feed["title"] == "&amp;exponential3"


def test_small_local_entities_are_kept(shared_fixtures: Path) -> None:
    body = (shared_fixtures / "feeds/feedparser/entities/entity_in_doctype.xml").read_bytes()
    run = run_feedparser(body, url=None, content_type=None)
    assert run.notes == ()
    assert run.result.entries[0]["guid"] == "tag:example.com,2006-05-04:/blog/"


def test_external_entities_are_never_fetched_or_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>'
        "<description>&xxe;</description></item></channel></rss>"
    ).encode()
    parsed = parse_feed(body, url="http://example.org/feed", content_type=None, now=NOW)
    assert "TOP-SECRET" not in parsed.title + parsed.entries[0].title + parsed.entries[0].summary
    assert "DOCTYPE removed" in (parsed.warning or "")


def test_a_body_that_names_a_local_file_is_not_opened() -> None:
    # Given bytes, feedparser 6 first tries open(bytes) as a path; we hand it a file object.
    with pytest.raises(Exception) as caught:
        parse_feed(b"/etc/passwd", url="http://example.org/feed", content_type=None, now=NOW)
    assert "root:" not in str(caught.value)


def huge_feed(items: int) -> bytes:
    body = "".join(
        f"<item><title>Item {i}</title><link>https://example.org/{i}</link><guid>g{i}</guid></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>{body}'
        "</channel></rss>"
    ).encode()


def test_a_100000_item_feed_is_cut_to_the_first_500() -> None:
    body = huge_feed(100_000)
    assert len(body) > 7_000_000
    parsed = _bounded(body, seconds=5.0)
    assert len(parsed.entries) == 500
    assert parsed.truncated and parsed.items_seen == 100_000
    assert [e.title for e in parsed.entries[:2]] == ["Item 0", "Item 1"]
    assert "kept the first 500" in (parsed.warning or "")
    # Cut and closed properly: the strict parser accepted it (no bozo warning before ours).
    assert (parsed.warning or "").startswith("feed has 100,000 items")


@pytest.mark.parametrize(
    ("root", "closing"),
    [
        ('<rss version="2.0"><channel>', b"</channel></rss>"),
        ('<feed xmlns="http://www.w3.org/2005/Atom">', b"</feed>"),
        ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', b"</rdf:RDF>"),
    ],
)
def test_truncation_closes_the_root(root: str, closing: bytes) -> None:
    tag = "entry" if "Atom" in root else "item"
    body = (root + f"<{tag}><title>a</title></{tag}>" * 5).encode()
    prepared = xmlsafety.prepare(body, max_items=2)
    assert prepared.items == 5 and prepared.kept == 2
    assert prepared.body.endswith(closing)
    assert prepared.body.count(f"<{tag}>".encode()) == 2


@pytest.mark.parametrize(
    ("content_type", "body", "expected", "overridden"),
    [
        # UTF-8 served as windows-1252: the body proves the header wrong.
        ("application/rss+xml; charset=windows-1252", "Zürich café".encode(), "utf-8", True),
        ("text/xml; charset=ISO-8859-1", '<?xml version="1.0" encoding="utf-8"?>é'.encode(), "utf-8", True),
        # A real windows-1252 body is not valid UTF-8: the header stays.
        ("text/xml; charset=windows-1252", "Zürich café".encode("cp1252"), "windows-1252", False),
        # ASCII bodies cannot tell: the header stays (RFC 3023).
        ("text/xml; charset=us-ascii", b'<?xml version="1.0" encoding="iso-8859-1"?><rss/>', "us-ascii", False),
        # The declaration names another legacy encoding: the header stays.
        ("text/xml; charset=windows-1252", '<?xml version="1.0" encoding="iso-8859-7"?>é'.encode(), "windows-1252", False),
        (None, b"<rss/>", None, False),
    ],
)  # fmt: skip
def test_content_type_charset(content_type, body, expected, overridden) -> None:
    value, note = xmlsafety.content_type_for(content_type, body)
    if expected is None:
        assert value == "application/xml"
    else:
        assert f"charset={expected}".lower() in value.lower().replace(" ", "")
    assert (note is not None) is overridden


def test_invalid_utf8_bytes_are_replaced_not_misread() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Zürich</title>'
        "<item><title>Café \xff\xfe crème</title><link>http://example.org/1</link></item>"
        "</channel></rss>"
    ).encode("utf-8", "surrogateescape")
    body = body.replace("\xff\xfe".encode(), b"\xff\xfe")
    parsed = parse_feed(
        body, url="http://example.org/feed", content_type="application/xml", now=NOW
    )
    assert parsed.title == "Zürich"
    assert parsed.entries[0].title.startswith("Café") and "crème" in parsed.entries[0].title
    assert "invalid UTF-8" in (parsed.warning or "")


def test_wrong_declared_charset_does_not_garble_the_text() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Zürich</title>'
        "<item><title>Erbil – “Kurdistan”</title><link>http://example.org/1</link></item>"
        "</channel></rss>"
    ).encode()
    parsed = parse_feed(
        body,
        url="http://example.org/feed",
        content_type="application/rss+xml; charset=windows-1252",
        now=NOW,
    )
    assert parsed.title == "Zürich"
    assert parsed.entries[0].title == "Erbil – “Kurdistan”"
    assert "read as UTF-8" in (parsed.warning or "")


def test_a_feed_listing_its_oldest_first_keeps_its_newest_items() -> None:
    items = "".join(
        f"<item><title>Item {i}</title><guid>g{i}</guid>"
        f"<pubDate>{datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=i):%a, %d %b %Y %H:%M:%S} GMT"
        "</pubDate></item>"
        for i in range(2000)
    )
    body = f'<rss version="2.0"><channel><title>log</title>{items}</channel></rss>'.encode()
    parsed = parse_feed(body, url="http://example.org/feed", content_type=None, now=NOW)
    assert [e.title for e in parsed.entries[:2]] == ["Item 1500", "Item 1501"]
    assert len(parsed.entries) == 500 and parsed.entries[-1].title == "Item 1999"
    assert "kept the last 500" in (parsed.warning or "") and "SAX" not in (parsed.warning or "")
