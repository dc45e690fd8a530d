"""Quality floors on the whole labelled set, well below the measured figures.

`python -m bench.relevance` prints the measured figures (dev, holdout, all). This test only
guards against a real regression: the floors sit clearly under what the analysis achieves,
and the keyword rule must stay clearly behind it.
"""

from __future__ import annotations

import pytest

from bench.relevance import DEVSET, analyse_pages, load_labels, score

pytestmark = pytest.mark.skipif(
    not (DEVSET / "labels.json").is_file(), reason="labelled set not present"
)


@pytest.fixture(scope="module")
def cases():
    return analyse_pages(load_labels())


def test_floors_on_the_whole_set(cases):
    s = score(cases, "system")
    assert s.f1 >= 0.90, s
    assert s.novelty_relevant >= 0.80, s
    assert s.milestone_exact >= 0.80, s
    assert s.repeats_found == s.repeats_total, s


def test_far_ahead_of_the_keyword_rule(cases):
    system, keyword = score(cases, "system"), score(cases, "keyword")
    assert system.f1 >= keyword.f1 + 0.05
    assert system.novelty_relevant >= keyword.novelty_relevant + 0.3
