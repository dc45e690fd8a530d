"""`monitor feeds [--wide | --json]`: the health of every feed, one line each, and when the
next digest is due; `monitor feeds test NAME|URL` lives in `feeds_test_cmd`.

Read-only: configured feeds not polled yet show as "new", rows whose feed left the
configuration as "removed". The default table fits 100 columns (times relative to now, the
error cut); `--wide` gives absolute times and whole errors, `--json` one document with every
field. A rich table on a terminal, plain columns otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import click

from monitor.cli import LazyGroup, cli
from monitor.cli.context import AppContext
from monitor.config import FeedConfig, Settings
from monitor.store.feeds import FeedHealth, feed_health
from monitor.store.session import session_scope

WIDTH = 100
COLUMNS = ("feed", "status", "last ok", "next poll", "items 7d", "last error")
WIDE_COLUMNS = (
    "feed",
    "status",
    "last success",
    "failing since",
    "failed polls",
    "next poll",
    "entries 7d",
    "last error",
)
NAME_WIDTH = 24


@dataclass(frozen=True, slots=True)
class FeedLine:
    """One feed as `monitor feeds` shows it; times are absolute here, relative in cells()."""

    name: str
    url: str
    status: str
    last_success: datetime | None
    failing_since: datetime | None
    failed_polls: int
    next_poll: datetime | None
    entries_7d: int
    last_error: str
    last_error_at: datetime | None

    def cells(self, now: datetime) -> tuple[str, ...]:
        """The compact row: relative times, the name cut to NAME_WIDTH."""
        status = self.status
        if self.failing_since is not None and status in ("failing", "gone"):
            status += f" {duration(now - self.failing_since)}"
        last_ok = f"{duration(now - self.last_success)} ago" if self.last_success else "never"
        if self.status in ("new", "removed", "disabled") and not self.last_success:
            last_ok = "-"
        return (
            cut(self.name, NAME_WIDTH),
            status,
            last_ok,
            _next_poll(self.next_poll, now, self.status),
            str(self.entries_7d),
            short_error(self.last_error) or "-",
        )

    def wide_cells(self) -> tuple[str, ...]:
        error = self.last_error
        if error and self.last_error_at is not None:
            error = f"{_when(self.last_error_at)} {error}"
        return (
            self.name,
            self.status,
            _when(self.last_success),
            _when(self.failing_since),
            str(self.failed_polls) if self.failed_polls else "-",
            _when(self.next_poll) if self.next_poll else "now",
            str(self.entries_7d),
            error or "-",
        )

    def as_json(self) -> dict[str, Any]:
        iso = lambda t: t.isoformat() if t else None  # noqa: E731
        return {
            "name": self.name,
            "url": self.url,
            "status": self.status,
            "last_success_at": iso(self.last_success),
            "failing_since": iso(self.failing_since),
            "failed_polls": self.failed_polls,
            "next_poll_at": iso(self.next_poll),
            "entries_7d": self.entries_7d,
            "last_error": self.last_error or None,
            "last_error_at": iso(self.last_error_at),
        }


def duration(delta: timedelta) -> str:
    """A short span: 45s, 12m, 5h, 3d."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 2 * 86400:
        return f"{seconds // 3600}h"
    return f"{seconds // 86400}d"


def short_error(error: str) -> str:
    """The part of an error that says what happened: "connection refused" rather than
    "cannot connect to example.org: connection refused" (the feed's line names the feed)."""
    return re.sub(r"^cannot connect to [^:\s]+(?::\d+)?: ", "", error)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ") if value else "-"


def _next_poll(value: datetime | None, now: datetime, status: str) -> str:
    if status in ("removed", "disabled"):
        return "-"
    if value is None or value <= now:
        return "now"
    return f"in {duration(value - now)}"


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
        status = _status(row, config)
        failing = status in ("failing", "gone") and row is not None
        lines.append(
            FeedLine(
                name=name,
                url=config.url if config else (row.url if row else ""),
                status=status,
                last_success=row.last_success_at if row else None,
                failing_since=row.failing_since if failing and row else None,
                failed_polls=row.failed_polls if failing and row else 0,
                next_poll=row.next_poll_at if row else None,
                entries_7d=row.entries_7d if row else 0,
                last_error=" ".join(row.last_error.split()) if row and row.last_error else "",
                last_error_at=row.last_error_at if row and row.last_error else None,
            )
        )
    return lines


def next_digest_line(settings: Settings, last_digest: datetime | None, now: datetime) -> str:
    """ "next digest: 2025-10-03 07:00 UTC (in 5h)", or "due now". Pure."""
    from monitor.schedule import next_digest_at

    schedule = settings.schedule
    at = next_digest_at(schedule.digest_cron, schedule.timezone, last_digest, now)
    cron = f"schedule '{schedule.digest_cron}', {schedule.timezone}"
    if at <= now:
        return f"next digest: due now, composed by the next cycle ({cron})"
    local = at.astimezone(ZoneInfo(schedule.timezone))
    return f"next digest: {local:%Y-%m-%d %H:%M %Z} (in {duration(at - now)}; {cron})"


@cli.group(
    "feeds",
    cls=LazyGroup,
    lazy={"test": "monitor.cli.feeds_test_cmd"},
    invoke_without_command=True,
)
@click.option("--wide", is_flag=True, help="Absolute times and whole errors (wider than 100).")
@click.option("--json", "as_json", is_flag=True, help="Everything as one JSON document.")
@click.pass_context
def feeds_command(ctx: click.Context, wide: bool, as_json: bool) -> None:
    """Show every feed: status (and for how long it has been failing), last success, next
    poll, entries first seen in the last 7 days, last error; then when the next digest is due.

    `monitor feeds test NAME|URL` tries one feed without storing anything."""
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    settings = app.settings
    now = datetime.now(UTC)
    from monitor.schedule import DIGEST_MARK
    from monitor.store.locks import get_mark

    with session_scope(app.read_engine) as session:
        rows = feed_health(session, now)
    last_digest = get_mark(app.read_engine, DIGEST_MARK)
    lines = feed_lines(settings.feeds, rows)
    digest_line = next_digest_line(settings, last_digest, now)
    if as_json:
        from monitor.schedule import next_digest_at

        schedule = settings.schedule
        due = next_digest_at(schedule.digest_cron, schedule.timezone, last_digest, now)
        document = {
            "now": now.isoformat(),
            "next_digest_at": due.isoformat(),
            "last_digest_at": last_digest.isoformat() if last_digest else None,
            "feeds": [line.as_json() for line in lines],
        }
        click.echo(json.dumps(document, ensure_ascii=False))
        return
    failing = sum(1 for line in lines if line.status in ("failing", "gone"))
    active = sum(1 for line in lines if line.status not in ("removed", "disabled"))
    footer = f"{failing} of {active} feeds failing; {digest_line}"
    if sys.stdout.isatty():
        _rich_table(lines, now, wide)
    elif wide:
        click.echo(_plain_table(WIDE_COLUMNS, [line.wide_cells() for line in lines]), nl=False)
    else:
        rows_ = [line.cells(now) for line in lines]
        click.echo(_plain_table(COLUMNS, rows_, width=WIDTH), nl=False)
    click.echo(footer)


def _plain_table(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], width: int | None = None
) -> str:
    """Left-aligned columns two spaces apart; the last one is cut to fit `width`."""
    table = [columns, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(columns) - 1)]
    out = []
    for row in table:
        fixed = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
        last = row[-1]
        if width is not None:
            last = cut(last, max(10, width - len(fixed) - 2))
        out.append(f"{fixed}  {last}".rstrip() + "\n")
    return "".join(out)


def _rich_table(lines: list[FeedLine], now: datetime, wide: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    styles = {"ok": "green", "failing": "yellow", "gone": "red", "new": "cyan"}
    console = Console()
    columns = WIDE_COLUMNS if wide else COLUMNS
    table = Table(header_style="bold", box=None, pad_edge=False)
    for name in columns:
        last = name == columns[-1]
        table.add_column(
            name,
            no_wrap=True,
            overflow="ellipsis" if last else "fold",
            ratio=1 if last and not wide else None,
        )
    if not wide:
        table.width = min(console.width, WIDTH)
    for line in lines:
        cells = [escape(c) for c in (line.wide_cells() if wide else line.cells(now))]
        style = styles.get(line.status)
        cells[1] = f"[{style}]{cells[1]}[/{style}]" if style else cells[1]
        table.add_row(*cells)
    console.print(table)
