"""Database faults as the commands meet them, in real subprocesses: a file that is not SQLite, a
damaged one, a read-only one (read-only commands still work on it: a backup can be inspected),
a disk that is full. Each fault is one line on stderr and exit 3, and nothing already stored is
lost. (A server gone mid-run and a write-locked SQLite: tests/run/test_outages.py.)"""

from __future__ import annotations

import os
import pwd
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from monitor.store.engine import open_store
from tests.conftest import REPO
from tests.notify.notify_samples import rich_findings
from tests.notify.notify_store import store_findings
from tests.run.slow_web import slow_web


def monitor(config: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        **kwargs,
    )


def one_line(result: subprocess.CompletedProcess[str], code: int, *expected: str) -> None:
    assert result.returncode == code, result.stderr
    [line] = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in line, line


@pytest.fixture
def filled(make_config, tmp_path) -> Path:
    """A configuration whose SQLite database holds three analysed articles."""
    config = make_config(
        database_url=f"sqlite:///{tmp_path / 'monitor.db'}",
        feeds=[{"name": "f", "url": "http://127.0.0.1:9/feed.xml"}],
        channels={"console": {"enabled": True, "path": str(tmp_path / "digests.txt")}},
    )
    engine = open_store(f"sqlite:///{tmp_path / 'monitor.db'}")
    store_findings(engine, rich_findings()[:3])
    engine.dispose()
    return config


def test_a_file_that_is_not_sqlite(make_config, tmp_path) -> None:
    database = tmp_path / "monitor.db"
    database.write_bytes(b"these are not the pages of a database\n" * 100)
    config = make_config(database_url=f"sqlite:///{database}")
    for command in (["findings"], ["run", "--once"]):
        one_line(monitor(config, *command), 3, f"database {database} is not a SQLite database")
    assert database.read_bytes().startswith(b"these are not")  # left as it was


def test_a_damaged_database(filled, tmp_path) -> None:
    database = tmp_path / "monitor.db"
    monitor(filled, "findings")  # the WAL checkpointed into the file
    with database.open("r+b") as handle:
        handle.seek(100)  # the schema's page, after the header
        handle.write(b"\xde\xad\xbe\xef" * 900)
    one_line(monitor(filled, "run", "--once"), 3, f"database {database} is damaged")


def _as_other_user() -> dict[str, object]:
    """Run as `nobody` when the tests run as root (root may write any file), if `nobody` may
    run this interpreter; otherwise as root, for whom a file without write bits is read-only
    by the monitor's own rule."""
    if os.geteuid() != 0:
        return {}
    nobody = pwd.getpwnam("nobody")
    other = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    try:
        subprocess.run([sys.executable, "-c", "import monitor"], cwd=REPO, check=True, **other)
    except (OSError, subprocess.CalledProcessError):
        return {}
    return other


def test_a_read_only_backup_can_be_inspected(filled, tmp_path) -> None:
    # A backup: a copy of the file, read-only, in a folder that is read-only too.
    shelf = Path(tempfile.mkdtemp(prefix="monitor-backup-"))
    try:
        backup = shelf / "backup.db"
        shutil.copy(tmp_path / "monitor.db", backup)
        for suffix in ("-wal", "-shm"):
            source = tmp_path / f"monitor.db{suffix}"
            if source.exists():
                shutil.copy(source, shelf / f"backup.db{suffix}")
        config = shelf / "monitor.yaml"
        text = filled.read_text(encoding="utf-8").replace(str(tmp_path / "monitor.db"), str(backup))
        config.write_text(text, encoding="utf-8")
        for path in shelf.iterdir():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        shelf.chmod(0o555)
        before = backup.read_bytes()
        other = _as_other_user()

        listed = monitor(config, "findings", "--all", **other)
        assert listed.returncode == 0, listed.stderr
        assert "3 article(s)" in listed.stdout
        assert monitor(config, "feeds", **other).returncode == 0
        assert monitor(config, "digest", "--preview", **other).returncode == 0
        # A command that writes says what is wrong, in one line.
        one_line(monitor(config, "run", "--once", **other), 3, "is read-only")
        assert backup.read_bytes() == before
    finally:
        shelf.chmod(0o755)
        shutil.rmtree(shelf, ignore_errors=True)


def test_a_full_disk_is_one_line_and_loses_nothing(filled, tmp_path) -> None:
    database = tmp_path / "monitor.db"
    with slow_web(items=5) as web:
        data = yaml.safe_load(filled.read_text(encoding="utf-8"))
        data["feeds"][0]["url"] = web.feed_url  # the feed, now with five items
        data["fetch"].update(per_host_concurrency=5, per_host_min_gap_seconds=0, jitter_seconds=0)
        filled.write_text(yaml.safe_dump(data), encoding="utf-8")
        monitor(filled, "findings")  # checkpoint: the file holds everything so far
        size = sum(path.stat().st_size for path in tmp_path.glob("monitor.db*"))
        limit = size + 16 * 1024

        def small_disk() -> None:
            # The file may not grow past `limit`: what a full disk does to SQLite's writes.
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        full = monitor(filled, "run", "--once", preexec_fn=small_disk)
        one_line(full, 3, f"database {database} cannot be written")
        # What was committed before the disk filled is there (the three articles at least).
        listed = monitor(filled, "findings", "--all")
        assert listed.returncode == 0, listed.stderr
        assert int(listed.stdout.rsplit("\n\n", 1)[1].split()[0]) >= 3
        again = monitor(filled, "run", "--once")
        assert again.returncode == 0, again.stderr
    assert "8 article(s)" in monitor(filled, "findings", "--all").stdout
