"""Run `monitor` as users do: a real subprocess, with a clean environment and a chosen folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_monitor(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m monitor ARGS` in `cwd`; MONITOR_* and XDG_CONFIG_HOME of the caller are
    dropped, `env` is added."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MONITOR_") and k != "XDG_CONFIG_HOME"
    }
    clean["XDG_CONFIG_HOME"] = str(cwd / ".no-user-config")
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean,
        timeout=timeout,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line on stderr of a refused command (and no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]
