"""When to poll a feed next, and whether to poll it conditionally. Pure: `now` is a parameter.

Media Cloud's rules (../shared/research/anchors-mission.md §2.4), in one function:

* A success (new content or 304) resets the failure counter and schedules the base interval.
* A failure adds to a fractional counter: +0.5 for soft failures that often heal by themselves
  (network errors, timeouts, 404, 408, 429, 5xx), +1 for hard ones (other 4xx, a body that is
  not a feed, a refused address). The next poll is base × (1 + failures), capped at the
  backoff cap: linear, not exponential, and never "disabled": a feed that comes back is picked
  up again at the latest one cap later.
* Retry-After (429, 503 and any other answer that sends it) is honoured, capped, when it asks
  for longer than the backoff.
* 410 Gone marks the feed gone; it is still polled, at the backoff cap, so it can come back.
* `jitter` (0 ≤ jitter < 1, drawn by the caller) spreads polls by up to a tenth of the delay,
  at most five minutes, so feeds of one host do not fall due in lockstep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Outcome = Literal["ok", "not_modified", "failed"]

SOFT_FAILURE = 0.5
HARD_FAILURE = 1.0
MAX_JITTER = timedelta(minutes=5)
_SOFT_STATUSES = frozenset({404, 408, 425, 429})


@dataclass(frozen=True, slots=True)
class Plan:
    next_poll_at: datetime
    failures: float
    gone: bool


def failure_weight(status: int | None) -> float:
    """How much one failure counts: soft (likely to heal) or hard."""
    if status is None or status in _SOFT_STATUSES or status >= 500:
        return SOFT_FAILURE
    return HARD_FAILURE


def plan_next_poll(
    now: datetime,
    *,
    interval: timedelta,
    failures: float,
    outcome: Outcome,
    status: int | None = None,
    retry_after: float | None = None,
    parse_failure: bool = False,
    backoff_cap: timedelta,
    retry_after_cap: timedelta,
    jitter: float = 0.0,
) -> Plan:
    """The next poll time, the new failure counter and the gone flag after one poll."""
    if outcome != "failed":
        delay = interval
        new_failures = 0.0
        gone = False
    else:
        weight = HARD_FAILURE if parse_failure else failure_weight(status)
        new_failures = failures + weight
        gone = status == 410
        ceiling = max(backoff_cap, interval)
        delay = ceiling if gone else min(interval * (1 + new_failures), ceiling)
    if retry_after is not None and retry_after > 0:
        asked = min(timedelta(seconds=retry_after), retry_after_cap)
        delay = max(delay, asked)
    spread = min(delay / 10, MAX_JITTER) * min(max(jitter, 0.0), 1.0)
    return Plan(next_poll_at=now + delay + spread, failures=new_failures, gone=gone)


def send_validators(polls_since_unconditional: int, unconditional_every: int) -> bool:
    """Whether this poll may be conditional (If-None-Match / If-Modified-Since).

    Every `unconditional_every`-th poll goes without validators: some servers keep answering
    304 with stale validators after the feed changed.
    """
    return polls_since_unconditional + 1 < unconditional_every
