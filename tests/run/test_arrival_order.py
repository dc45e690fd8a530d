"""The same states whatever the order in which the articles arrive: the labelled sets polled
into two databases, in two polls each, the newest reports first in one and the oldest first
in the other (a live run against a backfill)."""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from labelled_sets import build_site, items, write_config, write_feed

from monitor.config import load_settings
from monitor.cycle import run_cycle
from monitor.demo import serve_replay
from monitor.state.load import current_states
from monitor.store.engine import open_store
from monitor.store.session import session_scope

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _poll(settings, engine, site: Path, order: list[int]) -> None:
    write_feed(site, order)
    # The replay server answers If-Modified-Since by the file's time, to the second.
    later = time.time() + 5 * (1 + len(order))
    os.utime(site / "feed.xml", (later, later))
    report = run_cycle(settings, engine, clock=lambda: datetime.now(UTC), digest="skip", force=True)
    assert report.poll is not None and report.poll.feeds_failed == 0


def _view(state):
    """A state without the ids of rows, which differ from one database to another."""
    return (
        state.state,
        state.since,
        state.confirmed,
        state.official,
        state.outlets,
        state.effective_due,
        state.last_mention,
        tuple(e.url for e in state.evidence),
        tuple((h.on, h.event, h.state, h.statement, h.url) for h in state.history),
    )


def test_the_order_of_arrival_does_not_change_the_states(tmp_path: Path) -> None:
    every = list(range(len(items())))
    newest_first = sorted(every, key=lambda i: items()[i]["published"], reverse=True)
    shuffled = every[:]
    random.Random(20260923).shuffle(shuffled)
    orders = {
        "live": (newest_first[len(every) // 2 :], newest_first),  # oldest half first
        "backfill": (newest_first[: len(every) // 2], list(reversed(newest_first))),
        "shuffled": (shuffled[:30], shuffled),
    }
    site = build_site(tmp_path / "site")
    views = {}
    with serve_replay(site) as feed_url:
        for name, (first, second) in orders.items():
            folder = tmp_path / name
            folder.mkdir()
            config = write_config(
                folder, f"sqlite:///{folder / 'm.db'}", feed_url, digest={"immediate_alerts": False}
            )
            settings = load_settings(config, env={})
            engine = open_store(settings.database_url)
            try:
                _poll(settings, engine, site, first)
                _poll(settings, engine, site, second)
                with session_scope(engine) as session:
                    states = current_states(session, settings, datetime.now(UTC))
            finally:
                engine.dispose()
            views[name] = {m: _view(s) for m, s in states.items()}
    assert views["live"] == views["backfill"] == views["shuffled"]
    iraq = views["live"]["iraq-mission-end"]
    assert iraq[0] == "completed" and len(iraq[7]) >= 2
