"""Story grouping compares only the pairs that can match, and finds the same stories as
comparing every pair: checked against that all-pairs grouping on random and real inputs."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from monitor.notify.stories import StoryCandidate, group_stories, same_story
from monitor.similarity import shingles

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"


def all_pairs(candidates: list[StoryCandidate]) -> list[list[int]]:
    """The reference: every pair compared with `same_story`, closed transitively."""
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    sets = [shingles(c.text or c.title) for c in candidates]
    for i in range(len(candidates)):
        for j in range(i + 1, len(candidates)):
            if same_story(candidates[i], candidates[j], sets[i], sets[j]):
                ri, rj = root(i), root(j)
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


VOCABULARY = [
    "troops",
    "convoy",
    "erbil",
    "base",
    "leave",
    "arrive",
    "iraq",
    "syria",
    "coalition",
    "mission",
    "end",
    "talks",
]
OUTLETS = ["Reuters", "AP", "The National", "Rudaw", "Al-Monitor"]


def random_candidates(seed: int, n: int, words: int) -> list[StoryCandidate]:
    """Few words and few fact keys, many copies: many pairs sit near each threshold."""
    rng = random.Random(seed)
    keys = [f"k{i}" for i in range(8)]
    vocabulary = VOCABULARY[:words]
    made: list[StoryCandidate] = []
    for _ in range(n):
        if made and rng.random() < 0.3:
            # A copy of an earlier one, a little changed in each part.
            base = rng.choice(made)
            text = base.text.split()
            for _ in range(rng.randint(0, 6) if text else 0):
                text[rng.randrange(len(text))] = rng.choice(vocabulary)
            title = base.title.split(" - ")[0]
            if rng.random() < 0.5:
                title = title.replace(rng.choice(title.split()), rng.choice(vocabulary), 1)
            facts = set(base.fact_keys)
            if rng.random() < 0.5:
                facts ^= {rng.choice(keys)}
            made.append(
                StoryCandidate(frozenset(facts), f"{title} - {rng.choice(OUTLETS)}", " ".join(text))
            )
            continue
        made.append(
            StoryCandidate(
                frozenset(rng.sample(keys, rng.randint(0, 3))),
                " ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 7))),
                " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40))),
            )
        )
    return made


def devset_pages() -> list[StoryCandidate]:
    """The labelled news pages (several republish one baseline document), with their labelled
    titles and facts, and the baseline documents themselves."""
    from monitor.extract.article import extract_article

    folder = REPO / "tests" / "data" / "devset"
    made = []
    for label in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        article = extract_article((folder / label["file"]).read_bytes())
        keys = frozenset(f.get("key", str(f)) if isinstance(f, dict) else str(f)
                         for f in label.get("facts", []))  # fmt: skip
        made.append(StoryCandidate(keys, label["title"], article.text if article else ""))
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        made.append(StoryCandidate(frozenset(), text.splitlines()[0], text))
    return made


def status_statements() -> list[StoryCandidate]:
    """Labelled one-sentence reports of the same commitments, as title and text."""
    made = []
    for path in sorted((REPO / "tests" / "data").rglob("statements.json")):
        for label in json.loads(path.read_text(encoding="utf-8")):
            keys = frozenset({f"status:{label['status']}"}) if label.get("status") else frozenset()
            made.append(StoryCandidate(keys, label["text"][:80], label["text"]))
    return made


def airstrike_lines() -> list[StoryCandidate]:
    """Two hundred near-identical press release lines ("Near Raqqah, one strike destroyed…")."""
    path = SHARED / "fixtures" / "datasets" / "centcom-isil-airstrikes-sample.csv"
    if not path.is_file():
        pytest.skip(f"no {path}")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        StoryCandidate(frozenset({f"place:{row['location']}"}), row["line"], row["description"])
        for row in rows
    ]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: [], id="none"),
        pytest.param(lambda: random_candidates(1, 60, 4), id="random-4-words"),
        pytest.param(lambda: random_candidates(2, 120, 6), id="random-6-words"),
        pytest.param(lambda: random_candidates(3, 200, 12), id="random-12-words"),
        pytest.param(lambda: random_candidates(4, 150, 3), id="random-3-words"),
        pytest.param(devset_pages, id="devset-pages"),
        pytest.param(status_statements, id="status-statements"),
        pytest.param(airstrike_lines, id="airstrike-lines"),
    ],
)
def test_grouping_equals_comparing_every_pair(make):
    candidates = make()
    assert group_stories(candidates) == all_pairs(candidates)


@pytest.mark.parametrize("seed", range(20))
def test_grouping_equals_comparing_every_pair_on_small_random_sets(seed):
    rng = random.Random(seed)
    candidates = random_candidates(seed, rng.randint(2, 40), rng.randint(2, 8))
    assert group_stories(candidates) == all_pairs(candidates)


def test_inputs_do_form_stories():
    """The inputs above are not trivial: each has stories of several articles, and more than
    one story."""
    for make in (devset_pages, airstrike_lines, lambda: random_candidates(2, 120, 6)):
        groups = group_stories(make())
        assert any(len(g) > 1 for g in groups)
        assert len(groups) > 1
