"""`monitor reanalyse [--since DATE] [--milestone ID]`: the analysis again over stored text.

Prints what changed: the articles that now speak of a milestone or no longer do, and the
milestones whose state changed; with --milestone, that milestone's history. SIGTERM or
Ctrl-C stop it after the batch in hand (exit 1; run it again to finish). Exit 1 also when
the analysis failed on some article; 2 for a bad date or an unknown milestone.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import click

from monitor.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, cli
from monitor.cli.context import AppContext
from monitor.state.describe import day, label
from monitor.state.model import MilestoneState


def _utc_now() -> datetime:
    return datetime.now(UTC)


@cli.command("reanalyse")
@click.option(
    "--since",
    metavar="DATE",
    default=None,
    help="Only articles published on or after DATE (YYYY-MM-DD).",
)
@click.option(
    "--milestone",
    metavar="ID",
    default=None,
    help="Only articles whose finding concerns this milestone, before or after.",
)
@click.pass_obj
def reanalyse_command(app: AppContext, since: str | None, milestone: str | None) -> None:
    """Analyse the stored articles again (after a change of configuration or code), without
    fetching anything; update findings and milestone states and print what changed. What
    readers already had is not sent again unless a milestone's state changed."""
    start = _parse_since(since)
    settings = app.settings
    settings.milestone_ids(milestone)
    from monitor.reanalyse import reanalyse

    stop = threading.Event()
    with _stop_on_signals(stop):
        report = reanalyse(
            settings, app.engine, clock=_utc_now, since=start, milestone=milestone, stop=stop
        )
    if report.locked_by:
        click.echo(
            f"monitor: another cycle is running ({report.locked_by}); nothing re-analysed",
            err=True,
        )
        sys.exit(EXIT_PARTIAL)
    for change in report.changes:
        sign = "+" if change.added else "-"
        when = change.published.date().isoformat() if change.published else "undated"
        click.echo(f"{sign} {change.milestone}  {when}  {change.title}  <{change.url}>")
    for change in report.state_changes:
        before, after = change.before, change.after
        click.echo(
            f"state {change.milestone}: {_word(before)} -> {_word(after)}"
            f"{f' since {day(after.since)}' if after.since else ''}"
        )
    if milestone is not None:
        _print_history(report.states[milestone])
    added = sum(1 for c in report.changes if c.added)
    removed = len(report.changes) - added
    summary = (
        f"re-analysed {report.done} of {report.total} article(s): {report.changed} changed, "
        f"{added} finding(s) added, {removed} removed, "
        f"{len(report.state_changes)} state change(s)"
    )
    if report.errors:
        summary += f"; the analysis failed on {report.errors} article(s) (see the log)"
    if report.interrupted:
        summary += "; interrupted: run it again to finish"
    click.echo(summary, err=True)
    sys.exit(EXIT_PARTIAL if report.errors or report.interrupted else EXIT_OK)


def _parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        day_ = date.fromisoformat(value.strip())
    except ValueError:
        click.echo(f"monitor: --since must be a date (YYYY-MM-DD), got {value!r}", err=True)
        sys.exit(EXIT_USAGE)
    return datetime(day_.year, day_.month, day_.day, tzinfo=UTC)


def _word(state: MilestoneState) -> str:
    text = label(state.state).lower()
    return text if state.confirmed else f"{text} (unconfirmed)"


def _print_history(state: MilestoneState) -> None:
    from monitor.cli.status_cmd import details, status_table

    click.echo(status_table([state], _utc_now()), nl=False)
    click.echo(details(state), nl=False)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set `stop` (the batch in hand is finished) instead of killing."""

    def request(signum: int, _frame: object) -> None:
        click.echo(f"monitor: {signal.Signals(signum).name}: stopping after this batch", err=True)
        stop.set()

    previous = {sig: signal.signal(sig, request) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
