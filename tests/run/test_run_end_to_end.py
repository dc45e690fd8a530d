"""The whole pipeline as users run it: real subprocesses, a real replay server, a real SMTP
server, SQLite and PostgreSQL. Poll → extract → analyse → store → digest → deliver, then the
failure modes of a long-running service: overlapping cycles, kill -9, SIGTERM, secrets in logs.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, func, select

from monitor.demo import serve_replay
from monitor.store.models import Article, Delivery, Digest, Entry, Finding
from tests.conftest import REPO

pytestmark = pytest.mark.slow


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def run_config(
    make_config, database_url: str, feed_url: str, smtp_port: int, concurrency: int = 4, **extra
) -> Path:
    return make_config(
        database_url=database_url,
        feeds=[{"name": "replay", "url": feed_url}],
        fetch={
            "allow_private_addresses": True,
            "per_host_min_gap_seconds": 0,
            "jitter_seconds": 0,
            "per_host_concurrency": concurrency,
            "extract_workers": 2,
        },
        schedule={"dispatch_seconds": 1, "digest_cron": "0 7 * * *", "timezone": "UTC"},
        digest={"immediate_alerts": False},
        channels={
            "console": {"enabled": False},
            "email": {
                "enabled": True,
                "smtp_host": "127.0.0.1",
                "smtp_port": smtp_port,
                "security": "none",
                "sender": "monitor@example.org",
                "recipients": ["reader@example.org", "second@example.org"],
            },
        },
        **extra,
    )


def monitor(config: Path, *args: str, env: dict[str, str] | None = None, **kwargs):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        timeout=kwargs.pop("timeout", 120),
        **kwargs,
    )


def count(url: str, model, *where) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
    finally:
        engine.dispose()


def test_run_once_end_to_end_delivers_one_digest_once(db_url, make_config, smtp) -> None:
    inbox, port = smtp
    with serve_replay() as feed_url:
        config = run_config(make_config, db_url, feed_url, port)
        first = monitor(config, "run", "--once")
        assert first.returncode == 0, first.stderr
        assert "Traceback" not in first.stderr
        assert len(inbox.messages) == 1
        message = inbox.messages[0].decode("utf-8", "replace")
        assert "Ain al-Asad" in message or "Ain al-Asad" in message.replace("=\n", "")
        assert count(db_url, Entry) == 13
        assert count(db_url, Finding) == count(db_url, Article) >= 12
        assert count(db_url, Finding, Finding.novelty == "new") >= 5
        assert count(db_url, Delivery, Delivery.state == "sent") == 1

        again = monitor(config, "run", "--once")
        assert again.returncode == 0, again.stderr
        assert len(inbox.messages) == 1, "a repeated run must not send twice"
        assert count(db_url, Finding) == count(db_url, Article)

        listed = monitor(config, "findings", "--json")
        assert listed.returncode == 0, listed.stderr
        rows = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
        assert rows and all(row["relevant"] for row in rows)
        assert {
            "url",
            "title",
            "published",
            "milestones",
            "novelty",
            "mentions",
            "new_facts",
            "events",
        } <= set(rows[0])


def test_second_cycle_while_one_runs_says_so_and_exits_0(sqlite_url, make_config, smtp) -> None:
    inbox, port = smtp
    with serve_replay(delay_seconds=0.4) as feed_url:
        # One page at a time: the first cycle holds the lock for several seconds (it gives
        # it back before sending, so the poll is what the second run must meet).
        config = run_config(make_config, sqlite_url, feed_url, port, concurrency=1)
        first = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run", "--once"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(lambda: _lock_taken(sqlite_url), timeout=30)
            second = monitor(config, "run", "--once")
            assert second.returncode == 0, second.stderr
            assert "another cycle is running" in second.stderr
            assert len(second.stderr.strip().splitlines()) == 1
        finally:
            _, err = first.communicate(timeout=120)
        assert first.returncode == 0, err
    assert len(inbox.messages) == 1


def test_kill_9_mid_cycle_then_rerun_loses_nothing_and_duplicates_nothing(
    db_url, make_config, smtp
) -> None:
    inbox, port = smtp
    served: list[str] = []
    with serve_replay(delay_seconds=0.3, served=served) as feed_url:
        config = run_config(make_config, db_url, feed_url, port, concurrency=1)
        victim = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run", "--once"],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # Killed in the middle of fetching the articles.
            _wait_for(lambda: sum("/articles/" in p for p in served) >= 5, timeout=60)
        finally:
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=30)
        assert victim.returncode == -signal.SIGKILL
        assert len(inbox.messages) == 0

        rerun = monitor(config, "run", "--once")
        assert rerun.returncode == 0, rerun.stderr
        assert count(db_url, Entry) == 13
        assert count(db_url, Finding) == count(db_url, Article)
        assert len(inbox.messages) == 1
        assert count(db_url, Digest, Digest.kind == "digest") == 1

        third = monitor(config, "run", "--once")
        assert third.returncode == 0
        assert len(inbox.messages) == 1


def test_daemon_stops_cleanly_on_sigterm_and_resumes_without_realerting(
    sqlite_url, make_config, smtp
) -> None:
    inbox, port = smtp
    with serve_replay(delay_seconds=0.3) as feed_url:
        config = run_config(make_config, sqlite_url, feed_url, port, metrics={"port": None})
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "-v", "run"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(lambda: _safe_count(sqlite_url, Article) >= 2, timeout=60)
        finally:
            stopped_at = time.monotonic()
            daemon.send_signal(signal.SIGTERM)
            _, err = daemon.communicate(timeout=30)
        took = time.monotonic() - stopped_at
        assert daemon.returncode == 0, err
        assert "Traceback" not in err
        assert took < 15, f"stopping took {took:.1f}s"
        assert count(sqlite_url, Finding) == count(sqlite_url, Article)
        sent_before = len(inbox.messages)

        resumed = monitor(config, "run", "--once")
        assert resumed.returncode == 0, resumed.stderr
        assert count(sqlite_url, Entry) == 13
        assert count(sqlite_url, Finding) == count(sqlite_url, Article)
        # Whatever went out before the restart is not sent again.
        assert len(inbox.messages) <= max(sent_before, 1)


def test_secrets_never_reach_the_logs(sqlite_url, make_config) -> None:
    token = "T000/B000/s3cr3t-w3bh00k-t0k3n"
    password = "pa55-w0rd-never-logged"
    with serve_replay() as feed_url:
        config = make_config(
            database_url=sqlite_url,
            feeds=[{"name": "replay", "url": feed_url}],
            fetch={
                "allow_private_addresses": True,
                "per_host_min_gap_seconds": 0,
                "jitter_seconds": 0,
            },
            channels={
                "console": {"enabled": False},
                "slack": {"enabled": True},
                "email": {
                    "enabled": True,
                    "smtp_host": "127.0.0.1",
                    "smtp_port": 9,  # nothing listens: the delivery fails and is logged
                    "security": "none",
                    "username": "monitor",
                    "recipients": ["reader@example.org"],
                },
            },
        )
        env = {
            # Port 9 on loopback refuses: the webhook fails and its error is logged.
            "MONITOR_CHANNELS__SLACK__WEBHOOK_URL": f"http://127.0.0.1:9/services/{token}",
            "MONITOR_CHANNELS__EMAIL__PASSWORD": password,
        }
        result = monitor(config, "-vv", "run", "--once", env=env)
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    assert "s3cr3t" not in output
    assert password not in output
    assert "level=" in result.stderr  # key=value log lines were written


def test_demo_runs_offline_and_writes_the_digest(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "demo", "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")},
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "digest.txt").read_text()
    html = (tmp_path / "out" / "digest.html").read_text()
    assert "<html" in html.lower()
    assert text.strip() in result.stdout

    # What the reader of the demo must be told (monitor/demo/replay/expected.json says why).
    iraq, syria = _sections(
        text, "Coalition military mission in Iraq ends", "Support to counter-ISIS"
    )
    standing = text.split("Where things stand:", 1)[1].split("==", 1)[0]
    assert "Coalition military mission in Iraq ends: Completed" in standing
    assert "operations in Syria from Iraq continues: Overdue since 30 Sep 2026" in standing
    # The advisers who stay at Ain al-Asad extend the first phase; they leave nothing.
    stay = _story(iraq, "small US unit will stay at Ain al-Asad")
    assert stay.startswith("[EXTENDED]"), stay
    assert "left Ain al-Asad" not in stay
    # The 900 troops of article 06 are in Syria: the Iraq story on it does not count them.
    scale_back = _story(iraq, "Pentagon confirms coalition will scale back Iraq mission")
    assert "fewer than 2,000" in scale_back
    assert "900" not in scale_back
    # The first phase's completion badges no story of the second phase.
    assert "[COMPLETED]" not in syria
    assert "[COMPLETED]" in _story(iraq, "Iraq declares first phase of coalition exit complete")


def _sections(text: str, *titles: str) -> list[str]:
    """The digest's milestone sections, in the order of `titles` (each up to the next '==')."""
    parts = text.split("\n== ")
    return [next(p for p in parts if p.startswith(title)) for title in titles]


def _story(section: str, headline: str) -> str:
    """One numbered story of a section, from its headline line to the next story."""
    stories = re.split(r"\n\d+\. ", section)
    return next(s for s in stories if headline in s.split("\n", 1)[0])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _safe_count(url: str, model) -> int:
    try:
        return count(url, model)
    except Exception:
        return 0


def _lock_taken(url: str) -> bool:
    from monitor.store.models import RunLock

    return _safe_count(url, RunLock) > 0
