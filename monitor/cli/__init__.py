"""The `monitor` command line: parsing, output and exit codes only; the work is elsewhere.

Exit codes (a contract for cron and scripts):

    0  ok
    1  completed, but some feed, source or delivery failed
    2  usage or configuration error
    3  fatal: e.g. the database cannot be reached

Expected errors print one line on stderr, never a traceback. A database error wherever it
surfaces (not a database, damaged, locked, read-only, disk full, server gone mid-run) is one
line and exit 3. An unexpected error does print its traceback, with every secret scrubbed.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from monitor import __version__
from monitor.cli.context import AppContext
from monitor.errors import ConfigError, MonitorError, StoreError
from monitor.logs import install_excepthooks

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


def hoist_global_options(args: list[str]) -> list[str]:
    """`args` with `--config PATH`, `--config=PATH`, `-v`/`-vv` and `--verbose` moved to the
    front, wherever they were written (`monitor run --once --config x.yaml -v`). Nothing after
    `--` moves."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--config" and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if arg.startswith("--config=") or arg == "--verbose" or _COUNTED_V.fullmatch(arg):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


_COUNTED_V = re.compile(r"-v+")


class LazyGroup(click.Group):
    """A group whose commands are defined in modules imported only when a command is looked
    up: running one command imports its module alone (a start without the others' imports),
    and `--help`, which lists them all, imports them all. `lazy` maps each command name to the
    module whose import registers it on the group."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.lazy) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            importlib.import_module(self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)


# Each command lives in its own module; importing it adds the command to the group.
COMMAND_MODULES = {
    name: f"monitor.cli.{module}"
    for name, module in (
        ("check", "check_cmd"),
        ("config", "config_cmd"),
        ("db", "db_cmd"),
        ("demo", "demo_cmd"),
        ("digest", "digest_cmd"),
        ("feeds", "feeds_cmd"),
        ("findings", "findings_cmd"),
        ("init", "init_cmd"),
        ("notify", "notify_cmd"),
        ("poll", "poll_cmd"),
        ("reanalyse", "reanalyse_cmd"),
        ("report", "report_cmd"),
        ("run", "run_cmd"),
        ("status", "status_cmd"),
    )
}


class MonitorGroup(LazyGroup):
    """Turns the package's expected errors into one line and an exit code, and takes the
    global options anywhere on the line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(list(args)))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            _fail(f"configuration error: {exc}", EXIT_USAGE)
        except StoreError as exc:
            _fail(f"database error: {exc}", EXIT_FATAL)
        except SQLAlchemyError as exc:
            from monitor.store.engine import store_error

            app = ctx.obj if isinstance(ctx.obj, AppContext) else None
            _fail(f"database error: {store_error(exc, app and app._engine)}", EXIT_FATAL)
        except MonitorError as exc:
            _fail(f"error: {exc}", EXIT_FATAL)


def _fail(message: str, code: int) -> None:
    click.echo(f"monitor: {message}", err=True)
    sys.exit(code)


@click.group(
    cls=MonitorGroup,
    lazy=COMMAND_MODULES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="monitor")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help=(
        "Configuration file (default: $MONITOR_CONFIG, else ./config/monitor.yaml, "
        "./monitor.yaml, ~/.config/milestone-monitor/monitor.yaml)."
    ),
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """Follow a dated public commitment through the news and report what is new.

    --config and -v may stand anywhere on the line, before or after the command."""
    ctx.obj = AppContext(config_path=config_path, verbosity=verbose)
    ctx.obj.setup_logging()


def main() -> None:
    """Console-script entry point: click's own handling, except that a usage error is one
    line ("monitor: Invalid value for '--since': ... (see `monitor findings --help`)"), and an
    uncaught error's traceback is printed with every secret scrubbed."""
    install_excepthooks()
    try:
        code = cli.main(prog_name="monitor", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "monitor"
        _fail(f"{exc.format_message()} (see `{where} --help`)", exc.exit_code)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except click.Abort:
        _fail("aborted", EXIT_PARTIAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
