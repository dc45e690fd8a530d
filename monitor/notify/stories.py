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
from collections.abc import Sequence
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
    return _alike(
        a.fact_keys, b.fact_keys, a_shingles, b_shingles, title_words(a.title), title_words(b.title)
    )


def _alike(
    fa: frozenset[str],
    fb: frozenset[str],
    sa: frozenset[tuple[str, ...]],
    sb: frozenset[tuple[str, ...]],
    ta: frozenset[str],
    tb: frozenset[str],
) -> bool:
    if fa & fb and jaccard(fa, fb) >= FACT_KEY_JACCARD:
        return True
    if jaccard(sa, sb) >= TEXT_JACCARD:
        return True
    return min(len(ta), len(tb)) >= MIN_TITLE_WORDS and jaccard(ta, tb) >= TITLE_JACCARD


def group_stories(candidates: Sequence[StoryCandidate]) -> list[list[int]]:
    """Indices of `candidates` grouped into stories, in order of first appearance.

    Only pairs that can pass `same_story` are compared: each of its three tests needs a
    Jaccard similarity of at least some threshold t, and two sets that similar share an
    element among the first |s| - ceil(t·|s|) + 1 of each (prefix filtering, with the
    elements ordered rarest first). Each candidate is indexed by those prefixes, and compared
    only with the earlier ones it meets there. The stories are the connected components of
    `same_story`, so they are the same as comparing every pair.
    """
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    facts = [c.fact_keys for c in candidates]
    texts = [shingles(c.text or c.title) for c in candidates]
    titles = [title_words(c.title) for c in candidates]
    # A title shorter than MIN_TITLE_WORDS never joins a story by its title: not indexed.
    long_titles = [t if len(t) >= MIN_TITLE_WORDS else frozenset() for t in titles]
    prefixes = (
        _Prefixes(facts, FACT_KEY_JACCARD),
        _Prefixes(texts, TEXT_JACCARD),
        _Prefixes(long_titles, TITLE_JACCARD),
    )
    for i in range(len(candidates)):
        earlier: set[int] = set()
        for index in prefixes:
            earlier |= index.meet(i)
        for j in sorted(earlier):
            ri, rj = root(i), root(j)
            if ri != rj and _alike(facts[i], facts[j], texts[i], texts[j], titles[i], titles[j]):
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
        self._index: dict[Any, list[int]] = defaultdict(list)

    def meet(self, i: int) -> set[int]:
        members = self._sets[i]
        if not members:
            return set()
        # Two sets with Jaccard >= t share at least ceil(t * |s|) elements (a hair fewer is
        # asked, against rounding: a longer prefix only adds candidates). The elements of one
        # index are all strings or all tuples of strings, so they sort among themselves.
        overlap = max(1, math.ceil(self._threshold * len(members) - 1e-9))
        frequency = self._frequency
        ordered = sorted(members, key=lambda e: (frequency[e], e))
        met: set[int] = set()
        for element in ordered[: len(members) - overlap + 1]:
            posting = self._index[element]
            met.update(posting)
            posting.append(i)
        return met
