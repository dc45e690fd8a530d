"""docs/configuration.md documents every key the configuration and the domain packs accept:
the models are read here, so a key added without its documentation fails this test."""

from __future__ import annotations

import pytest

from monitor.config import (
    AnalysisLimitsConfig,
    DigestConfig,
    FeedConfig,
    MetricsConfig,
    MilestoneConfig,
    ReportConfig,
    RevisionConfig,
    ScheduleConfig,
    Settings,
)
from monitor.packs import MilestoneWordsConfig, PackConfig, QuantityConfig, StepFamilyConfig
from tests.conftest import REPO

DOC = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")

MODELS = [
    Settings,
    FeedConfig,
    MilestoneConfig,
    RevisionConfig,
    ScheduleConfig,
    DigestConfig,
    MetricsConfig,
    AnalysisLimitsConfig,
    ReportConfig,
    PackConfig,
    MilestoneWordsConfig,
    StepFamilyConfig,
    QuantityConfig,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_key_is_documented(model) -> None:
    # Fields the loader fills in (excluded from the model's output) are never written in a file.
    keys = [name for name, field in model.model_fields.items() if not field.exclude]
    assert keys
    missing = [name for name in keys if f"`{name}`" not in DOC]
    assert not missing, f"{model.__name__}: undocumented keys {missing}"
