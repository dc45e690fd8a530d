"""When things are due: pure decisions over cron expressions, with `now` passed in.

The daemon's APScheduler wiring lives in `monitor.daemon`; cron runs (`monitor run --once`)
use the same decisions, so both agree on what is due. Nothing here reads the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

# The schedule mark (`monitor.store.locks`) the digest job sets when it completes: what the
# read-only commands show the next digest from, without importing the cycle that sets it.
DIGEST_MARK = "digest"


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    """An APScheduler trigger for a five-field cron expression in `timezone`."""
    return CronTrigger.from_crontab(expression, timezone=timezone)


def next_fire_after(expression: str, timezone: str, after: datetime) -> datetime:
    """The first time strictly after `after` at which the cron expression fires."""
    trigger = cron_trigger(expression, timezone)
    fire = trigger.get_next_fire_time(None, after + timedelta(seconds=1))
    assert fire is not None  # a five-field cron expression always fires again
    return fire


def is_due(last_done: datetime | None, expression: str, timezone: str, now: datetime) -> bool:
    """True when the schedule fired since the job last completed (or it never did).

    A digest at "0 7 * * *" last sent yesterday at 07:00 is due from today 07:00 on, however
    late the run; one sent at 07:02 today is not due again before tomorrow 07:00.
    """
    if last_done is None:
        return True
    return next_fire_after(expression, timezone, last_done) <= now


def next_digest_at(
    expression: str, timezone: str, last_done: datetime | None, now: datetime
) -> datetime:
    """When the next digest is composed: `now` when one is due (the schedule fired since the
    last one, or there never was one), else the schedule's next time after the last one.

    What `monitor feeds`, `monitor status` and the daemon's start line say; "due" means the next
    cycle (daemon or `run --once`) composes it.
    """
    if is_due(last_done, expression, timezone, now):
        return now
    assert last_done is not None  # is_due is True without one
    return next_fire_after(expression, timezone, last_done)
