"""`monitor run`: the daemon, or with --once one full cycle for cron."""

from __future__ import annotations

import sys

import click

from monitor.cli import EXIT_OK, EXIT_PARTIAL, cli
from monitor.cli.context import AppContext


@cli.command("run")
@click.option(
    "--once", is_flag=True, help="Run one full cycle (poll, analyse, send due digests) and exit."
)
@click.pass_obj
def run_command(app: AppContext, once: bool) -> None:
    """Run the monitor: a daemon on the configured schedule, or one cycle with --once.

    With --once a second cycle started while one runs (cron beside cron, or cron beside the
    daemon) says so in one line and exits 0. Exit 1 while some feed is failing (waiting in
    backoff included) or a delivery failed: one line per failing feed, then the summary.
    """
    from monitor.daemon import Daemon, utc_now

    settings, engine = app.settings, app.engine
    app.log_warnings()
    if not once:
        sys.exit(Daemon(settings, engine).run())

    from monitor.cycle import run_cycle

    report = run_cycle(settings, engine, clock=utc_now, digest="due")
    if report.locked_by is None:
        from monitor.report.write import refresh

        refresh(settings, engine, utc_now())  # when report.output is set; failing only warns
    if report.poll is not None:
        from monitor.cli.poll_cmd import waiting_lines

        for line in waiting_lines(report.poll, utc_now()):
            click.echo(line, err=True)
    click.echo(report.summary(), err=True)
    sys.exit(EXIT_PARTIAL if report.failed else EXIT_OK)
