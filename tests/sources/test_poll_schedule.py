"""The next poll time, the failure counter and the gone flag: one table of cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.sources.schedule import plan_next_poll, send_validators

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
CAP = timedelta(hours=24)
RA_CAP = timedelta(hours=24)


# (name, failures before, outcome, status, retry_after s, parse_failure, jitter,
#  expected delay, failures after, gone)
CASES = [
    ("success", 0.0, "ok", 200, None, False, 0.0, HOUR, 0.0, False),
    ("not modified", 0.0, "not_modified", 304, None, False, 0.0, HOUR, 0.0, False),
    ("success resets failures", 7.5, "ok", 200, None, False, 0.0, HOUR, 0.0, False),
    ("success after gone", 3.0, "ok", 200, None, False, 0.0, HOUR, 0.0, False),
    ("timeout: soft", 0.0, "failed", None, None, False, 0.0, 1.5 * HOUR, 0.5, False),
    ("500: soft", 0.0, "failed", 500, None, False, 0.0, 1.5 * HOUR, 0.5, False),
    ("404: soft", 1.0, "failed", 404, None, False, 0.0, 2.5 * HOUR, 1.5, False),
    ("403: hard", 0.0, "failed", 403, None, False, 0.0, 2 * HOUR, 1.0, False),
    ("not a feed: hard", 0.0, "failed", 200, None, True, 0.0, 2 * HOUR, 1.0, False),
    ("linear, not exponential", 4.0, "failed", 500, None, False, 0.0, 5.5 * HOUR, 4.5, False),
    ("backoff capped", 40.0, "failed", 500, None, False, 0.0, CAP, 40.5, False),
    ("never stops", 1000.0, "failed", 500, None, False, 0.0, CAP, 1000.5, False),
    ("429 with Retry-After", 0.0, "failed", 429, 7200, False, 0.0, 2 * HOUR, 0.5, False),
    ("503 with Retry-After", 0.0, "failed", 503, 36000, False, 0.0, 10 * HOUR, 0.5, False),
    (
        "Retry-After shorter than backoff",
        0.0,
        "failed",
        429,
        60,
        False,
        0.0,
        1.5 * HOUR,
        0.5,
        False,
    ),
    ("Retry-After capped", 0.0, "failed", 429, 10**7, False, 0.0, RA_CAP, 0.5, False),
    ("429 without Retry-After", 0.0, "failed", 429, None, False, 0.0, 1.5 * HOUR, 0.5, False),
    ("410 gone: polled at the cap", 0.0, "failed", 410, None, False, 0.0, CAP, 1.0, True),
    ("410 again", 5.0, "failed", 410, None, False, 0.0, CAP, 6.0, True),
    (
        "jitter: up to a tenth of the delay, 5 min at most",
        0.0,
        "ok",
        200,
        None,
        False,
        0.5,
        HOUR + timedelta(seconds=150),
        0.0,
        False,
    ),
    (
        "jitter capped at 5 min",
        40.0,
        "failed",
        500,
        None,
        False,
        1.0,
        CAP + timedelta(minutes=5),
        40.5,
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "failures", "outcome", "status", "retry_after", "parse_failure", "jitter",
     "delay", "after", "gone"),
    CASES,
    ids=[c[0] for c in CASES],
)  # fmt: skip
def test_plan_next_poll(
    name, failures, outcome, status, retry_after, parse_failure, jitter, delay, after, gone
) -> None:
    plan = plan_next_poll(
        NOW,
        interval=HOUR,
        failures=failures,
        outcome=outcome,
        status=status,
        retry_after=retry_after,
        parse_failure=parse_failure,
        backoff_cap=CAP,
        retry_after_cap=RA_CAP,
        jitter=jitter,
    )
    assert plan.next_poll_at - NOW == delay
    assert plan.failures == after
    assert plan.gone is gone


def test_an_interval_longer_than_the_cap_is_kept() -> None:
    plan = plan_next_poll(
        NOW,
        interval=timedelta(days=3),
        failures=0,
        outcome="failed",
        status=500,
        backoff_cap=CAP,
        retry_after_cap=RA_CAP,
    )
    assert plan.next_poll_at - NOW == timedelta(days=3)


@pytest.mark.parametrize(
    ("since", "every", "conditional"),
    [(0, 10, True), (8, 10, True), (9, 10, False), (0, 1, False), (0, 2, True), (1, 2, False)],
)
def test_every_nth_poll_is_unconditional(since: int, every: int, conditional: bool) -> None:
    assert send_validators(since, every) is conditional
