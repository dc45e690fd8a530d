"""The channel interface, and the channels the configuration enables.

A channel sends one `Outgoing` message and returns what the server answered ("250 2.0.0 Ok:
queued as …", "200 ok"); when the server refuses or cannot be reached it raises
`DeliveryError` (with `retry_after` when the server asked for a pause). It never marks
anything: the outbox does that, and only after `send` returned.

A message in several parts (Slack, past 50 blocks) is sent part by part from `start_part`;
`on_part(n)` is called after part n was accepted, so a retry resumes where the last attempt
stopped instead of repeating the parts readers already have.

The outbox runs each `send` under a total deadline (`attempt_seconds`, enforced by
`monitor.notify.attempt`); a channel registers its sockets with the current attempt and says
when the message left, so that an attempt cut short can be told apart: not sent, or unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from monitor.config import Settings
from monitor.errors import ConfigError

CHANNEL_NAMES = ("email", "slack", "console")
# The console has no server to wait for; a stdout nobody reads is the only way it can stall.
CONSOLE_SECONDS = 30.0

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


def attempt_seconds(settings: Settings, name: str, message: Outgoing, start_part: int = 0) -> float:
    """The total deadline of one attempt to send `message` through channel `name`: the
    channel's `timeout_seconds`, per part still to post for Slack (with the pauses between)."""
    channels = settings.channels
    if name == "email":
        return channels.email.timeout_seconds
    if name == "slack":
        parts = max(1, message.part_count - start_part)
        return parts * channels.slack.timeout_seconds + (parts - 1) * 1.0
    return CONSOLE_SECONDS


def is_configured(settings: Settings, name: str) -> bool:
    """Whether `name` has what it needs to send (it may still be disabled)."""
    channels = settings.channels
    if name == "email":
        return bool(channels.email.recipients and channels.email.smtp_host)
    if name == "slack":
        return channels.slack.webhook_url is not None
    return name == "console"


def build_channel(settings: Settings, name: str) -> Channel:
    """The channel `name` from the settings. Raises ConfigError when it is not configured."""
    if name not in CHANNEL_NAMES:
        raise ConfigError(f"unknown channel {name!r} (choose from {', '.join(CHANNEL_NAMES)})")
    if not is_configured(settings, name):
        hint = {
            "email": "set channels.email.smtp_host and recipients",
            "slack": "set MONITOR_CHANNELS__SLACK__WEBHOOK_URL",
        }[name]
        raise ConfigError(f"channel {name} is not configured: {hint}")
    if name == "email":
        from monitor.notify.email import EmailChannel

        return EmailChannel(settings.channels.email)
    if name == "slack":
        from monitor.notify.slack import SlackChannel

        return SlackChannel(settings.channels.slack)
    from monitor.notify.console import ConsoleChannel

    return ConsoleChannel(settings.channels.console)
