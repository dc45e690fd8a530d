"""`monitor demo`: the whole product offline, in one command, on a bundled replay."""

from __future__ import annotations

import time
from pathlib import Path

import click

from monitor.cli import cli


@cli.command("demo")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the digest as text and HTML, and the report page (report/).",
)
def demo_command(output: Path) -> None:
    """Serve a bundled replay of news on 127.0.0.1, run one cycle into a temporary database,
    write the digest and the report page to OUTPUT and print the digest. Needs no network and
    no configuration."""
    from monitor.demo import run_demo

    started = time.monotonic()
    click.echo("Serving the bundled replay on 127.0.0.1 and running one cycle...", err=True)
    result = run_demo(output)
    click.echo(result.text)
    click.echo(
        f"{result.report.summary()}\n"
        f"Digest written to {result.text_path} and {result.html_path}, "
        f"the report page to {result.report_path}, "
        f"in {time.monotonic() - started:.1f}s.",
        err=True,
    )
