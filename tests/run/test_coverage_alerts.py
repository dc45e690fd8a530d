"""An outage the reader hears about: failing feeds count in every cycle (also while they wait
in backoff), and a coverage alert goes through the channels once per episode, then a notice
when the feeds are back. Real subprocesses, a real HTTP server on 127.0.0.1, SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor.notify.model import OutageFeed
from monitor.notify.outage import after_text, decide
from tests.conftest import REPO, default_config_data

EMPTY_RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<link>http://x/</link><description>d</description></channel></rss>"
)


@contextmanager
def feed_server(state: dict[str, bool]) -> Iterator[str]:
    """Serves /feed/<name>.xml: an empty RSS feed while state["up"], else HTTP 503 for every
    feed but "steady"."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            up = state["up"] or self.path.endswith("/steady.xml")
            self.send_response(200 if up else 503)
            self.send_header("Content-Type", "application/rss+xml" if up else "text/plain")
            body = EMPTY_RSS if up else b"down for maintenance"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def monitor(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args, "--config", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


@pytest.mark.slow
def test_an_outage_is_counted_alerted_once_and_its_end_announced(
    db_url, make_config, tmp_path
) -> None:
    state = {"up": False}
    console = tmp_path / "console.txt"
    names = ["alpha", "bravo", "charlie", "steady"]
    with feed_server(state) as base:
        config = make_config(
            database_url=db_url,
            feeds=[{"name": n, "url": f"{base}/feed/{n}.xml"} for n in names],
            fetch={
                "allow_private_addresses": True,
                "per_host_min_gap_seconds": 0,
                "jitter_seconds": 0,
                "extract_workers": 1,
            },
            digest={"coverage_alert_after_hours": 0.0005, "coverage_alert_share": 0.5},
            # Milestones still open, so that only coverage speaks (no overdue or silence alert).
            milestones=[{**m, "due": "2099-12"} for m in default_config_data()["milestones"]],
            channels={"console": {"enabled": True, "path": str(console)}},
        )
        first = monitor(config, "run", "--once")
        assert first.returncode == 1, first.stderr
        lines = first.stderr.strip().splitlines()
        assert "Traceback" not in first.stderr
        assert lines[-1].startswith("feeds ok 1, not modified 0, failed 3; new entries 0")
        assert sorted(n for n in names if any(f"feed={n}" in line for line in lines)) == [
            "alpha",
            "bravo",
            "charlie",
        ]
        assert len(lines) == 4  # one warning per failing feed, then the summary
        assert not console.exists()  # failing for less than the threshold: no alert yet

        time.sleep(2.0)  # longer than the threshold (1.8 s)
        second = monitor(config, "run", "--once")
        assert second.returncode == 1, second.stderr  # still failing, though none was polled
        lines = second.stderr.strip().splitlines()
        summary = lines[-1]
        assert summary.startswith(
            "feeds ok 0, not modified 0, failed 3 (3 waiting in backoff); new entries 0"
        )
        assert "coverage notice" in summary
        waiting = [line for line in lines if line.startswith("monitor: warning: feed ")]
        # Longest failing first: the three began failing in one cycle, in any order.
        assert sorted(line.split()[3] for line in waiting) == ["alpha", "bravo", "charlie"]
        assert all("HTTP 503" in line and "next try in" in line for line in waiting)
        alert = console.read_text()
        assert "COVERAGE ALERT" in alert
        assert "3 of 4 feeds have been failing for 1 minute or more" in alert
        for name in ("alpha", "bravo", "charlie"):
            assert f"- {name}: failing since" in alert
        assert "steady" not in alert

        third = monitor(config, "run", "--once")
        assert third.returncode == 1
        assert console.read_text().count("COVERAGE ALERT") == 1  # once per episode

        state["up"] = True
        polled = monitor(config, "poll", "--force")
        assert polled.returncode == 0, polled.stderr
        back = monitor(config, "run", "--once")
        assert back.returncode == 0, back.stderr
        assert "coverage notice" in back.stderr
        text = console.read_text()
        assert text.count("COVERAGE ALERT") == 1 and text.count("COVERAGE BACK") == 1
        assert "4 of 4 feeds answer again" in text
        assert "Back: alpha, bravo, charlie" in text

        quiet = monitor(config, "run", "--once")
        assert quiet.returncode == 0 and console.read_text().count("COVERAGE") == 2


NOW = datetime(2025, 10, 2, 12, tzinfo=UTC)


def _down(name: str, hours: float) -> OutageFeed:
    return OutageFeed(name, NOW - timedelta(hours=hours), 3, "HTTP 503", None)


@pytest.mark.parametrize(
    ("failing", "total", "episode_open", "expected"),
    [
        ([], 10, False, None),
        ([_down(f"f{i}", 7) for i in range(5)], 10, False, None),  # half is not more than half
        ([_down(f"f{i}", 7) for i in range(6)], 10, False, "outage"),
        ([_down(f"f{i}", 5) for i in range(10)], 10, False, None),  # not failing long enough
        ([_down(f"f{i}", 7) for i in range(6)], 10, True, None),  # the episode is open
        ([_down(f"f{i}", 0.1) for i in range(6)], 10, True, None),  # still more than half
        ([_down(f"f{i}", 9) for i in range(5)], 10, True, "recovery"),
        ([], 10, True, "recovery"),
        ([_down("a", 9)], 0, False, None),
    ],
)
def test_coverage_decision(failing, total, episode_open, expected) -> None:
    got = decide(
        failing,
        total,
        episode_open=episode_open,
        share=0.5,
        after=timedelta(hours=6),
        now=NOW,
    )
    assert got == expected


def test_threshold_in_words() -> None:
    assert after_text(timedelta(hours=6)) == "6 hours"
    assert after_text(timedelta(hours=1)) == "1 hour"
    assert after_text(timedelta(minutes=90)) == "90 minutes"
    assert after_text(timedelta(seconds=2)) == "1 minute"
