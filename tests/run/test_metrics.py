"""Metrics: the pure exposition and the HTTP endpoint over a real store."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime

from monitor.metrics import CycleStats, MetricsServer, render_metrics
from monitor.store.engine import open_store
from monitor.store.models import Feed, PollEvent
from monitor.store.session import session_scope
from monitor.store.stats import StoreCounts, store_counts

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def test_render_metrics_lists_every_family_with_labels() -> None:
    counts = StoreCounts(
        polls={"ok": 3, "failed": 1},
        articles=7,
        findings={"new": 2, "none": 5},
        deliveries={("email", "sent"): 1, ("slack", "pending"): 1},
        feeds=4,
        feeds_failing=1,
    )
    text = render_metrics(counts, CycleStats(cycles=2, last_duration_seconds=1.5, last_end=NOW))
    assert 'monitor_polls_total{outcome="ok"} 3' in text
    assert 'monitor_polls_total{outcome="not_modified"} 0' in text
    assert 'monitor_findings_total{novelty="background"} 0' in text
    assert 'monitor_deliveries{channel="slack",state="pending"} 1' in text
    assert "monitor_cycle_duration_seconds 1.5" in text
    assert f"monitor_cycle_last_end_timestamp_seconds {NOW.timestamp():g}" in text
    for line in text.splitlines():
        assert line.startswith("#") or len(line.rsplit(" ", 1)) == 2


def test_endpoint_serves_metrics_and_liveness(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    with session_scope(engine) as session:
        feed = Feed(name="f", url="https://example.org/f", created_at=NOW, tags=[])
        session.add(feed)
        session.flush()
        session.add(PollEvent(feed_id=feed.id, at=NOW, outcome="failed", error="HTTP 500"))
    server = MetricsServer(
        "127.0.0.1", 0, lambda: render_metrics(store_counts(engine), CycleStats())
    )
    server.start()
    try:
        host, port = server.address
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=5) as answer:
            assert answer.status == 200
        with urllib.request.urlopen(f"http://{host}:{port}/metrics", timeout=5) as answer:
            body = answer.read().decode()
        assert 'monitor_polls_total{outcome="failed"} 1' in body
        assert "monitor_feeds 1" in body
        try:
            urllib.request.urlopen(f"http://{host}:{port}/other", timeout=5)
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        else:
            raise AssertionError("expected 404")
    finally:
        server.stop()
        engine.dispose()
