"""The poll cycle end to end: real servers on loopback serving feeds and real pages, the real
worker pool, a real database; a fake analyser (a recording function) except in one test.

Covers: a second poll that is all 304 and fetches nothing, the same article from two feeds
fetched once, a changed entry analysed again, every bad input of issue 3 in one cycle (each
failure recorded on its feed, the others go on), the SSRF guard on an article link, the
extraction time bound, Google News items, stopping early, and `monitor poll` / `monitor feeds`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from click.testing import CliRunner
from sqlalchemy import select

from monitor.app import ARTICLE_BATCH, PollSummary, make_analyser, poll_cycle
from monitor.cli import cli
from monitor.config import Settings, load_settings
from monitor.sources.ssrf import AddressPolicy
from monitor.store.engine import open_store
from monitor.store.models import Article, Entry, Feed, Finding, PollEvent
from monitor.store.session import session_scope
from monitor.types import Article as ArticleData
from monitor.types import Finding as FindingData
from tests.sources.sources_servers import LocalServer, gzip_bomb, rss
from tests.sources.test_feed_safety import billion_laughs, quadratic_blowup

REPO = Path(__file__).resolve().parents[1]
REPLAY = REPO / "monitor" / "demo" / "replay"
FAST_FETCH = {
    "allow_private_addresses": True,
    "per_host_min_gap_seconds": 0,
    "jitter_seconds": 0,
    "per_host_concurrency": 4,
    "connect_timeout_seconds": 2,
    "read_timeout_seconds": 2,
    "total_timeout_seconds": 3,
    "extract_workers": 2,
}


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


class Recorder:
    """A fake analyser: records what it was given; relevant when the text says "Erbil"."""

    def __init__(self) -> None:
        self.seen: list[ArticleData] = []

    def __call__(self, article: ArticleData) -> FindingData:
        self.seen.append(article)
        relevant = "Erbil" in article.text
        return FindingData(
            relevant=relevant,
            milestones=("syria-support-end",) if relevant else (),
            novelty="new" if relevant else "none",
        )


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


@pytest.fixture
def pages(shared_fixtures: Path) -> list[Path]:
    folder = shared_fixtures / "articles" / "trafilatura"
    names = ["bbc.com.52241221.html", "nytimes.com.blackouts.html", "reuters.com.parasite.html"]
    return [folder / name for name in names]


def setup(make_config, feeds: list[dict], **fetch: object) -> tuple[Settings, object]:
    settings = load_settings(make_config(feeds=feeds, fetch={**FAST_FETCH, **fetch}))
    return settings, open_store(settings.database_url)


def poll(settings, engine, clock, analyse, **kw) -> PollSummary:
    return poll_cycle(settings, engine, now=clock, analyse=analyse, **kw)


def feed_rows(engine) -> dict[str, Feed]:
    with session_scope(engine) as session:
        return {row.name: row for row in session.scalars(select(Feed))}


def test_second_poll_is_all_304_and_fetches_nothing(make_config, server, pages) -> None:
    for i, page in enumerate(pages):
        server.add_file(f"/news/{i}", page)
    items_a = [
        {"title": f"Story {i}", "link": server.url(f"/news/{i}"), "guid": f"a{i}"} for i in range(3)
    ]
    # Feed b lists story 0 again, behind tracking parameters, and one story of its own.
    items_b = [
        {"title": "Story 0 again", "link": server.url("/news/0?utm_source=b&fbclid=1")},
        {"title": "Only in b", "link": server.url("/news/2#comments"), "guid": "b-own"},
    ]
    url_a = server.add_conditional("/a.xml", rss(items_a), etag='"a-1"')
    url_b = server.add("/b.xml", rss(items_b))  # no validators: the body hash decides
    settings, engine = setup(
        make_config, [{"name": "a", "url": url_a}, {"name": "b", "url": url_b}]
    )
    clock, analyse = Clock(), Recorder()

    first = poll(settings, engine, clock, analyse, force=True)
    assert (first.feeds_ok, first.feeds_failed, first.new_entries) == (2, 0, 5)
    assert first.articles_extracted == 3  # three distinct canonical URLs
    assert sorted(a.url for a in analyse.seen) == sorted(server.url(f"/news/{i}") for i in range(3))
    assert all(server.hits[f"/news/{i}"] == 1 for i in range(3))
    assert all(a.origin == "page" and len(a.text) > 500 for a in analyse.seen)

    clock.advance(hours=2)
    second = poll(settings, engine, clock, analyse, force=True)
    assert (second.feeds_ok, second.feeds_not_modified, second.feeds_failed) == (0, 2, 0)
    assert (second.new_entries, second.articles_extracted) == (0, 0)
    assert len(analyse.seen) == 3
    assert all(server.hits[f"/news/{i}"] == 1 for i in range(3))
    assert server.headers["/a.xml"][-1]["If-None-Match"] == '"a-1"'

    with session_scope(engine) as session:
        entries = session.scalars(select(Entry)).all()
        articles = session.scalars(select(Article)).all()
        outcomes = session.scalars(select(PollEvent.outcome).order_by(PollEvent.id)).all()
    assert len(entries) == 5 and len(articles) == 3
    assert all(e.article_id is not None and e.analysed_hash == e.content_hash for e in entries)
    # None matched a milestone: by default (fetch.keep_raw_pages: relevant) no page is kept,
    # its hash and size are.
    assert all(a.raw_page is None and a.raw_hash and a.raw_size for a in articles)
    assert all(a.analysed_at and len(a.text) > 500 for a in articles)
    assert outcomes == ["ok", "ok", "not_modified", "not_modified"]
    rows = feed_rows(engine)
    assert rows["a"].etag == '"a-1"' and rows["b"].body_hash
    # The base interval plus a jitter of at most five minutes.
    delay = rows["a"].next_poll_at - clock.at
    assert timedelta(minutes=60) <= delay <= timedelta(minutes=65)


@pytest.mark.parametrize(("keep", "kept"), [("relevant", {0}), ("all", {0, 1, 2}), ("none", set())])
def test_raw_pages_are_kept_as_fetch_keep_raw_pages_says(
    make_config, server, pages, keep, kept
) -> None:
    for i, page in enumerate(pages):
        server.add_file(f"/news/{i}", page)
    items = [{"title": f"Story {i}", "link": server.url(f"/news/{i}")} for i in range(3)]
    url = server.add("/a.xml", rss(items))
    settings, engine = setup(make_config, [{"name": "a", "url": url}], keep_raw_pages=keep)

    def analyse(article: ArticleData) -> FindingData:
        relevant = "mass burials" in article.title  # the page at /news/0
        return FindingData(
            relevant=relevant,
            milestones=("syria-support-end",) if relevant else (),
            novelty="new" if relevant else "none",
        )

    summary = poll(settings, engine, Clock(), analyse, force=True)
    assert summary.articles_extracted == 3 and summary.findings == 1
    with session_scope(engine) as session:
        articles = {a.url: a for a in session.scalars(select(Article))}
    with_page = {i for i in range(3) if articles[server.url(f"/news/{i}")].raw_page is not None}
    assert with_page == kept
    # The text and the page's identity are kept for every article, whatever the choice.
    assert all(a.raw_hash and a.raw_size and len(a.text) > 500 for a in articles.values())


def test_a_changed_entry_is_analysed_again(make_config, server, pages) -> None:
    server.add_file("/story", pages[0])
    state = {"summary": "First version."}

    async def feed(request: web.Request) -> web.StreamResponse:
        item = {"title": "Story", "link": server.url("/story"), "guid": "s1"}
        item["description"] = state["summary"]
        return web.Response(text=rss([item]), content_type="application/rss+xml")

    settings, engine = setup(make_config, [{"name": "f", "url": server.route("/f.xml", feed)}])
    clock, analyse = Clock(), Recorder()
    poll(settings, engine, clock, analyse, force=True)
    state["summary"] = "Second version: the convoy reached Erbil."
    clock.advance(hours=1)
    summary = poll(settings, engine, clock, analyse, force=True)
    assert (summary.new_entries, summary.changed_entries) == (0, 1)
    assert len(analyse.seen) == 2 and server.hits["/story"] == 2
    with session_scope(engine) as session:
        (entry,) = session.scalars(select(Entry)).all()
        findings = session.scalars(select(Finding)).all()
    assert entry.summary == "Second version: the convoy reached Erbil."
    assert entry.analysed_hash == entry.content_hash
    assert len(findings) == 1  # re-analysis replaces the finding


def _bad_feeds(server: LocalServer, shared: Path) -> dict[str, tuple[str, str | None]]:
    """name → (URL, expected error fragment, or None when the feed must succeed)."""

    async def trickle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        response.content_length = 100
        await response.prepare(request)
        for _ in range(100):
            await response.write(b" ")
            await asyncio.sleep(1)
        return response

    good = rss([{"title": "Fine", "link": server.url("/missing-page"), "guid": "ok1"}])
    utf8_bad = rss([{"title": "Caf\udcff crème", "link": server.url("/p1"), "guid": "u1"}])
    mixed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>'
        "<item><title>No link</title><description>Text only.</description></item>"
        "<item><title>Relative</title><link>/rel/1</link></item>"
        "<item><guid>dup</guid><title>A</title><link>/dup/a</link></item>"
        "<item><guid>dup</guid><title>B</title><link>/dup/b</link></item>"
        "<item><title>Future</title><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    )
    server.add("/loop1", status=302, headers={"Location": "/loop2"})
    server.add("/loop2", status=302, headers={"Location": "/loop1"})
    big = "<rss>" + "<!-- padding -->" * 700_000 + "</rss>"  # 11 MB, over the 10 MB cap
    huge = "".join(f"<item><title>Item {i}</title><guid>g{i}</guid></item>" for i in range(100_000))
    return {
        "good": (server.add("/good.xml", good), None),
        "malformed-xml": (server.add("/malformed.xml", "<<<>>> & </wrong"), "not a feed"),
        "html-as-feed": (
            server.add("/html.xml", "<!DOCTYPE html><html><body><p>Welcome</p></body></html>", content_type="text/html"),
            "HTML page",
        ),
        "empty-body": (server.add("/empty.xml", ""), "empty body"),
        "over-the-cap": (server.add("/big.xml", big), "cap"),
        "gzip-bomb": (
            server.add("/bomb.xml", gzip_bomb(64), headers={"Content-Encoding": "gzip"}),
            "cap",
        ),
        "one-byte-per-second": (server.route("/trickle.xml", trickle), "timed out"),
        "redirect-loop": (server.url("/loop1"), "redirect loop"),
        "404": (server.add("/404.xml", "no", status=404), "HTTP 404"),
        "410": (server.add("/410.xml", "gone", status=410), "HTTP 410"),
        "429": (server.add("/429.xml", "later", status=429, headers={"Retry-After": "7200"}), "HTTP 429"),
        "500": (server.add("/500.xml", "oops", status=500), "HTTP 500"),
        "invalid-utf8": (server.add("/utf8.xml", utf8_bad.encode("utf-8", "surrogateescape")), None),
        "wrong-charset": (
            server.add("/charset.xml", good.replace("Fine", "Zürich"), content_type="application/rss+xml; charset=windows-1252"),
            None,
        ),
        "billion-laughs": (server.add("/lol.xml", billion_laughs()), None),
        "billion-laughs-utf16": (
            server.add_file("/lol16.xml", shared / "feeds/feedparser/entities/exponential_entities_utf16be.xml", "application/xml"),
            None,
        ),
        "quadratic-blowup": (server.add("/quad.xml", quadratic_blowup()), None),
        "100000-items": (server.add("/huge.xml", f"<rss><channel>{huge}</channel></rss>"), None),
        "mixed-items": (server.add("/mixed.xml", mixed), None),
    }  # fmt: skip


def test_bad_inputs_each_record_one_line_and_the_others_go_on(
    make_config, server, shared_fixtures
) -> None:
    feeds = _bad_feeds(server, shared_fixtures)
    settings, engine = setup(
        make_config,
        [{"name": name, "url": url} for name, (url, _) in feeds.items()],
        total_timeout_seconds=2,
    )
    clock, analyse = Clock(), Recorder()
    summary = poll(settings, engine, clock, analyse, force=True)

    failing = {name for name, (_, error) in feeds.items() if error}
    assert summary.feeds_failed == len(failing)
    assert summary.feeds_ok == len(feeds) - len(failing)
    assert dict(summary.errors).keys() == failing
    assert summary.seconds < 30
    rows = feed_rows(engine)
    for name, (_, error) in feeds.items():
        row = rows[name]
        assert row.last_polled_at == clock.at and row.next_poll_at > clock.at, name
        if error is None:
            assert row.last_error is None and row.consecutive_failures == 0, (name, row.last_error)
            continue
        assert error in row.last_error, (name, row.last_error)
        assert "\n" not in row.last_error and len(row.last_error) < 400
        assert row.consecutive_failures > 0 and row.last_error_at == clock.at
    assert rows["429"].next_poll_at >= clock.at + timedelta(hours=2)
    assert rows["410"].gone and rows["410"].next_poll_at >= clock.at + timedelta(hours=24)
    assert rows["malformed-xml"].consecutive_failures == 1.0  # not a feed: a hard failure
    assert rows["500"].consecutive_failures == 0.5  # soft
    assert "DOCTYPE removed" in rows["quadratic-blowup"].last_warning
    assert "DOCTYPE removed" in rows["billion-laughs"].last_warning
    assert "kept the first 500" in rows["100000-items"].last_warning
    assert "read as UTF-8" in rows["wrong-charset"].last_warning
    with session_scope(engine) as session:
        titles = dict(session.execute(select(Entry.title, Entry.url)).all())
        gone_event = session.scalar(
            select(PollEvent.outcome).where(PollEvent.feed_id == rows["410"].id)
        )
        huge_entries = session.scalars(
            select(Entry.id).where(Entry.feed_id == rows["100000-items"].id)
        ).all()
    assert gone_event == "gone"
    assert len(huge_entries) == 500
    assert "Zürich" in titles
    assert titles["Relative"] == server.url("/rel/1")
    assert {"A", "B", "No link", "Future"} <= titles.keys()
    # The good feed's page is missing (404): its entry was analysed from the feed's text.
    fine = next(a for a in analyse.seen if a.title == "Fine")
    assert fine.origin == "summary"


def test_an_article_link_to_a_private_address_is_refused(make_config, server) -> None:
    with LocalServer("127.0.0.2") as public:
        server.add(
            "/internal",
            "<html><body><p>secret internal page</p></body></html>",
            content_type="text/html",
        )
        items = [{"title": "Look", "link": server.url("/internal"), "description": "Teaser text."}]
        url = public.add("/feed.xml", rss(items))
        settings, engine = setup(
            make_config, [{"name": "p", "url": url}], allow_private_addresses=False
        )
        analyse = Recorder()
        policy = AddressPolicy(allowed=(ipaddress.ip_network("127.0.0.2/32"),))
        summary = poll(settings, engine, Clock(), analyse, force=True, policy=policy)
    assert summary.feeds_ok == 1
    assert server.hits["/internal"] == 0
    (article,) = analyse.seen
    assert (article.origin, article.text) == ("summary", "Teaser text.")
    with session_scope(engine) as session:
        error = session.scalar(select(Article.fetch_error))
    assert "refused" in error and "loopback" in error


def test_extraction_past_its_bound_falls_back_to_the_summary(make_config, server, pages) -> None:
    server.add_file("/slow-page", pages[0])
    items = [{"title": "Heavy", "link": server.url("/slow-page"), "description": "Short summary."}]
    url = server.add("/feed.xml", rss(items))
    settings, engine = setup(
        make_config, [{"name": "f", "url": url}], extract_timeout_seconds=0.001
    )
    analyse = Recorder()
    summary = poll(settings, engine, Clock(), analyse, force=True)
    assert (summary.feeds_ok, summary.articles_extracted, summary.articles_from_summary) == (
        1,
        0,
        1,
    )
    assert analyse.seen[0].origin == "summary"
    with session_scope(engine) as session:
        assert "ran past" in session.scalar(select(Article.fetch_error))


def test_google_news_items_without_a_publisher_url_use_title_and_summary(
    make_config, server
) -> None:
    item = (
        "<item><title>Coalition hands over Ain al-Asad - Example Wire</title>"
        "<link>https://news.google.com/rss/articles/CBMiOpaqueNewStyleIdentifier?oc=5</link>"
        '<guid isPermaLink="false">gn-1</guid>'
        '<description>&lt;a href="https://news.google.com/x"&gt;Coalition hands over Ain '
        'al-Asad&lt;/a&gt;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Example Wire&lt;/font&gt;'
        '</description><source url="https://wire.example">Example Wire</source></item>'
    )
    url = server.add(
        "/gn.xml", f'<rss version="2.0"><channel><title>GN</title>{item}</channel></rss>'
    )
    settings, engine = setup(make_config, [{"name": "gn", "url": url}])
    analyse = Recorder()
    summary = poll(settings, engine, Clock(), analyse, force=True)
    assert summary.feeds_ok == 1
    (article,) = analyse.seen
    assert article.origin == "summary" and article.site_name == "Example Wire"
    assert article.title == "Coalition hands over Ain al-Asad"
    assert "Coalition hands over Ain al-Asad" in article.text
    assert article.url.startswith("https://news.google.com/rss/articles/")


def test_stop_leaves_unpolled_feeds_due(make_config, server) -> None:
    urls = [server.add(f"/{i}.xml", rss([{"title": f"t{i}", "guid": f"g{i}"}])) for i in range(3)]
    settings, engine = setup(make_config, [{"name": f"f{i}", "url": u} for i, u in enumerate(urls)])
    stop = threading.Event()
    stop.set()
    summary = poll(settings, engine, Clock(), Recorder(), stop=stop)
    assert summary.feeds_skipped == 3 and summary.feeds_ok == 0
    assert "stopped early" in summary.summary()
    assert poll(settings, engine, Clock(), Recorder()).feeds_ok == 3


def test_the_real_analyser_on_the_demo_replay(make_config, server) -> None:
    pytest.importorskip("monitor.analysis.analyser")
    feed = (REPLAY / "feed.xml").read_text()
    for page in (REPLAY / "articles").glob("*.html"):
        server.add_file(f"/articles/{page.name}", page)
    url = server.add("/feed.xml", feed.replace("<link>articles/", "<link>/articles/"))
    settings, engine = setup(make_config, [{"name": "replay", "url": url}])
    clock = Clock()
    analyse = make_analyser(settings, engine, clock())
    summary = poll(settings, engine, clock, analyse, force=True)
    assert summary.articles_extracted == 13 and summary.findings >= 5
    with session_scope(engine) as session:
        relevant = session.scalars(select(Finding).where(Finding.relevant.is_(True))).all()
    assert len(relevant) == summary.findings


def test_articles_off_topic_are_set_aside_with_the_analysis_verdict(
    make_config, server, pages, caplog
) -> None:
    """Three real news pages about other things and the demo replay: the pages that name no
    milestone's place or context never reach the pool's analysis, and every stored finding is
    the one the analysis gives the stored text."""
    from monitor.analysis.analyser import analyse
    from monitor.analysis.prefilter import OFF_TOPIC

    feed = (REPLAY / "feed.xml").read_text()
    for page in (REPLAY / "articles").glob("*.html"):
        server.add_file(f"/articles/{page.name}", page)
    for i, page in enumerate(pages):
        server.add_file(f"/news/{i}", page)
    items = [{"title": f"Other news {i}", "link": server.url(f"/news/{i}")} for i in range(3)]
    replay = server.add("/feed.xml", feed.replace("<link>articles/", "<link>/articles/"))
    other = server.add("/other.xml", rss(items))
    settings, engine = setup(
        make_config, [{"name": "replay", "url": replay}, {"name": "other", "url": other}]
    )
    clock = Clock()
    analyse_step = make_analyser(settings, engine, clock())
    with caplog.at_level("INFO", logger="monitor.app"):
        summary = poll(settings, engine, clock, analyse_step, force=True)
    assert summary.articles_extracted == 16
    aside = [r.getMessage() for r in caplog.records if "set aside" in r.getMessage()]
    assert len(aside) == 1
    count = int(re.search(r"(\d+) article", aside[0]).group(1))
    with session_scope(engine) as session:
        stored = session.execute(select(Article, Finding).join(Finding)).all()
        rows = [
            (
                a.url,
                a.title,
                a.text,
                a.published,
                f.relevant,
                f.novelty,
                list(f.milestones),
                list(f.notes),
            )
            for a, f in stored
        ]
    assert len(rows) == 16
    off_topic = [r for r in rows if "/news/" in r[0]]
    assert len(off_topic) == 3 and all(OFF_TOPIC in r[7] and not r[4] for r in off_topic)
    assert 3 <= count < 16
    for url, title, text, published, relevant, novelty, milestones, _ in rows:
        article = ArticleData(url=url, title=title, text=text, published=published, origin="page")
        expected = analyse(article, analyse_step.baseline, now=clock())
        assert (relevant, novelty, milestones) == (
            expected.relevant,
            expected.novelty,
            list(expected.milestones),
        ), url


# -- the commands --------------------------------------------------------------------------


def _cli(config: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(config), *args])


def test_poll_command_prints_one_summary_line_and_exits_1_on_a_failed_feed(
    make_config, server
) -> None:
    good = server.add("/good.xml", rss([{"title": "Hello", "guid": "h"}]))
    bad = server.add("/bad.xml", "nope", status=500)
    config = make_config(
        feeds=[{"name": "good", "url": good}, {"name": "bad", "url": bad}], fetch=FAST_FETCH
    )
    result = _cli(config, "poll")
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("feeds ok 1, not modified 0, failed 1; new entries 1")
    assert "articles extracted 0" in lines[-1] and lines[-1].endswith("s")
    assert all("warning" in line for line in lines[:-1])  # nothing else but warnings
    assert result.stdout == ""

    result = _cli(config, "poll", "--feed", "good")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().startswith("feeds ok 0, not modified 1, failed 0")

    result = _cli(config, "poll", "--feed", "nope")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "monitor: unknown feed 'nope' (see `monitor config check`)"
    ]

    result = _cli(config, "feeds")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split()[:3] == ["feed", "status", "last"]
    by_name = {row.split()[0]: row for row in rows}
    assert "ok" in by_name["good"].split() and "failing" in by_name["bad"].split()
    assert "HTTP 500" in by_name["bad"] and by_name["good"].rstrip().endswith("-")


def test_feeds_command_lists_new_and_removed_feeds(make_config, server) -> None:
    url = server.add("/a.xml", rss([{"title": "x", "guid": "x"}]))
    config = make_config(feeds=[{"name": "a", "url": url}], fetch=FAST_FETCH)
    assert _cli(config, "poll").exit_code == 0
    config = make_config(
        feeds=[{"name": "b", "url": url}, {"name": "c", "url": url, "enabled": False}],
        fetch=FAST_FETCH,
    )
    result = _cli(config, "feeds")
    *rows, footer = result.stdout.splitlines()[1:]
    statuses = {line.split()[0]: line.split()[1] for line in rows}
    assert footer.startswith("0 of 1 feeds failing; next digest: due now")
    assert statuses == {"b": "new", "c": "disabled", "a": "removed"}
    assert json.dumps(statuses)  # plain text, no terminal codes
    assert "\x1b[" not in result.stdout


def test_stop_during_a_feed_keeps_its_unfinished_entries_for_the_next_poll(
    make_config, server, pages
) -> None:
    stop = threading.Event()
    server.add_file("/story", pages[0])

    async def feed(request: web.Request) -> web.StreamResponse:
        stop.set()  # the signal arrives while the feed is on its way
        item = {"title": "Story", "link": server.url("/story"), "guid": "s1"}
        return web.Response(
            text=rss([item]), content_type="application/rss+xml", headers={"ETag": '"v1"'}
        )

    settings, engine = setup(make_config, [{"name": "f", "url": server.route("/f.xml", feed)}])
    clock, analyse = Clock(), Recorder()
    first = poll(settings, engine, clock, analyse, stop=stop)
    # The feed's answer is either abandoned (the feed counts as not polled) or recorded
    # without its entries; either way the story is not fetched and nothing is lost.
    assert first.stopped and first.new_entries == 0 and server.hits["/story"] == 0
    assert first.feeds_ok + first.feeds_skipped == 1
    row = feed_rows(engine)["f"]
    # Due again (never polled, or due now), and unconditionally.
    assert row.etag is None and (row.next_poll_at is None or row.next_poll_at <= clock.at)
    stop.clear()
    second = poll(settings, engine, clock, analyse)
    assert second.new_entries == 1 and second.articles_extracted == 1
    assert "If-None-Match" not in server.headers["/f.xml"][-1]


def test_terminal_output_progress_bar_and_rich_table(make_config, server, monkeypatch) -> None:
    import io
    import sys

    from monitor.cli import feeds_cmd, poll_cmd

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err, out = Terminal(), Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    with poll_cmd._progress_bar() as progress:
        assert progress is not None
        progress(1, 2, "first-feed")
        progress(2, 2, "second-feed")
    assert feeds_cmd.feed_lines((), []) == []
    url = server.add("/a.xml", rss([{"title": "x", "guid": "x"}]))
    config = make_config(feeds=[{"name": "a[1]", "url": url}], fetch=FAST_FETCH)
    settings = load_settings(config)
    engine = open_store(settings.database_url)
    poll(settings, engine, Clock(), Recorder(), force=True)
    with session_scope(engine) as session:
        from monitor.store.feeds import feed_health

        rows = feed_health(session, datetime.now(UTC))
    feeds_cmd._rich_table(feeds_cmd.feed_lines(settings.feeds, rows), datetime.now(UTC), False)
    table = out.getvalue()
    assert "a[1]" in table and "items 7d" in table  # markup in names is shown, not parsed
    visible = re.sub(r"\x1b\[[0-9;]*m", "", table)
    assert max(len(line) for line in visible.splitlines()) <= 100


def test_articles_are_stored_as_they_finish_not_when_their_feed_does(
    make_config, server, pages
) -> None:
    """A feed of 40 articles whose last page hangs: the others are written, a batch at a time,
    while the feed still waits (memory holds the pages in flight, not the feed's articles).
    Stopped there, the feed keeps its old validators; the next poll fetches only what was not
    stored, and nothing is stored twice."""
    stop = threading.Event()
    count = 40
    for i in range(count - 1):
        server.add_file(f"/news/{i}", pages[i % len(pages)])
    settings: Settings | None = None
    stored_while_waiting: list[int] = []

    def stored() -> int:
        assert settings is not None
        path = settings.database_url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]

    async def slow(request: web.Request) -> web.StreamResponse:
        if not stop.is_set() and not stored_while_waiting:
            # Wait (at most 60 s) until a batch of articles is written, then stop the cycle.
            for _ in range(600):
                if stored() >= ARTICLE_BATCH:
                    break
                await asyncio.sleep(0.1)
            stored_while_waiting.append(stored())
            stop.set()
            await asyncio.sleep(30)
        return web.Response(body=pages[0].read_bytes(), content_type="text/html")

    server.route(f"/news/{count - 1}", slow)
    items = [
        {"title": f"Story {i}", "link": server.url(f"/news/{i}"), "guid": f"s{i}"}
        for i in range(count)
    ]
    url = server.add_conditional("/f.xml", rss(items), etag='"v1"')
    settings, engine = setup(
        make_config,
        [{"name": "f", "url": url}],
        per_host_concurrency=8,
        read_timeout_seconds=90,
        total_timeout_seconds=90,
    )
    clock, analyse = Clock(), Recorder()

    first = poll(settings, engine, clock, analyse, force=True, stop=stop)
    assert first.stopped
    # A batch at least was written while the feed waited; at the stop, what else was analysed
    # (the pages still in extraction were dropped).
    assert len(stored_while_waiting) == 1 and stored_while_waiting[0] >= ARTICLE_BATCH
    kept = stored()
    assert kept >= stored_while_waiting[0]
    row = feed_rows(engine)["f"]
    assert row.etag is None  # its last article was never stored: validators not advanced

    stop.clear()
    clock.advance(minutes=1)
    second = poll(settings, engine, clock, analyse, force=True)
    # Only what the first poll did not store is fetched again.
    assert second.articles_extracted == count - kept and not second.stopped
    with session_scope(engine) as session:
        articles = session.scalars(select(Article)).all()
        findings = session.scalars(select(Finding)).all()
        entries = session.scalars(select(Entry)).all()
    assert len(articles) == count and len({a.url for a in articles}) == count
    assert len(findings) == count and len(entries) == count
    assert all(e.analysed_hash == e.content_hash for e in entries)
    assert feed_rows(engine)["f"].etag == '"v1"'


def test_a_feed_with_more_new_articles_than_places_writes_every_entry(
    make_config, server, pages, monkeypatch
) -> None:
    """With one place for article tasks, a feed of eight new articles waits for the place
    while its earlier articles finish: it must still wait for all eight, and write every entry
    linked to its article."""
    monkeypatch.setattr("monitor.app.ARTICLES_IN_FLIGHT", 1)
    count = 8
    for i in range(count):
        server.add_file(f"/news/{i}", pages[i % len(pages)])
    items = [
        {"title": f"Story {i}", "link": server.url(f"/news/{i}"), "guid": f"p{i}"}
        for i in range(count)
    ]
    url = server.add("/f.xml", rss(items))
    settings, engine = setup(make_config, [{"name": "f", "url": url}])
    summary = poll(settings, engine, Clock(), Recorder(), force=True)
    assert summary.new_entries == count and summary.articles_extracted == count
    with session_scope(engine) as session:
        linked = session.scalars(select(Entry.article_id)).all()
    assert len(linked) == count and None not in linked
