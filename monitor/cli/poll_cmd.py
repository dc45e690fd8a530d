"""`monitor poll [--feed NAME] [--force]`: one poll cycle, analysis included, no delivery.

On a terminal: a progress bar. Otherwise (cron): nothing but warnings and one summary line.
Exit 1 when some feed is failing, also one that waits in backoff and was not polled now. The
cycle lock is held while polling, so `monitor poll` never overlaps a cycle of `monitor run`.
SIGTERM or SIGINT (Ctrl-C) stops within seconds, keeps what was analysed, prints one line and
exits 143 or 130.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import click

from monitor.app import PollSummary
from monitor.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, cli
from monitor.cli.context import AppContext
from monitor.cli.stopping import stop_on_signals, stopped_line


def _utc_now() -> datetime:
    return datetime.now(UTC)


@cli.command("poll")
@click.option(
    "--feed",
    "feed_names",
    multiple=True,
    metavar="NAME",
    help="Poll this feed now, whatever its next poll time (repeatable).",
)
@click.option("--force", is_flag=True, help="Poll every enabled feed now.")
@click.pass_obj
def poll_command(app: AppContext, feed_names: tuple[str, ...], force: bool) -> None:
    """Poll the feeds that are due, fetch and analyse new or changed articles.

    Prints one summary line (feeds ok / not modified / failed, new entries, articles
    extracted, seconds). Exit code 1 while some feed is failing (polled now or waiting in
    backoff; with --feed, among the named ones).
    """
    with stop_on_signals() as stopped:
        settings = app.settings
        app.log_warnings()
        configured = {feed.name for feed in settings.feeds}
        for name in feed_names:
            if name not in configured:
                click.echo(f"monitor: unknown feed {name!r} (see `monitor config check`)", err=True)
                sys.exit(EXIT_USAGE)
        engine = app.engine

        from monitor.app import make_analyser, poll_cycle
        from monitor.cycle import cycle_lock

        with cycle_lock(engine, _utc_now) as holder:
            if holder is not None:
                click.echo(f"monitor: another cycle is running ({holder}); nothing done", err=True)
                sys.exit(EXIT_OK)
            analyse = make_analyser(settings, engine, _utc_now())
            with _progress_bar() as progress:
                summary = poll_cycle(
                    settings,
                    engine,
                    now=_utc_now,
                    analyse=analyse,
                    feed_names=list(feed_names) or None,
                    force=force,
                    progress=progress,
                    stop=stopped.event,
                )
    if stopped.signum:
        stopped.exit(stopped_line(summary))
    for line in waiting_lines(summary, _utc_now()):
        click.echo(line, err=True)
    click.echo(summary.summary(), err=True)
    if summary.errors and sys.stderr.isatty():
        for name, error in summary.errors:
            click.echo(f"  {name}: {error}", err=True)
    sys.exit(EXIT_PARTIAL if summary.feeds_failing else EXIT_OK)


def waiting_lines(summary: PollSummary, now: datetime) -> list[str]:
    """One warning per failing feed that waits in backoff (the feeds that failed in this
    cycle have their own warning from the poll). Pure."""
    from monitor.cli.feeds_cmd import duration

    lines = []
    for feed in summary.waiting:
        error = " ".join((feed.last_error or "failed").split())
        retry = feed.next_poll_at
        when = f"in {duration(retry - now)}" if retry and retry > now else "now"
        lines.append(
            f"monitor: warning: feed {feed.name} failing for {duration(now - feed.since)} "
            f"({feed.failed_polls} failed poll(s)), next try {when}: {error}"
        )
    return lines


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int, str], None] | None]:
    """A rich progress bar on a terminal; None (no output) otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("polling"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task_id = None

        def update(done: int, total: int, name: str) -> None:
            nonlocal task_id
            if task_id is None:
                task_id = bar.add_task("", total=total)
            bar.update(task_id, completed=done, description=name)

        yield update
