"""The independent hold-out set under tests/data/unseen: files, labels and their consistency.

The set is written separately from the development set (its own sources, outlets and layouts)
so that it measures how the analysis generalises. These tests only check that the set itself is
well formed: every page exists, every label is complete and self-consistent, and the sentence a
label points at really is in the page a reader sees.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
LABELS = UNSEEN / "labels.json"

MILESTONES = {"iraq-mission-end", "syria-support-end"}
NOVELTIES = {"new", "background", "baseline_repeat", "none"}
STATUSES = {None, "completed", "delayed", "extended", "reversed", "denied"}
CATEGORIES = {"development", "background", "republication", "hard_negative", "unrelated"}
KEYS = {
    "file",
    "published",
    "title",
    "relevant",
    "milestones",
    "novelty",
    "status_change",
    "category",
    "facts",
    "key_sentence",
    "split",
    "sources",
    "note",
}
# novelty -> the categories it may carry
CATEGORY_OF_NOVELTY = {
    "new": {"development"},
    "background": {"background"},
    "baseline_repeat": {"republication"},
    "none": {"hard_negative", "unrelated"},
}
EXPECTED_NOVELTY = {"new": 16, "background": 6, "baseline_repeat": 4, "none": 14}

_DROP = re.compile(r"<(head|script|style|noscript|template)\b.*?</\1\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK = re.compile(
    r"</?(p|div|li|ul|ol|h[1-6]|br|hr|tr|td|th|table|section|article|header|footer|nav|aside"
    r"|main|blockquote|dt|dd|dl|figure|figcaption|form|button|time|title|body|html)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]+>")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Collapse whitespace and fold curly quotes so that comparisons ignore typography."""
    return " ".join(text.translate(_QUOTES).split())


def visible_text(page: str) -> str:
    """The text a reader sees: no head, scripts or styles; block tags become spaces."""
    page = _COMMENT.sub(" ", page)
    page = _DROP.sub(" ", page)
    page = _BLOCK.sub(" ", page)
    page = _TAG.sub("", page)
    return normalise(html.unescape(page))


def _load() -> list[dict[str, Any]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


LABEL_LIST = _load()
IDS = [entry["file"] for entry in LABEL_LIST]


def _page(entry: dict[str, Any]) -> str:
    return (UNSEEN / entry["file"]).read_text(encoding="utf-8")


def test_labels_are_a_list_of_forty_unique_files() -> None:
    assert isinstance(LABEL_LIST, list)
    assert len(LABEL_LIST) == 40
    assert len(set(IDS)) == len(IDS)


def test_every_html_file_is_labelled_and_every_label_has_a_file() -> None:
    on_disk = {p.name for p in UNSEEN.glob("*.html")}
    assert on_disk == set(IDS)


def test_readme_exists() -> None:
    assert (UNSEEN / "README.md").is_file()


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_label_is_well_formed(entry: dict[str, Any]) -> None:
    assert set(entry) == KEYS
    assert re.fullmatch(r"u\d{2}-[a-z0-9-]+\.html", entry["file"])
    assert date.fromisoformat(entry["published"]).isoformat() == entry["published"]
    assert isinstance(entry["title"], str) and entry["title"].strip()
    assert isinstance(entry["relevant"], bool)
    assert isinstance(entry["milestones"], list)
    assert set(entry["milestones"]) <= MILESTONES
    assert len(set(entry["milestones"])) == len(entry["milestones"])
    assert entry["novelty"] in NOVELTIES
    assert entry["status_change"] in STATUSES
    assert entry["category"] in CATEGORIES
    assert isinstance(entry["facts"], list)
    assert all(isinstance(f, str) and f.strip() for f in entry["facts"])
    assert isinstance(entry["key_sentence"], str) and len(entry["key_sentence"]) > 20
    assert entry["split"] == "holdout"
    assert isinstance(entry["sources"], list) and entry["sources"]
    assert all(isinstance(s, str) and s.strip() for s in entry["sources"])
    assert isinstance(entry["note"], str) and entry["note"].strip()


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_novelty_relevance_and_category_agree(entry: dict[str, Any]) -> None:
    novelty = entry["novelty"]
    assert entry["category"] in CATEGORY_OF_NOVELTY[novelty]
    if novelty in {"new", "background"}:
        assert entry["relevant"] is True
    if novelty == "none":
        assert entry["relevant"] is False
    # relevant exactly when the text speaks of at least one milestone
    assert entry["relevant"] == bool(entry["milestones"])
    if novelty == "new":
        assert entry["facts"], "a development must say what is new"
    else:
        assert entry["facts"] == []


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_status_change_only_on_new_relevant_articles(entry: dict[str, Any]) -> None:
    if entry["status_change"] is not None:
        assert entry["relevant"] is True
        assert entry["novelty"] == "new"


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_republications_point_at_a_seed(entry: dict[str, Any]) -> None:
    seeds = [s for s in entry["sources"] if s.startswith("seeds/")]
    if entry["novelty"] == "baseline_repeat":
        assert len(seeds) == 1
        seed = Path(__file__).resolve().parents[1] / seeds[0]
        assert seed.is_file()
        # a copy of the 2021 seed mentions no milestone; a copy of the 2024 seed mentions both
        if "000_" in seeds[0]:
            assert entry["relevant"] is False
        else:
            assert set(entry["milestones"]) == MILESTONES
    else:
        assert seeds == []
        assert all(s.startswith("http") for s in entry["sources"])


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_key_sentence_is_in_the_visible_text(entry: dict[str, Any]) -> None:
    assert normalise(entry["key_sentence"]) in visible_text(_page(entry))


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_title_is_shown_on_the_page(entry: dict[str, Any]) -> None:
    assert normalise(html.unescape(entry["title"])) in visible_text(_page(entry))


@pytest.mark.parametrize("entry", LABEL_LIST, ids=IDS)
def test_machine_readable_dates_agree_with_the_label(entry: dict[str, Any]) -> None:
    page = _page(entry)
    stamps = re.findall(r'property="article:published_time"\s+content="([^"]+)"', page)
    stamps += re.findall(r'"datePublished"\s*:\s*"([^"]+)"', page)
    stamps += re.findall(r'name="dcterms\.date"\s+content="([^"]+)"', page)
    for stamp in stamps:
        assert stamp[:10] == entry["published"], stamp


def test_date_placement_varies() -> None:
    """Some pages carry the date in a meta tag, some in JSON-LD, some only in the visible text."""
    kinds = Counter()
    for entry in LABEL_LIST:
        page = _page(entry)
        if "article:published_time" in page:
            kinds["meta"] += 1
        elif "datePublished" in page:
            kinds["json-ld"] += 1
        elif "dcterms.date" in page:
            kinds["dcterms"] += 1
        else:
            kinds["visible only"] += 1
    assert kinds["meta"] >= 5 and kinds["json-ld"] >= 5 and kinds["visible only"] >= 5


def test_counts() -> None:
    novelty = Counter(e["novelty"] for e in LABEL_LIST)
    assert dict(novelty) == EXPECTED_NOVELTY
    category = Counter(e["category"] for e in LABEL_LIST)
    assert category["development"] == 16
    assert category["background"] == 6
    assert category["republication"] == 4
    assert category["hard_negative"] + category["unrelated"] == 14
    assert category["hard_negative"] >= 8
    # two copies of each seed
    seeds = Counter(s for e in LABEL_LIST for s in e["sources"] if s.startswith("seeds/"))
    assert sorted(seeds.values()) == [2, 2]
    # both milestones are covered by developments, and every status is exercised at least once
    developments = [e for e in LABEL_LIST if e["novelty"] == "new"]
    for milestone in MILESTONES:
        assert any(milestone in e["milestones"] for e in developments)
    statuses = Counter(e["status_change"] for e in LABEL_LIST if e["status_change"])
    assert {"completed", "delayed", "denied"} <= set(statuses)
    assert sum(e["status_change"] is None for e in developments) >= 8


def test_one_article_is_not_in_english() -> None:
    languages = Counter(
        (re.search(r'<html lang="([a-zA-Z-]+)"', _page(e)) or [None, "?"])[1][:2].lower()
        for e in LABEL_LIST
    )
    assert languages["fr"] + languages["de"] >= 1


def test_visible_text_helper() -> None:
    page = (
        "<html><head><title>T</title><script>var x = 'hidden';</script></head>"
        "<body><p>Ain al-<b>Asad</b> was vacated.</p><p>Next&nbsp;line</p></body></html>"
    )
    assert visible_text(page) == "Ain al-Asad was vacated. Next line"
