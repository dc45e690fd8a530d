"""What a channel sends and the interface every channel implements (no channel code here).

A channel sends one `Outgoing` message and returns what the server answered ("250 2.0.0 Ok:
queued as …", "200 ok"); when the server refuses or cannot be reached it raises
`DeliveryError` (with `retry_after` when the server asked for a pause). It never marks
anything: the outbox does that, and only after `send` returned.

A message in several parts (Slack, past 50 blocks) is sent part by part from `start_part`;
`on_part(n)` is called after part n was accepted, so a retry resumes where the last attempt
stopped instead of repeating the parts readers already have.

The outbox runs each `send` under a total deadline (enforced by `monitor.notify.attempt`); a
channel registers its sockets with the current attempt and says when the message left, so that
an attempt cut short can be told apart: not sent, or outcome unknown.

The channel modules (email, slack, console) import this module and nothing of each other;
`channels` builds them from the settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

PartDone = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A rendered digest as the channels send it."""

    key: str
    kind: str
    created_at: datetime
    subject: str
    text: str
    html: str
    slack: list[dict[str, Any]]

    @property
    def part_count(self) -> int:
        return max(1, len(self.slack))


class Channel(Protocol):
    name: str

    def send(
        self, message: Outgoing, *, start_part: int = 0, on_part: PartDone | None = None
    ) -> str:
        """Send `message`; return the server's answer; raise DeliveryError on refusal."""
        ...
