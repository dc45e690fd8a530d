"""Open the database and bring its schema to the newest migration.

SQLite is the embedded default (WAL, a busy timeout, foreign keys on); PostgreSQL is reached
through psycopg 3 (`postgresql+psycopg://`). Expected failures become one-line errors:
a URL for a driver that is not installed is a ConfigError (exit 2); a database that cannot be
reached, opened, read or written (a file that is not SQLite, a corrupted one, a read-only one
for a command that writes, a full disk, a server gone) is a StoreError (exit 3): see
`store_error`, which the commands apply to any database error wherever it surfaces.

Commands that only read (`findings`, `feeds`, `digest --preview`) open a database they cannot
write, such as a backup, read-only (`open_store(..., read_only=True)`): no migration, no
journal change, and an error when its schema is not the one this version reads.

The SQLite busy timeout (how long a write waits for another process's write lock) is 30 s, or
the `timeout` (seconds) in the URL's query: `sqlite:///data/monitor.db?timeout=5`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from monitor.errors import ConfigError, StoreError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_SECONDS = 30.0


def create_store_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for `url`, without touching the schema. Raises ConfigError or StoreError."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"database_url is not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # Plain postgresql:// would pick psycopg2, which we do not install.
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {}
    busy = BUSY_TIMEOUT_SECONDS
    if parsed.get_backend_name() == "sqlite":
        busy = _busy_timeout(parsed.query.get("timeout"))
        parsed = parsed.difference_update_query(["timeout"])
        if read_only:
            parsed = _read_only_sqlite(parsed)
        else:
            _check_sqlite_path(parsed.database)
        kwargs["connect_args"] = {"timeout": busy}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError, ImportError) as exc:
        raise ConfigError(
            f"database_url needs a driver that is not installed ({parsed.drivername}): {exc}"
        ) from None
    if engine.dialect.name == "sqlite":
        pragmas = _read_only_pragmas if read_only else _sqlite_pragmas
        event.listen(engine, "connect", lambda conn, _record: pragmas(conn, busy))
    return engine


def _busy_timeout(value: object) -> float:
    if value is None:
        return BUSY_TIMEOUT_SECONDS
    try:
        seconds = float(value if isinstance(value, str) else str(value))
    except ValueError:
        raise ConfigError(
            f"database_url: timeout must be a number of seconds, got {value!r}"
        ) from None
    if seconds < 0:
        raise ConfigError("database_url: timeout must not be negative")
    return seconds


def sqlite_is_writable(url: str) -> bool:
    """False for a SQLite file (or its folder) this process cannot write; True otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return True
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return True
    path = Path(database)
    if not path.exists():
        return True
    return _may_write(path) and os.access(path.parent, os.W_OK)


def _may_write(path: Path) -> bool:
    # A file without any write bit was marked read-only by its owner (a backup): honoured for
    # every user, root included (for whom os.access always says yes).
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _read_only_sqlite(parsed: Any) -> Any:
    database = parsed.database
    if not database or database == ":memory:":
        return parsed
    path = Path(database)
    if not path.exists():
        raise StoreError(f"database {path} does not exist")
    # A file we may not write (a backup) may also sit in a folder we may not write, where
    # SQLite could not create the WAL index: "immutable" reads it as it is, without locks.
    mode = "mode=ro" if os.access(path.parent, os.W_OK) else "immutable=1"
    return parsed.set(database=f"file:{quote(str(path.resolve()))}?{mode}").update_query_dict(
        {"uri": "true"}
    )


def _check_sqlite_path(database: str | None) -> None:
    if not database or database == ":memory:":
        return
    path = Path(database)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"database folder {folder} cannot be created: {exc.strerror}") from None
    if path.exists() and not _may_write(path):
        raise StoreError(
            f"database {path} is read-only: this command writes to it "
            "(findings, feeds and digest --preview read it as it is)"
        )
    if not os.access(folder, os.W_OK):
        raise StoreError(f"database folder {folder} is not writable")


def _sqlite_pragmas(dbapi_connection: Any, busy: float) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _read_only_pragmas(dbapi_connection: Any, busy: float) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


# The newest migration (monitor/store/migrations/versions). A database already there is opened
# without loading alembic and the migration scripts (11 MB and 0.2 s that every command paid);
# a test holds it equal to alembic's own head.
SCHEMA_HEAD = "0004_read_paths"


def alembic_config(engine: Engine | None = None) -> Any:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` on `engine`."""
    from alembic import command

    cfg = alembic_config(engine)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
    except SQLAlchemyError as exc:
        raise store_error(exc, engine) from None


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except SQLAlchemyError:
        return None
    return row[0] if row else None


def open_store(url: str, *, read_only: bool = False) -> Engine:
    """An engine on an up-to-date schema: the commands that need the database call this.

    With `read_only`, nothing is written: the schema must already be the newest one."""
    engine = create_store_engine(url, read_only=read_only)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            if engine.dialect.name == "sqlite":
                # Reading the schema tells a file that is not SQLite (or is damaged) at once.
                connection.execute(text("SELECT count(*) FROM sqlite_master"))
    except SQLAlchemyError as exc:
        engine.dispose()
        raise store_error(exc, engine) from None
    if read_only:
        _check_schema(engine)
    elif (found := current_revision(engine)) != SCHEMA_HEAD:
        log.info("database %s: schema %s, upgrading to %s", describe(engine), found, SCHEMA_HEAD)
        upgrade(engine)
    log.debug("database %s open at schema %s", describe(engine), SCHEMA_HEAD)
    return engine


def _check_schema(engine: Engine) -> None:
    found, wanted = current_revision(engine), SCHEMA_HEAD
    if found == wanted:
        return
    engine.dispose()
    where = describe(engine)
    if found is None:
        raise StoreError(f"database {where} holds no monitor data yet")
    raise StoreError(
        f"database {where} has schema {found}, this version reads {wanted}: "
        "upgrade a writable copy with `monitor db upgrade`"
    )


def describe(engine: Engine) -> str:
    """The database as errors name it: the file, or the URL without its password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ":memory:"
        return database.removeprefix("file:").split("?", 1)[0]
    return url.render_as_string(hide_password=True)


# What SQLite and PostgreSQL say, turned into what the reader should know.
_HINTS = (
    ("file is not a database", "is not a SQLite database"),
    ("database disk image is malformed", "is damaged (database disk image is malformed)"),
    ("database or disk is full", "cannot grow: the disk is full"),
    ("disk i/o error", "cannot be written (disk I/O error: is the disk full?)"),
    ("database is locked", "is locked by another process (waited for the busy timeout)"),
    ("readonly database", "is read-only"),
    ("read-only transaction", "is read-only"),
    ("unable to open database file", "cannot be opened"),
)


def store_error(exc: BaseException, engine: Engine | None = None) -> StoreError:
    """A database error as one line: which database, and what went wrong."""
    detail = _first_line(exc)
    lowered = detail.lower()
    hint = next((said for text_, said in _HINTS if text_ in lowered), None)
    where = f"database {describe(engine)}" if engine is not None else "database"
    if hint is not None:
        return StoreError(f"{where} {hint}")
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return StoreError(f"{where}: the connection was lost: {detail}")
    if isinstance(exc, OperationalError):
        return StoreError(f"{where} unavailable: {detail}")
    return StoreError(f"{where}: {detail}")


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text_ = str(orig).strip()
    return text_.splitlines()[0].strip() if text_ else type(orig).__name__
