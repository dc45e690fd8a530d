"""Status events stored with their findings, read back as the evidence of milestone states, on
SQLite and PostgreSQL: replaced with the finding, dated by the rule, named by their outlet and
weighed by their feeds; the states the store gives do not depend on the order of arrival."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, insert, select

from monitor.config import load_settings
from monitor.state.load import current_states
from monitor.store import events as store
from monitor.store.engine import open_store
from monitor.store.findings import save_finding
from monitor.store.models import Article, Entry, Feed, StatusEventRow
from monitor.store.session import session_scope
from monitor.types import Finding, Mention, StatusEvent
from tests.conftest import DEFAULT_CONFIG

NOW = datetime(2026, 12, 7, 7, tzinfo=UTC)
IRAQ, SYRIA = "iraq-mission-end", "syria-support-end"


@pytest.fixture
def engine(db_url: str):
    engine = open_store(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings():
    feeds = (
        '[{"name": "centcom-news", "url": "https://c.example/f", "authority": "official"},'
        ' {"name": "wire", "url": "https://w.example/f"},'
        ' {"name": "gnews", "url": "https://g.example/f", "authority": "aggregator"}]'
    )
    return load_settings(DEFAULT_CONFIG, env={"MONITOR_FEEDS": feeds})


def finding(*events: StatusEvent, milestones=(IRAQ,)) -> Finding:
    mentions = tuple(
        Mention(milestone=m, sentence=f"A sentence about {m}.", start=0, end=10) for m in milestones
    )
    return Finding(
        relevant=True, milestones=milestones, novelty="new", mentions=mentions, events=events
    )


def store_article(
    engine,
    url: str,
    published: str | None,
    result: Finding,
    *,
    feed: str = "wire",
    publisher: str | None = None,
    site_name: str | None = None,
    text: str = "",
) -> int:
    """An article listed by `feed` (created on first use), with its finding."""
    when = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    with session_scope(engine) as session:
        feed_row = session.scalars(select(Feed).where(Feed.name == feed)).first()
        if feed_row is None:
            feed_row = Feed(name=feed, url=f"https://{feed}.example/f", tags=[], created_at=NOW)
            session.add(feed_row)
            session.flush()
        article = Article(
            url=url,
            title=f"Title of {url}",
            text=text or f"Text of {url}.",
            published=when,
            site_name=site_name,
            fetched_at=NOW,
            analysed_at=NOW,
            created_at=NOW,
        )
        session.add(article)
        session.flush()
        session.add(
            Entry(
                feed_id=feed_row.id,
                key=url[-60:],
                url=url,
                publisher=publisher,
                article_id=article.id,
                first_seen_at=NOW,
                updated_at=NOW,
            )
        )
        save_finding(session, article.id, result, NOW)
        return article.id


def test_events_are_stored_dated_and_replaced_with_their_finding(engine) -> None:
    completed = StatusEvent(
        IRAQ, "completed", "the last troops left", "The last troops left.", "2026-01-17"
    )
    article_id = store_article(
        engine,
        "https://news.example/a",
        "2026-01-19",
        finding(completed, StatusEvent(IRAQ, "step", "left Ain al-Asad")),
        publisher="Gulf Ledger",
        site_name="gulf-ledger.example",
    )
    with session_scope(engine) as session:
        found = store.evidence(session)
    assert [(e.kind, e.on, e.outlet, e.feeds) for e in found] == [
        ("completed", date(2026, 1, 17), "Gulf Ledger", ("wire",)),
        ("step", date(2026, 1, 19), "Gulf Ledger", ("wire",)),
    ]
    assert found[0].sentence == "The last troops left."
    with session_scope(engine) as session:
        save_finding(session, article_id, finding(StatusEvent(IRAQ, "denied", "not true")), NOW)
    with session_scope(engine) as session:
        assert [e.kind for e in store.evidence(session)] == ["denied"]
        assert session.scalar(select(func.count()).select_from(StatusEventRow)) == 1
        assert store.evidence(session, [SYRIA]) == []


def test_an_event_dated_by_a_span_and_moved_to_a_span_is_stored_whole(engine) -> None:
    # "last week" and "the first half of 2027" are spans: the longest dates the analysis gives.
    moved = StatusEvent(
        IRAQ, "delayed", "postponed", "Postponed last week.", "2025-08-18/2025-08-24",
        new_due="2027-01-01/2027-06-30",
    )  # fmt: skip
    store_article(engine, "https://news.example/span", "2025-08-26", finding(moved))
    with session_scope(engine) as session:
        (row,) = session.scalars(select(StatusEventRow)).all()
        assert (row.happened_on, row.new_due) == ("2025-08-18/2025-08-24", "2027-01-01/2027-06-30")
        assert [e.on for e in store.evidence(session)] == [date(2025, 8, 24)]  # its last day


def test_outlet_feeds_texts_and_last_mentions(engine) -> None:
    store_article(
        engine,
        "https://news.google.example/x",
        "2026-01-18",
        finding(StatusEvent(IRAQ, "completed", "done")),
        feed="gnews",
        publisher="Reuters",
        text="Copy text " * 10,
    )
    store_article(
        engine,
        "https://www.defense-wire.example/y",
        None,
        finding(StatusEvent(IRAQ, "step", "moved"), milestones=(IRAQ, SYRIA)),
    )
    with session_scope(engine) as session:
        found = {e.url: e for e in store.evidence(session)}
        texts = store.article_texts(session, [e.article_id for e in found.values()])
        mentions = store.last_mentions(session)
    google = found["https://news.google.example/x"]
    assert (google.outlet, google.feeds) == ("Reuters", ("gnews",))
    undated = found["https://www.defense-wire.example/y"]
    assert undated.outlet == "defense-wire.example"
    assert undated.on == NOW.date()  # no publication date: the day it was read
    assert texts[google.article_id].startswith("Copy text")
    assert mentions == {IRAQ: NOW.date(), SYRIA: NOW.date()}


def test_states_from_the_store_use_feed_authority(engine, settings) -> None:
    store_article(
        engine,
        "https://www.centcom.example/release",
        "2026-01-17",
        finding(StatusEvent(IRAQ, "completed", "mission complete")),
        feed="centcom-news",
    )
    with session_scope(engine) as session:
        states = current_states(session, settings, NOW)
    iraq, syria = states[IRAQ], states[SYRIA]
    assert (iraq.state, iraq.since, iraq.confirmed, iraq.official) == (
        "completed",
        date(2026, 1, 17),
        True,
        True,
    )
    assert (syria.state, syria.since, syria.last_mention) == ("overdue", date(2026, 9, 30), None)
    with session_scope(engine) as session:
        only = current_states(session, settings, NOW, only=SYRIA)
    assert list(only) == [SYRIA]


REPORTS = [
    ("https://a.example/1", "2025-08-18", "Gulf Ledger", StatusEvent(IRAQ, "step", "left")),
    ("https://b.example/2", "2025-10-15", "Zagros Review", StatusEvent(IRAQ, "completed", "x")),
    ("https://c.example/3", "2025-11-24", "Levant Monitor", StatusEvent(IRAQ, "extended", "y")),
    ("https://d.example/4", "2025-12-31", "Tigris Wire", StatusEvent(IRAQ, "completed", "z")),
    ("https://e.example/5", "2026-01-17", "Defense Wire", StatusEvent(IRAQ, "completed", "z")),
    ("https://f.example/6", "2026-02-01", "BBC", StatusEvent(IRAQ, "step", "moved")),
    ("https://g.example/7", "2026-02-23", "Tigris Wire", StatusEvent(SYRIA, "step", "moved")),
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_store_gives_the_same_states_whatever_the_order_of_arrival(
    db_url, settings, seed
) -> None:
    reports = REPORTS[:]
    random.Random(seed).shuffle(reports)
    engine = open_store(db_url)
    try:
        for url, published, outlet, event in reports:
            ms = (event.milestone,)
            store_article(engine, url, published, finding(event, milestones=ms), publisher=outlet)
        with session_scope(engine) as session:
            states = current_states(session, settings, NOW)
    finally:
        engine.dispose()
    iraq, syria = states[IRAQ], states[SYRIA]
    assert (iraq.state, iraq.since, iraq.outlets, iraq.confirmed) == (
        "completed",
        date(2025, 12, 31),
        2,
        True,
    )
    assert [e.outlet for e in iraq.evidence] == ["Tigris Wire", "Defense Wire"]
    assert (syria.state, syria.since, syria.last_mention) == (
        "overdue",
        date(2026, 9, 30),
        date(2026, 2, 23),
    )


def test_a_database_upgraded_with_findings_is_reanalysed_before_any_state_alert(
    db_url, make_config, tmp_path
) -> None:
    from monitor.cycle import run_cycle
    from monitor.demo import REPLAY
    from monitor.extract.article import extract_article
    from monitor.store.engine import create_store_engine, upgrade
    from monitor.store.locks import get_mark
    from monitor.store.models import Digest
    from monitor.store.models import Finding as FindingRow

    page = REPLAY / "articles" / "11-coalition-completes-withdrawal-from-ain-al-asad.html"
    article = extract_article(page.read_bytes(), None)
    assert article is not None
    engine = create_store_engine(db_url)
    upgrade(engine, "0001")
    with session_scope(engine) as session:  # as the previous version stored it: no events
        # Only the columns of that version: later migrations add more to the model.
        article_id = session.execute(
            insert(Article)
            .values(
                url="https://tigris.example/11",
                title=article.title,
                text=article.text,
                published=article.published,
                fetched_at=NOW,
                created_at=NOW,
                analysed_at=NOW,
            )
            .returning(Article.id)
        ).scalar_one()
        session.add(
            FindingRow(
                article_id=article_id,
                relevant=True,
                novelty="new",
                milestones=[IRAQ],
                status_change="completed",
                analysed_at=NOW,
            )
        )
    upgrade(engine)
    assert get_mark(engine, "reanalysis-needed") is not None
    config = make_config(
        database_url=db_url,
        channels={"console": {"enabled": True, "path": str(tmp_path / "out.txt")}},
    )
    settings = load_settings(config, env={})
    report = run_cycle(settings, engine, clock=lambda: NOW, poll=False, digest="skip")
    assert get_mark(engine, "reanalysis-needed") is None
    with session_scope(engine) as session:
        assert current_states(session, settings, NOW)[IRAQ].state == "completed"
        subjects = session.scalars(select(Digest.subject).where(Digest.kind == "alert")).all()
    assert report.alerts == len(subjects) == 2
    assert any("Iraq ends: completed" in s for s in subjects)
    assert not any("Iraq ends: overdue" in s for s in subjects)
    engine.dispose()
