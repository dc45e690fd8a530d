"""Logging set-up: one `key=value` line per event on stderr, configured once by the CLI.

Messages are constant event names followed by fields (`poll done feed=%s new=%d`). Secrets are
never passed to a logger; `redact` scrubs URLs and values that might carry one, as a second line
of defence for messages built from library errors.
"""

from __future__ import annotations

import logging
import re
import sys

_SECRETISH = re.compile(
    r"(hooks\.slack\.com/services/)[^\s\"'>]+|(://[^:/@\s]+:)[^@\s]+@|((?:password|token|secret)=)[^\s&]+",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """`text` with webhook paths, URL passwords and password=… values replaced by ***."""

    def _sub(match: re.Match[str]) -> str:
        prefix = next(g for g in match.groups() if g is not None)
        return f"{prefix}***" + ("@" if prefix.startswith("://") else "")

    return _SECRETISH.sub(_sub, text)


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = redact(record.getMessage())
        line = f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S%z')} level={record.levelname.lower()} logger={record.name} {message}"
        if record.exc_info:
            line += "\n" + redact(self.formatException(record.exc_info))
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
