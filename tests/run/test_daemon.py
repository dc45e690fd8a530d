"""The daemon's wiring: its jobs and their guards, job errors that must not stop it, /healthz
reporting a job past its deadline, and a metrics port already in use."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest

from monitor.config import load_settings
from monitor.daemon import Daemon
from monitor.store.engine import open_store
from monitor.store.models import Finding
from tests.conftest import REPO
from tests.notify.notify_servers import dripping_smtp
from tests.run.processes import Lines
from tests.run.slow_web import slow_web
from tests.run.test_stop_signals import count, start, wait_until

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def daemon(make_config):
    settings = load_settings(make_config(schedule={"dispatch_seconds": 20}), env={})
    engine = open_store(settings.database_url)
    yield Daemon(settings, engine, clock=lambda: NOW)
    engine.dispose()


def test_jobs_never_overlap_coalesce_and_tolerate_misfires(daemon) -> None:
    daemon.schedule_jobs()
    daemon.scheduler.start(paused=True)  # applies the job defaults without running anything
    jobs = {job.id: job for job in daemon.scheduler.get_jobs()}
    daemon.scheduler.shutdown(wait=False)
    assert set(jobs) == {"poll", "digest", "digest-catch-up", "cleanup", "deliver"}
    for job in jobs.values():
        assert job.max_instances == 1
        assert job.coalesce is True
        assert job.misfire_grace_time >= 60
    assert jobs["poll"].trigger.interval.total_seconds() == 20
    # Sending runs beside the cycles, never queued behind a poll.
    assert jobs["deliver"].executor != jobs["poll"].executor
    assert str(jobs["digest"].trigger.fields[5]) == "7"  # hour field of "0 7 * * *"


def test_a_failing_job_is_logged_with_traceback_and_the_daemon_goes_on(daemon, caplog) -> None:
    def boom() -> None:
        raise RuntimeError("database exploded")

    with caplog.at_level(logging.ERROR, logger="monitor.daemon"):
        daemon._run("poll", boom)
        daemon._run("poll", lambda: None)
    record = next(r for r in caplog.records if "job failed" in r.getMessage())
    assert record.exc_info is not None and "database exploded" in str(record.exc_info[1])
    assert daemon.stats.cycles == 2 and daemon.stats.failed_cycles == 1


def test_no_job_starts_once_stop_is_requested(daemon) -> None:
    ran = []
    daemon.stop.set()
    daemon._run("poll", lambda: ran.append(1))
    assert ran == []


def test_metrics_text_reads_the_store(daemon) -> None:
    text = daemon.metrics_text()
    assert "monitor_up 1" in text and "monitor_feeds 0" in text


# --- the daemon as a process ----------------------------------------------------------------


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_healthz_reports_a_job_past_its_deadline(make_config, tmp_path, sqlite_url) -> None:
    port = _free_port()
    with slow_web(items=12, page_delay=0.5) as web:
        path = make_config(
            database_url=sqlite_url,
            feeds=[{"name": "slow", "url": web.feed_url}],
            fetch={
                "allow_private_addresses": True,
                "per_host_concurrency": 1,
                "per_host_min_gap_seconds": 0,
                "jitter_seconds": 0,
            },
            schedule={"dispatch_seconds": 2, "job_deadline_seconds": 2},
            metrics={"port": port},
            channels={"console": {"enabled": True, "path": str(tmp_path / "digests.txt")}},
        )
        proc = start(path, "run")
        try:
            wait_until(lambda: sum(p.startswith("/a/") for p in web.served) >= 6, timeout=60)
            status, body = _get(f"http://127.0.0.1:{port}/healthz")
            assert status == 503, body
            assert "job poll running for" in body and "past its deadline of 2 s" in body
            assert "monitor_healthy 0" in _get(f"http://127.0.0.1:{port}/metrics")[1]
            wait_until(lambda: count(sqlite_url, Finding) == 12, timeout=60)
            wait_until(lambda: _get(f"http://127.0.0.1:{port}/healthz")[0] == 200, timeout=10)
            assert _get(f"http://127.0.0.1:{port}/healthz")[1] == "ok\n"
        finally:
            proc.send_signal(15)
            out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_a_metrics_port_in_use_is_one_line_and_exit_2(make_config, sqlite_url) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        path = make_config(
            database_url=sqlite_url,
            metrics={"port": port},
            feeds=[{"name": "f", "url": "http://127.0.0.1:9/feed.xml"}],
        )
        run = start(path, "run")
        out, err = run.communicate(timeout=60)
        check = subprocess.run(
            [sys.executable, "-m", "monitor", "--config", str(path), "config", "check"],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )
    assert run.returncode == 2, err
    assert err.splitlines() == [
        f"monitor: configuration error: metrics.port: cannot listen on 127.0.0.1:{port}: "
        "Address already in use (another process uses it? choose another port)"
    ]
    assert check.returncode == 0, check.stderr
    assert f"warning: metrics port 127.0.0.1:{port} cannot be opened now" in check.stderr


@pytest.mark.slow
def test_a_stuck_mail_server_delays_neither_polls_nor_a_stop(make_config, tmp_path) -> None:
    database = f"sqlite:///{tmp_path / 'monitor.db'}"
    # Eleven pages: the eleventh reports a completion, which goes out at once as an alert.
    with slow_web(items=11) as web, dripping_smtp(every=0.5) as drip:
        path = make_config(
            database_url=database,
            feeds=[{"name": "f", "url": web.feed_url}],
            fetch={
                "allow_private_addresses": True,
                "per_host_concurrency": 4,
                "per_host_min_gap_seconds": 0,
                "jitter_seconds": 0,
            },
            schedule={"dispatch_seconds": 1},
            channels={
                "console": {"enabled": True, "path": str(tmp_path / "digests.txt")},
                "email": {
                    "enabled": True,
                    "smtp_host": "127.0.0.1",
                    "smtp_port": drip.port,
                    "security": "none",
                    "recipients": ["desk@example.org"],
                    "timeout_seconds": 120,
                },
            },
        )
        proc = start(path, "-v", "run")
        lines = Lines(proc.stderr)
        try:
            # The alert goes out: to a mail server that drips its greeting.
            wait_until(lambda: drip.connections >= 1, timeout=60)
            stuck = time.monotonic()
            time.sleep(4)
            polls = lines.after(stuck, "job done job=poll")
            # The console had the alert meanwhile.
            assert (tmp_path / "digests.txt").exists()
        finally:
            started = time.monotonic()
            proc.send_signal(15)
            proc.wait(timeout=30)
            took = time.monotonic() - started
            lines.join()
    assert len(polls) >= 3, lines.text()  # a poll every second while the mail hangs
    assert proc.returncode == 0 and took < 5, f"stopping took {took:.1f}s"
    assert "Traceback" not in lines.text()
