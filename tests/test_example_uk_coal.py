"""The worked example in config/examples/uk-coal: another commitment, followed by
configuration alone, gives the check output its expected.json records (`monitor check` run
as a real subprocess, as the example's README says), and that output agrees with the
example's labels where expected.json says it does."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

EXAMPLE = REPO / "config" / "examples" / "uk-coal"


def test_the_example_checks_as_recorded() -> None:
    expected = json.loads((EXAMPLE / "expected.json").read_text(encoding="utf-8"))
    pages = sorted(p.relative_to(EXAMPLE).as_posix() for p in (EXAMPLE / "pages").glob("*.html"))
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", "monitor.yaml", "check", "--json", *pages],
        capture_output=True,
        text=True,
        cwd=EXAMPLE,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    got = []
    for line in result.stdout.splitlines():
        d = json.loads(line)
        got.append(
            {
                "source": d["source"],
                "relevant": d["relevant"],
                "milestones": d["milestones"],
                "novelty": d["novelty"],
                "status_change": d["status_change"],
                "events": sorted({e["kind"] for e in d["events"] if e["kind"] != "step"}),
            }
        )
    assert got == expected["pages"]
    labels = {lab["file"]: lab for lab in json.loads((EXAMPLE / "labels.json").read_text())}
    agree = [
        page["source"]
        for page in got
        if labels[page["source"].removeprefix("pages/")]["novelty"] == page["novelty"]
        and labels[page["source"].removeprefix("pages/")]["status_change"] == page["status_change"]
    ]
    assert len(agree) == 5, agree  # every page but the one expected.json's note names
    completed = [p for p in got if p["status_change"] == "completed"]
    assert [p["source"] for p in completed] == ["pages/uc02-britain-coal-power-ends-wire.html"]


def test_the_example_configuration_is_checked_without_warnings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", "monitor.yaml", "config", "check"],
        capture_output=True,
        text=True,
        cwd=EXAMPLE,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "uk-last-coal-plant-closes" in result.stdout
    assert "warning" not in result.stderr, result.stderr
    # The places its description says the plan leaves, which a change said without a place
    # must have nearby to count (docs/configuration.md, "How a change is read").
    assert "places the plan leaves: great britain, ratcliffe-on-soar" in result.stdout
