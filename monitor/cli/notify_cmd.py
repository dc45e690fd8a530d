"""`monitor notify test CHANNEL`: send a small test message and report what the server said."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from monitor.cli import EXIT_PARTIAL, EXIT_USAGE, cli
from monitor.cli.context import AppContext
from monitor.errors import DeliveryError
from monitor.notify.attempt import run_attempt
from monitor.notify.channels import CHANNEL_NAMES, attempt_seconds, build_channel, is_configured
from monitor.notify.compose import compose
from monitor.notify.message import Outgoing
from monitor.notify.render import Renderer


@cli.group("notify")
def notify_group() -> None:
    """Check the delivery channels."""


@notify_group.command("test")
@click.argument("channel", type=click.Choice(CHANNEL_NAMES))
@click.pass_obj
def notify_test(app: AppContext, channel: str) -> None:
    """Send a test message through CHANNEL (it need not be enabled, only configured) and
    print the server's answer. Exit 1 when it is refused, 2 when the channel is not set up."""
    settings = app.settings
    if not is_configured(settings, channel):
        hint = {
            "email": "channels.email needs smtp_host and recipients",
            "slack": "MONITOR_CHANNELS__SLACK__WEBHOOK_URL is not set",
        }.get(channel, "")
        click.echo(f"monitor: channel {channel} is not configured: {hint}", err=True)
        sys.exit(EXIT_USAGE)
    now = datetime.now(UTC)
    digest = compose([], settings.milestone_objects(), [], now, kind="test")
    rendered = Renderer(settings.templates_dir).render(digest)
    message = Outgoing(
        key=f"test-{now:%Y%m%dT%H%M%S}-{channel}",
        kind="test",
        created_at=now,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        slack=rendered.slack,
    )
    target = _describe(app, channel)
    try:
        sender = build_channel(settings, channel)
        answer = run_attempt(
            lambda: sender.send(message),
            seconds=attempt_seconds(settings, channel, message),
            what=channel,
        )
    except DeliveryError as exc:
        click.echo(f"{channel}{target}: not sent: {exc}", err=True)
        sys.exit(EXIT_PARTIAL)
    click.echo(f"{channel}{target}: accepted: {answer}")


def _describe(app: AppContext, channel: str) -> str:
    email = app.settings.channels.email
    if channel == "email":
        return f" ({email.smtp_host}:{email.smtp_port}, {email.security}, to {', '.join(email.recipients)})"
    if channel == "console" and app.settings.channels.console.path:
        return f" ({app.settings.channels.console.path})"
    return ""
