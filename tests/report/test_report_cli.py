"""`monitor report` as users run it (a real subprocess over a real SQLite store): the files it
writes, a second generation replacing the first, and the folders it refuses, each with one
line and the right exit code; a write that fails part way leaves the previous report whole.
`monitor run --once` writes the report of `report.output`; the store's report queries give the
same rows on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from report_samples import IRAQ, article, day
from report_store import store_articles, store_polls

from monitor.config import load_settings
from monitor.store.engine import open_store
from monitor.store.report_rows import poll_days, report_articles
from monitor.store.session import session_scope
from monitor.types import StatusEvent
from tests.cli.cli_process import one_error_line, run_monitor

# Larger than what reading the SQLite store writes (its -shm file), smaller than the new data.
LIMIT = 64_000
FEEDS = [{"name": "wire", "url": "https://feeds.example/wire"}]


def items(extra: int = 0):
    step = StatusEvent(IRAQ.id, "step", "left Ain al-Asad", "The convoy left Ain al-Asad.")
    found = [
        article(1, title="Convoy leaves Ain al-Asad base", published=day(2025, 8, 18), events=(step,)),
        article(2, title="Analysis of the drawdown in Anbar", published=day(2025, 8, 20), novelty="background"),
    ]  # fmt: skip
    found += [
        article(
            10 + i,
            title=f"Later report number {i} on the mission",
            published=day(2025, 10, 1) + timedelta(days=i),
        )
        for i in range(extra)
    ]
    return found


@pytest.fixture
def config(make_config, tmp_path: Path) -> Path:
    path = make_config(feeds=FEEDS)
    engine = open_store(load_settings(path, env={}).database_url)
    store_articles(engine, items())
    store_polls(engine, "wire", datetime.now(UTC), ["ok", "not_modified", "failed", "ok"])
    engine.dispose()
    return path


def report(config: Path, *args: str, **kw) -> subprocess.CompletedProcess[str]:
    return run_monitor("--config", str(config), "report", *args, cwd=config.parent, **kw)


def test_report_writes_the_page_and_its_assets(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = report(config, "--output", str(out), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["index"] == str(out / "index.html")
    assert (summary["milestones"], summary["articles"], summary["stories"]) == (2, 2, 2)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Coalition military mission in Iraq ends" in html
    manifest = json.loads((out / ".monitor-report.json").read_text())["files"]
    assert manifest[0] == "index.html"
    for name in manifest:
        assert (out / name).is_file()
        assert name == "index.html" or name in html
    assert any(n.startswith("assets/plotly-") for n in manifest)
    assert summary["bytes"] == sum((out / n).stat().st_size for n in manifest)
    assert not list(out.glob(".monitor-tmp-*")) and not list(
        (out / "assets").glob(".monitor-tmp-*")
    )
    assert (out / "index.html").stat().st_mode & 0o777 == 0o644


def test_a_new_generation_replaces_the_old_one(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert report(config, "--output", str(out)).returncode == 0
    first = set(json.loads((out / ".monitor-report.json").read_text())["files"])
    engine = open_store(load_settings(config, env={}).database_url)
    store_articles(engine, items(extra=3)[2:])
    engine.dispose()
    result = report(config, "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "Report written to" in result.stdout and "from 5 articles" in result.stdout
    second = set(json.loads((out / ".monitor-report.json").read_text())["files"])
    data_old = next(n for n in first if n.startswith("assets/data-"))
    data_new = next(n for n in second if n.startswith("assets/data-"))
    assert data_old != data_new
    assert not (out / data_old).exists() and (out / data_new).exists()
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert on_disk == second | {".monitor-report.json"}


def test_a_folder_with_other_files_is_refused_unless_forced(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = report(config, "--output", str(out))
    assert result.returncode == 2
    line = one_error_line(result)
    assert "holds other files" in line and "notes.txt" in line and "--force" in line
    assert not (out / "index.html").exists()
    forced = report(config, "--output", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "notes.txt").read_text() == "mine" and (out / "index.html").is_file()
    # A page someone else wrote is another file too.
    other = tmp_path / "other-site"
    other.mkdir()
    (other / "index.html").write_text("<p>someone's page</p>")
    assert report(config, "--output", str(other)).returncode == 2
    assert (other / "index.html").read_text() == "<p>someone's page</p>"


@pytest.mark.parametrize("case", ["a file", "under a file", "proc"])
def test_an_unwritable_output_is_one_line_and_exit_2(config: Path, tmp_path: Path, case) -> None:
    blocker = tmp_path / "plain.txt"
    blocker.write_text("x")
    target = {
        "a file": blocker,
        "under a file": blocker / "site",
        "proc": Path("/proc/monitor-report-test"),  # unwritable even for root
    }[case]
    result = report(config, "--output", str(target))
    assert result.returncode == 2, result.stderr
    line = one_error_line(result)
    assert line.startswith("monitor: ") and str(target) in line
    assert blocker.read_text() == "x"


@pytest.mark.skipif(
    not hasattr(resource, "RLIMIT_FSIZE"), reason="needs a file size limit to fail a write"
)
def test_a_write_that_fails_part_way_keeps_the_previous_report(
    config: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert report(config, "--output", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    engine = open_store(load_settings(config, env={}).database_url)
    store_articles(engine, items(extra=300)[2:])
    engine.dispose()

    def small_files() -> None:  # the new data file cannot be written whole: disk full, in effect
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "report", "--output", str(out)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        preexec_fn=small_files,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    line = one_error_line(result)
    assert "failed" in line and "previous report" in line
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    # Without the limit the same report is written, and its data is larger than the limit.
    assert report(config, "--output", str(out)).returncode == 0
    data = next((out / "assets").glob("data-*.js"))
    assert data.stat().st_size > LIMIT


def test_report_needs_a_folder(config: Path) -> None:
    result = report(config)
    assert result.returncode == 2
    assert "--output" in one_error_line(result)


def test_run_once_writes_the_configured_report(make_config, tmp_path: Path) -> None:
    out = tmp_path / "published"
    path = make_config(report={"output": "published"})
    result = run_monitor("--config", str(path), "run", "--once", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()
    # `monitor report` alone writes there too.
    again = run_monitor("--config", str(path), "report", "--json", cwd=tmp_path)
    assert json.loads(again.stdout)["output"] == str(out)


def test_run_once_only_warns_when_the_report_cannot_be_written(make_config, tmp_path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "mine.txt").write_text("x")
    path = make_config(report={"output": str(taken)})
    result = run_monitor("--config", str(path), "run", "--once", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "report not written" in result.stderr and "holds other files" in result.stderr
    assert sorted(p.name for p in taken.iterdir()) == ["mine.txt"]


def test_report_queries_on_each_backend(db_url: str) -> None:
    engine = open_store(db_url)
    try:
        store_articles(engine, items(extra=2))
        now = datetime(2026, 1, 5, 0, 30, tzinfo=UTC)
        store_polls(engine, "wire", now, ["ok", "failed", "not_modified"])
        with session_scope(engine) as session:
            found = report_articles(session)
            days = poll_days(session)
        assert [a.title for a in found][:2] == [
            "Convoy leaves Ain al-Asad base",
            "Analysis of the drawdown in Anbar",
        ]
        assert found[0].events[0].kind == "step" and found[0].mentions[0].milestone == IRAQ.id
        assert found[0].published == day(2025, 8, 18) and found[0].outlet == "Gulf Ledger"
        # Polls at 22:30, 23:30 (4 Jan) and 00:30 (5 Jan), counted per UTC day.
        assert sorted((d.day.isoformat(), d.outcome, d.polls) for d in days) == [
            ("2026-01-04", "failed", 1),
            ("2026-01-04", "ok", 1),
            ("2026-01-05", "not_modified", 1),
        ]
    finally:
        engine.dispose()
