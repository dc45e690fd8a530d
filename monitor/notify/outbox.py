"""The outbox: every digest reaches every channel, once.

A digest is composed and stored with one delivery row per enabled channel, in the same
transaction that marks its findings (monitor.store.digests.create_digest). Sending is a
separate step that can run any number of times:

1. a due delivery (state pending or failed, `next_attempt_at <= now`, or any unsent one when
   run by hand) is *claimed*: a compare-and-set on the row counts the attempt and holds it
   for `LEASE` so a concurrent run leaves it alone; the claim is committed before sending;
2. the channel sends the stored message (identical on every attempt);
3. only after the channel returned is the row marked `sent`, in a new transaction. On
   DeliveryError it is marked `failed` with the error and the time of the next attempt
   (`next_attempt_at`, capped exponential backoff, no sooner than the server's Retry-After).
   It stays in the outbox: failures are retried on later runs, never dropped. Past
   `digest.max_attempts_before_alarm` attempts every failure is logged as a warning.

When all deliveries of a digest are sent, the new facts it reported are recorded as known, so
later digests do not present them as new again.

Delivery is exactly once except in one window: if the process dies after the server accepted
a message and before step 3 committed, the claim expires after `LEASE` and that one delivery
is sent again (an email then carries the same Message-ID, which most clients fold; a Slack part
shows twice). The same holds when a channel times out after its server took the message (a
Slack webhook has no idempotency key to ask it). Nothing else is ever repeated: other deliveries, and the parts of a Slack
digest recorded as sent (`parts_sent`), are not. A delivery is never lost: nothing removes a
row that is not sent.

A delivery is sent through the channel it was created for as long as that channel can be
built from the settings, even if it was disabled since (disabling stops new digests, it does not
drop queued ones); when it can no longer be built (its secret removed), the attempt fails and
is retried like any other.

After a failure on a channel the run stops sending on that channel (the next digests for it
wait for the next run), so digests reach a channel in the order they were composed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from monitor.config import Settings
from monitor.errors import ConfigError, DeliveryError
from monitor.logs import redact
from monitor.notify.channels import build_channel
from monitor.notify.message import Channel, Outgoing
from monitor.store import digests as store
from monitor.store.session import session_scope

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)
BASE_DELAY = timedelta(minutes=1)


def retry_delay(attempts: int, cap_minutes: int, retry_after: float | None = None) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … minutes, capped
    at `cap_minutes`, and no shorter than the server's Retry-After (itself within the cap)."""
    cap = timedelta(minutes=cap_minutes)
    exponent = max(0, min(attempts - 1, 30))
    delay = min(cap, BASE_DELAY * (2**exponent))
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(cap, timedelta(seconds=retry_after)))
    return delay


def next_attempt_at(
    now: datetime, attempts: int, cap_minutes: int, retry_after: float | None = None
) -> datetime:
    return now + retry_delay(attempts, cap_minutes, retry_after)


@dataclass
class DeliveryReport:
    """What a send run did: deliveries sent and failed in this run, and the number still
    unsent afterwards (failed ones included), with each failure's error."""

    sent: int = 0
    failed: int = 0
    pending: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    answers: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"deliveries: {self.sent} sent, {self.failed} failed, {self.pending} pending"
        for digest_id, channel, error in self.errors:
            text += f"; digest {digest_id} to {channel}: {error}"
        return text


ChannelFactory = Callable[[str], Channel]


def deliver_due(
    engine: Engine,
    settings: Settings,
    now: datetime,
    *,
    ignore_backoff: bool = False,
    channels: Mapping[str, Channel] | None = None,
) -> DeliveryReport:
    """Send every due delivery once; see the module docstring for the guarantees."""
    report = DeliveryReport()
    made: dict[str, Channel] = dict(channels or {})
    broken: set[str] = set()
    with session_scope(engine) as session:
        due = store.due_deliveries(session, now, ignore_backoff=ignore_backoff)
    for item in due:
        if item.channel in broken:
            continue
        with session_scope(engine) as session:
            claimed = store.claim_delivery(session, item.id, now, now + LEASE)
        if claimed is None:
            continue
        error, retry_after, answer = None, None, ""
        try:
            channel = made.get(claimed.channel) or build_channel(settings, claimed.channel)
            made[claimed.channel] = channel
            answer = channel.send(
                _outgoing(claimed),
                start_part=claimed.parts_sent,
                on_part=lambda n, delivery_id=claimed.id: _progress(engine, delivery_id, n),
            )
        except DeliveryError as exc:
            error, retry_after = redact(str(exc)), exc.retry_after
        except ConfigError as exc:
            error = redact(str(exc))
        if error is None:
            with session_scope(engine) as session:
                completed = store.mark_sent(session, claimed.id, now, answer)
            report.sent += 1
            report.answers.append((claimed.digest_id, claimed.channel, answer))
            log.info(
                "delivery sent digest=%d channel=%s attempt=%d answer=%s completed=%s",
                claimed.digest_id,
                claimed.channel,
                claimed.attempts,
                answer,
                completed,
            )
            continue
        retry_at = next_attempt_at(
            now, claimed.attempts, settings.digest.retry_backoff_cap_minutes, retry_after
        )
        with session_scope(engine) as session:
            store.mark_failed(session, claimed.id, error, retry_at)
        report.failed += 1
        report.errors.append((claimed.digest_id, claimed.channel, error))
        broken.add(claimed.channel)
        level = (
            logging.WARNING
            if claimed.attempts > settings.digest.max_attempts_before_alarm
            else logging.INFO
        )
        log.log(
            level,
            "delivery failed digest=%d channel=%s attempt=%d next_attempt_at=%s error=%s%s",
            claimed.digest_id,
            claimed.channel,
            claimed.attempts,
            retry_at.isoformat(),
            error,
            " alarm=repeated_failures" if level == logging.WARNING else "",
        )
    with session_scope(engine) as session:
        counts = store.outbox_counts(session)
    report.pending = sum(n for state, n in counts.items() if state != "sent")
    return report


def _outgoing(claimed: store.ClaimedDelivery) -> Outgoing:
    return Outgoing(
        key=claimed.key,
        kind=claimed.kind,
        created_at=claimed.created_at,
        subject=claimed.subject,
        text=claimed.text,
        html=claimed.html,
        slack=claimed.slack,
    )


def _progress(engine: Engine, delivery_id: int, parts_sent: int) -> None:
    with session_scope(engine) as session:
        store.record_parts_sent(session, delivery_id, parts_sent)
