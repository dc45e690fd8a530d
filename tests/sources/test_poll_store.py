"""Feed, entry and article queries on SQLite and PostgreSQL (the migrated schema)."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from monitor.config import FeedConfig
from monitor.store.articles import (
    ArticleRecord,
    articles_by_url,
    load_article,
    mark_analysed,
    purge_raw_pages,
    save_article,
)
from monitor.store.engine import open_store
from monitor.store.entries import EntryWrite, known_entries, save_entries
from monitor.store.feeds import (
    PollRecord,
    feed_health,
    feeds_to_poll,
    record_poll,
    sync_feeds,
)
from monitor.store.models import Article as ArticleRow
from monitor.store.models import PollEvent
from monitor.store.session import session_scope
from monitor.types import Article, FeedEntry

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str):
    engine = open_store(db_url)
    yield engine
    engine.dispose()


def feeds(*pairs: tuple[str, str], **extra) -> tuple[FeedConfig, ...]:
    return tuple(FeedConfig(name=n, url=u, **extra) for n, u in pairs)


def test_sync_adds_disables_and_resets_on_url_change(engine) -> None:
    with session_scope(engine) as s:
        report = sync_feeds(
            s, feeds(("a", "https://a.example/rss"), ("b", "https://b.example/rss")), NOW
        )
    assert report.added == ("a", "b")
    with session_scope(engine) as s:
        state = feeds_to_poll(s, NOW)[0]
        record_poll(
            s,
            PollRecord(
                feed_id=state.id, at=NOW, outcome="failed", status=410, error="HTTP 410 Gone",
                warning=None, next_poll_at=NOW + timedelta(days=1), failures=3.0, gone=True,
                conditional=False,
            ),
        )  # fmt: skip
        s.execute(
            PollEvent.__table__.update().values(error="x")
        )  # a later sync must not touch history
    with session_scope(engine) as s:
        report = sync_feeds(s, feeds(("a", "https://a.example/new-rss")), NOW)
    assert report.changed_url == ("a",) and report.disabled == ("b",)
    with session_scope(engine) as s:
        due = feeds_to_poll(s, NOW)
    assert [f.name for f in due] == ["a"]
    a = due[0]
    assert (a.url, a.etag, a.consecutive_failures, a.gone, a.next_poll_at) == (
        "https://a.example/new-rss",
        None,
        0.0,
        False,
        None,
    )


def test_which_feeds_are_due(engine) -> None:
    with session_scope(engine) as s:
        sync_feeds(
            s,
            feeds(("due", "https://d.example/"), ("later", "https://l.example/"))
            + (FeedConfig(name="off", url="https://o.example/", enabled=False),),
            NOW,
        )
        by_name = {f.name: f for f in feeds_to_poll(s, NOW, force=True)}
        assert set(by_name) == {"due", "later"}
        for name, when in (
            ("due", NOW - timedelta(minutes=1)),
            ("later", NOW + timedelta(hours=1)),
        ):
            record_poll(
                s,
                PollRecord(
                    feed_id=by_name[name].id, at=NOW, outcome="not_modified", status=304,
                    error=None, warning=None, next_poll_at=when, failures=0, gone=False,
                    conditional=True,
                ),
            )  # fmt: skip
    with session_scope(engine) as s:
        assert [f.name for f in feeds_to_poll(s, NOW)] == ["due"]
        assert {f.name for f in feeds_to_poll(s, NOW, force=True)} == {"due", "later"}
        # A named feed is polled whatever its state, even disabled.
        assert [f.name for f in feeds_to_poll(s, NOW, names=["later", "off"])] in (
            ["later", "off"],
            ["off", "later"],
        )


def test_record_poll_keeps_validators_on_failure_and_counts_polls(engine) -> None:
    with session_scope(engine) as s:
        sync_feeds(s, feeds(("a", "https://a.example/rss")), NOW)
        feed_id = feeds_to_poll(s, NOW)[0].id

    def poll(outcome: str, **kw) -> None:
        base = dict(
            feed_id=feed_id, at=NOW, outcome=outcome, status=200, error=None, warning=None,
            next_poll_at=NOW, failures=0.0, gone=False, conditional=True,
        )  # fmt: skip
        base.update(kw)
        with session_scope(engine) as s:
            record_poll(s, PollRecord(**base))

    poll("ok", etag='"1"', last_modified="Mon", body_hash="h1", conditional=False, warning="bozo")
    poll("not_modified", status=304)
    poll("failed", status=500, error="HTTP 500", failures=0.5)
    with session_scope(engine) as s:
        state = feeds_to_poll(s, NOW, force=True)[0]
        events = s.scalars(select(PollEvent.outcome).order_by(PollEvent.id)).all()
    assert (state.etag, state.last_modified, state.body_hash) == ('"1"', "Mon", "h1")
    assert state.polls_since_unconditional == 2
    assert (state.last_error, state.consecutive_failures, state.last_warning) == (
        "HTTP 500",
        0.5,
        "bozo",
    )
    assert state.last_success_at == NOW
    assert events == ["ok", "not_modified", "failed"]
    poll("ok", etag=None, conditional=False)
    with session_scope(engine) as s:
        state = feeds_to_poll(s, NOW, force=True)[0]
    assert state.etag is None and state.last_error is None and state.polls_since_unconditional == 0


def entry(key: str, title: str = "T", url: str | None = "https://a.example/1") -> FeedEntry:
    return FeedEntry(
        key=key, guid=key, link=url, url=url, title=title, summary="S", published=NOW,
        content_hash=f"hash-{title}",
    )  # fmt: skip


def test_entries_insert_then_update(engine) -> None:
    with session_scope(engine) as s:
        sync_feeds(s, feeds(("a", "https://a.example/rss")), NOW)
        feed_id = feeds_to_poll(s, NOW)[0].id
        new = save_entries(
            s,
            feed_id,
            [EntryWrite(entry("k1"), None), EntryWrite(entry("k2"), None, "hash-T")],
            {},
            NOW,
        )
    assert new == 2
    with session_scope(engine) as s:
        known = known_entries(s, feed_id, ["k1", "k2", "k3"])
        assert set(known) == {"k1", "k2"}
        assert known["k2"].analysed_hash == "hash-T" and known["k1"].analysed_hash is None
        new = save_entries(
            s, feed_id, [EntryWrite(entry("k1", title="T2"), None, "hash-T2")], known, NOW
        )
    assert new == 0
    with session_scope(engine) as s:
        k1 = known_entries(s, feed_id, ["k1"])["k1"]
        health = feed_health(s, NOW)
    assert (k1.content_hash, k1.analysed_hash) == ("hash-T2", "hash-T2")
    assert health[0].entries_7d == 2
    with session_scope(engine) as s:
        assert feed_health(s, NOW + timedelta(days=8))[0].entries_7d == 0


def test_articles_upsert_summary_never_replaces_a_page(engine) -> None:
    page = Article(url="https://a.example/1", title="Page", text="Full text.", published=NOW)
    raw = b"<html>" + b"x" * 1000
    record = ArticleRecord(
        url=page.url, article=page, raw_page=zlib.compress(raw), raw_hash="h", raw_size=len(raw),
        fetched_url="https://a.example/1?from=feed", fetched_at=NOW,
    )  # fmt: skip
    with session_scope(engine) as s:
        article_id, changed = save_article(s, record, NOW)
        assert changed
        assert save_article(s, record, NOW) == (article_id, False)
        summary = Article(
            url=page.url, title="Page", text="Short.", published=NOW, origin="summary"
        )
        save_article(s, ArticleRecord(url=page.url, article=summary, fetch_error="HTTP 500"), NOW)
        mark_analysed(s, article_id, NOW)
    with session_scope(engine) as s:
        stored = load_article(s, article_id)
        row = s.get(ArticleRow, article_id)
        known = articles_by_url(s, [page.url, "https://other.example/"])
        assert zlib.decompress(row.raw_page) == raw and row.fetch_error == "HTTP 500"
    assert stored is not None and (stored.text, stored.origin) == ("Full text.", "page")
    assert list(known) == [page.url] and known[page.url].analysed_at == NOW


def test_purge_raw_pages_after_retention(engine) -> None:
    def record(url: str, fetched: datetime) -> ArticleRecord:
        article = Article(url=url, title="t", text="x", published=None)
        return ArticleRecord(
            url=url, article=article, raw_page=b"zz", raw_hash="h", raw_size=2, fetched_at=fetched
        )

    with session_scope(engine) as s:
        save_article(s, record("https://a/old", NOW - timedelta(days=100)), NOW)
        save_article(s, record("https://a/new", NOW - timedelta(days=10)), NOW)
        save_article(
            s,
            ArticleRecord(
                url="https://a/sum",
                article=Article(url="https://a/sum", title="t", text="x", published=None),
            ),
            NOW,
        )
    with session_scope(engine) as s:
        assert purge_raw_pages(s, NOW, 90) == 1
    with session_scope(engine) as s:
        assert purge_raw_pages(s, NOW, 90) == 0
        kept = s.scalar(
            select(func.count()).select_from(ArticleRow).where(ArticleRow.raw_page.is_not(None))
        )
        hashes = s.scalars(select(ArticleRow.raw_hash).order_by(ArticleRow.id)).all()
    assert kept == 1 and hashes[:2] == ["h", "h"]  # the hash stays as evidence
    with session_scope(engine) as s:
        assert purge_raw_pages(s, NOW, 0) == 1


def test_new_articles_and_findings_are_inserted_in_order_a_batch_at_a_time(engine) -> None:
    from monitor.store.articles import NewArticle, insert_articles
    from monitor.store.findings import NewFinding, insert_findings
    from monitor.store.models import Finding as FindingRow
    from monitor.store.models import MentionRow, StatusEventRow
    from monitor.types import Finding, Mention, StatusEvent

    records = [
        ArticleRecord(
            url=f"https://a.example/{i}",
            article=Article(f"https://a.example/{i}", f"T{i}", f"text {i}", None),
            raw_page=zlib.compress(b"page") if i % 2 else None,
            raw_hash="h" if i % 2 else None,
            raw_size=4 if i % 2 else None,
            fetched_at=NOW,
        )
        for i in range(5)
    ]
    mention = Mention(milestone="m", sentence="s", start=0, end=1, terms=("t",))
    event = StatusEvent(milestone="m", kind="completed", statement="done", sentence="s")
    with session_scope(engine) as s:
        ids = insert_articles(s, [NewArticle(r, analysed_at=NOW) for r in records], NOW)
        findings = [
            NewFinding(
                article_id,
                Finding(
                    relevant=i == 3,
                    milestones=("m",) if i == 3 else (),
                    novelty="new" if i == 3 else "none",
                    mentions=(mention,) * i,
                    events=(event,) * (i == 3),
                ),
                None,
                NOW,
            )
            for i, article_id in enumerate(ids)
        ]
        finding_ids = insert_findings(s, findings, NOW)
    with session_scope(engine) as s:
        urls = dict(s.execute(select(ArticleRow.id, ArticleRow.url)).all())
        assert [urls[i] for i in ids] == [r.url for r in records]
        rows = {row.id: row for row in s.scalars(select(FindingRow))}
        assert [rows[f].article_id for f in finding_ids] == ids
        assert [len(rows[f].mentions) for f in finding_ids] == [0, 1, 2, 3, 4]
        assert [rows[f].relevant for f in finding_ids] == [False, False, False, True, False]
        events = s.scalars(select(StatusEventRow)).all()
        assert [e.finding_id for e in events] == [finding_ids[3]]
        assert s.scalar(select(func.count()).select_from(MentionRow)) == 10
        assert insert_articles(s, [], NOW) == [] and insert_findings(s, [], NOW) == []
