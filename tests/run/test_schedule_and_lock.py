"""Schedule decisions (pure, table-driven) and the cycle lock on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from monitor.schedule import is_due, next_digest_at, next_fire_after
from monitor.store.engine import open_store
from monitor.store.locks import (
    acquire,
    get_mark,
    holder_of,
    new_holder,
    process_start,
    release,
    renew,
    set_mark,
)

T = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731


@pytest.mark.parametrize(
    ("last", "cron", "tz", "now", "due"),
    [
        (None, "0 7 * * *", "UTC", T(2026, 11, 21, 3, 0), True),
        (T(2026, 11, 20, 7, 0), "0 7 * * *", "UTC", T(2026, 11, 21, 6, 59), False),
        (T(2026, 11, 20, 7, 0), "0 7 * * *", "UTC", T(2026, 11, 21, 7, 0), True),
        (T(2026, 11, 20, 7, 0), "0 7 * * *", "UTC", T(2026, 11, 23, 12, 0), True),
        (T(2026, 11, 21, 7, 2), "0 7 * * *", "UTC", T(2026, 11, 21, 23, 0), False),
        # 07:00 in Berlin is 06:00 UTC in winter.
        (T(2026, 11, 20, 6, 0), "0 7 * * *", "Europe/Berlin", T(2026, 11, 21, 6, 0), True),
        (T(2026, 11, 20, 6, 0), "0 7 * * *", "Europe/Berlin", T(2026, 11, 21, 5, 59), False),
        # Mondays only.
        (T(2026, 11, 16, 8, 0), "0 8 * * mon", "UTC", T(2026, 11, 22, 8, 0), False),
        (T(2026, 11, 16, 8, 0), "0 8 * * mon", "UTC", T(2026, 11, 23, 8, 0), True),
    ],
)
def test_is_due(last, cron, tz, now, due) -> None:
    assert is_due(last, cron, tz, now) is due


def test_next_fire_after_is_strictly_after() -> None:
    at = T(2026, 11, 21, 7, 0)
    assert next_fire_after("0 7 * * *", "UTC", at) == T(2026, 11, 22, 7, 0)


@pytest.mark.parametrize(
    ("last", "now", "expected"),
    [
        (None, T(2026, 11, 21, 3, 0), T(2026, 11, 21, 3, 0)),  # never sent: due now
        (T(2026, 11, 21, 7, 0), T(2026, 11, 21, 12, 0), T(2026, 11, 22, 7, 0)),
        (T(2026, 11, 19, 7, 0), T(2026, 11, 21, 12, 0), T(2026, 11, 21, 12, 0)),  # overdue
    ],
)
def test_next_digest_at(last, now, expected) -> None:
    assert next_digest_at("0 7 * * *", "UTC", last, now) == expected


NOW = T(2026, 11, 21, 12, 0)
TTL = timedelta(minutes=10)


def test_lock_excludes_a_second_holder_until_release(db_url: str) -> None:
    engine = open_store(db_url)
    first, second = new_holder(), new_holder()
    assert acquire(engine, first, NOW, TTL)
    assert not acquire(engine, second, NOW + timedelta(minutes=1), TTL)
    assert holder_of(engine) == first
    release(engine, first)
    assert acquire(engine, second, NOW + timedelta(minutes=2), TTL)
    engine.dispose()


def test_expired_lease_is_taken_over_and_renewal_keeps_it(db_url: str) -> None:
    engine = open_store(db_url)
    first, second = new_holder(), new_holder()
    assert acquire(engine, first, NOW, TTL)
    assert renew(engine, first, NOW + timedelta(minutes=9), TTL)
    assert not acquire(engine, second, NOW + timedelta(minutes=15), TTL)
    assert acquire(engine, second, NOW + timedelta(minutes=20), TTL)
    assert not renew(engine, first, NOW + timedelta(minutes=21), TTL)
    engine.dispose()


def test_lock_of_a_dead_process_on_this_host_is_taken_at_once(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    child = subprocess.run(
        [sys.executable, "-c", "from monitor.store.locks import new_holder; print(new_holder())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_holder = child.stdout.strip()
    assert acquire(engine, dead_holder, NOW, TTL)
    assert acquire(engine, new_holder(), NOW + timedelta(seconds=1), TTL)
    engine.dispose()


def test_schedule_marks(db_url: str) -> None:
    engine = open_store(db_url)
    assert get_mark(engine, "digest") is None
    set_mark(engine, "digest", NOW)
    set_mark(engine, "digest", NOW + timedelta(days=1))
    assert get_mark(engine, "digest") == NOW + timedelta(days=1)
    engine.dispose()


def test_a_holder_with_our_pid_but_another_token_is_an_earlier_process(sqlite_url: str) -> None:
    # A container restarted after kill -9: same host name, same pid, a new process.
    engine = open_store(sqlite_url)
    host, pid, start, token = new_holder().split(":")
    earlier = f"{host}:{pid}:{start}:0123456789ab.cdef01"
    assert acquire(engine, earlier, NOW, TTL)
    assert acquire(engine, new_holder(), NOW + timedelta(seconds=1), TTL)
    engine.dispose()


def test_a_holder_whose_pid_now_belongs_to_a_later_process_is_gone(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    later = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        host = new_holder().split(":")[0]
        real_start = process_start(later.pid)
        assert real_start
        # The pid of a live process, but the holder started at another time: pid reuse.
        assert acquire(engine, f"{host}:{later.pid}:1:aaaaaaaaaaaa.000000", NOW, TTL)
        assert acquire(engine, new_holder(), NOW + timedelta(seconds=1), TTL)
        release(engine, holder_of(engine) or "")
        # The same pid with its real start time is that live process: it keeps the lock.
        live = f"{host}:{later.pid}:{real_start}:aaaaaaaaaaaa.000000"
        assert acquire(engine, live, NOW, TTL)
        assert not acquire(engine, new_holder(), NOW + timedelta(seconds=1), TTL)
    finally:
        later.kill()
        later.wait()
    engine.dispose()


LOCK_FOR = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def test_a_release_that_failed_is_done_at_the_next_taking(tmp_path) -> None:
    database = tmp_path / "monitor.db"
    engine = open_store(f"sqlite:///{database}?timeout=0.5")
    mine = new_holder()
    assert acquire(engine, mine, NOW, TTL)
    # Another process holds SQLite's write lock: the release cannot be written.
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_FOR, str(database), "2"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    assert release(engine, mine) is False
    holder.wait(timeout=30)
    assert holder_of(engine) == mine  # the row outlived the outage ...
    # ... until this process next takes the lock: released first, taken at once, no lease
    # to wait out (the holder is this live process, so it would otherwise look alive).
    assert acquire(engine, new_holder(), NOW + timedelta(seconds=5), TTL)
    engine.dispose()
