"""Shared test fixtures: configuration files, databases (SQLite and PostgreSQL), shared data.

Real parts only: SQLite files in tmp_path, a real PostgreSQL database when
MONITOR_TEST_POSTGRES_URL is set (a fresh database per test, dropped afterwards), and the
real feeds and pages of ../shared/fixtures read in place.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MONITOR_SHARED_DIR", REPO.parent / "shared"))
DEFAULT_CONFIG = REPO / "config" / "monitor.yaml"


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """../shared/fixtures (real feeds and pages); tests skip when it is absent."""
    path = SHARED / "fixtures"
    if not path.is_dir():
        pytest.skip(f"real-data fixtures not found at {path} (they sit beside the checkout in CI)")
    return path


def default_config_data() -> dict[str, Any]:
    return yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))


@pytest.fixture
def make_config(tmp_path: Path):
    """Write a configuration file for a test and return its path.

    Starts from the default configuration (its milestones and the repository's seeds) with no
    feeds, a SQLite database in tmp_path and the SSRF guard off (test servers are on
    127.0.0.1); keyword arguments replace top-level keys.
    """

    def make(**overrides: Any) -> Path:
        data = default_config_data()
        data.update(
            database_url=f"sqlite:///{tmp_path / 'monitor.db'}",
            data_dir=str(tmp_path / "data"),
            seeds_dir=str(REPO / "seeds"),
            templates_dir=str(REPO / "alerts"),
            feeds=[],
        )
        data.setdefault("fetch", {})
        data["fetch"] = {**data["fetch"], "allow_private_addresses": True}
        data.update(overrides)
        path = tmp_path / "monitor.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return make


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def _postgres_base_url() -> str | None:
    return os.environ.get("MONITOR_TEST_POSTGRES_URL") or None


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped afterwards); skips the test without a
    server. For fixtures of any scope."""
    base = _postgres_base_url()
    if base is None:
        pytest.skip("MONITOR_TEST_POSTGRES_URL is not set: PostgreSQL tests run in CI")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"monitor_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def own_postgres() -> Iterator[Any]:
    """A PostgreSQL server of this test's own (started), which it may stop and start."""
    from tests.pg_instance import PgInstance, why_not

    reason = why_not()
    if reason is not None:
        pytest.skip(reason)
    instance = PgInstance().init()
    instance.start()
    try:
        yield instance
    finally:
        instance.destroy()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves no process behind: whatever the tests started (monitors, servers, pool
    workers) is gone by now. multiprocessing's forkserver and resource tracker of this process
    itself are the exception: they leave with it (their pipes to it close)."""
    import time

    from tests.run.processes import command, descendants, running

    def strays() -> list[int]:
        return [
            pid for pid in descendants(os.getpid()) if running(pid) and not _with_this_process(pid)
        ]

    deadline = time.monotonic() + 10
    left = strays()
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = strays()
    if left:
        listing = "; ".join(f"{pid} {command(pid)}" for pid in left)
        session.config.get_terminal_writer().line(f"processes left behind: {listing}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _with_this_process(pid: int) -> bool:
    """The forkserver or resource tracker of the test process itself (not their children)."""
    from tests.run.processes import command

    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            parent = int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return False
    text = command(pid)
    helper = "multiprocessing.forkserver" in text or "multiprocessing.resource_tracker" in text
    return parent == os.getpid() and helper
