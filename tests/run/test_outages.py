"""Database outages against real servers and processes: a PostgreSQL of the test's own stopped
and started mid-cycle, SQLite's write lock held by a second process. The daemon says so in one
line per job and resumes polling within one dispatch interval once the database is back (the
cycle lock it could not release is released then); `run --once` says so in one line and exits
3; a digest that was due while another process held the cycle lock is made once it is free."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.store.models import Article, Digest, Entry, Finding
from tests.conftest import REPO
from tests.run.processes import Lines
from tests.run.slow_web import slow_web
from tests.run.test_stop_signals import count, start, wait_until

pytestmark = pytest.mark.slow

DISPATCH = 2
# One page at a time, at once: ten pages at 0.5 s make a cycle of about five seconds.
ONE_BY_ONE = {
    "allow_private_addresses": True,
    "per_host_concurrency": 1,
    "per_host_min_gap_seconds": 0,
    "jitter_seconds": 0,
    "extract_workers": 1,
}


def daemon_config(make_config, tmp_path: Path, database_url: str, feed_url: str | None, **extra):
    return make_config(
        **extra,
        database_url=database_url,
        feeds=[{"name": "slow", "url": feed_url}] if feed_url else [],
        fetch=ONE_BY_ONE,
        schedule={"dispatch_seconds": DISPATCH, "digest_cron": "0 7 * * *"},
        channels={"console": {"enabled": True, "path": str(tmp_path / "digests.txt")}},
    )


def pages_served(web) -> int:
    return sum(path.startswith("/a/") for path in web.served)


def stop_daemon(proc: subprocess.Popen[str], lines: Lines) -> str:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    lines.join()
    return lines.text()


def test_the_daemon_resumes_within_a_dispatch_interval_after_postgres_was_down(
    own_postgres, make_config, tmp_path
) -> None:
    pg = own_postgres
    with slow_web(items=10, page_delay=0.5) as web:
        path = daemon_config(make_config, tmp_path, pg.url, web.feed_url)
        proc = start(path, "-v", "run")
        lines = Lines(proc.stderr)
        try:
            wait_until(lambda: pages_served(web) >= 2, timeout=60)
            pg.stop()  # mid-cycle: the daemon holds the cycle lock
            wait_until(lambda: lines.after(0, "job failed job=poll"), timeout=30)
            time.sleep(2 * DISPATCH)  # a few more jobs meet the outage
            pg.start()
            back = time.monotonic()
            wait_until(lambda: web.feed_requests_after(back), timeout=60)
            resumed = web.feed_requests_after(back)[0] - back
            wait_until(lambda: count(pg.url, Finding) == 10, timeout=60)
        finally:
            text = stop_daemon(proc, lines)
    assert proc.returncode == 0, text
    print(f"postgres back: polling resumed after {resumed:.1f}s")
    assert resumed <= DISPATCH + 2, f"polling resumed {resumed:.1f}s after the database"
    assert "Traceback" not in text
    failures = [line for line in text.splitlines() if "job failed" in line]
    assert failures and all("error=database" in line for line in failures)
    assert count(pg.url, Article) == count(pg.url, Entry) == 10


def test_run_once_with_postgres_gone_mid_run_is_one_line_and_exit_3(
    own_postgres, make_config, tmp_path
) -> None:
    pg = own_postgres
    with slow_web(items=10, page_delay=0.5) as web:
        path = daemon_config(make_config, tmp_path, pg.url, web.feed_url)
        proc = start(path, "run", "--once")
        wait_until(lambda: pages_served(web) >= 2, timeout=60)
        pg.stop()
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 3, err
        [line] = err.splitlines()
        assert line.startswith("monitor: database error: database ") and "Traceback" not in err
        # Back again: the next run takes the lock at once (its holder is gone) and does it all.
        pg.start()
        again = start(path, "run", "--once")
        out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert count(pg.url, Finding) == count(pg.url, Article) == count(pg.url, Entry) == 10


HOLD_WRITE_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def hold_write_lock(database: Path, seconds: float) -> subprocess.Popen[str]:
    """A second process holding SQLite's write lock for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(database), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_the_daemon_resumes_after_sqlite_was_write_locked_by_another_process(
    make_config, tmp_path
) -> None:
    database = tmp_path / "monitor.db"
    url = f"sqlite:///{database}?timeout=1"
    with slow_web(items=10, page_delay=0.5) as web:
        path = daemon_config(make_config, tmp_path, url, web.feed_url)
        proc = start(path, "-v", "run")
        lines = Lines(proc.stderr)
        try:
            wait_until(lambda: pages_served(web) >= 2, timeout=60)
            holder = hold_write_lock(database, 8)  # mid-cycle: the daemon holds the cycle lock
            holder.wait(timeout=60)
            free = time.monotonic()
            wait_until(lambda: web.feed_requests_after(free), timeout=60)
            resumed = web.feed_requests_after(free)[0] - free
            wait_until(lambda: count(f"sqlite:///{database}", Finding) == 10, timeout=60)
        finally:
            text = stop_daemon(proc, lines)
    assert proc.returncode == 0, text
    # The job in flight when the lock went waits out its busy timeout first.
    print(f"sqlite write lock gone: polling resumed after {resumed:.1f}s")
    assert resumed <= DISPATCH + 3, f"polling resumed {resumed:.1f}s after the lock"
    failures = [line for line in text.splitlines() if "job failed" in line]
    assert failures and all("is locked by another process" in line for line in failures)
    assert "Traceback" not in text


def test_run_once_on_a_write_locked_sqlite_is_one_line_and_exit_3(make_config, tmp_path) -> None:
    database = tmp_path / "monitor.db"
    path = daemon_config(
        make_config, tmp_path, f"sqlite:///{database}?timeout=1", "http://127.0.0.1:9/feed.xml"
    )
    first = start(path, "db", "upgrade")
    assert first.wait(timeout=120) == 0
    holder = hold_write_lock(database, 20)
    try:
        proc = start(path, "run", "--once")
        out, err = proc.communicate(timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 3, err
    assert err.splitlines() == [
        f"monitor: database error: database {database} is locked by another process "
        "(waited for the busy timeout)"
    ]


HOLD_CYCLE_LOCK = """
import sys, time
from datetime import UTC, datetime, timedelta
from monitor.store.engine import open_store
from monitor.store.locks import acquire, new_holder, release
engine = open_store(sys.argv[1])
holder = new_holder()
assert acquire(engine, holder, datetime.now(UTC), timedelta(minutes=10))
print("held", flush=True)
time.sleep(float(sys.argv[2]))
release(engine, holder)
"""


def test_a_digest_due_while_another_process_held_the_lock_goes_out_once_it_is_free(
    make_config, tmp_path
) -> None:
    database = tmp_path / "monitor.db"
    url = f"sqlite:///{database}"
    path = daemon_config(make_config, tmp_path, url, None, digest={"send_empty": True})
    digests = tmp_path / "digests.txt"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_CYCLE_LOCK, url, "6"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    proc = start(path, "-v", "run")
    lines = Lines(proc.stderr)
    try:
        # Due at start (no digest was ever made), but the lock is taken: nothing yet.
        wait_until(lambda: lines.after(0, "cycle skipped") or lines.after(0, "job done"), 30)
        assert not digests.exists()
        holder.wait(timeout=30)
        free = time.monotonic()
        wait_until(lambda: digests.exists() and digests.stat().st_size > 0, timeout=30)
        made = time.monotonic() - free
    finally:
        text = stop_daemon(proc, lines)
    print(f"cycle lock free: the digest came after {made:.1f}s")
    assert made <= DISPATCH + 2, f"the digest came {made:.1f}s after the lock was free"
    assert count(url, Digest, Digest.kind == "digest") == 1
    assert "Traceback" not in text
