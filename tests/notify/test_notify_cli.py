"""`monitor digest`, `monitor notify test` and `monitor findings`, run as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from notify_samples import COMPLETED, pending, rich_findings
from notify_servers import slack_server, smtp_server
from notify_store import deliveries, digest_count, store_findings

from monitor.store.engine import open_store

REPO = Path(__file__).resolve().parents[2]


def monitor(config: Path, *args: str, env: dict[str, str] | None = None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        timeout=60,
    )


@pytest.fixture
def store_of(tmp_path):
    engines = []

    def make(config: Path):
        engine = open_store(f"sqlite:///{tmp_path / 'monitor.db'}")
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.dispose()


def test_preview_then_send_to_a_file(make_config, store_of, tmp_path):
    out = tmp_path / "digests.txt"
    config = make_config(channels={"console": {"enabled": True, "path": str(out)}})
    engine = store_of(config)
    store_findings(engine, rich_findings())

    shown = monitor(config, "digest", "--preview")
    assert shown.returncode == 0, shown.stderr
    assert "Subject: Milestone digest" in shown.stdout
    assert "troops: about 2,500 in the baseline → fewer than 2,000" in shown.stdout
    assert "nothing was stored or sent" in shown.stderr
    html = tmp_path / "preview.html"
    written = monitor(config, "digest", "--preview", "--html", str(html))
    assert written.returncode == 0 and html.read_text().startswith("<!DOCTYPE html>")
    assert digest_count(engine) == 0 and not out.exists()

    sent = monitor(config, "digest")
    assert sent.returncode == 0, sent.stderr
    assert "composed digest" in sent.stderr and "to console: sent" in sent.stderr
    # Both milestones are past their due dates with nothing reported: one overdue alert each.
    assert "composed 2 alert(s)" in sent.stderr
    assert "Fewer than 2,000 US troops" in out.read_text()
    again = monitor(config, "digest")
    assert again.returncode == 0 and "nothing new to compose" in again.stderr
    assert out.read_text().count("MILESTONE DIGEST") == 1


def test_digest_exits_1_when_a_delivery_fails_and_delivers_later(make_config, store_of):
    with smtp_server("refuse_rcpt") as server:
        email = {
            "enabled": True,
            "smtp_host": "127.0.0.1",
            "smtp_port": server.port,
            "security": "none",
            "recipients": ["nobody@example.org"],
            "timeout_seconds": 5,
        }
        config = make_config(
            channels={"console": {"enabled": False}, "email": email},
            digest={"immediate_alerts": False},  # the digest alone: one message to retry
        )
        engine = store_of(config)
        store_findings(engine, rich_findings())
        failed = monitor(config, "digest")
        assert failed.returncode == 1
        assert "to email: FAILED" in failed.stderr and "550 5.1.1" in failed.stderr
        assert "Traceback" not in failed.stderr
        server.handler.mode = "accept"
        retried = monitor(config, "digest")  # by hand: no waiting for the retry time
        assert retried.returncode == 0, retried.stderr
        assert "to email: sent (250 2.0.0 Ok: queued as Q1)" in retried.stderr
        assert len(server.messages) == 1
    assert [d["state"] for d in deliveries(engine)] == ["sent"]


def test_notify_test_reports_the_server_answer(make_config):
    with smtp_server("accept") as server:
        email = {
            "smtp_host": "127.0.0.1",
            "smtp_port": server.port,
            "security": "none",
            "recipients": ["ops@example.org"],
        }
        config = make_config(channels={"email": email})
        ok = monitor(config, "notify", "test", "email")
        assert ok.returncode == 0, ok.stderr
        assert (
            "email (127.0.0.1:" in ok.stdout and "accepted: 250 2.0.0 Ok: queued as Q1" in ok.stdout
        )
        assert server.messages[0]["Subject"] == "Test message from milestone-monitor"
        server.handler.mode = "refuse_rcpt"
        refused = monitor(config, "notify", "test", "email")
        assert refused.returncode == 1 and "refused" in refused.stderr and "550" in refused.stderr

    not_set = monitor(config, "notify", "test", "slack")
    assert not_set.returncode == 2
    assert "MONITOR_CHANNELS__SLACK__WEBHOOK_URL is not set" in not_set.stderr
    with slack_server() as slack:
        posted = monitor(
            config,
            "notify",
            "test",
            "slack",
            env={"MONITOR_CHANNELS__SLACK__WEBHOOK_URL": slack.url},
        )
        assert posted.returncode == 0, posted.stderr
        assert posted.stdout.strip() == "slack: accepted: 200 ok"
        assert "Test message" in slack.accepted[0]["blocks"][0]["text"]["text"]
    console = monitor(config, "notify", "test", "console")
    assert console.returncode == 0 and "this channel works" in console.stdout


def test_findings_lists_and_prints_json(make_config, store_of):
    config = make_config()
    engine = store_of(config)
    store_findings(
        engine,
        [
            *rich_findings(),
            pending(9, title="Weather", novelty="none", milestones=(), relevant=False),
        ],
    )
    store_findings(
        engine, [pending(10, title="Done", facts=(COMPLETED,), status_change="completed")]
    )

    listed = monitor(config, "findings")
    assert listed.returncode == 0, listed.stderr
    assert "5 article(s), 5 relevant" in listed.stdout
    everything = monitor(config, "findings", "--all", "--json")
    rows = [json.loads(line) for line in everything.stdout.splitlines()]
    assert len(rows) == 7
    done = next(r for r in rows if r["title"] == "Done")
    assert {
        "url", "title", "published", "relevant", "milestones", "novelty", "mentions", "new_facts", "analysed_at"
    } <= set(done)  # fmt: skip
    assert done["new_facts"] == ["completed: the mission in federal Iraq has ended"]
    assert done["status_change"] == "completed" and done["delivered"] is False
    troops = next(r for r in rows if r["url"] == "https://news.example/1")
    assert troops["published"] == "2025-10-09" and troops["milestones"] == ["iraq-mission-end"]
    assert troops["mentions"][0] == {
        "milestone": "iraq-mission-end",
        "sentence": "Fewer than 2,000 US troops will remain in Iraq by the end of September 2025, officials said.",
        "date_text": "by the end of September 2025",
        "date_resolved": None,
    }
    weather = next(r for r in rows if r["title"] == "Weather")
    assert weather["relevant"] is False and weather["novelty"] == "none"
