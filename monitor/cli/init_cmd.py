"""`monitor init [DIR] [--example NAME]`: write a configuration folder that works at once."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from monitor.cli import EXIT_USAGE, cli
from monitor.defaults import examples_dir, shipped_root
from monitor.errors import ConfigError
from monitor.scaffold import (
    default_source,
    example_source,
    init_folder,
    list_examples,
)


@cli.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--example",
    metavar="NAME",
    default=None,
    help="Start from a shipped example (or a folder laid out like one) instead of the default.",
)
@click.option("--list", "list_only", is_flag=True, help="List the shipped examples and exit.")
def init_command(folder: Path, example: str | None, list_only: bool) -> None:
    """Write a configuration folder in FOLDER (default: here): monitor.yaml with its comments,
    seeds/, alerts/, data/ and .env.example. Nothing that exists is overwritten."""
    shipped = shipped_root()
    if list_only:
        names = list_examples(examples_dir())
        click.echo("\n".join(names) if names else "no examples are shipped")
        return
    try:
        if example is None:
            source = default_source(shipped)
        else:
            source = example_source(example, examples_dir(), shipped)
        written = init_folder(folder, source)
    except ConfigError as exc:
        click.echo(f"monitor: init: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    where = written.folder
    click.echo(f"wrote {where / 'monitor.yaml'} ({source.name} configuration, with its comments)")
    click.echo(f"wrote {where / 'seeds'}/ ({written.seeds} baseline documents)")
    click.echo(f"wrote {where / 'alerts'}/ (digest templates)")
    for name in written.copied:
        click.echo(f"wrote {where / name}")
    click.echo(f"wrote {where / 'data'}/ (the SQLite database goes here)")
    click.echo(f"wrote {where / '.env.example'} (secrets come from the environment)")
    step = "" if _same(folder, Path(".")) else f"cd {shlex.quote(str(folder))} && "
    click.echo(f"next: {step}monitor config check && monitor run --once")


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
