"""The command line as people use it, each case a real subprocess: global options anywhere,
findings filters newest first, a feeds table within 100 columns, `feeds test`, `check` on a
feed, configuration warnings, and usage errors in one line. One poll of the bundled replay
(13 articles) and of a dead feed is shared by the module."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from cli_process import one_error_line, run_monitor

from monitor.demo import serve_replay

pytestmark = pytest.mark.slow

DEAD_FEED = "an-official-feed-with-a-rather-long-name-that-is-down"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def polled(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """(folder with monitor.yaml, the replay feed's URL), after one `monitor poll`."""
    folder = tmp_path_factory.mktemp("habits")
    with serve_replay() as feed_url:
        assert run_monitor("init", str(folder / "w"), cwd=folder).returncode == 0
        work = folder / "w"
        config = yaml.safe_load((work / "monitor.yaml").read_text())
        config["feeds"] = [
            {"name": "replay", "url": feed_url},
            {"name": DEAD_FEED, "url": f"http://127.0.0.1:{_closed_port()}/feed.xml"},
        ]
        config["fetch"].update(
            allow_private_addresses=True,
            per_host_min_gap_seconds=0,
            jitter_seconds=0,
            per_host_concurrency=8,
            extract_workers=2,
        )
        (work / "monitor.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        # -v after the command, --config at the end: both still apply.
        polled_ = run_monitor("poll", "-v", "--config", "monitor.yaml", cwd=work)
        assert polled_.returncode == 1, polled_.stderr  # the dead feed
        assert "level=info" in polled_.stderr and "poll done feed=replay" in polled_.stderr
        yield work, feed_url


def test_global_options_anywhere(polled) -> None:
    work, _ = polled
    other = work / "elsewhere"
    other.mkdir(exist_ok=True)
    for args in (
        ("config", "check", "--config", str(work / "monitor.yaml")),
        ("--config", str(work / "monitor.yaml"), "config", "check"),
        ("config", "--config=" + str(work / "monitor.yaml"), "check", "-vv"),
    ):
        result = run_monitor(*args, cwd=other)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.startswith(f"configuration  {work / 'monitor.yaml'}")
    quiet = run_monitor("findings", "--limit", "1", cwd=work)
    loud = run_monitor("findings", "--limit", "1", "-vv", cwd=work)
    assert "level=" not in quiet.stderr and "level=debug" in loud.stderr


def _rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_findings_newest_first_and_filtered(polled) -> None:
    work, _ = polled
    every = _rows(run_monitor("findings", "--all", "--json", cwd=work))
    assert len(every) == 13
    dates = [row["published"] for row in every]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]

    relevant = _rows(run_monitor("findings", "--json", cwd=work))
    assert relevant and all(row["relevant"] for row in relevant)
    text = run_monitor("findings", cwd=work).stdout
    shown = re.findall(r"^(\d{4}-\d{2}-\d{2})  ", text, re.M)
    assert shown == sorted(shown, reverse=True) and len(shown) == len(relevant)

    middle = dates[len(dates) // 2]
    since = _rows(run_monitor("findings", "--all", "--json", "--since", middle, cwd=work))
    assert since and all(row["published"] >= middle for row in since)
    assert len(since) == sum(1 for d in dates if d >= middle)

    syria = _rows(run_monitor("findings", "--json", "--milestone", "syria-support-end", cwd=work))
    assert syria and all(
        any(m["milestone"] == "syria-support-end" for m in row["mentions"]) for row in syria
    )
    assert len(syria) < len(relevant)

    for kind in ("new", "background", "baseline_repeat", "none"):
        rows = _rows(run_monitor("findings", "--json", "--novelty", kind, cwd=work))
        assert all(row["novelty"] == kind for row in rows)
        assert len(rows) == sum(1 for row in every if row["novelty"] == kind)
    assert any(row["novelty"] == "none" for row in every)

    limited = _rows(run_monitor("findings", "--all", "--json", "--limit", "3", cwd=work))
    assert [r["url"] for r in limited] == [r["url"] for r in every[:3]]

    combined = _rows(
        run_monitor(
            "findings",
            "--json",
            "--novelty",
            "new",
            "--milestone",
            "iraq-mission-end",
            "--since",
            "2000-01-01",
            "--limit",
            "2",
            cwd=work,
        )  # fmt: skip
    )
    assert len(combined) == 2 and all(r["novelty"] == "new" for r in combined)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("findings", "--since", "2025-13-01"), "Invalid value for --since: must be YYYY-MM-DD"),
        (("findings", "--milestone", "nope"), "unknown milestone 'nope' (configured: iraq-mission-end, syria-support-end)"),
        (("findings", "--novelty", "old"), "Invalid value for '--novelty'"),
        (("findings", "--limit", "0"), "Invalid value for '--limit'"),
        (("frobnicate",), "No such command 'frobnicate'"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line(polled, args, message) -> None:
    work, _ = polled
    result = run_monitor(*args, cwd=work)
    assert result.returncode == 2
    line = one_error_line(result)
    assert line.startswith("monitor: ") and message in line and "--help`)" in line


def test_feeds_table_fits_100_columns_and_says_when_the_next_digest_is_due(polled) -> None:
    work, _ = polled
    result = run_monitor("feeds", cwd=work)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    header, replay, dead, footer = lines
    assert header.split() == [
        "feed",
        "status",
        "last",
        "ok",
        "next",
        "poll",
        "items",
        "7d",
        "last",
        "error",
    ]
    assert replay.split()[:2] == ["replay", "ok"] and "13" in replay.split()
    assert dead.startswith("an-official-feed-with-a…  failing ")  # name cut, for how long
    cells = dead.split()
    assert re.fullmatch(r"\d+[smhd]", cells[2]) and cells[3:5] == ["never", "in"]
    assert cells[6] == "0" and cells[7:] == ["connection", "refused"]  # not "0.5" failures
    assert footer.startswith("1 of 2 feeds failing; next digest: due now")

    wide = run_monitor("feeds", "--wide", cwd=work).stdout.splitlines()
    assert DEAD_FEED in wide[2] and "failed polls" in wide[0]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\dZ", wide[2])

    document = json.loads(run_monitor("feeds", "--json", cwd=work).stdout)
    feeds = {feed["name"]: feed for feed in document["feeds"]}
    assert feeds[DEAD_FEED]["status"] == "failing" and feeds[DEAD_FEED]["failed_polls"] == 1
    assert feeds[DEAD_FEED]["failing_since"] and feeds["replay"]["failing_since"] is None
    assert feeds["replay"]["entries_7d"] == 13
    assert document["next_digest_at"] == document["now"]  # no digest yet: due at once


def test_feeds_test_shows_what_a_poll_would_do(polled, tmp_path) -> None:
    work, feed_url = polled
    with serve_replay() as other_url:
        known = run_monitor("feeds", "test", "replay", cwd=work)
        assert known.returncode == 0, known.stderr
        assert "fetched   HTTP 200" in known.stdout and "13 entries" in known.stdout
        assert "judged against what the database knows of this feed: 13 unchanged" in known.stdout
        assert max(len(line) for line in known.stdout.splitlines()) <= 100

        fresh = run_monitor("feeds", "test", other_url, cwd=work)
        assert fresh.returncode == 0, fresh.stderr
        assert "judged against an empty database: 13 new" in fresh.stdout
        assert fresh.stdout.count("\n  new ") == 13
        assert "fetch the article and analyse it" in fresh.stdout

        plain = other_url.replace("feed.xml", "README.md")
        text = run_monitor("feeds", "test", plain, cwd=work)
        assert text.returncode == 1
        assert one_error_line(text).endswith(
            ": not a feed: plain text, not XML or JSON (text/markdown)"
        )

        dead = run_monitor("feeds", "test", DEAD_FEED, cwd=work)
        assert dead.returncode == 1
        assert one_error_line(dead).endswith(": cannot connect to 127.0.0.1: connection refused")

        unknown = run_monitor("feeds", "test", "no-such-feed", cwd=work)
        assert unknown.returncode == 2
        assert "is neither a configured feed (replay, " in one_error_line(unknown)

        on_feed = run_monitor("check", other_url, cwd=work)
        assert on_feed.returncode == 2
        assert one_error_line(on_feed) == (
            f"monitor: {other_url}: this is a feed, not an article: "
            f"`monitor feeds test {other_url}` shows its entries"
        )
    # Nothing was stored by the trials: the feed rows and entries are as the poll left them.
    after = json.loads(run_monitor("feeds", "--json", cwd=work).stdout)
    assert [f["name"] for f in after["feeds"]] == ["replay", DEAD_FEED]
    assert after["feeds"][0]["entries_7d"] == 13


def test_config_check_warns_about_what_passes_silently(polled, tmp_path) -> None:
    work, _ = polled
    config = yaml.safe_load((work / "monitor.yaml").read_text())
    config["feeds"] = []
    config["seeds_dir"], config["templates_dir"] = str(work / "seeds"), str(work / "alerts")
    config["channels"]["email"]["recipients"] = "me@example.org, you@example.org"
    path = tmp_path / "monitor.yaml"
    path.write_text(yaml.safe_dump(config))
    result = run_monitor(
        "config", "check", "--config", str(path), cwd=work,
        env={"MONITOR_DATABASEURL": "sqlite:///x.db", "MONITOR_DIGEST_SEND_EMPTY": "true"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("configuration ok (4 warnings, on stderr)")
    assert result.stderr.splitlines() == [
        "monitor: warning: environment variable MONITOR_DATABASEURL matches no setting and is "
        "ignored (did you mean MONITOR_DATABASE_URL?)",
        "monitor: warning: environment variable MONITOR_DIGEST_SEND_EMPTY matches no setting "
        "and is ignored (did you mean MONITOR_DIGEST__SEND_EMPTY?)",
        "monitor: warning: feeds: the list is empty, so nothing will be polled",
        "monitor: warning: channels.email.recipients is one string; write a list (recipients: "
        "[a@example.org, b@example.org]); read as: me@example.org, you@example.org",
    ]
    clean = run_monitor("config", "check", cwd=work)
    assert clean.returncode == 0 and clean.stderr == ""
    assert clean.stdout.rstrip().endswith("configuration ok")
