"""The README's test command, as written: `PATH=.venv/bin:$PATH ./check`, with a relative
PATH entry. ./check must hand pytest an interpreter that works from any folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_process import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_interpreter_runs_from_any_folder(tmp_path: Path) -> None:
    # Under ./check with PATH=.venv/bin:$PATH this only holds if ./check made it absolute.
    assert Path(sys.executable).is_absolute(), sys.executable
    result = subprocess.run(
        [sys.executable, "-c", "import monitor"], cwd=tmp_path, capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_readme_test_command_works_as_written(tmp_path: Path) -> None:
    command = re.findall(r"```sh\n(.*?)```", README.split("\n## ", 1)[0], re.S)[1].strip()
    setup, _, run_checks = command.rpartition(" && ")
    assert setup == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]'"
    assert run_checks == "PATH=.venv/bin:$PATH ./check"
    # A checkout whose .venv is this test's own virtualenv (so nothing is installed again);
    # the folders are links to the real ones.
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("monitor", "tests", "bench", "pyproject.toml"):
        (clone / name).symlink_to(REPO / name)
    (clone / "check").write_bytes((REPO / "check").read_bytes())
    (clone / "check").chmod(0o755)
    (clone / ".venv").symlink_to(Path(sys.prefix))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(sys.prefix)
    )
    probe = "tests/cli/test_check_script.py::test_the_interpreter_runs_from_any_folder"
    result = subprocess.run(
        ["bash", "-c", f"{run_checks} -q -p no:cacheprovider {probe}"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
