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

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
    if a.fact_keys & b.fact_keys and jaccard(a.fact_keys, b.fact_keys) >= FACT_KEY_JACCARD:
        return True
    if jaccard(a_shingles, b_shingles) >= TEXT_JACCARD:
        return True
    ta, tb = title_words(a.title), title_words(b.title)
    return min(len(ta), len(tb)) >= MIN_TITLE_WORDS and jaccard(ta, tb) >= TITLE_JACCARD


def group_stories(candidates: Sequence[StoryCandidate]) -> list[list[int]]:
    """Indices of `candidates` grouped into stories, in order of first appearance."""
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sets = [shingles(c.text or c.title) for c in candidates]
    for i in range(len(candidates)):
        for j in range(i + 1, len(candidates)):
            ri, rj = root(i), root(j)
            if ri != rj and same_story(candidates[i], candidates[j], sets[i], sets[j]):
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
