"""Which articles report the same development: the stories of a digest (pure).

Two articles are one story when any of these holds:

- they carry the same new facts: at least one fact key in common and a Jaccard similarity of
  their fact-key sets of at least `FACT_KEY_JACCARD` (so {troops:<2000} and
  {troops:<2000, place:erbil:arrive} are one development told with more or less detail);
- their texts are near-identical: Jaccard similarity of 5-word shingles of at least
  `TEXT_JACCARD` (wire copies, syndication, light rewrites);
- their titles are near-identical once an outlet suffix (" - Reuters") is removed.

The relation is closed transitively (single-link clustering): if A is like B and B like C,
the three are one story. Clusters keep the input order of their first member.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from monitor.similarity import jaccard, shingles, words

FACT_KEY_JACCARD = 0.5
TEXT_JACCARD = 0.4
TITLE_JACCARD = 0.8
MIN_TITLE_WORDS = 4

_OUTLET_SUFFIX = re.compile(r"\s+[-–—|]\s+[^-–—|]{1,60}$")


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    """What the grouping looks at for one article."""

    fact_keys: frozenset[str]
    title: str
    text: str


def title_words(title: str) -> frozenset[str]:
    """The words of a title without a trailing outlet name ("… - Reuters")."""
    stripped = _OUTLET_SUFFIX.sub("", title.strip())
    return frozenset(words(stripped or title))


def same_story(
    a: StoryCandidate,
    b: StoryCandidate,
    a_shingles: frozenset[tuple[str, ...]],
    b_shingles: frozenset[tuple[str, ...]],
) -> bool:
    return (
        _same_facts(a.fact_keys, b.fact_keys)
        or _same_text(a_shingles, b_shingles)
        or _same_title(title_words(a.title), title_words(b.title))
    )


def _same_facts(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b) and jaccard(a, b) >= FACT_KEY_JACCARD


def _same_text(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    return jaccard(a, b) >= TEXT_JACCARD


def _same_title(a: frozenset[str], b: frozenset[str]) -> bool:
    return min(len(a), len(b)) >= MIN_TITLE_WORDS and jaccard(a, b) >= TITLE_JACCARD


def group_stories(candidates: Sequence[StoryCandidate]) -> list[list[int]]:
    """Indices of `candidates` grouped into stories, in order of first appearance.

    Each of the three tests of `same_story` needs a Jaccard similarity of at least some
    threshold t, and two sets that similar share an element among the first
    |s| - ceil(t·|s|) + 1 of each, the elements ordered rarest first (prefix filtering). So
    each test indexes the candidates by those prefixes, and is made only on the pairs that
    meet in its index. The stories are the connected components of `same_story`: the same as
    comparing every pair, without comparing every pair.
    """
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    facts = [c.fact_keys for c in candidates]
    texts = [shingles(c.text or c.title) for c in candidates]
    # A title shorter than MIN_TITLE_WORDS never joins a story by its title: not indexed.
    titles = [title_words(c.title) for c in candidates]
    titles = [t if len(t) >= MIN_TITLE_WORDS else frozenset() for t in titles]
    tests: list[tuple[_Prefixes, Callable[[Any, Any], bool], Sequence[frozenset[Any]]]] = [
        (_Prefixes(facts, FACT_KEY_JACCARD), _same_facts, facts),
        (_Prefixes(texts, TEXT_JACCARD), _same_text, texts),
        (_Prefixes(titles, TITLE_JACCARD), _same_title, titles),
    ]
    for i in range(len(candidates)):
        for index, same, sets in tests:
            for j in sorted(index.meet(i)):
                ri, rj = root(i), root(j)
                if ri != rj and same(sets[i], sets[j]):
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


class _Prefixes:
    """An inverted index of the prefixes of sets, for one Jaccard threshold: `meet(i)` adds
    set i and returns the earlier sets whose prefix shares an element with its own."""

    def __init__(self, sets: Sequence[frozenset[Any]], threshold: float) -> None:
        self._sets = sets
        self._threshold = threshold
        self._frequency = Counter(e for s in sets for e in s)
        # One total order of the elements, rarest first (ties in order of first appearance).
        order = sorted(self._frequency, key=self._frequency.__getitem__)
        self._rank = {e: r for r, e in enumerate(order)}
        self._index: dict[Any, list[int]] = defaultdict(list)

    def meet(self, i: int) -> set[int]:
        members = self._sets[i]
        if not members:
            return set()
        # Two sets with Jaccard >= t share at least ceil(t * |s|) elements (a hair fewer is
        # asked, against rounding: a longer prefix only adds candidates).
        overlap = max(1, math.ceil(self._threshold * len(members) - 1e-9))
        ordered = sorted(members, key=self._rank.__getitem__)
        frequency = self._frequency
        met: set[int] = set()
        for element in ordered[: len(members) - overlap + 1]:
            if frequency[element] == 1:
                continue  # in no other set: it meets nothing
            posting = self._index[element]
            met.update(posting)
            posting.append(i)
        return met
