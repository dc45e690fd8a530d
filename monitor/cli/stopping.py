"""Stop signals for the one-shot commands (`run --once`, `poll`, `digest`).

SIGTERM and SIGINT set an event that the work watches (the poll cancels what is in hand and
stores what it analysed; a delivery attempt ends and is recorded); the command then prints one
line and exits 128 + the signal number, 143 for SIGTERM and 130 for SIGINT, as a shell reports
a process ended by that signal. A second signal ends the process at once (nothing stored is
lost: each write is a transaction; the pool's workers notice their parent is gone).

The daemon (`monitor run`) handles its signals itself and exits 0.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the pipeline is imported by the commands that run it, not by every one
    from monitor.app import PollSummary

SIGNALS = (signal.SIGTERM, signal.SIGINT)


@dataclass
class StopSignal:
    event: threading.Event = field(default_factory=threading.Event)
    signum: int | None = None
    at: float | None = None  # when it came (monotonic)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum else ""

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or 0)

    def exit(self, what: str) -> None:
        """Print the one line a stop prints, and exit with the signal's code."""
        took = time.monotonic() - (self.at or time.monotonic())
        click.echo(f"monitor: stopped by {self.name} in {took:.1f}s: {what}", err=True)
        raise SystemExit(self.exit_code)


@contextmanager
def stop_on_signals() -> Iterator[StopSignal]:
    """Catch SIGTERM and SIGINT for the block; the work checks `.event`."""
    stop = StopSignal()

    def handler(signum: int, _frame: FrameType | None) -> None:
        if stop.event.is_set():
            os._exit(128 + signum)
        stop.signum, stop.at = signum, time.monotonic()
        stop.event.set()

    previous = {sig: signal.signal(sig, handler) for sig in SIGNALS}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def stopped_line(poll: PollSummary | None) -> str:
    """What a stopped cycle kept and left, for the stop's one line."""
    if poll is None:
        return "nothing was polled; what is due waits for the next run"
    kept = poll.articles_extracted + poll.articles_from_summary
    return f"{kept} article(s) analysed and kept; the rest waits for the next run"
