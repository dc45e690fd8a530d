"""Logging set-up: one `key=value` line per event on stderr, configured once by the CLI.

Messages are constant event names followed by fields (`poll done feed=%s new=%d`). Secrets are
never passed to a logger; `redact` scrubs URLs and values that might carry one, as a second line
of defence for messages built from library errors, and every secret the configuration holds
(`register_secret`, called by the loader): so they are also scrubbed from tracebacks, those the
logger prints and those of errors nobody caught (`install_excepthooks`).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from types import TracebackType

_SECRETISH = re.compile(
    r"(hooks\.slack\.com/services/)[^\s\"'>]+|(://[^:/@\s]+:)[^@\s]+@|((?:password|token|secret)=)[^\s&]+",
    re.IGNORECASE,
)


# Shorter values are not scrubbed: they would blank out ordinary words.
_MIN_SECRET = 6
_secrets: set[str] = set()
_secrets_guard = threading.Lock()


def register_secret(value: str | None) -> None:
    """Scrub `value` (and, for a URL, its path and query, which carry the token) from every
    line this module writes."""
    if not value:
        return
    found = {value.strip()}
    address = re.match(r"^(?:[a-z][a-z0-9+.-]*://)?[^/?#\s]*([/?#].*)$", value.strip(), re.I)
    if address:
        tail = address.group(1)
        found.add(tail)
        found.update(part for part in re.split(r"[/?#&=]", tail) if len(part) >= 12)
    with _secrets_guard:
        _secrets.update(v for v in found if len(v) >= _MIN_SECRET)


def redact(text: str) -> str:
    """`text` with registered secrets, webhook paths, URL passwords and password=… values
    replaced by ***."""

    def _sub(match: re.Match[str]) -> str:
        prefix = next(g for g in match.groups() if g is not None)
        return f"{prefix}***" + ("@" if prefix.startswith("://") else "")

    with _secrets_guard:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, "***")
    return _SECRETISH.sub(_sub, text)


def format_exception(
    kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
) -> str:
    """A traceback as Python prints it, secrets scrubbed."""
    return redact("".join(traceback.format_exception(kind, value, tb)))


def install_excepthooks() -> None:
    """Print uncaught errors (main thread and other threads) with their secrets scrubbed."""

    def main_hook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        sys.stderr.write(format_exception(kind, value, tb))
        sys.stderr.flush()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        sys.stderr.write(f"Exception in thread {name}:\n")
        sys.stderr.write(format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        sys.stderr.flush()

    sys.excepthook = main_hook
    threading.excepthook = thread_hook


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = redact(record.getMessage())
        line = f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S%z')} level={record.levelname.lower()} logger={record.name} {message}"
        if record.exc_info:
            line += "\n" + redact(self.formatException(record.exc_info))
        if record.stack_info:
            line += "\n" + redact(self.formatStack(record.stack_info))
        return line


def setup_logging(level: int = logging.WARNING) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_monitor", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter())
    handler._monitor = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # The daemon's start and stop lines say what it will do: shown at every level.
    logging.getLogger("monitor.lifecycle").setLevel(min(level, logging.INFO))
    # Libraries are chatty at INFO; keep them at WARNING unless debugging.
    for name in ("trafilatura", "htmldate", "courlan", "apscheduler", "alembic", "aiohttp"):
        logging.getLogger(name).setLevel(
            logging.DEBUG if level <= logging.DEBUG else logging.WARNING
        )
