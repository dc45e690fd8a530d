"""`monitor run`: the long-running daemon, APScheduler 3 with a few fixed jobs.

Jobs (all through `monitor.cycle.run_cycle`, so they share the cycle lock with cron runs):

- poll: every `schedule.dispatch_seconds`, polls the feeds whose own next-poll time has come
  (the state lives on the feed rows, not in the scheduler), analyses, composes immediate alerts
  and sends the deliveries whose retry time has come;
- digest: on `schedule.digest_cron` in `schedule.timezone`, and once at start-up to catch up on
  a digest missed while the daemon was down (the schedule mark in the database decides);
- cleanup: on `schedule.cleanup_cron`, drops raw pages past their retention.

One worker thread runs the jobs one at a time; no job overlaps itself (max_instances=1),
missed runs are coalesced, and runs within a generous grace time still happen. A job error is
logged with its traceback and the daemon goes on. SIGTERM or SIGINT: the running cycle finishes
the article in hand, commits, and the process exits 0.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from monitor.config import Settings
from monitor.cycle import DIGEST_MARK, run_cycle
from monitor.metrics import CycleStats, MetricsServer, render_metrics
from monitor.report.serve import report_site
from monitor.report.write import refresh as refresh_report
from monitor.schedule import cron_trigger, next_digest_at
from monitor.store.articles import purge_raw_pages
from monitor.store.feeds import due_feeds
from monitor.store.locks import get_mark
from monitor.store.session import session_scope
from monitor.store.stats import store_counts

log = logging.getLogger(__name__)
# Start and stop lines: shown at the default log level (see monitor.logs).
lifecycle = logging.getLogger("monitor.lifecycle")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Daemon:
    """The scheduler, its jobs, the metrics endpoint and the signal handling."""

    def __init__(
        self, settings: Settings, engine: Engine, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.settings, self.engine, self.clock = settings, engine, clock
        self.stop = threading.Event()
        self.stats = CycleStats(started=clock())
        self._lock = threading.Lock()
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )

    # -- jobs ------------------------------------------------------------------------------

    def poll_job(self) -> None:
        self._run(
            "poll",
            lambda: run_cycle(
                self.settings, self.engine, clock=self.clock, digest="skip", stop=self.stop
            ),
        )

    def digest_job(self) -> None:
        self._run(
            "digest",
            lambda: run_cycle(
                self.settings,
                self.engine,
                clock=self.clock,
                poll=False,
                digest="due",
                stop=self.stop,
            ),
        )

    def cleanup_job(self) -> None:
        def cleanup() -> None:
            with session_scope(self.engine) as session:
                dropped = purge_raw_pages(
                    session, self.clock(), self.settings.fetch.keep_raw_pages_days
                )
            log.info("cleanup done raw_pages_dropped=%d", dropped)

        self._run("cleanup", cleanup)

    def _run(self, name: str, work: Callable[[], object]) -> None:
        if self.stop.is_set():
            return
        started = time.monotonic()
        failed = False
        try:
            report = work()
            summary = getattr(report, "summary", None)
            if summary is not None:
                log.info("job done job=%s %s", name, summary())
        except Exception:
            failed = True
            log.exception("job failed job=%s", name)
        finally:
            with self._lock:
                self.stats = replace(
                    self.stats,
                    cycles=self.stats.cycles + 1,
                    failed_cycles=self.stats.failed_cycles + int(failed),
                    last_duration_seconds=time.monotonic() - started,
                    last_end=self.clock(),
                )
        # --- the report page after each cycle, when report.output is set (monitor.report) ---
        if name in ("poll", "digest") and not self.stop.is_set():
            refresh_report(self.settings, self.engine, self.clock())

    # -- life cycle ------------------------------------------------------------------------

    def schedule_jobs(self) -> None:
        schedule = self.settings.schedule
        now = self.clock()
        self.scheduler.add_job(
            self.poll_job,
            IntervalTrigger(seconds=schedule.dispatch_seconds, timezone=UTC),
            id="poll",
            next_run_time=now,
            misfire_grace_time=max(60, schedule.dispatch_seconds * 4),
        )
        self.scheduler.add_job(
            self.digest_job,
            cron_trigger(schedule.digest_cron, schedule.timezone),
            id="digest",
            misfire_grace_time=6 * 3600,
        )
        # Catch up on a digest missed while the daemon was down; "due" makes it a no-op otherwise.
        self.scheduler.add_job(self.digest_job, id="digest-catch-up", next_run_time=now)
        self.scheduler.add_job(
            self.cleanup_job, cron_trigger(schedule.cleanup_cron, schedule.timezone), id="cleanup"
        )

    def start_line(self) -> str:
        """What the daemon will do next: the next poll and the next digest, one line."""
        now = self.clock()
        schedule = self.settings.schedule
        enabled = [f.name for f in self.settings.feeds if f.enabled]
        with session_scope(self.engine) as session:
            due, later = due_feeds(session, enabled, now)
        last_digest = get_mark(self.engine, DIGEST_MARK)
        digest_at = next_digest_at(schedule.digest_cron, schedule.timezone, last_digest, now)
        if due:
            poll = f"now ({due} of {len(enabled)} feeds due)"
        elif later is not None:
            poll = later.isoformat(timespec="minutes")
        else:
            poll = "never (no feed enabled)"
        digest = "now (due)" if digest_at <= now else digest_at.isoformat(timespec="minutes")
        return (
            f"daemon started feeds={len(enabled)} next_poll={poll} next_digest={digest} "
            f"digest_cron='{schedule.digest_cron}' timezone={schedule.timezone}"
        )

    def metrics_text(self) -> str:
        with self._lock:
            stats = self.stats
        return render_metrics(store_counts(self.engine), stats)

    def request_stop(self, signum: int, _frame: FrameType | None = None) -> None:
        log.warning("stopping signal=%s", signal.Signals(signum).name)
        self.stop.set()

    def run(self) -> int:
        """Run until SIGTERM or SIGINT; return the exit code."""
        previous = {
            sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        metrics = None
        try:
            if self.settings.metrics.port is not None:
                metrics = MetricsServer(
                    self.settings.metrics.host,
                    self.settings.metrics.port,
                    self.metrics_text,
                    site=report_site(self.settings),
                )
                metrics.start()
                log.info("metrics listening address=%s:%d", *metrics.address)
            self.schedule_jobs()
            self.scheduler.start()
            lifecycle.info("%s", self.start_line())
            while not self.stop.wait(1.0):
                pass
            self.scheduler.shutdown(wait=True)
            lifecycle.info("daemon stopped cycles=%d", self.stats.cycles)
            return 0
        finally:
            if metrics is not None:
                metrics.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
