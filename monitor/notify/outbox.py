"""The outbox: every digest reaches every channel, once (at most twice when a server leaves
the outcome unknown).

A digest is composed and stored with one delivery row per enabled channel, in the same
transaction that marks its findings (monitor.store.digests.create_digest). Sending is a
separate step that can run any number of times:

1. a due delivery (state pending, failed or unknown, `next_attempt_at <= now`, or any unsent
   one when run by hand) is *claimed*: a compare-and-set on the row counts the attempt and
   holds it for `LEASE` so a concurrent run leaves it alone; the claim is committed before
   sending;
2. the channel sends the stored message (identical on every attempt), within a total deadline
   (connecting, the server's greeting, the message, its answer: `channels.attempt_seconds`,
   enforced by `monitor.notify.attempt`);
3. only after the channel returned is the row marked `sent`, in a new transaction. On
   DeliveryError it is marked `failed` with the error and the time of the next attempt
   (`next_attempt_at`, capped exponential backoff, no sooner than the server's Retry-After).
   It stays in the outbox: failures are retried on later runs, never dropped. Past
   `digest.max_attempts_before_alarm` attempts every failure is logged as a warning.

When all deliveries of a digest are sent (or given up as unconfirmed), the new facts it
reported are recorded as known, so later digests do not present them as new again.

An attempt whose outcome is unknown (the message left and the answer never came: a server that
answers after the deadline, a connection dropped after the data, a stop signal) is recorded as
such (state `unknown`) and tried once more, with the same message (an email keeps its
Message-ID, so mail clients fold the repeat). A second unknown outcome makes the delivery
`unconfirmed`: it is not tried again. A process that dies mid-attempt leaves its claim to
expire; the next claim counts that attempt as one of unknown outcome too. So a message reaches
its readers at most twice, and a Slack part recorded as sent (`parts_sent`) is never posted
again. A failure whose outcome is known (refused, unreachable) is retried for as long as it
takes: nothing removes a row that is not sent.

Each channel's queue is sent in a thread of its own, so a stuck or slow server holds up neither
the other channels nor a stop signal (which ends the attempts in hand at once: `stop`). A
channel that raises something unexpected fails that delivery with one line (the traceback goes
to the log, secrets scrubbed); the other channels go on.

A slow or refused message does not hold back the rest of its channel's queue: after a failure
that concerned that message (refused once sent, or an unknown outcome) the next one is tried,
and the failed one waits out its backoff while later ones go. After a failure of the channel
itself (unreachable, nothing sent) its other deliveries wait for the next run, as they would
fail the same way now.

A delivery is sent through the channel it was created for as long as that channel can be
built from the settings, even if it was disabled since (disabling stops new digests, it does not
drop queued ones); when it can no longer be built (its secret removed), the attempt fails and
is retried like any other.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from monitor.config import Settings
from monitor.errors import ConfigError, DeliveryError, OutcomeUnknown
from monitor.logs import redact
from monitor.notify.attempt import run_attempt
from monitor.notify.channels import attempt_seconds, build_channel
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
    """What a send run did: deliveries sent and failed in this run (those of unknown outcome
    included, and also counted in `unknown`), and the number still to be sent afterwards
    (failed and unknown ones included, unconfirmed ones not), with each failure's error."""

    sent: int = 0
    failed: int = 0
    pending: int = 0
    unknown: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    answers: list[tuple[int, str, str]] = field(default_factory=list)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _fault: BaseException | None = field(default=None, repr=False, compare=False)

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
    stop: threading.Event | None = None,
) -> DeliveryReport:
    """Send every due delivery once, each channel's queue in its own thread; see the module
    docstring for the guarantees. `stop` ends the attempts in hand and leaves the rest."""
    report = DeliveryReport()
    with session_scope(engine) as session:
        due = store.due_deliveries(session, now, ignore_backoff=ignore_backoff)
    queues: dict[str, list[store.DueDelivery]] = {}
    for item in due:
        queues.setdefault(item.channel, []).append(item)
    given = dict(channels or {})
    workers = [
        threading.Thread(
            target=_send_queue,
            args=(engine, settings, now, name, queue, given.get(name), report, stop),
            name=f"deliver-{name}",
            daemon=True,
        )
        for name, queue in queues.items()
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        # Joined in short steps: a signal handler in the main thread runs between them.
        while worker.is_alive():
            worker.join(timeout=0.5)
    if report._fault is not None:
        raise report._fault  # the database failed under a channel's queue: the caller's fault
    with session_scope(engine) as session:
        counts = store.outbox_counts(session)
    report.pending = sum(n for state, n in counts.items() if state in store.UNSENT_STATES)
    return report


def _send_queue(
    engine: Engine,
    settings: Settings,
    now: datetime,
    name: str,
    queue: list[store.DueDelivery],
    channel: Channel | None,
    report: DeliveryReport,
    stop: threading.Event | None,
) -> None:
    """One channel's due deliveries, oldest first."""
    try:
        for item in queue:
            if stop is not None and stop.is_set():
                return
            with session_scope(engine) as session:
                claimed = store.claim_delivery(session, item.id, now, now + LEASE)
            if claimed is None:
                continue
            if claimed.unknown_outcomes >= store.MAX_UNKNOWN_OUTCOMES:
                _give_up(engine, claimed, now, report)
                continue
            if channel is None:
                try:
                    channel = build_channel(settings, claimed.channel)
                except (ConfigError, DeliveryError) as exc:
                    _failed(engine, settings, claimed, now, report, redact(str(exc)), None)
                    return
            if not _attempt(engine, settings, now, claimed, channel, report, stop):
                return
    except SQLAlchemyError as exc:
        # The database failed under us: the claims expire and a later run takes them.
        report._fault = report._fault or exc
    except Exception:
        log.exception("delivery run failed channel=%s", name)


def _attempt(
    engine: Engine,
    settings: Settings,
    now: datetime,
    claimed: store.ClaimedDelivery,
    channel: Channel,
    report: DeliveryReport,
    stop: threading.Event | None,
) -> bool:
    """Send one claimed delivery and record the outcome; False when the channel's other
    deliveries should wait for the next run."""
    message = _outgoing(claimed)
    seconds = attempt_seconds(settings, claimed.channel, message, claimed.parts_sent)

    def send() -> str:
        return channel.send(
            message,
            start_part=claimed.parts_sent,
            on_part=lambda n, delivery_id=claimed.id: _progress(engine, delivery_id, n),
        )

    try:
        answer = run_attempt(send, seconds=seconds, stop=stop, what=claimed.channel)
    except OutcomeUnknown as exc:
        _unknown(engine, settings, claimed, now, report, redact(str(exc)))
        return not (stop is not None and stop.is_set())
    except DeliveryError as exc:
        _failed(engine, settings, claimed, now, report, redact(str(exc)), exc.retry_after)
        return exc.reached and not (stop is not None and stop.is_set())
    with session_scope(engine) as session:
        completed = store.mark_sent(session, claimed.id, now, answer)
    with report._guard:
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
    return True


def _failed(
    engine: Engine,
    settings: Settings,
    claimed: store.ClaimedDelivery,
    now: datetime,
    report: DeliveryReport,
    error: str,
    retry_after: float | None,
) -> None:
    retry_at = next_attempt_at(
        now, claimed.attempts, settings.digest.retry_backoff_cap_minutes, retry_after
    )
    with session_scope(engine) as session:
        store.mark_failed(session, claimed.id, error, retry_at)
    with report._guard:
        report.failed += 1
        report.errors.append((claimed.digest_id, claimed.channel, error))
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


def _unknown(
    engine: Engine,
    settings: Settings,
    claimed: store.ClaimedDelivery,
    now: datetime,
    report: DeliveryReport,
    error: str,
) -> None:
    retry_at = next_attempt_at(now, claimed.attempts, settings.digest.retry_backoff_cap_minutes)
    with session_scope(engine) as session:
        state = store.mark_unknown(session, claimed.id, error, retry_at, now)
    with report._guard:
        report.failed += 1
        report.unknown += 1
        report.errors.append((claimed.digest_id, claimed.channel, error))
    retry = f"next_attempt_at={retry_at.isoformat()}" if state == "unknown" else "retry=no"
    log.warning(
        "delivery outcome unknown digest=%d channel=%s attempt=%d state=%s %s error=%s",
        claimed.digest_id,
        claimed.channel,
        claimed.attempts,
        state,
        retry,
        error,
    )


def _give_up(
    engine: Engine, claimed: store.ClaimedDelivery, now: datetime, report: DeliveryReport
) -> None:
    """Two attempts ended without an answer (one of them in a process that died): the
    message may well have arrived twice already; it is not sent again."""
    error = "outcome unknown twice (a sender stopped mid-attempt): not sent again"
    with session_scope(engine) as session:
        store.mark_unconfirmed(session, claimed.id, error, now)
    with report._guard:
        report.failed += 1
        report.unknown += 1
        report.errors.append((claimed.digest_id, claimed.channel, error))
    log.warning(
        "delivery unconfirmed digest=%d channel=%s attempt=%d",
        claimed.digest_id,
        claimed.channel,
        claimed.attempts,
    )


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
