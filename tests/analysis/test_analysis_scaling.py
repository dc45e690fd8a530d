"""Time grows linearly with the size of the input (ratios, never absolute times)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from monitor.analysis.analyser import analyse
from monitor.types import Article

PROSE = (
    "The coalition's military mission in Iraq will end in September 2025, officials said, "
    "and US troops left Ain al-Asad on Monday. About 2,000 American troops remain in Erbil "
    "until at least September 2026. Rockets hit a base near Baghdad airport; nobody was hurt."
    "\n\n"
)


def _seconds(baseline, text: str, runs: int) -> float:
    article = Article(None, "", text, datetime(2025, 10, 1, tzinfo=UTC))
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        analyse(article, baseline, now=datetime(2025, 10, 1, tzinfo=UTC))
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(
    "unit",
    [PROSE, "word ", "the coalition forces left baghdad in september 2025 and "],
    ids=["prose", "one-word run-on", "no sentence boundary"],
)
def test_a_megabyte_costs_about_ten_times_a_hundred_kilobytes(baseline, unit):
    small = (unit * (100_000 // len(unit) + 1))[:100_000]
    large = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    ratio = _seconds(baseline, large, 2) / _seconds(baseline, small, 3)
    # Linear is 10 (about 8 measured on a quiet machine); quadratic would be near 100. The
    # bound leaves room for a shared machine running other suites at the same time.
    assert ratio < 40, ratio
