"""Write the report page into its folder, and the shell that reads the store to make it.

The folder holds `index.html`, `assets/` and `.monitor-report.json` (the list of files we
wrote). A folder that holds anything else is refused unless forced; forced, we write beside
the other files and never touch them.

A new report never damages the one in place: the assets are written first under names made
from their content (each through a temporary file and an atomic rename), then `index.html`
is replaced in one rename, which switches readers to the new generation; only then are the
previous generation's assets removed. If anything fails before that rename, the files of
this attempt are removed and the previous report is exactly as it was.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from monitor import __version__
from monitor.config import Settings
from monitor.errors import MonitorError
from monitor.report.build import FeedSetting, build_report
from monitor.report.page import Asset, render

log = logging.getLogger(__name__)

MANIFEST = ".monitor-report.json"
INDEX = "index.html"
OWN_ENTRIES = frozenset({INDEX, "assets", MANIFEST})
_TEMP_PREFIX = ".monitor-tmp-"
LEFTOVER_SECONDS = 3600
FILE_MODE = 0o644
DEFAULT_TITLE = "Milestone report"


class OutputRefused(MonitorError):
    """The output folder cannot be used: not a folder, not writable, or it holds other files
    (exit code 2)."""


class OutputFailed(MonitorError):
    """Writing failed part way (disk full, I/O error); the previous report is intact."""


@dataclass(frozen=True, slots=True)
class Written:
    """What one generation of the report holds."""

    folder: Path
    index: Path
    stories: int
    articles: int
    milestones: int
    bytes: int
    seconds: float


# --- the folder -------------------------------------------------------------------------------


def check_output(folder: Path, *, force: bool = False) -> None:
    """Raise OutputRefused unless the report can be written into `folder` (created if need
    be): it must be a folder we can write in, holding nothing but an earlier report, or
    anything at all with `force`."""
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"--output {folder} is a file, not a folder")
    if folder.is_dir():
        others = sorted(
            entry.name
            for entry in folder.iterdir()
            if entry.name not in OWN_ENTRIES and not entry.name.startswith(_TEMP_PREFIX)
        )
        ours = (folder / MANIFEST).is_file()
        if not ours and (folder / INDEX).exists():
            others = sorted({*others, INDEX})
        if others and not force:
            shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise OutputRefused(
                f"--output {folder} holds other files ({len(others)}: {shown}); choose an "
                f"empty or new folder, or pass --force to write the report beside them"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=_TEMP_PREFIX):
            pass
    except OSError as exc:
        raise OutputRefused(f"cannot write to --output {folder}: {_reason(exc)}") from None


def write_site(folder: Path, html: str, assets: Sequence[Asset]) -> int:
    """Write one generation of the page into `folder` (see the module docstring); return its
    size in bytes. Raise OutputFailed when writing fails; the previous generation is then
    untouched. Two writers of one folder (the daemon and a cron run) take turns."""
    with _folder_lock(folder):
        return _write_generation(folder, html, assets)


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_generation(folder: Path, html: str, assets: Sequence[Asset]) -> int:
    created: list[Path] = []
    total = 0
    try:
        (folder / "assets").mkdir(exist_ok=True)
        for asset in assets:
            target = folder / asset.name
            size = asset.source.stat().st_size if asset.source else len(asset.data or b"")
            total += size
            if target.is_file() and target.stat().st_size == size:
                continue  # named by content (or by version, for the library): the same file
            data = asset.source.read_bytes() if asset.source else (asset.data or b"")
            _replace(target, data)
            created.append(target)
        encoded = html.encode("utf-8")
        total += len(encoded)
        previous = _manifest(folder)
        _replace(folder / INDEX, encoded)  # the switch to this generation
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise OutputFailed(
            f"writing the report to {folder} failed: {_reason(exc)}; the previous report, "
            f"if any, is unchanged"
        ) from None
    names = [INDEX, *(a.name for a in assets)]
    try:
        _replace(folder / MANIFEST, json.dumps({"files": names}, indent=1).encode())
        for stale in sorted(set(previous) - set(names)):
            if stale.startswith("assets/") and "/" not in stale[len("assets/") :]:
                (folder / stale).unlink(missing_ok=True)
        _drop_leftovers(folder)
    except OSError as exc:
        # The new page is in place and complete; only the tidying failed.
        log.warning("report written, but cleaning up failed folder=%s error=%s", folder, exc)
    return total


def _replace(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file in the same folder and a rename."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, FILE_MODE)  # mkstemp makes it private; a web server must read it
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _drop_leftovers(folder: Path) -> None:
    """Temporary files of a writer killed mid-way (an hour old: not a writer at work now)."""
    cutoff = time.time() - LEFTOVER_SECONDS
    for place in (folder, folder / "assets"):
        for path in place.glob(f"{_TEMP_PREFIX}*"):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


def _manifest(folder: Path) -> list[str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return [str(name) for name in data.get("files", [])]
    except (OSError, ValueError, AttributeError):
        return []


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# --- the shell --------------------------------------------------------------------------------


def generate(
    settings: Settings,
    engine: Engine,
    now: datetime,
    output: Path,
    *,
    force: bool = False,
    title: str = DEFAULT_TITLE,
) -> Written:
    """Read the states, findings and polls, build the page and write it into `output`."""
    from monitor.state.load import current_states
    from monitor.store import feeds, report_rows
    from monitor.store.session import session_scope

    started = time.monotonic()
    check_output(output, force=force)
    with session_scope(engine) as session:
        states = current_states(session, settings, now)
        articles = report_rows.report_articles(session)
        start = report_rows.first_poll_at(session)
        feeds_now = feeds.feed_health(session, now)
        feeds_period = report_rows.feed_polls(session, start or now, now)
        polls = report_rows.poll_days(session, start)
    report = build_report(
        title=title,
        version=__version__,
        now=now,
        milestones=settings.milestone_objects(),
        states=states,
        articles=articles,
        feeds=[FeedSetting(f.name, f.authority, f.enabled) for f in settings.feeds],
        feeds_now=feeds_now,
        feeds_period=feeds_period,
        polls=polls,
        period_start=start,
    )
    html, assets = render(report)
    size = write_site(output, html, assets)
    return Written(
        folder=output,
        index=output / INDEX,
        stories=len(report.stories),
        articles=report.articles,
        milestones=len(report.cards),
        bytes=size,
        seconds=time.monotonic() - started,
    )


def refresh(settings: Settings, engine: Engine, now: datetime) -> Written | None:
    """After a cycle: write the report into `report.output` when it is set. A report that
    cannot be written is logged and the caller goes on (the report is not worth a cycle)."""
    output = settings.report.output
    if output is None:
        return None
    try:
        written = generate(settings, engine, now, output)
    except MonitorError as exc:
        log.warning("report not written error=%s", exc)
        return None
    except Exception:  # a bug: surface it in the log, but keep the daemon's cycle going
        log.exception("report failed")
        return None
    log.info(
        "report written folder=%s stories=%d seconds=%.1f",
        written.folder,
        written.stories,
        written.seconds,
    )
    return written
