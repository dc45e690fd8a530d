"""Tokens and phrase lookup: find configured phrases in text in one linear pass. Pure.

Text and phrases go through the same normalisation: lower case, dotted acronyms joined
("U.S." -> "us"), possessive "'s" dropped ("operator's programme" -> "operator programme"),
hyphens split ("al-Qasr" -> "al qasr") and a light suffix stemmer ("leaves", "leaving" ->
"leav"), so one configured form matches its inflections. The lower-case pronoun "us" is kept
apart from the country "US". Lookup is a dict from a phrase's first stem to the phrases that
start with it, so the cost is one dict probe per token whatever the number of phrases (a regex
alternation of hundreds of phrases is forty times slower).

This module knows no topic and no milestone: it matches whatever phrases it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

# Dotted acronyms first ("U.S.", "U.N."), then runs of letters or digits.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+")
_APOSTROPHES = "'’"


def stem(word: str) -> str:
    """A crude, consistent stem of a lower-case word: enough to join common inflections."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4 or word.endswith("es") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    # "planned" -> "plann" -> "plan"; "stopped" -> "stop"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


_STEMS: dict[str, str] = {}


def _stem_cached(word: str) -> str:
    got = _STEMS.get(word)
    if got is None:
        got = stem(word)
        if len(_STEMS) < 200_000:
            _STEMS[word] = got
    return got


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel lists: the stem of each token and its character span in the text."""

    stems: list[str]
    starts: list[int]
    ends: list[int]
    text: str = ""  # the text they were read from

    def __len__(self) -> int:
        return len(self.stems)


def tokenize(text: str, *, phrase: bool = False) -> Tokens:
    """Tokens of `text`. With `phrase`, the text is a configured lower-case phrase, where
    "us" means the country."""
    stems: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cache = _PHRASE_WORDS if phrase else _TEXT_WORDS
    known = cache.get
    # One match at a time: holding every match object of a long text at once costs the
    # garbage collector more than the loop saves.
    for match in _TOKEN.finditer(text):
        raw = match.group()
        got = known(raw)
        if got is None:
            got = _normalise(raw, phrase)
            if len(cache) < 200_000:
                cache[raw] = got
        start, end = match.span()
        if got == "s" and start > 0 and text[start - 1] in _APOSTROPHES:
            continue  # possessive
        stems.append(got)
        starts.append(start)
        ends.append(end)
    return Tokens(stems, starts, ends, text)


# Token as written -> stem, for text and for configured phrases (which differ on "us").
_TEXT_WORDS: dict[str, str] = {}
_PHRASE_WORDS: dict[str, str] = {}


def _normalise(raw: str, phrase: bool) -> str:
    if "." in raw:
        return _stem_cached(raw.replace(".", "").lower())
    word = raw.lower()
    if word == "us" and raw != "US" and not phrase:
        return "us~"  # the pronoun, not the country
    return _stem_cached(word)


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The stems a configured phrase matches."""
    return tuple(tokenize(phrase, phrase=True).stems)


class Hit(NamedTuple, Generic[T]):
    """One occurrence of a phrase: its payload and its token and character spans. (A named
    tuple: articles make hundreds of these, and tuples are the cheapest to make.)"""

    payload: T
    first: int  # token index
    last: int  # token index, exclusive
    start: int  # character offset
    end: int


# Particles of phrasal verbs that may follow the verb's object ("pulled the units out").
PARTICLES = frozenset(stem(w) for w in ("out", "back", "down", "off", "home", "over", "up"))
# "is over", "was up": a state after a copula, never a verb with its object between.
_COPULA_STEMS = frozenset(
    stem(w) for w in ("is", "was", "are", "were", "be", "been", "being", "am", "has", "had")
)
# How many words may stand between a phrasal verb and its particle.
OBJECT_WORDS = 5


class PhraseIndex(Generic[T]):
    """Phrases (with a payload each) to find in token streams.

    Indexed by first stem, then by second stem, so a common first word ("company", "us")
    costs one dict probe more, not a comparison with every phrase that starts with it.
    """

    def __init__(self, entries: Iterable[tuple[str, T]], *, separable: bool = False) -> None:
        # first stem -> (payloads of one-word phrases, second stem -> longer phrases)
        self._index: dict[str, tuple[list[T], dict[str, list[tuple[tuple[str, ...], T]]]]] = {}
        # With `separable`, two-word phrases whose second word is a particle ("pull out",
        # "call off") are also found with the verb's object between the two ("pulled all
        # the units out", "called the plan off"): verb stem -> (particle stem, payload).
        self._separable: dict[str, list[tuple[str, T]]] = {}
        seen: set[tuple[tuple[str, ...], T]] = set()
        for phrase, payload in entries:
            key = phrase_key(phrase)
            # Spellings that normalise alike ("al-qasr", "al qasr") are one entry.
            if not key or (key, payload) in seen:
                continue
            seen.add((key, payload))
            single, longer = self._index.setdefault(key[0], ([], {}))
            if len(key) == 1:
                single.append(payload)
            else:
                longer.setdefault(key[1], []).append((key, payload))
                if (
                    separable
                    and len(key) == 2
                    and key[1] in PARTICLES
                    and key[0] not in _COPULA_STEMS
                ):
                    self._separable.setdefault(key[0], []).append((key[1], payload))
        # Longer phrases first, so that callers preferring the longest match see it first.
        for _, longer in self._index.values():
            for options in longer.values():
                options.sort(key=lambda item: -len(item[0]))

    def __bool__(self) -> bool:
        return bool(self._index)

    def find(self, tokens: Tokens, lo: int = 0, hi: int | None = None) -> list[Hit[T]]:
        """Every occurrence in tokens[lo:hi]; a phrase found inside a longer occurrence with
        the same payload ("al-qasr" in "ain al-qasr") is left out."""
        stems, index = tokens.stems, self._index
        starts, ends = tokens.starts, tokens.ends
        hi = len(stems) if hi is None else hi
        found: list[tuple[int, int, T]] = []
        # The comprehension finds the few positions worth a closer look at C speed.
        window = stems[lo:hi] if lo or hi != len(stems) else stems
        for i in [i for i, stem in enumerate(window, lo) if stem in index]:
            single, longer = index[stems[i]]
            if longer and i + 1 < hi:
                for key, payload in longer.get(stems[i + 1], ()):
                    n = len(key)
                    if i + n <= hi and (n == 2 or tuple(stems[i : i + n]) == key):
                        found.append((i, i + n, payload))
            for payload in single:
                found.append((i, i + 1, payload))
        if self._separable:
            found += self._separated(tokens, lo, hi)
            found.sort(key=lambda f: (f[0], -f[1]))
        hits: list[Hit[T]] = []
        covered: dict[T, int] = {}  # payload -> end of its furthest-reaching occurrence
        for first, last, payload in found:
            if covered.get(payload, -1) >= last:
                continue
            covered[payload] = max(covered.get(payload, -1), last)
            hits.append(Hit(payload, first, last, starts[first], ends[last - 1]))
        return hits

    def _separated(self, tokens: Tokens, lo: int, hi: int) -> list[tuple[int, int, T]]:
        """Separable phrases with up to `OBJECT_WORDS` words between verb and particle, none
        of them after a comma."""
        stems, starts, ends, text = tokens.stems, tokens.starts, tokens.ends, tokens.text
        out: list[tuple[int, int, T]] = []
        for i in [i for i in range(lo, hi) if stems[i] in self._separable]:
            for particle, payload in self._separable[stems[i]]:
                for j in range(i + 2, min(hi, i + 2 + OBJECT_WORDS)):
                    if "," in text[ends[j - 1] : starts[j]]:
                        break
                    if stems[j] == particle:
                        out.append((i, j + 1, payload))
                        break
        return out
