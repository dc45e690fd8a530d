"""The command line of the foundation: --help, --version, config check, db upgrade, and the
exit codes and one-line errors of bad input (run as a real subprocess: no traceback leaks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from monitor import __version__
from tests.conftest import DEFAULT_CONFIG, REPO


def monitor(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=60,
    )


def test_help_and_version() -> None:
    result = monitor("--help")
    assert result.returncode == 0
    assert "config" in result.stdout and "db" in result.stdout
    result = monitor("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_config_check_on_the_default_configuration(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = monitor(
        "config",
        "check",
        env={"MONITOR_DATABASE_URL": "postgresql+psycopg://user:pw@db.example:5432/m"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "iraq-mission-end" in out and "due 2025-09" in out
    assert "syria-support-end" in out and "due 2026-09" in out
    assert "000_8f32e4b1079b2bee" in out and "sentences" in out
    assert "postgresql+psycopg://user:***@db.example:5432/m" in out
    assert "pw@" not in out
    assert "console  on" in out and "email    off" in out
    assert not db.exists()


def test_db_upgrade_creates_and_then_keeps_the_schema(tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    first = monitor("--config", str(DEFAULT_CONFIG), "db", "upgrade", env=env)
    assert first.returncode == 0, first.stderr
    assert "upgraded from empty" in first.stdout
    second = monitor("--config", str(DEFAULT_CONFIG), "db", "upgrade", env=env)
    assert second.returncode == 0 and "already at revision" in second.stdout


def _config(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text())
    data["seeds_dir"] = str(REPO / "seeds")
    data["database_url"] = f"sqlite:///{tmp_path / 'm.db'}"
    data.update(changes)
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(
    ("command", "changes", "env", "code", "message"),
    [
        (("config", "check"), {"seeds_dir": "/nonexistent/seeds"}, {}, 2, "seeds folder"),
        (("config", "check"), {"colour": 1}, {}, 2, "unknown key 'colour'"),
        (("db", "upgrade"), {"database_url": "mysql+mysqldb://u@h/d"}, {}, 2, "not installed"),
        (("db", "upgrade"), {"database_url": "sqlite:////proc/no/such/x.db"}, {}, 2, "database"),
        (
            ("db", "upgrade"),
            {},
            {"MONITOR_DATABASE_URL": "postgresql+psycopg://n@127.0.0.1:9/x?connect_timeout=2"},
            3,
            "database error",
        ),
    ],
)
def test_bad_input_exit_codes(tmp_path, command, changes, env, code, message) -> None:
    path = _config(tmp_path, **changes)
    result = monitor("--config", str(path), *command, env=env)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("milestones:\n  - id: a\n    title: [unclosed\n")
    result = monitor("--config", str(path), "config", "check")
    assert result.returncode == 2
    assert "line" in result.stderr and "malformed YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_config_file() -> None:
    result = monitor("--config", "/nonexistent/monitor.yaml", "config", "check")
    assert result.returncode == 2 and "not found" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = monitor("frobnicate")
    assert result.returncode == 2
