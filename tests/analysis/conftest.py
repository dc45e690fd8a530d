"""Fixtures for the analysis tests: the default milestones and the repository's seeds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.analysis.analyser import analyse, build_baseline
from monitor.analysis.vocabulary import Vocabulary
from monitor.config import load_settings
from monitor.seeds import load_seeds
from monitor.types import Article

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def settings():
    return load_settings(REPO / "config" / "monitor.yaml", env={})


@pytest.fixture(scope="session")
def seeds(settings):
    return load_seeds(settings.seeds_dir)


@pytest.fixture(scope="session")
def vocabulary(settings):
    """The default milestones' terms compiled, for tests that read sentences directly."""
    return Vocabulary(settings.milestone_objects())


@pytest.fixture(scope="session")
def baseline(settings, seeds):
    return build_baseline(seeds, settings.milestone_objects())


@pytest.fixture(scope="session")
def run(baseline):
    """analyse() on a text with a publication date, as a one-liner for table tests."""

    def run(text: str, published: str | None = "2025-08-20", title: str = "", **kwargs):
        when = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
        now = kwargs.pop("now", None) or datetime(2026, 11, 1, tzinfo=UTC)
        article = Article(url=None, title=title, text=text, published=when, origin="file")
        return analyse(article, baseline, now=now, **kwargs)

    return run


@pytest.fixture(scope="session")
def domain(baseline):
    """The compiled words of the default milestones (both use the same packs)."""
    return baseline.vocabulary.milestones[0].domain
