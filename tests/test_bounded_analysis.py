"""Bounded analysis: the text analysed, the time the analysis takes and the mentions stored are
capped, and the cut is recorded on the article. Pure caps as tables; then the real pipeline
against a local server with a page far past the caps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from monitor.app import make_analyser, poll_cycle
from monitor.bounded import Cut, cap_mentions, cap_text
from monitor.config import load_settings
from monitor.store.engine import open_store
from monitor.store.models import Article, Finding, MentionRow
from monitor.store.session import session_scope
from monitor.types import Article as ArticleData
from monitor.types import Finding as FindingData
from monitor.types import Mention
from tests.run.slow_web import slow_web
from tests.run.test_stop_signals import big_page

NOW = datetime(2025, 10, 12, 7, 0, tzinfo=UTC)


def article(text: str) -> ArticleData:
    return ArticleData(url="https://news.example/a", title="t", text=text, published=None)


@pytest.mark.parametrize(
    ("text", "cap", "kept"),
    [
        ("short text.", 1000, "short text."),
        # A paragraph end within the last tenth before the cap is where the cut falls.
        ("a" * 950 + "\n\n" + "b" * 200, 1000, "a" * 950),
        # Else a sentence end ...
        ("a" * 940 + ". " + "b" * 200, 1000, "a" * 940 + "."),
        # ... else a space ...
        ("a" * 960 + " " + "b" * 200, 1000, "a" * 960),
        # ... else the cap itself.
        ("a" * 2000, 1000, "a" * 1000),
    ],
    ids=["under", "paragraph", "sentence", "space", "hard"],
)
def test_cap_text(text, cap, kept) -> None:
    capped, cut = cap_text(article(text), cap)
    assert capped.text == kept
    if kept == text:
        assert cut == Cut() and cut.note() is None
    else:
        assert cut.text_chars == (len(kept), len(text))
        assert cut.note() == f"text cut: {len(kept):,} of {len(text):,} characters analysed"


def test_cap_mentions_keeps_the_strongest_in_text_order() -> None:
    mentions = tuple(
        Mention(milestone="m", sentence=f"s{i}", start=i, end=i + 1, score=score)
        for i, score in enumerate([0.2, 0.9, 0.5, 0.9, 0.1])
    )
    finding = FindingData(relevant=True, milestones=("m",), novelty="new", mentions=mentions)
    capped, had = cap_mentions(finding, 3)
    assert had == 5
    assert [m.sentence for m in capped.mentions] == ["s1", "s2", "s3"]
    same, none = cap_mentions(finding, 5)
    assert same is finding and none is None


def test_notes_say_what_was_cut() -> None:
    cut = Cut(text_chars=(200_000, 9_323_203), mentions=(500, 1_234), seconds=30)
    assert cut.note() == (
        "text cut: 200,000 of 9,323,203 characters analysed; "
        "mentions cut: 500 of 1,234 kept (the strongest); "
        "analysis stopped after 30 s: not analysed"
    )


def poll_big(make_config, limits: dict[str, object], megabytes: float):
    with slow_web(items=2, big_page=big_page(megabytes)) as web:
        settings = load_settings(
            make_config(
                feeds=[{"name": "big", "url": web.feed_url}],
                fetch={"allow_private_addresses": True, "extract_workers": 2},
                analysis_limits=limits,
            )
        )
        engine = open_store(settings.database_url)
        summary = poll_cycle(
            settings,
            engine,
            now=lambda: datetime.now(UTC),
            analyse=make_analyser(settings, engine, NOW),
            force=True,
        )
    with session_scope(engine) as session:
        # Loaded here, read after the session ends (its objects are not expired on commit).
        rows = {row.url.rsplit("/", 1)[1]: row for row in session.scalars(select(Article)).all()}
        mentions = dict(
            session.execute(
                select(Finding.article_id, func.count(MentionRow.id))
                .join(MentionRow, MentionRow.finding_id == Finding.id)
                .group_by(Finding.article_id)
            ).all()
        )
        findings = session.scalar(select(func.count()).select_from(Finding))
    engine.dispose()
    return summary, rows, mentions, findings


def test_a_page_past_the_caps_is_analysed_within_them(make_config) -> None:
    summary, rows, mentions, findings = poll_big(
        make_config, {"max_text_chars": 20_000, "max_mentions": 10}, megabytes=1
    )
    big, small = rows["0"], rows["1"]
    assert len(big.text) > 900_000  # the whole text is kept as evidence ...
    assert big.analysis_cut.startswith("text cut: ")  # ... what was analysed is said
    assert f"of {len(big.text):,} characters analysed" in big.analysis_cut
    assert "mentions cut: 10 of " in big.analysis_cut
    assert mentions[big.id] == 10
    assert small.analysis_cut is None and big.analysed_at and small.analysed_at
    # Both relevant: their pages kept (`fetch.keep_raw_pages: relevant`), the worker said so.
    assert big.raw_page is not None and small.raw_page is not None
    assert findings == 2 and summary.analyses_cut == 1


def test_an_analysis_past_its_time_bound_is_stopped_and_the_cycle_goes_on(make_config) -> None:
    summary, rows, mentions, findings = poll_big(
        make_config, {"max_text_chars": 5_000_000, "timeout_seconds": 0.5}, megabytes=3
    )
    big, small = rows["0"], rows["1"]
    assert big.analysis_cut == "analysis stopped after 0.5 s: not analysed"
    assert big.analysed_at is not None  # not tried again on every poll
    assert small.analysis_cut is None and mentions.get(small.id, 0) > 0
    assert findings == 1 and summary.analyses_cut == 1
