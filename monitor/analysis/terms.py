"""Tokens and phrase lookup: find configured phrases in text in one linear pass. Pure.

Text and phrases go through the same normalisation: lower case, dotted acronyms joined
("U.S." -> "us"), possessive "'s" dropped ("coalition's mission" -> "coalition mission"),
hyphens split ("al-Asad" -> "al asad") and a light suffix stemmer ("leaves", "leaving" ->
"leav"), so one configured form matches its inflections. The lower-case pronoun "us" is kept
apart from the country "US". Lookup is a dict from a phrase's first stem to the phrases that
start with it, so the cost is one dict probe per token whatever the number of phrases (a regex
alternation of hundreds of phrases is forty times slower).

This module knows no topic and no milestone: it matches whatever phrases it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

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

    def __len__(self) -> int:
        return len(self.stems)


def tokenize(text: str, *, phrase: bool = False) -> Tokens:
    """Tokens of `text`. With `phrase`, the text is a configured lower-case phrase, where
    "us" means the country."""
    stems: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        start = match.start()
        if raw in ("s", "S") and start > 0 and text[start - 1] in _APOSTROPHES:
            continue  # possessive
        if "." in raw:
            word = raw.replace(".", "").lower()
        else:
            word = raw.lower()
            if word == "us" and raw != "US" and not phrase:
                word = "us~"  # the pronoun, not the country
        stems.append(_stem_cached(word))
        starts.append(start)
        ends.append(match.end())
    return Tokens(stems, starts, ends)


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The stems a configured phrase matches."""
    return tuple(tokenize(phrase, phrase=True).stems)


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One occurrence of a phrase: its payload and its token and character spans."""

    payload: T
    first: int  # token index
    last: int  # token index, exclusive
    start: int  # character offset
    end: int


class PhraseIndex(Generic[T]):
    """Phrases (with a payload each) to find in token streams."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        seen: set[tuple[tuple[str, ...], T]] = set()
        for phrase, payload in entries:
            key = phrase_key(phrase)
            # Spellings that normalise alike ("al-asad", "al asad") are one entry.
            if key and (key, payload) not in seen:
                seen.add((key, payload))
                self._by_first.setdefault(key[0], []).append((key, payload))
        # Longer phrases first, so that callers preferring the longest match see it first.
        for options in self._by_first.values():
            options.sort(key=lambda item: -len(item[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, tokens: Tokens, lo: int = 0, hi: int | None = None) -> list[Hit[T]]:
        """Every occurrence in tokens[lo:hi]; a phrase found inside a longer occurrence with
        the same payload ("al-asad" in "ain al-asad") is left out."""
        stems, by_first = tokens.stems, self._by_first
        hi = len(stems) if hi is None else hi
        hits: list[Hit[T]] = []
        covered: dict[T, int] = {}  # payload -> end of its furthest-reaching occurrence
        for i in range(lo, hi):
            options = by_first.get(stems[i])
            if options is None:
                continue
            for key, payload in options:
                n = len(key)
                if i + n <= hi and (n == 1 or tuple(stems[i : i + n]) == key):
                    if covered.get(payload, -1) >= i + n:
                        continue
                    covered[payload] = max(covered.get(payload, -1), i + n)
                    hits.append(Hit(payload, i, i + n, tokens.starts[i], tokens.ends[i + n - 1]))
        return hits


def contains(tokens: Tokens, key: Sequence[str], lo: int = 0, hi: int | None = None) -> bool:
    """Whether the stems `key` occur in tokens[lo:hi]."""
    stems = tokens.stems
    hi = len(stems) if hi is None else hi
    n = len(key)
    if n == 0:
        return False
    first = key[0]
    for i in range(lo, hi - n + 1):
        if stems[i] == first and (n == 1 or tuple(stems[i : i + n]) == tuple(key)):
            return True
    return False
