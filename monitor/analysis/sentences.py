"""Split text into sentences with their character offsets. Pure.

Robust to abbreviations that end in a period ("U.S.", "Sept.", "Maj. Gen.", "Dec. 31"),
closing quotes after the period, and paragraph breaks. Runs in time linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end in "." without ending the sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "rep", "sen", "gov", "pres", "brig", "lieut", "sec", "dept", "corp", "inc", "ltd", "co", "no", "nos", "vol", "fig", "approx", "est", "vs", "etc", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.u", "u.a.e"]
)
# A sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets, then
# whitespace and something that can open a sentence.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, with offsets such that text[start:end] == sentence."""
    sentences: list[Sentence] = []
    for para_start, para_end in _paragraph_spans(text):
        cursor = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            if _is_abbreviation(text, match.start(), cursor):
                continue
            _add(sentences, text, cursor, match.end())
            cursor = match.end()
        _add(sentences, text, cursor, para_end)
    return sentences


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int, floor: int) -> bool:
    if text[dot] != ".":
        return False
    # The token just before the period, e.g. "Sept" or "U.S".
    window_start = max(floor, dot - 12)
    match = _WORD_BEFORE.search(text, window_start, dot + 1)
    if not match:
        return False
    word = match.group(1).lower()
    if word in ABBREVIATIONS:
        return True
    # Single capital initials ("John W. Brennan") do not end sentences.
    return len(word) == 1 and word.isalpha()


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], start, end))
