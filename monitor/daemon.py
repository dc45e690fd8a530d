"""`monitor run`: the long-running daemon, APScheduler 3 with a few fixed jobs.

Jobs (the first three through `monitor.cycle.run_cycle`, so they share the cycle lock with
cron runs):

- poll: every `schedule.dispatch_seconds`, polls the feeds whose own next-poll time has come
  (the state lives on the feed rows, not in the scheduler), analyses, composes immediate alerts,
  and the digest when it is due and not made yet (so a digest that was due while another run
  held the lock is made as soon as the lock is free);
- digest: on `schedule.digest_cron` in `schedule.timezone`, and once at start-up to catch up on
  a digest missed while the daemon was down (the schedule mark in the database decides);
- cleanup: on `schedule.cleanup_cron`, drops raw pages past their retention;
- deliver: every `schedule.dispatch_seconds` (and at once after a cycle composed something),
  sends the deliveries whose time has come, on a thread of its own and without the cycle lock:
  a channel that hangs never delays a poll, and each attempt has its own deadline.

The cycle jobs run one at a time on one thread, the delivery job on another; no job overlaps
itself (max_instances=1), missed runs are coalesced, and runs within a generous grace time
still happen. A database fault in a job is one warning line (the next run, one dispatch
interval later, tries again, and the cycle lock recovers: see `monitor.store.locks`); any other
job error is logged with its traceback. The daemon goes on either way.

`/healthz` (with `metrics.port`) answers 503 while a job has been running longer than
`schedule.job_deadline_seconds`: something is stuck.

SIGTERM or SIGINT: the job in hand stops at once (the poll keeps what it analysed, a delivery
attempt in flight ends and is recorded), the process prints one line and exits 0.
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
from sqlalchemy.exc import SQLAlchemyError

from monitor.config import Settings
from monitor.cycle import DIGEST_MARK, CycleReport, run_cycle
from monitor.errors import ConfigError, StoreError
from monitor.metrics import CycleStats, MetricsServer, overdue_jobs, render_metrics
from monitor.notify.service import send_pending
from monitor.report.serve import report_site
from monitor.report.write import refresh as refresh_report
from monitor.schedule import cron_trigger, next_digest_at
from monitor.store.articles import purge_raw_pages
from monitor.store.engine import store_error
from monitor.store.feeds import due_feeds
from monitor.store.locks import get_mark
from monitor.store.session import session_scope
from monitor.store.stats import store_counts

log = logging.getLogger(__name__)
# Start and stop lines: shown at the default log level (see monitor.logs).
lifecycle = logging.getLogger("monitor.lifecycle")

DELIVERY_EXECUTOR = "delivery"
# The jobs end within a second or two of a stop signal; past this the process exits anyway.
# deploy/milestone-monitor.service and docker-compose.yml allow more than this before SIGKILL.
STOP_WAIT_SECONDS = 10.0


def utc_now() -> datetime:
    return datetime.now(UTC)


class Daemon:
    """The scheduler, its jobs, the metrics endpoint and the signal handling."""

    def __init__(
        self, settings: Settings, engine: Engine, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.settings, self.engine, self.clock = settings, engine, clock
        self.stop = threading.Event()
        self.signal_name: str | None = None
        self.stats = CycleStats(started=clock())
        self._lock = threading.Lock()
        self.running: dict[str, float] = {}  # job -> when it started (monotonic)
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={
                "default": ThreadPoolExecutor(max_workers=1),
                DELIVERY_EXECUTOR: ThreadPoolExecutor(max_workers=1),
            },
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )

    # -- jobs ------------------------------------------------------------------------------

    def poll_job(self) -> None:
        self._run("poll", lambda: self._cycle(poll=True))

    def digest_job(self) -> None:
        self._run("digest", lambda: self._cycle(poll=False))

    def _cycle(self, *, poll: bool) -> CycleReport:
        report = run_cycle(
            self.settings,
            self.engine,
            clock=self.clock,
            poll=poll,
            digest="due",
            stop=self.stop,
            deliver=False,
        )
        if report.alerts or report.digest_id is not None:
            self.wake_delivery()
        return report

    def deliver_job(self) -> None:
        self._run(
            "deliver",
            lambda: send_pending(self.engine, self.settings, self.clock(), stop=self.stop),
        )

    def cleanup_job(self) -> None:
        def cleanup() -> None:
            with session_scope(self.engine) as session:
                dropped = purge_raw_pages(
                    session, self.clock(), self.settings.fetch.keep_raw_pages_days
                )
            log.info("cleanup done raw_pages_dropped=%d", dropped)

        self._run("cleanup", cleanup)

    def wake_delivery(self) -> None:
        """Run the delivery job now rather than at its next interval."""
        if self.stop.is_set():
            return
        job = self.scheduler.get_job("deliver")
        if job is not None:
            job.modify(next_run_time=datetime.now(UTC))

    def _run(self, name: str, work: Callable[[], object]) -> None:
        if self.stop.is_set():
            return
        started = time.monotonic()
        with self._lock:
            self.running[name] = started
        failed = False
        try:
            report = work()
            summary = getattr(report, "summary", None)
            if summary is not None:
                log.info("job done job=%s %s", name, summary())
        except (SQLAlchemyError, StoreError) as exc:
            # Expected while the database is away: one line; the next run tries again.
            failed = True
            error = exc if isinstance(exc, StoreError) else store_error(exc, self.engine)
            log.warning("job failed job=%s error=%s", name, error)
        except Exception:
            failed = True
            log.exception("job failed job=%s", name)
        finally:
            with self._lock:
                self.running.pop(name, None)
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
        every = IntervalTrigger(seconds=schedule.dispatch_seconds, timezone=UTC)
        grace = max(60, schedule.dispatch_seconds * 4)
        self.scheduler.add_job(
            self.poll_job, every, id="poll", next_run_time=now, misfire_grace_time=grace
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
        self.scheduler.add_job(
            self.deliver_job,
            IntervalTrigger(seconds=schedule.dispatch_seconds, timezone=UTC),
            id="deliver",
            next_run_time=now,
            misfire_grace_time=grace,
            executor=DELIVERY_EXECUTOR,
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
        return render_metrics(store_counts(self.engine), stats, self.health()[1])

    def health(self) -> tuple[bool, list[str]]:
        """(healthy, what is wrong): a job running past its deadline makes it unhealthy."""
        with self._lock:
            running = dict(self.running)
        deadline = float(self.settings.schedule.job_deadline_seconds)
        late = overdue_jobs(running, deadline, time.monotonic())
        return not late, late

    def request_stop(self, signum: int, _frame: FrameType | None = None) -> None:
        if self.stop.is_set():
            return
        self.signal_name = signal.Signals(signum).name
        log.info("stopping signal=%s", self.signal_name)
        self.stop.set()

    def run(self) -> int:
        """Run until SIGTERM or SIGINT; return the exit code."""
        previous = {
            sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        metrics = None
        try:
            if self.settings.metrics.port is not None:
                metrics = self._metrics_server()
                metrics.start()
                log.info("metrics listening address=%s:%d", *metrics.address)
            self.schedule_jobs()
            self.scheduler.start()
            lifecycle.info("%s", self.start_line())
            while not self.stop.wait(1.0):
                pass
            stopping = time.monotonic()
            # Not shutdown(wait=True): it holds the scheduler's locks while it waits, and a job
            # that touches the scheduler then waits for ever. The jobs end on `stop` by
            # themselves; wait for them here.
            self.scheduler.shutdown(wait=False)
            self._wait_for_jobs(STOP_WAIT_SECONDS)
            lifecycle.info(
                "daemon stopped signal=%s seconds=%.1f cycles=%d",
                self.signal_name,
                time.monotonic() - stopping,
                self.stats.cycles,
            )
            return 0
        finally:
            if metrics is not None:
                metrics.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _wait_for_jobs(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self.running:
                    return
            time.sleep(0.05)
        log.warning("jobs still running at exit jobs=%s", ",".join(sorted(self.running)))

    def _metrics_server(self) -> MetricsServer:
        host, port = self.settings.metrics.host, self.settings.metrics.port
        assert port is not None
        try:
            return MetricsServer(
                host, port, self.metrics_text, self.health, site=report_site(self.settings)
            )
        except OSError as exc:
            raise ConfigError(
                f"metrics.port: cannot listen on {host}:{port}: {exc.strerror or exc} "
                "(another process uses it? choose another port)"
            ) from None
