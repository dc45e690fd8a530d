"""When the next digest is due (a pure function, shared by `monitor feeds`, the daemon's start
line and `monitor status`), and the daemon's start line at the default log level (a real
daemon in a subprocess, stopped with SIGTERM)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.schedule import next_digest_at
from tests.conftest import REPO

NOW = datetime(2025, 10, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cron", "zone", "last", "expected"),
    [
        # Never sent: due at once.
        ("0 7 * * *", "UTC", None, NOW),
        # Sent this morning at 07:00: tomorrow 07:00.
        ("0 7 * * *", "UTC", datetime(2025, 10, 2, 7, 0, 30, tzinfo=UTC), datetime(2025, 10, 3, 7, 0, tzinfo=UTC)),
        # Last sent yesterday morning: today's 07:00 has passed, so it is due now.
        ("0 7 * * *", "UTC", datetime(2025, 10, 1, 7, 1, tzinfo=UTC), NOW),
        # 07:00 in Paris is 05:00 UTC in summer time.
        ("0 7 * * *", "Europe/Paris", datetime(2025, 10, 2, 5, 0, 10, tzinfo=UTC), datetime(2025, 10, 3, 5, 0, tzinfo=UTC)),
        # Mondays only (2 Oct 2025 is a Thursday).
        ("30 8 * * mon", "UTC", datetime(2025, 9, 29, 8, 31, tzinfo=UTC), datetime(2025, 10, 6, 8, 30, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_next_digest_at(cron, zone, last, expected) -> None:
    assert next_digest_at(cron, zone, last, NOW) == expected


def _start_and_stop(config: Path, log: Path, env: dict[str, str], ready) -> list[str]:
    """Run the daemon until `ready()` holds after its start line, then SIGTERM; its log lines."""
    with log.open("w") as err:
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(config)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if "daemon started" in log.read_text() and ready():
                    break
                time.sleep(0.2)
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=60)
    assert daemon.returncode == 0
    text = log.read_text()
    assert "Traceback" not in text and "daemon stopped" in text
    return [line for line in text.splitlines() if "daemon started" in line]


@pytest.mark.slow
def test_the_daemon_says_at_start_when_it_polls_and_sends_next(make_config, tmp_path) -> None:
    cron = "15 6 * * *"
    config: Path = make_config(
        feeds=[
            {"name": "a", "url": "http://127.0.0.1:9/a.xml"},
            {"name": "b", "url": "http://127.0.0.1:9/b.xml", "enabled": False},
        ],
        schedule={"digest_cron": cron, "timezone": "UTC", "dispatch_seconds": 3600},
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}

    def state() -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "monitor", "feeds", "--json", "--config", str(config)],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
        )  # fmt: skip
        return json.loads(result.stdout) if result.returncode == 0 else {}

    def polled_and_digested() -> bool:
        now = state()
        return bool(now.get("last_digest_at")) and now["feeds"][0]["status"] == "failing"

    first = _start_and_stop(config, tmp_path / "first.log", env, polled_and_digested)
    assert len(first) == 1
    assert "level=info logger=monitor.lifecycle" in first[0]  # shown without -v
    assert first[0].endswith(
        "daemon started feeds=1 next_poll=now (1 of 1 feeds due) next_digest=now (due) "
        f"digest_cron='{cron}' timezone=UTC"
    )

    # Restarted: the feed waits in backoff and the digest went out; both times are given.
    known = state()
    second = _start_and_stop(config, tmp_path / "second.log", env, lambda: True)
    next_poll = datetime.fromisoformat(known["feeds"][0]["next_poll_at"])
    last_digest = datetime.fromisoformat(known["last_digest_at"])
    digest_at = next_digest_at(cron, "UTC", last_digest, datetime.now(UTC))
    assert second[0].endswith(
        f"daemon started feeds=1 next_poll={next_poll.isoformat(timespec='minutes')} "
        f"next_digest={digest_at.isoformat(timespec='minutes')} "
        f"digest_cron='{cron}' timezone=UTC"
    )
