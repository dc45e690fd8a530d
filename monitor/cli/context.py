"""What the commands share: the configuration path, loaded settings and the database engine,
each made once, on first use (so `--help` and `--version` cost nothing)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine

from monitor.config import Settings, configuration_warnings, load_settings
from monitor.logs import setup_logging
from monitor.store.engine import open_store, sqlite_is_writable


@dataclass
class AppContext:
    config_path: str | None = None
    verbosity: int = 0
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    def setup_logging(self) -> None:
        level = {0: logging.WARNING, 1: logging.INFO}.get(self.verbosity, logging.DEBUG)
        setup_logging(level)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    def warnings(self) -> list[str]:
        """What in the configuration is valid but probably not meant (see `config check`)."""
        return configuration_warnings(self.settings)

    def log_warnings(self) -> None:
        """Each configuration warning as a log line: cron and the daemon's journal see them."""
        for warning in self.warnings():
            logging.getLogger("monitor.config").warning("configuration warning: %s", warning)

    @property
    def engine(self) -> Engine:
        """The database, migrated to the newest schema."""
        if self._engine is None:
            self._engine = open_store(self.settings.database_url)
        return self._engine

    @property
    def read_engine(self) -> Engine:
        """The database for a command that only reads: migrated like `engine` when it can be
        written, opened read-only as it is when it cannot (a backup, a read-only file)."""
        if self._engine is None:
            url = self.settings.database_url
            if sqlite_is_writable(url):
                return self.engine
            self._engine = open_store(url, read_only=True)
        return self._engine
