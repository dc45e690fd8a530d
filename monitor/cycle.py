"""One full cycle under the cycle lock: poll and analyse, alerts and digest (and, once after an
upgrade that introduced milestone states, a re-analysis of the stored articles before anything
else); then deliveries.

`monitor run --once` (cron) and every job of the daemon go through `run_cycle`, so two cycles
never overlap, whether two cron runs or cron beside the daemon, on SQLite or PostgreSQL. The
lease on the lock is renewed from a background thread while the cycle works; a process killed
with the lock in hand stops renewing and its lease expires (or is recognised as gone at once
on the same host: see `monitor.store.locks`).

Sending happens after the lock is given back (`deliver`), so a slow channel never keeps another
cycle from polling; deliveries need no lock of their own (each is claimed, see the outbox). The
daemon sends from a job of its own and passes `deliver=False`.

A digest is composed when the schedule says it is due and it has not been made since (a mark
in the database), by whichever cycle next holds the lock: one that was due while another run
held the lock is made by the next cycle, not at the next scheduled time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine

from monitor.app import PollSummary, make_analyser, poll_cycle
from monitor.config import Settings
from monitor.notify.service import (
    DeliveryReport,
    compose_coverage_notice,
    compose_digest,
    compose_due_alerts,
    send_pending,
)
from monitor.reanalyse import reanalysis_needed, run_reanalysis
from monitor.schedule import is_due
from monitor.store.locks import (
    acquire,
    get_mark,
    holder_of,
    new_holder,
    release,
    renew,
    set_mark,
)

log = logging.getLogger(__name__)

DIGEST_MARK = "digest"
LOCK_TTL = timedelta(minutes=10)
DigestMode = Literal["due", "now", "skip"]


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one cycle did. `locked_by` is set when another cycle held the lock."""

    locked_by: str | None = None
    poll: PollSummary | None = None
    alerts: int = 0
    coverage_notice: int | None = None
    digest_id: int | None = None
    deliveries: DeliveryReport | None = None
    seconds: float = 0.0
    stopped: bool = False

    @property
    def failed(self) -> bool:
        """Some feed is failing (polled now or waiting in backoff) or some delivery failed
        (exit code 1)."""
        poll_failed = self.poll is not None and self.poll.feeds_failing > 0
        return poll_failed or (self.deliveries is not None and self.deliveries.failed > 0)

    def summary(self) -> str:
        if self.locked_by:
            return f"another cycle is running ({self.locked_by}); nothing done"
        parts = []
        if self.poll is not None:
            parts.append(self.poll.summary())
        if self.alerts:
            parts.append(f"{self.alerts} alert(s) composed")
        if self.coverage_notice is not None:
            parts.append(f"coverage notice {self.coverage_notice} composed")
        if self.digest_id is not None:
            parts.append(f"digest {self.digest_id} composed")
        if self.deliveries is not None:
            parts.append(self.deliveries.summary())
        parts.append(f"{self.seconds:.1f}s")
        return "; ".join(parts)


@contextmanager
def cycle_lock(engine: Engine, clock: Callable[[], datetime]) -> Iterator[str | None]:
    """Hold the cycle lock, renewing its lease every third of its lifetime, for the block.

    Yields None when we hold it, or the identity of the live process that does (the block
    should then do nothing).
    """
    holder = new_holder()
    if not acquire(engine, holder, clock(), LOCK_TTL):
        yield holder_of(engine) or "unknown holder"
        return
    done = threading.Event()

    def keep() -> None:
        while not done.wait(LOCK_TTL.total_seconds() / 3):
            try:
                if not renew(engine, holder, clock(), LOCK_TTL):
                    log.warning("cycle lock lost holder=%s", holder)
            except Exception as exc:  # a database hiccup must not kill the cycle
                log.warning("cycle lock renewal failed error=%s", exc)

    keeper = threading.Thread(target=keep, name="cycle-lease", daemon=True)
    keeper.start()
    try:
        yield None
    finally:
        done.set()
        keeper.join(timeout=5)
        # A failed release (the database down) is remembered and retried at the next taking.
        release(engine, holder)


def run_cycle(
    settings: Settings,
    engine: Engine,
    *,
    clock: Callable[[], datetime],
    poll: bool = True,
    digest: DigestMode = "due",
    feed_names: list[str] | None = None,
    force: bool = False,
    stop: threading.Event | None = None,
    analyse: Callable[..., object] | None = None,
    progress: object | None = None,
    deliver: bool = True,
) -> CycleReport:
    """Poll (unless `poll` is False), compose alerts and the digest (when due, now, or not at
    all), give the lock back, and send the pending deliveries whose retry time has come
    (unless `deliver` is False). `stop` ends whichever step is running and skips the rest."""
    started = time.monotonic()

    def stopping() -> bool:
        return stop is not None and stop.is_set()

    with cycle_lock(engine, clock) as other:
        if other is not None:
            log.info("cycle skipped lock_holder=%s", other)
            return CycleReport(locked_by=other)
        if reanalysis_needed(engine) and not (stop is not None and stop.is_set()):
            # Findings stored before milestone states existed have no events yet: without
            # them every milestone would look unreported (and be alerted as overdue).
            log.warning("re-analysing the stored articles once: they predate milestone states")
            run_reanalysis(settings, engine, clock=clock, stop=stop)
        summary = None
        if poll and not stopping():
            analyser = analyse or make_analyser(settings, engine, clock())
            summary = poll_cycle(
                settings,
                engine,
                now=clock,
                analyse=analyser,  # type: ignore[arg-type]
                feed_names=feed_names,
                force=force,
                progress=progress,  # type: ignore[arg-type]
                stop=stop,
            )
        alerts = []
        if settings.digest.immediate_alerts and not stopping():
            alerts = compose_due_alerts(engine, settings, clock())
        notice = None
        if poll and not stopping():
            # After a poll the feeds' state is fresh: is most of the world out of hearing?
            notice = compose_coverage_notice(engine, settings, clock())
        digest_id = None
        if not stopping() and _digest_wanted(digest, settings, engine, clock()):
            digest_id = compose_digest(engine, settings, clock())
            set_mark(engine, DIGEST_MARK, clock())
    deliveries = None
    if deliver and not stopping():
        deliveries = send_pending(engine, settings, clock(), stop=stop)
    return CycleReport(
        poll=summary,
        alerts=len(alerts),
        coverage_notice=notice,
        digest_id=digest_id,
        deliveries=deliveries,
        seconds=time.monotonic() - started,
        stopped=stopping(),
    )


def _digest_wanted(mode: DigestMode, settings: Settings, engine: Engine, now: datetime) -> bool:
    if mode == "skip":
        return False
    if mode == "now":
        return True
    schedule = settings.schedule
    return is_due(get_mark(engine, DIGEST_MARK), schedule.digest_cron, schedule.timezone, now)
