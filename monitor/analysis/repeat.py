"""Is an article substantially a re-publication of a baseline document? Word shingles. Pure.

Both texts become sets of 5-word shingles (lower-case words as `terms` tokenises them,
punctuation ignored). With a
handful of seeds an exact comparison is cheap, so there is no MinHash or LSH. Two
containments decide, which makes the test robust to whatever a copy adds or drops:

    article in seed   share of the article's shingles found in the seed: high when the copy
                      was trimmed, or the seed is long and the copy takes most of it
    seed in article   share of the seed's shingles found in the article: high when the copy
                      carries its own headline, first line, boilerplate or a short preface

A copy is a re-publication when the two texts share at least `MIN_SHARED` shingles (a one-line
quote is never a copy) and either the article carries at least `SEED_SHARE` of the seed, or
the article is at least `ARTICLE_SHARE` seed text that covers at least `TRIMMED_SHARE` of the
seed (a trimmed copy). A short piece that quotes one paragraph of a seed is not a copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.analysis.terms import tokenize

SHINGLE_WORDS = 5
MIN_SHARED = 20
SEED_SHARE = 0.5
ARTICLE_SHARE = 0.6
TRIMMED_SHARE = 0.25

Shingle = tuple[str, str, str, str, str]


def shingles(text: str) -> frozenset[Shingle]:
    """The text's word 5-grams. Tuples of strings (not hash values) so that a baseline
    pickled into another process still compares equal there."""
    tokens = tokenize(text)
    return word_shingles(
        [text[a:b].lower() for a, b in zip(tokens.starts, tokens.ends, strict=True)]
    )


def word_shingles(words: Sequence[str]) -> frozenset[Shingle]:
    """The 5-grams of lower-case words: the words of `terms.tokenize`, so that an analysed
    document's own tokens give the same shingles as `shingles` on its text."""
    if len(words) < SHINGLE_WORDS:
        return frozenset({(*words, "", "", "", "", "")[:SHINGLE_WORDS]}) if words else frozenset()
    return frozenset(zip(words, words[1:], words[2:], words[3:], words[4:], strict=False))


@dataclass(frozen=True, slots=True)
class Repeat:
    """How much of a seed an article copies."""

    seed: str
    shared: int
    article_in_seed: float
    seed_in_article: float

    @property
    def similarity(self) -> float:
        return max(self.article_in_seed, self.seed_in_article)

    @property
    def is_copy(self) -> bool:
        if self.shared < MIN_SHARED:
            return False
        return self.seed_in_article >= SEED_SHARE or (
            self.article_in_seed >= ARTICLE_SHARE and self.seed_in_article >= TRIMMED_SHARE
        )


def best_repeat(
    article: frozenset[Shingle], seeds: Sequence[tuple[str, frozenset[Shingle]]]
) -> Repeat | None:
    """The seed the article copies most, or None when it shares nothing with any seed."""
    best: Repeat | None = None
    if not article:
        return None
    for seed_id, seed in seeds:
        if not seed:
            continue
        shared = len(article & seed)
        if not shared:
            continue
        candidate = Repeat(seed_id, shared, shared / len(article), shared / len(seed))
        if best is None or candidate.similarity > best.similarity:
            best = candidate
    return best
