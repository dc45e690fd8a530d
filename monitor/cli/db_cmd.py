"""`monitor db upgrade`: bring the database schema to the newest migration."""

from __future__ import annotations

import click

from monitor.cli import cli
from monitor.cli.context import AppContext
from monitor.config import mask_url
from monitor.store.engine import create_store_engine, current_revision, upgrade


@cli.group("db")
def db_group() -> None:
    """Manage the database."""


@db_group.command("upgrade")
@click.pass_obj
def db_upgrade(app: AppContext) -> None:
    """Run the migrations up to the newest schema (commands that need it do so themselves)."""
    engine = create_store_engine(app.settings.database_url)
    before = current_revision(engine)
    upgrade(engine)
    after = current_revision(engine)
    where = mask_url(app.settings.database_url)
    if before == after:
        click.echo(f"database {where} already at revision {after}")
    else:
        click.echo(f"database {where} upgraded from {before or 'empty'} to {after}")
