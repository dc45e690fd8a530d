"""One delivery attempt: its total deadline, the stop signal, and whether the message left.

A channel's socket timeouts apply to each read, so a server that drips its banner one byte
every few seconds never trips them. `run_attempt` bounds the whole attempt instead: it runs the
send in a thread of its own and waits; when the deadline passes or a stop is requested it shuts
down the sockets the channel registered (`Attempt.guard`), which ends a blocking read at once.
If the thread still has not returned after a short grace it is left behind (a daemon thread
whose sockets are shut), and the attempt is over for the caller all the same: the deadline
holds even for a step no socket shutdown reaches (a slow DNS answer, a blocked pipe).

The channel tells the attempt when the message is in the server's hands (`sent`: the email's
final dot, the webhook's body) and when the server answered (`answered`). An attempt that ends
between the two, for any reason, has an unknown outcome: the message may have arrived. That is
`OutcomeUnknown`, which the outbox retries at most once more.

The attempt reaches the channel through `current()` (a thread-local), so the channel interface
stays `send(message, start_part=…, on_part=…)`; a channel used outside `run_attempt` (tests, a
quick script) gets an attempt without deadline. Nothing here touches the database.
"""

from __future__ import annotations

import contextlib
import logging
import math
import socket
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from monitor.errors import DeliveryError, OutcomeUnknown
from monitor.logs import redact

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long a send may take to give up after its sockets were shut, before it is left behind.
GRACE_SECONDS = 1.0
_TICK = 0.1


class AttemptEnded(Exception):
    """Raised inside the channel when the attempt is over (deadline or stop)."""


class Attempt:
    """The state of one attempt, shared by the channel's thread and the one waiting for it."""

    def __init__(self, seconds: float = math.inf, stop: threading.Event | None = None) -> None:
        self.seconds = seconds
        self.stop = stop
        self.deadline = time.monotonic() + seconds
        self.ended: str | None = None  # "deadline" | "stop"
        self.in_doubt = False  # the message is with the server, its answer not yet here
        self.reached = False  # some message of this attempt reached the server
        self.accepted: str | None = None  # the server's acceptance, once it came
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def timeout(self, cap: float) -> float:
        """A socket timeout: `cap`, or less when the deadline is nearer."""
        return max(0.01, min(cap, self.remaining()))

    def check(self) -> None:
        """Raise AttemptEnded when the attempt is over."""
        if self.ended is None and self.stop is not None and self.stop.is_set():
            self.end("stop")
        if self.ended is None and self.remaining() <= 0:
            self.end("deadline")
        if self.ended is not None:
            raise AttemptEnded(self.ended)

    def sleep(self, seconds: float) -> None:
        """Wait `seconds` (a pause between Slack parts, a short Retry-After), or less when the
        attempt ends meanwhile (then AttemptEnded)."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            self.check()
            time.sleep(min(_TICK, left))
        self.check()

    def guard(self, sock: socket.socket | None) -> None:
        """Shut `sock` down when the attempt ends (at once if it has already)."""
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            ended = self.ended is not None
        if ended:
            _shutdown(sock)

    def sent(self) -> None:
        """The message (or this part of it) is now in the server's hands."""
        self.in_doubt = True
        self.reached = True

    def answered(self) -> None:
        """The server answered about the message: its outcome is known."""
        self.in_doubt = False

    def accept(self, answer: str) -> None:
        """The server accepted the whole message: the attempt succeeded, whatever comes after
        (a slow goodbye does not make it a failure)."""
        self.accepted = answer
        self.in_doubt = False

    def end(self, why: str) -> None:
        with self._lock:
            if self.ended is None:
                self.ended = why
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    # Already closed, or detached by a TLS wrap (the wrapped socket is guarded too).
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


_local = threading.local()


def current() -> Attempt:
    """The attempt of this thread; an unbounded one outside `run_attempt`."""
    attempt = getattr(_local, "attempt", None)
    if attempt is None:
        attempt = Attempt()
        _local.attempt = attempt
    return attempt


def run_attempt(
    send: Callable[[], T],
    *,
    seconds: float,
    stop: threading.Event | None = None,
    what: str = "the channel",
    grace: float = GRACE_SECONDS,
) -> T:
    """`send()` bounded by `seconds` in all and by `stop`.

    Returns what `send` returned. Raises DeliveryError when it failed or ran out of time before
    the message left, OutcomeUnknown when it ended after the message left and before the
    answer; an unexpected exception from `send` becomes one of the two (its traceback logged,
    secrets scrubbed), so one channel's bug never stops another."""
    attempt = Attempt(seconds, stop)
    done = threading.Event()
    box: dict[str, object] = {}

    def target() -> None:
        _local.attempt = attempt
        try:
            box["value"] = send()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = exc
        finally:
            _local.attempt = None
            done.set()

    thread = threading.Thread(target=target, name="delivery-attempt", daemon=True)
    thread.start()
    while not done.wait(max(0.0, min(_TICK, attempt.remaining()))):
        if stop is not None and stop.is_set():
            attempt.end("stop")
            break
        if attempt.remaining() <= 0:
            attempt.end("deadline")
            break
    if not done.is_set() and not done.wait(grace):
        log.warning("delivery attempt left behind channel=%s reason=%s", what, attempt.ended)
    if "value" in box:
        return box["value"]  # type: ignore[return-value]
    if attempt.accepted is not None:
        return attempt.accepted  # type: ignore[return-value]
    error = box.get("error")
    if attempt.ended == "deadline" and isinstance(error, DeliveryError):
        # The channel said how its time ran out (and whether the message had left).
        raise error
    if attempt.ended is not None:
        raise _ended(attempt, what) from None
    if isinstance(error, DeliveryError):
        error.reached = error.reached or (attempt.reached and not attempt.in_doubt)
        raise error
    if isinstance(error, Exception):
        # A bug or a library's surprise: it surfaces in the log, and is one line here.
        log.error(
            "delivery crashed channel=%s", what, exc_info=(type(error), error, error.__traceback__)
        )
        detail = redact(f"{type(error).__name__}: {error}".strip().splitlines()[0])
        if attempt.in_doubt:
            raise OutcomeUnknown(f"unexpected error after the message was sent: {detail}")
        raise DeliveryError(f"unexpected error: {detail}")
    if isinstance(error, BaseException):
        raise error
    raise DeliveryError(f"{what}: the attempt ended without a result")


def _ended(attempt: Attempt, what: str) -> DeliveryError:
    if attempt.ended == "stop":
        why = "stopped by a signal"
    else:
        why = f"no answer within {attempt.seconds:g} s"
    if attempt.in_doubt:
        return OutcomeUnknown(f"{why} after the message was sent: outcome unknown")
    if attempt.reached:  # parts of it went out (and were recorded); the rest did not
        return DeliveryError(f"{why}: the rest of the message was not sent", reached=False)
    return DeliveryError(f"{why}: the message was not sent", reached=False)
