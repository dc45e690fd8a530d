"""Checks on the labelled development set in tests/data/devset.

The set is data for evaluating the analysis; this test only guards its shape: every page
exists, every label is well formed and consistent, every key sentence can be found in the
visible text of its page, and the mix of categories meets the agreed minimums.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

DEVSET = Path(__file__).resolve().parent / "data" / "devset"
LABELS = DEVSET / "labels.json"

MILESTONES = {"iraq-mission-end", "syria-support-end"}
NOVELTIES = {"new", "background", "baseline_repeat", "none"}
CATEGORIES = {"development", "background", "republication", "hard_negative", "unrelated"}
CATEGORY_OF = {
    "new": {"development"},
    "background": {"background"},
    "baseline_repeat": {"republication"},
    "none": {"hard_negative", "unrelated"},
}
SPLITS = {"dev", "holdout"}
REQUIRED = {
    "file": str,
    "published": str,
    "title": str,
    "relevant": bool,
    "milestones": list,
    "novelty": str,
    "category": str,
    "facts": list,
    "key_sentence": str,
    "split": str,
    "sources": list,
    "note": str,
}


class _VisibleText(HTMLParser):
    """Collects text nodes outside script, style and template elements."""

    HIDDEN = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def normalise(text: str) -> str:
    return " ".join(text.split())


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return normalise(" ".join(parser.parts))


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    assert LABELS.is_file(), f"missing {LABELS}"
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data
    return data


def test_files_exist_and_are_unique(labels: list[dict]) -> None:
    names = [item["file"] for item in labels]
    assert len(names) == len(set(names)), "duplicate file names in labels.json"
    for name in names:
        assert (DEVSET / name).is_file(), f"{name} listed but missing"
    on_disk = {p.name for p in DEVSET.glob("*.html")}
    assert on_disk == set(names), f"pages without labels: {sorted(on_disk - set(names))}"


def test_labels_are_well_formed(labels: list[dict]) -> None:
    for item in labels:
        name = item.get("file", "?")
        for key, kind in REQUIRED.items():
            assert key in item, f"{name}: missing {key}"
            assert isinstance(item[key], kind), f"{name}: {key} should be {kind.__name__}"
        assert item["file"].endswith(".html"), name
        dt.date.fromisoformat(item["published"])
        assert item["title"].strip(), f"{name}: empty title"
        assert item["key_sentence"].strip(), f"{name}: empty key_sentence"
        assert item["novelty"] in NOVELTIES, f"{name}: novelty {item['novelty']!r}"
        assert item["category"] in CATEGORIES, f"{name}: category {item['category']!r}"
        assert item["split"] in SPLITS, f"{name}: split {item['split']!r}"
        assert set(item["milestones"]) <= MILESTONES, f"{name}: unknown milestone"
        assert len(item["milestones"]) == len(set(item["milestones"])), (
            f"{name}: repeated milestone"
        )
        assert item["sources"] and all(isinstance(s, str) and s.strip() for s in item["sources"]), (
            f"{name}: sources must name the reports paraphrased"
        )
        assert all(isinstance(f, str) and f.strip() for f in item["facts"]), f"{name}: bad facts"


def test_novelty_relevance_and_category_agree(labels: list[dict]) -> None:
    for item in labels:
        name, novelty = item["file"], item["novelty"]
        assert item["category"] in CATEGORY_OF[novelty], f"{name}: {novelty} vs {item['category']}"
        if novelty == "none":
            assert item["relevant"] is False, f"{name}: none must not be relevant"
        if novelty in {"new", "background"}:
            assert item["relevant"] is True, f"{name}: {novelty} must be relevant"
            assert item["milestones"], f"{name}: {novelty} needs milestones"
        if novelty == "new":
            assert item["facts"], f"{name}: a new article states its new facts"
        else:
            assert not item["facts"], f"{name}: only new articles carry facts"
        # milestones lists what the text speaks of: empty exactly when not relevant
        assert bool(item["milestones"]) == item["relevant"], f"{name}: relevant vs milestones"


def test_key_sentence_is_in_visible_text(labels: list[dict]) -> None:
    for item in labels:
        html = (DEVSET / item["file"]).read_text(encoding="utf-8")
        text = visible_text(html)
        assert normalise(item["key_sentence"]) in text, f"{item['file']}: key_sentence not found"


def test_publication_date_is_in_the_page(labels: list[dict]) -> None:
    for item in labels:
        html = (DEVSET / item["file"]).read_text(encoding="utf-8")
        iso = item["published"]
        assert iso in html or iso.replace("-", "/") in html or iso.replace("-", "") in html, (
            f"{item['file']}: publication date not in the page"
        )


def test_counts_meet_minimums(labels: list[dict]) -> None:
    novelty = Counter(item["novelty"] for item in labels)
    assert len(labels) >= 72
    assert novelty["new"] >= 32
    assert novelty["background"] >= 10
    assert novelty["baseline_repeat"] >= 7
    assert novelty["none"] >= 23
    repeats = [item for item in labels if item["novelty"] == "baseline_repeat"]
    assert sum(not item["relevant"] for item in repeats) >= 2, "copies of the 2021 seed"
    assert sum(item["relevant"] for item in repeats) >= 4, "copies of the 2024 seed"
    for item in repeats:
        if item["relevant"]:
            assert set(item["milestones"]) == MILESTONES, item["file"]

    new = [item for item in labels if item["novelty"] == "new"]
    for milestone in MILESTONES:
        assert any(milestone in item["milestones"] for item in new), milestone
    assert any(set(item["milestones"]) == MILESTONES for item in new)


def test_holdout_share_is_spread(labels: list[dict]) -> None:
    holdout = [item for item in labels if item["split"] == "holdout"]
    share = len(holdout) / len(labels)
    assert 0.2 <= share <= 0.3, f"holdout share {share:.2f}"
    assert {item["novelty"] for item in holdout} == NOVELTIES, "holdout covers every novelty class"
