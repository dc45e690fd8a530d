"""`monitor run`: the daemon, or with --once one full cycle for cron."""

from __future__ import annotations

import sys

import click

from monitor.cli import EXIT_OK, EXIT_PARTIAL, cli
from monitor.cli.context import AppContext
from monitor.cli.stopping import stop_on_signals, stopped_line


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
    SIGTERM or SIGINT stops within seconds, keeps what was analysed, prints one line and exits
    0 for the daemon, 143 or 130 with --once.
    """
    from monitor.daemon import Daemon, utc_now

    if not once:
        settings, engine = app.settings, app.engine
        app.log_warnings()
        sys.exit(Daemon(settings, engine).run())

    from monitor.cycle import run_cycle

    with stop_on_signals() as stopped:
        settings, engine = app.settings, app.engine
        app.log_warnings()
        report = run_cycle(settings, engine, clock=utc_now, digest="due", stop=stopped.event)
        if report.locked_by is None and not stopped.signum:
            from monitor.report.write import refresh

            refresh(settings, engine, utc_now())  # when report.output is set; failing only warns
    if stopped.signum:
        stopped.exit(stopped_line(report.poll))
    if report.poll is not None:
        from monitor.cli.poll_cmd import waiting_lines

        for line in waiting_lines(report.poll, utc_now()):
            click.echo(line, err=True)
    click.echo(report.summary(), err=True)
    sys.exit(EXIT_PARTIAL if report.failed else EXIT_OK)
