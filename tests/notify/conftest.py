"""Fixtures of the notify tests: settings with chosen channels, an up-to-date store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from monitor.config import Settings, load_settings  # noqa: E402
from monitor.store.engine import open_store  # noqa: E402


@pytest.fixture
def notify_settings(make_config, tmp_path: Path) -> Callable[..., Settings]:
    """Settings with only the channels given (console off unless asked), loaded through the
    real loader; `env` carries the secrets as the environment would."""

    def make(
        *,
        channels: dict[str, Any] | None = None,
        digest: dict[str, Any] | None = None,
        env: dict[str, str] | None = None,
        database_url: str | None = None,
    ) -> Settings:
        chosen = {"console": {"enabled": False}, **(channels or {})}
        overrides: dict[str, Any] = {"channels": chosen}
        if digest:
            overrides["digest"] = digest
        if database_url:
            overrides["database_url"] = database_url
        path = make_config(**overrides)
        return load_settings(path, env={"PATH": "/usr/bin:/bin", **(env or {})})

    return make


@pytest.fixture
def engine(sqlite_url: str):
    engine = open_store(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def any_engine(db_url: str):
    """The store on SQLite and, when MONITOR_TEST_POSTGRES_URL is set, PostgreSQL."""
    engine = open_store(db_url)
    yield engine
    engine.dispose()
