"""`monitor config check`: load and validate everything, print what was loaded."""

from __future__ import annotations

import socket

import click

from monitor.analysis.sentences import split_sentences
from monitor.cli import cli
from monitor.cli.context import AppContext
from monitor.config import Settings, mask_url
from monitor.seeds import load_seeds


@cli.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("check")
@click.pass_obj
def config_check(app: AppContext) -> None:
    """Validate the configuration and seeds; print a summary. Exit 2 when invalid."""
    settings = app.settings
    seeds = load_seeds(settings.seeds_dir)
    echo = click.echo
    echo(f"configuration  {settings.config_path}")
    echo(f"database       {mask_url(settings.database_url)}")
    echo(f"\nfeeds ({len(settings.feeds)}):")
    default_interval = settings.schedule.poll_interval_minutes
    for feed in settings.feeds:
        interval = feed.poll_interval_minutes or default_interval
        state = "" if feed.enabled else "  [disabled]"
        tags = f"  [{', '.join(feed.tags)}]" if feed.tags else ""
        echo(f"  {feed.name:<32} every {interval:>4} min{tags}{state}")
        echo(f"    {feed.url}")
    echo(f"\nmilestones ({len(settings.milestones)}):")
    for milestone in settings.milestones:
        echo(f"  {milestone.id:<24} due {milestone.due}  {milestone.title}")
    echo(f"\nbaseline documents ({len(seeds)}) in {settings.seeds_dir}:")
    for seed in seeds:
        count = len(split_sentences(seed.text))
        echo(f"  {seed.id}  {seed.published}  {count:>3} sentences  {seed.outlet}: {seed.title}")
    echo("\nchannels:")
    channels = settings.channels
    for name in ("console", "email", "slack"):
        on = getattr(channels, name).enabled
        echo(f"  {name:<8} {'on' if on else 'off'}")
    if channels.enabled_names() == ["console"] and not channels.console.enabled:
        echo("  (no channel enabled: digests go to the console)")
    schedule = settings.schedule
    echo(
        f"\nschedule: poll every {schedule.poll_interval_minutes} min, digests at "
        f"'{schedule.digest_cron}' ({schedule.timezone})"
    )
    _check_metrics_port(settings)
    echo("\nconfiguration ok")


def _check_metrics_port(settings: Settings) -> None:
    """Say so when the daemon could not open its metrics port now (it would refuse to start)."""
    metrics = settings.metrics
    if metrics.port is None:
        return
    try:
        with socket.create_server((metrics.host, metrics.port)):
            pass
    except OSError as exc:
        click.echo(
            f"\nwarning: metrics port {metrics.host}:{metrics.port} cannot be opened now "
            f"({exc.strerror or exc}); fine if the daemon already runs, otherwise "
            "`monitor run` will refuse to start",
            err=True,
        )
