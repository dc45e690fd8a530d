"""`monitor report [--output DIR] [--force] [--json]`: write the static report page.

Reads the store (states, findings, polls) and writes DIR/index.html with its assets; the page
works from the file system, with no network. DIR defaults to `report.output`. A folder that
holds other files is refused unless --force; an unusable folder is one line and exit 2; a
write that fails part way leaves the previous report as it was (exit 3). With --json, one
object: output, index, milestones, stories, articles, bytes, seconds.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli import EXIT_USAGE, cli
from monitor.cli.context import AppContext


@cli.command("report")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="Folder for index.html and its assets (default: report.output).",
)
@click.option(
    "--force", is_flag=True, help="Write even if DIR holds other files (left as they are)."
)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as one JSON object.")
@click.pass_obj
def report_command(app: AppContext, output: Path | None, force: bool, as_json: bool) -> None:
    """Write the report page: each milestone's state, its timeline, the evidence (filterable)
    and the feeds' coverage, as static files that work offline."""
    from monitor.report.write import OutputRefused, check_output, generate

    settings = app.settings
    folder = output if output is not None else settings.report.output
    if folder is None:
        raise click.UsageError("give --output DIR (or set report.output in the configuration)")
    folder = folder.expanduser().absolute()
    try:
        check_output(folder, force=force)  # before the database: a wrong folder costs nothing
        written = generate(settings, app.engine, datetime.now(UTC), folder, force=force)
    except OutputRefused as exc:
        click.echo(f"monitor: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        summary = {
            "output": str(written.folder),
            "index": str(written.index),
            "milestones": written.milestones,
            "stories": written.stories,
            "articles": written.articles,
            "bytes": written.bytes,
            "seconds": round(written.seconds, 3),
        }
        click.echo(json.dumps(summary))
        return
    click.echo(
        f"Report written to {written.index}: {written.milestones} milestone(s), "
        f"{written.stories} stories from {written.articles} articles, "
        f"{written.bytes / 1_000_000:.1f} MB, in {written.seconds:.1f}s"
    )
