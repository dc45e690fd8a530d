"""The channels the configuration enables: which are configured, and building one by name.

The interface a channel implements and the message it sends are in `message`; the channel
modules import that, never this module: the imports run one way, from here to them.

`attempt_seconds` is the total deadline of one attempt on a channel, which the outbox enforces
(`monitor.notify.attempt`).
"""

from __future__ import annotations

from monitor.config import Settings
from monitor.errors import ConfigError
from monitor.notify.message import Channel, Outgoing

CHANNEL_NAMES = ("email", "slack", "console")
# The console has no server to wait for; a stdout nobody reads is the only way it can stall.
CONSOLE_SECONDS = 30.0


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
    # Imported on demand: a command that sends nothing does not pay for the channels.
    if name == "email":
        from monitor.notify.email import EmailChannel

        return EmailChannel(settings.channels.email)
    if name == "slack":
        from monitor.notify.slack import SlackChannel

        return SlackChannel(settings.channels.slack)
    from monitor.notify.console import ConsoleChannel

    return ConsoleChannel(settings.channels.console)
