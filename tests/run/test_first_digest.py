"""The first digest as a reader gets it (a real `run --once` on the bundled replay, the console
channel writing to a file): its period starts at the oldest finding it carries, and
re-publications of the baseline are named by the seed's title and outlet, not its file id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from monitor.demo import REPLAY, serve_replay
from monitor.notify.render import format_datetime
from monitor.seeds import load_seeds
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def monitor(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
    )


def test_first_digest_period_and_republications(make_config, tmp_path) -> None:
    console = tmp_path / "console.txt"
    with serve_replay() as feed_url:
        config = make_config(
            feeds=[{"name": "replay", "url": feed_url}],
            fetch={
                "allow_private_addresses": True,
                "per_host_min_gap_seconds": 0,
                "jitter_seconds": 0,
                "per_host_concurrency": 8,
                "extract_workers": 2,
            },
            digest={"immediate_alerts": False},
            channels={"console": {"enabled": True, "path": str(console)}},
        )
        ran = monitor(config, "run", "--once")
        assert ran.returncode == 0, ran.stderr
    text = console.read_text()

    rows = [
        json.loads(line)
        for line in monitor(config, "findings", "--all", "--json").stdout.splitlines()
    ]
    carried = [r for r in rows if r["relevant"] or r["novelty"] == "baseline_repeat"]
    oldest = min(datetime.fromisoformat(r["published_at"]) for r in carried)
    period = next(line for line in text.splitlines() if line.startswith("Period: "))
    assert period.startswith(f"Period: {format_datetime(oldest)} to ")
    start, _, end = period.removeprefix("Period: ").partition(" to ")
    assert start != end

    # Which seed each re-publication copies, as the analysis says (check --json).
    expected = json.loads((REPLAY / "expected.json").read_text())["articles"]
    repeats = [str(REPLAY / a["file"]) for a in expected if a["novelty"] == "baseline_repeat"]
    assert repeats
    checked = monitor(config, "check", "--json", *repeats)
    copies = Counter(json.loads(line)["repeat_of"] for line in checked.stdout.splitlines())
    seeds = {seed.id: seed for seed in load_seeds(REPO / "seeds")}
    assert "Re-publications of the baseline (counted, not listed):" in text
    for seed_id, count in copies.items():
        seed = seeds[seed_id]
        assert f'- {count} x "{seed.title}" ({seed.outlet})' in text
        assert seed_id not in text
