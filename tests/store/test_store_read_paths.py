"""The read paths on SQLite and PostgreSQL: the findings listing streamed in batches (each
finding with its own mentions and events, whatever the batch), the undelivered findings with
their publishers, the week's entries per feed, and the indexes the migrations create."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select

from monitor.store import digests, finding_list
from monitor.store import feeds as feed_store
from monitor.store.engine import open_store
from monitor.store.models import Article, Entry, Feed
from monitor.store.session import session_scope
from monitor.types import Fact, Finding, Mention, StatusEvent
from tests.store.test_store_events import IRAQ, SYRIA, store_article

NOW = datetime(2026, 12, 7, 7, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str):
    engine = open_store(db_url)
    yield engine
    engine.dispose()


def finding_of(n: int) -> Finding:
    """Findings that differ: one or two milestones, each mentioned once or twice, an event
    when n is even, not relevant when n % 5 == 4."""
    milestones = (IRAQ, SYRIA)[: 1 + n % 2]
    mentions = tuple(
        Mention(m, f"Sentence {n}.{k} about {m}.", 10 * k, 10 * k + 5, date_text=f"in {2025 + k}")
        for k, m in enumerate(milestones * (1 + n % 3 // 2))
    )
    events = (StatusEvent(IRAQ, "step", f"step {n}", f"Sentence {n}."),) if n % 2 == 0 else ()
    facts = (Fact(IRAQ, "place", f"left base {n}", f"place:{n}:leave"),)
    return Finding(
        relevant=n % 5 != 4,
        milestones=milestones,
        novelty="new" if n % 5 != 4 else "none",
        mentions=mentions,
        new_facts=facts,
        events=events,
    )


@pytest.mark.parametrize("batch", [1, 2, 500])
def test_listing_streams_findings_with_their_own_mentions_and_events(
    engine, monkeypatch, batch
) -> None:
    monkeypatch.setattr(finding_list, "BATCH", batch)
    for n in range(9):
        day = (NOW - timedelta(days=n)).date().isoformat()
        store_article(engine, f"https://a.example/{n}", day, finding_of(n))
    with session_scope(engine) as session:
        listed = list(finding_list.iter_findings(session, include_all=True))
        relevant = list(finding_list.iter_findings(session))
        syria = list(finding_list.iter_findings(session, milestone=SYRIA, limit=2))
    assert [item.url for item in listed] == [f"https://a.example/{n}" for n in range(9)]
    assert [item.url for item in relevant] == [
        f"https://a.example/{n}" for n in range(9) if n % 5 != 4
    ]
    about_syria = [
        f"https://a.example/{n}"
        for n in range(9)
        if finding_of(n).relevant and any(m.milestone == SYRIA for m in finding_of(n).mentions)
    ]
    assert len(about_syria) >= 1 and [item.url for item in syria] == about_syria[:2]
    for n, item in enumerate(listed):
        expected = finding_of(n)
        assert [m.sentence for m in item.mentions] == [m.sentence for m in expected.mentions]
        assert [m.date_text for m in item.mentions] == [m.date_text for m in expected.mentions]
        assert [e.statement for e in item.events] == [e.statement for e in expected.events]
        assert item.new_facts == (f"left base {n}",)
        assert item.milestones == expected.milestones
        assert item.relevant == expected.relevant
        assert item.analysed_at is not None and item.analysed_at.tzinfo is not None


def test_an_article_analysed_without_a_finding_is_listed_with_all(engine) -> None:
    with session_scope(engine) as session:
        session.add(
            Article(
                url="https://a.example/bare",
                title="Bare",
                text="",
                published=None,
                analysed_at=NOW,
                created_at=NOW,
            )
        )
    with session_scope(engine) as session:
        (item,) = finding_list.iter_findings(session, include_all=True)
        assert list(finding_list.iter_findings(session)) == []
    assert (item.finding_id, item.novelty, item.relevant) == (None, "none", False)
    assert item.analysed_at == NOW and item.mentions == () and item.events == ()


def test_pending_findings_name_the_smallest_publisher_of_their_entries(engine) -> None:
    first = store_article(
        engine, "https://news.google.example/1", "2026-12-01", finding_of(0), feed="gnews",
        publisher="Zeta Times",
    )  # fmt: skip
    store_article(engine, "https://b.example/2", "2026-12-02", finding_of(2))
    with session_scope(engine) as session:
        feed_id = session.scalar(select(Feed.id).where(Feed.name == "wire"))
        session.add(
            Entry(
                feed_id=feed_id,
                key="another",
                url="https://news.google.example/1",
                publisher="Alpha Post",
                article_id=first,
                first_seen_at=NOW,
                updated_at=NOW,
            )
        )
    with session_scope(engine) as session:
        pending = digests.pending_findings(session)
    assert [p.url for p in pending] == ["https://news.google.example/1", "https://b.example/2"]
    assert pending[0].outlet == "Alpha Post"
    assert pending[0].text == "Text of https://news.google.example/1."
    assert pending[1].outlet != "Alpha Post"


def test_feeds_count_the_entries_first_seen_in_the_last_week(engine) -> None:
    store_article(engine, "https://a.example/1", "2026-12-01", finding_of(0))
    with session_scope(engine) as session:
        feed_id = session.scalar(select(Feed.id).where(Feed.name == "wire"))
        for n, age in enumerate((1, 6, 8, 30)):
            seen = NOW - timedelta(days=age)
            session.add(Entry(feed_id=feed_id, key=f"e{n}", first_seen_at=seen, updated_at=seen))
    with session_scope(engine) as session:
        (health,) = feed_store.feed_health(session, NOW)
    assert health.entries_7d == 3  # the article's entry (seen NOW), 1 and 6 days old


def test_migrations_create_the_read_path_indexes(engine) -> None:
    inspector = inspect(engine)
    findings = {i["name"]: i["column_names"] for i in inspector.get_indexes("findings")}
    entries = {i["name"]: i["column_names"] for i in inspector.get_indexes("entries")}
    assert findings["ix_findings_alert_digest_id"] == ["alert_digest_id"]
    assert findings["ix_findings_digest_id"] == ["digest_id"]
    assert entries["ix_entries_article_publisher"] == ["article_id", "publisher"]
    assert "ix_entries_article_id" not in entries
