"""How much two texts share: word shingles, Jaccard similarity and containment (pure).

Used to recognise copies of one story: digest stories (`monitor.notify.stories`) and the
syndicated copies that count once when a milestone's state is confirmed
(`monitor.state.confirm`). Nothing here knows about articles or outlets.
"""

from __future__ import annotations

import re

SHINGLE_WORDS = 5
# Long pages add shingles but hardly change the verdict; bound the work per text.
MAX_TEXT_CHARS = 20_000

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """The set of `size`-word sequences of `text` (the whole text when it is shorter)."""
    tokens = words(text[:MAX_TEXT_CHARS])
    if not tokens:
        return frozenset()
    if len(tokens) <= size:
        return frozenset({tuple(tokens)})
    return frozenset(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset[object] | set[object], b: frozenset[object] | set[object]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[object] | set[object], b: frozenset[object] | set[object]) -> float:
    """The share of the smaller set found in the other: 1.0 for a trimmed copy of a text."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
