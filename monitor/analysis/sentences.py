"""Split text into sentences with their character offsets. Pure.

Robust to abbreviations that end in a period ("U.S.", "Sept.", "Maj. Gen.", "Dec. 31"),
closing quotes after the period, paragraph breaks, headline lines without a final period, and
text without any sentence boundary (a run-on is cut into pieces of at most `MAX_SENTENCE`
characters at a space, so no sentence is unboundedly long). Runs in time linear in the text.
It knows English punctuation only: nothing about any topic, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end in "." without ending the sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "rep", "sen", "gov", "pres", "brig", "lieut", "sec", "dept", "corp", "inc", "ltd", "co", "no", "nos", "vol", "fig", "approx", "est", "vs", "etc", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.u", "u.a.e", "a.m", "p.m", "gens", "adm", "cmdt", "spc", "pfc", "ret", "mt", "ft", "univ"]
)  # fmt: skip
# Abbreviations after which a capitalised word usually starts a new sentence when the
# abbreviation closes a clause ("... in the U.S. The next day"): we keep them joined, since a
# wrong split would cut "U.S. officials" in two, which costs more.
MAX_SENTENCE = 600

# A sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets, then
# whitespace and something that can open a sentence.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A single line break ends a sentence when the next line opens like one and the line before
# does not run on (hard-wrapped text breaks after a comma or before a lower-case word).
_RUNS_ON = frozenset(",;:(-–—/&")
_OPENING_MARK = frozenset("\"'“‘([")
_OPENING = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789•*-–—")
# Text wrapped at a fixed width has no line longer than this: its single line breaks are not
# sentence breaks.
_WRAP_WIDTH = 100
_LONG_LINE = re.compile(rf"[^\n]{{{_WRAP_WIDTH + 1}}}")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, with offsets such that text[start:end] == sentence."""
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        cursor = block_start
        for match in _BOUNDARY.finditer(text, block_start, block_end):
            if _is_abbreviation(text, match.start(), cursor):
                continue
            _add(sentences, text, cursor, match.end())
            cursor = match.end()
        _add(sentences, text, cursor, block_end)
    return sentences


def paragraph_index(text: str, sentences: list[Sentence]) -> list[int]:
    """For each sentence, the number of the paragraph (blank-line separated) it sits in."""
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    out, current = [], 0
    for sentence in sentences:
        while current < len(breaks) and breaks[current] < sentence.start:
            current += 1
        out.append(current)
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans between paragraph breaks and sentence-like line breaks."""
    cuts: list[tuple[int, int]] = []
    for match in _PARAGRAPH.finditer(text):
        cuts.append((match.start(), match.end()))
    if text.count("\n") < 5 or _LONG_LINE.search(text):
        cuts += _line_breaks(text)
    cuts.sort()
    spans, start = [], 0
    for cut_start, cut_end in cuts:
        if cut_start < start:  # a line break inside a paragraph break
            start = max(start, cut_end)
            continue
        spans.append((start, cut_start))
        start = cut_end
    spans.append((start, len(text)))
    return spans


def _line_breaks(text: str) -> list[tuple[int, int]]:
    """The single line breaks that end a sentence, each with the spaces before it: after a
    line that does not run on, before a line that opens like a sentence. (A loop over the
    few line breaks: a regular expression with a look-behind tries every character.)"""
    out: list[tuple[int, int]] = []
    size = len(text)
    newline = text.find("\n")
    while newline >= 0:
        start = newline
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        after = newline + 1
        while after < size and text[after] in " \t":
            after += 1
        if after < size and text[after] in _OPENING_MARK:
            after += 1
        if (
            start > 0
            and text[start - 1] not in _RUNS_ON
            and not text[start - 1].isspace()
            and after < size
            and text[after] in _OPENING
        ):
            out.append((start, newline + 1))
        newline = text.find("\n", newline + 1)
    return out


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
    # Cut a run-on into pieces at a space, so evidence stays readable and matching local.
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        space = text.rfind(" ", start + MAX_SENTENCE // 2, cut)
        if space > start:
            cut = space
        out.append(Sentence(text[start:cut], start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(text[start:end], start, end))
