"""`monitor feeds`: the health of every feed, one line each.

Read-only: configured feeds not polled yet show as "new", rows whose feed left the
configuration as "removed". A rich table on a terminal, plain columns otherwise.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime

import click

from monitor.cli import cli
from monitor.cli.context import AppContext
from monitor.config import FeedConfig
from monitor.store.feeds import FeedHealth, feed_health
from monitor.store.session import session_scope

COLUMNS = (
    "feed",
    "status",
    "last success",
    "failures",
    "next poll",
    "entries 7d",
    "last error",
)


@dataclass(frozen=True, slots=True)
class FeedLine:
    name: str
    status: str
    last_success: str
    failures: str
    next_poll: str
    entries_7d: str
    last_error: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.name,
            self.status,
            self.last_success,
            self.failures,
            self.next_poll,
            self.entries_7d,
            self.last_error,
        )


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ") if value else "-"


def _status(health: FeedHealth | None, configured: FeedConfig | None) -> str:
    if configured is None:
        return "removed"
    if not configured.enabled:
        return "disabled"
    if health is None or (health.last_success_at is None and health.last_error is None):
        return "new"
    if health.gone:
        return "gone"
    return "failing" if health.consecutive_failures > 0 else "ok"


def feed_lines(configured: tuple[FeedConfig, ...], rows: list[FeedHealth]) -> list[FeedLine]:
    """One line per configured feed (in configuration order), then the removed ones. Pure."""
    by_name = {row.name: row for row in rows}
    names = [feed.name for feed in configured]
    names += sorted(name for name in by_name if name not in set(names))
    config_by_name = {feed.name: feed for feed in configured}
    lines = []
    for name in names:
        row, config = by_name.get(name), config_by_name.get(name)
        error = ""
        if row is not None and row.last_error:
            error = f"{_when(row.last_error_at)} {' '.join(row.last_error.split())}"
        lines.append(
            FeedLine(
                name=name,
                status=_status(row, config),
                last_success=_when(row.last_success_at if row else None),
                failures=f"{row.consecutive_failures:g}" if row else "0",
                next_poll=_when(row.next_poll_at) if row and row.next_poll_at else "now",
                entries_7d=str(row.entries_7d if row else 0),
                last_error=error or "-",
            )
        )
    return lines


@cli.command("feeds")
@click.pass_obj
def feeds_command(app: AppContext) -> None:
    """Show every feed: last success, last error, consecutive failures, next poll, entries
    first seen in the last 7 days."""
    settings = app.settings
    with session_scope(app.read_engine) as session:
        rows = feed_health(session, datetime.now(UTC))
    lines = feed_lines(settings.feeds, rows)
    if sys.stdout.isatty():
        _rich_table(lines)
    else:
        click.echo(_plain_table(lines), nl=False)


def _plain_table(lines: list[FeedLine]) -> str:
    rows = [COLUMNS, *(line.cells() for line in lines)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    out = []
    for row in rows:
        fixed = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        out.append(f"{fixed}  {row[-1]}".rstrip() + "\n")
    return "".join(out)


def _rich_table(lines: list[FeedLine]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    styles = {"ok": "green", "failing": "yellow", "gone": "red", "new": "cyan"}
    table = Table(*COLUMNS, header_style="bold")
    for line in lines:
        cells = [escape(cell) for cell in line.cells()]
        style = styles.get(line.status)
        cells[1] = f"[{style}]{line.status}[/{style}]" if style else line.status
        cells[-1] = cells[-1] if len(cells[-1]) <= 80 else cells[-1][:79] + "…"
        table.add_row(*cells)
    Console().print(table)
