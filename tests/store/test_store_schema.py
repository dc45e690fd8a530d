"""The schema: migrations reach head on SQLite and PostgreSQL and agree with the models."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from monitor.errors import ConfigError, StoreError
from monitor.store.engine import (
    SCHEMA_HEAD,
    create_store_engine,
    current_revision,
    head_revision,
    open_store,
    upgrade,
)
from monitor.store.findings import known_fact_keys, save_finding
from monitor.store.models import Article, Base, Finding, KnownFact, MentionRow
from monitor.store.session import session_scope
from monitor.types import Fact, Mention
from monitor.types import Finding as FindingResult

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def test_migrations_reach_head_and_match_the_models(db_url: str) -> None:
    engine = create_store_engine(db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) is not None
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    upgrade(engine)  # a second upgrade is a no-op
    engine.dispose()


def test_the_known_head_is_the_newest_migration(db_url: str) -> None:
    """SCHEMA_HEAD spares alembic's import when the database is current: it must be the
    head of the migration scripts, and a migrated database must say so."""
    assert head_revision() == SCHEMA_HEAD
    engine = open_store(db_url)
    assert current_revision(engine) == SCHEMA_HEAD
    engine.dispose()


def test_opening_a_current_database_does_not_load_the_migrations(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'current.db'}"
    open_store(url).dispose()
    probe = (
        "import sys; from monitor.store.engine import open_store; "
        f"open_store({url!r}).dispose(); print(sorted(m for m in sys.modules if 'alembic' in m))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    with engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert (mode, keys) == ("wal", 1)


def test_datetimes_come_back_aware_utc(db_url: str) -> None:
    engine = open_store(db_url)
    plus_three = datetime(2025, 9, 30, 15, 0, tzinfo=timezone(timedelta(hours=3)))
    with session_scope(engine) as session:
        session.add(Article(url="https://example.org/a", published=plus_three, created_at=NOW))
    with session_scope(engine) as session:
        article = session.scalars(select(Article)).one()
        assert article.published == plus_three
        assert article.published.tzinfo is not None
        assert article.published.utcoffset() == timedelta(0)
    engine.dispose()


def test_naive_datetimes_are_refused(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    with pytest.raises(Exception, match="naive datetime"), session_scope(engine) as session:
        session.add(Article(url="https://example.org/a", created_at=datetime(2026, 1, 1)))  # noqa: DTZ001
        session.flush()


def _finding(novelty: str = "new", fact_key: str = "troops:<2000") -> FindingResult:
    return FindingResult(
        relevant=True,
        milestones=("iraq-mission-end",),
        novelty=novelty,  # type: ignore[arg-type]
        mentions=(
            Mention(
                milestone="iraq-mission-end",
                sentence="Fewer than 2,000 troops remain.",
                start=0,
                end=31,
                rule="troops",
                terms=("troops",),
                score=0.9,
            ),
        ),
        new_facts=(
            Fact(
                milestone="iraq-mission-end",
                kind="troops",
                statement="fewer than 2,000 troops",
                key=fact_key,
                baseline="about 2,500",
            ),
        ),
    )


def test_save_finding_replaces_an_earlier_analysis(db_url: str) -> None:
    engine = open_store(db_url)
    with session_scope(engine) as session:
        article = Article(url="https://example.org/a", created_at=NOW)
        session.add(article)
        session.flush()
        save_finding(session, article.id, _finding(), NOW)
    with session_scope(engine) as session:
        second = save_finding(session, article.id, _finding("background", "x"), NOW)
        assert session.scalars(select(Finding)).all()[0].id == second
        mentions = session.scalars(select(MentionRow)).all()
        assert [m.finding_id for m in mentions] == [second]
        row = session.get(Finding, second)
        assert row.novelty == "background"
        assert row.new_facts[0]["baseline"] == "about 2,500"
    engine.dispose()


def test_known_fact_keys(db_url: str) -> None:
    engine = open_store(db_url)
    with session_scope(engine) as session:
        session.add(KnownFact(milestone="m", key="k", statement="s", delivered_at=NOW))
    with session_scope(engine) as session:
        assert known_fact_keys(session) == frozenset({("m", "k")})
    engine.dispose()


def test_unwritable_database_path_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="cannot be created"):
        create_store_engine(f"sqlite:///{blocker / 'sub' / 'monitor.db'}")


@pytest.mark.parametrize(
    "url",
    ["mysql+mysqldb://u@localhost/db", "postgresql+psycopg2://u@localhost/db", "oracle://u@h/x"],
)
def test_driver_not_installed_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError, match="driver that is not installed"):
        create_store_engine(url)


def test_not_a_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a database URL"):
        create_store_engine("just some words")


def test_unreachable_server_is_a_store_error() -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    with pytest.raises(StoreError):
        open_store("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
