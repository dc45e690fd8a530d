"""Answer HTTP GETs for the report folder: `/` is its index.html, `/assets/...` its assets.

Used by the daemon's metrics server (`monitor.metrics`) when `report.output` is set. Only the
files of the report are served: no listing, no path outside the folder, no hidden file.
Assets are named by their content, so they may be cached for good; index.html is checked
every time. Text is sent gzip-compressed to clients that accept it (the chart library shrinks
from 4.8 MB to 1.5 MB), compressed once per file version and kept in memory.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from monitor.config import Settings

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]


class ReportSite:
    """The report folder as a web site."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._compressed: dict[tuple[str, int, int], bytes] = {}
        self._lock = threading.Lock()

    def answer(self, request_path: str, accept_encoding: str = "") -> Answer | None:
        """The answer for `request_path`, or None when it is not part of the report (the
        caller answers 404)."""
        relative = _relative(request_path)
        if relative is None:
            return None
        root = self.folder.resolve()
        target = (root / relative).resolve()
        if root not in target.parents or not target.is_file():
            if relative == "index.html":
                return _not_yet()
            return None
        kind = TYPES.get(target.suffix)
        if kind is None:
            return None
        try:
            stat = target.stat()
            body = target.read_bytes()
        except OSError:  # replaced between the checks and the read: a new generation
            return _not_yet() if relative == "index.html" else None
        headers = [("Content-Type", kind), *SECURITY_HEADERS]
        if relative.startswith("assets/"):
            headers.append(("Cache-Control", "public, max-age=31536000, immutable"))
        else:
            headers.append(("Cache-Control", "no-cache"))
        if "gzip" in accept_encoding.lower() and kind.startswith("text/") and len(body) > 1024:
            body = self._gzip(relative, stat.st_mtime_ns, stat.st_size, body)
            headers.append(("Content-Encoding", "gzip"))
            headers.append(("Vary", "Accept-Encoding"))
        return Answer(200, body, tuple(headers))

    def _gzip(self, name: str, mtime: int, size: int, body: bytes) -> bytes:
        key = (name, mtime, size)
        with self._lock:
            found = self._compressed.get(key)
        if found is None:
            found = gzip.compress(body, compresslevel=6, mtime=0)
            with self._lock:
                # Keep the newest version of each file only.
                for old in [k for k in self._compressed if k[0] == name]:
                    del self._compressed[old]
                self._compressed[key] = found
        return found


def _relative(request_path: str) -> str | None:
    path = unquote(urlsplit(request_path).path)
    if path in ("", "/", "/index.html"):
        return "index.html"
    parts = PurePosixPath(path).parts[1:]  # drop the leading "/"
    if not parts or any(p in ("", ".", "..") or p.startswith(".") or "\\" in p for p in parts):
        return None
    return "/".join(parts)


def _not_yet() -> Answer:
    body = b"The report has not been written yet: it is written after each cycle.\n"
    return Answer(
        503,
        body,
        (("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "60"), *SECURITY_HEADERS),
    )


def report_site(settings: Settings) -> Callable[[str, str], Answer | None] | None:
    """What the metrics server calls for a path it does not know: the report folder's
    answers when `report.output` is set, else None (404 as before)."""
    output = settings.report.output
    return ReportSite(output).answer if output is not None else None
