"""The daemon's wiring: its jobs and their guards, and job errors that must not stop it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from monitor.config import load_settings
from monitor.daemon import Daemon
from monitor.store.engine import open_store

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
