"""`monitor config check`: load and validate everything, print what was loaded."""

from __future__ import annotations

import socket

import click

from monitor.analysis.analyser import build_baseline
from monitor.analysis.selfcheck import milestone_warnings
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
    baseline = build_baseline(seeds, settings.milestone_objects())
    echo(f"\nmilestones ({len(settings.milestones)}):")
    words = settings.milestone_words
    for milestone, domain in zip(settings.milestones, words, strict=True):
        packs = ", ".join(p for p in domain.packs if p != "core") or "core only"
        revised = f" (revised {len(milestone.revisions)}x)" if milestone.revisions else ""
        echo(f"  {milestone.id:<24} due {milestone.due}{revised}  {milestone.title}")
        echo(f"    packs: {packs}")
        # What a change needs to name when it is said without a place (docs/configuration.md).
        places = ", ".join(sorted(baseline.leave_places.get(milestone.id, ()))) or "none named"
        echo(f"    places the plan leaves: {places}")
        known = sum(1 for f in baseline.facts if f.milestone in (milestone.id, ""))
        echo(f"    baseline facts: {known}")
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
    warnings = [*app.warnings(), *milestone_warnings(baseline.vocabulary, baseline.announced)]
    warnings += _metrics_port_warning(settings)
    for warning in warnings:
        click.echo(f"monitor: warning: {warning}", err=True)
    note = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''}, on stderr)"
    echo(f"\nconfiguration ok{note if warnings else ''}")


def _metrics_port_warning(settings: Settings) -> list[str]:
    """When the daemon could not open its metrics port now (it would refuse to start)."""
    metrics = settings.metrics
    if metrics.port is None:
        return []
    try:
        with socket.create_server((metrics.host, metrics.port)):
            return []
    except OSError as exc:
        return [
            f"metrics port {metrics.host}:{metrics.port} cannot be opened now "
            f"({exc.strerror or exc}); fine if the daemon already runs, otherwise "
            "`monitor run` will refuse to start"
        ]
