"""`monitor reanalyse` as users run it (real subprocesses, real signals, SQLite):
stopped or killed halfway it leaves whole findings and runs again to the same end; a milestone
added to the configuration gets its history; what readers had is not sent again; bad input
is one line and exit 2."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from labelled_sets import REPO, build_site, items, monitor, statuses, write_config
from sqlalchemy import create_engine, func, select

from monitor.demo import serve_replay
from monitor.reanalyse import BATCH
from monitor.store.models import Article, Digest, MentionRow, StatusEventRow
from monitor.store.models import Finding as FindingRow

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def scalar(url: str, query) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(query).scalar_one()
    finally:
        engine.dispose()


def reanalysed_since(url: str, start: datetime) -> int:
    """Articles whose re-analysis was committed after `start`."""
    try:
        return scalar(
            url, select(func.count()).select_from(Article).where(Article.analysed_at >= start)
        )
    except Exception:  # the database is busy: ask again
        return 0


def start_reanalyse(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), "reanalyse"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def assert_whole_findings(url: str, total: int) -> None:
    """One finding per article, and no mention or event without its finding."""
    findings = scalar(url, select(func.count()).select_from(FindingRow))
    assert findings == total
    for row in (MentionRow, StatusEventRow):
        orphans = scalar(
            url,
            select(func.count())
            .select_from(row)
            .where(row.finding_id.not_in(select(FindingRow.id))),
        )
        assert orphans == 0


def test_stopped_or_killed_halfway_it_leaves_whole_findings_and_finishes_when_run_again(
    sqlite_url: str, tmp_path: Path
) -> None:
    # SQLite only: a batch is one transaction on either backend, and the replay of the
    # labelled sets already runs reanalyse on both (test_labelled_sets_state).
    db_url = sqlite_url
    site = build_site(tmp_path / "site")
    with serve_replay(site) as feed_url:
        config = write_config(tmp_path, db_url, feed_url, digest={"immediate_alerts": False})
        polled = monitor(config, "poll", "--force")
        assert polled.returncode == 0, polled.stderr
    total = scalar(db_url, select(func.count()).select_from(Article))
    assert total == len(items())  # every page of the feed was stored
    before = statuses(config)

    # SIGTERM once a batch is in: the batch in hand is finished, the rest left for later.
    started = datetime.now(UTC)
    process = start_reanalyse(config)
    try:
        wait_for(lambda: reanalysed_since(db_url, started) >= BATCH)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 1, err
    assert "SIGTERM: stopping after this batch" in err
    assert "interrupted: run it again to finish" in err and "Traceback" not in err
    done = reanalysed_since(db_url, started)
    assert done % BATCH == 0 and BATCH <= done < total
    assert_whole_findings(db_url, total)

    # kill -9 in the middle of a batch: what was committed stays, the batch in hand is lost.
    started = datetime.now(UTC)
    victim = start_reanalyse(config)
    try:
        wait_for(lambda: reanalysed_since(db_url, started) >= BATCH)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL
    done = reanalysed_since(db_url, started)
    assert done % BATCH == 0 and done < total
    assert_whole_findings(db_url, total)

    again = monitor(config, "reanalyse")
    assert again.returncode == 0, again.stderr
    assert f"re-analysed {total} of {total} article(s)" in again.stderr
    assert_whole_findings(db_url, total)
    after = statuses(config)
    for milestone, state in before.items():
        assert {k: v for k, v in after[milestone].items() if k != "line"} == {
            k: v for k, v in state.items() if k != "line"
        }


def test_a_milestone_added_to_the_configuration_gets_its_history(sqlite_url, tmp_path) -> None:
    with serve_replay() as feed_url:
        config = write_config(tmp_path, sqlite_url, feed_url)
        first = monitor(config, "run", "--once")
        assert first.returncode == 0, first.stderr
    delivered = _delivered_articles(sqlite_url)
    assert delivered
    digests = scalar(sqlite_url, select(func.count()).select_from(Digest))

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    added = dict(data["milestones"][0])
    added.update(id="ain-al-asad-handover", title="Ain al-Asad handed over", due="2025-12")
    data["milestones"].append(added)
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = monitor(config, "reanalyse", "--milestone", "ain-al-asad-handover")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("+ ain-al-asad-handover") for line in lines) >= 5
    assert not any(line.startswith(("+ iraq", "- iraq", "+ syria", "- syria")) for line in lines)
    assert any(line.startswith("state ain-al-asad-handover: ") for line in lines)
    assert "History:" in result.stdout and "=> completed" in result.stdout
    status = statuses(config)["ain-al-asad-handover"]
    assert status["state"] == "completed" and status["history"]
    # What readers had stays delivered: the articles of earlier digests are not sent again.
    assert _delivered_articles(sqlite_url) >= delivered
    assert scalar(sqlite_url, select(func.count()).select_from(Digest)) == digests


def _delivered_articles(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(Article.url)
                .join(FindingRow, FindingRow.article_id == Article.id)
                .where(FindingRow.digest_id.is_not(None))
            ).all()
            return {u for (u,) in rows}
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reanalyse", "--since", "last week"), "--since must be a date (YYYY-MM-DD)"),
        (("reanalyse", "--since", "2026-13-01"), "--since must be a date (YYYY-MM-DD)"),
        (("reanalyse", "--milestone", "nope"), "unknown milestone 'nope'"),
        (("status", "--milestone", "nope"), "unknown milestone 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(sqlite_url, tmp_path, args, message) -> None:
    config = write_config(tmp_path, sqlite_url, "https://feeds.example/feed")
    result = monitor(config, *args, timeout=60)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_feed_authority_that_is_not_one_of_the_three_is_refused(sqlite_url, tmp_path) -> None:
    config = write_config(tmp_path, sqlite_url, "https://feeds.example/feed")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["feeds"][0]["authority"] = "ministry"
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = monitor(config, "status", timeout=60)
    assert result.returncode == 2
    assert "feeds.0.authority: Input should be 'official', 'press' or 'aggregator'" in (
        result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1


def test_status_of_an_empty_database_follows_the_calendar(sqlite_url, tmp_path) -> None:
    config = write_config(tmp_path, sqlite_url, "https://feeds.example/feed")
    rows = statuses(config)
    assert list(rows) == ["iraq-mission-end", "syria-support-end"]
    iraq = rows["iraq-mission-end"]
    contract = {
        "id",
        "title",
        "due",
        "effective_due",
        "state",
        "state_since",
        "confirmed",
        "outlets",
        "evidence",
        "last_mention",
        "history",
    }
    assert contract <= set(iraq)
    assert (iraq["state"], iraq["state_since"], iraq["evidence"]) == ("overdue", "2025-09-30", [])
    table = monitor(config, "status", timeout=60)
    assert table.returncode == 0, table.stderr
    assert "Overdue since 30 Sep 2025: no report of completion" in table.stdout
    assert "Next digest: due now" in table.stdout
