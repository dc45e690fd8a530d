"""Clauses of a sentence, and a clause as a short statement a reader understands. Pure.

A clause ends at strong punctuation (; : — – parentheses), at a comma, and before a word that
opens another clause ("but", "while", "which", "and that" ...). `clause_span` gives the token
range of the clause around a word; `statement` turns it into the short text the digest shows:
without the dateline ("LONDON —"), without a leading connective ("Separately", "but") or a
trailing attribution ("the ministry said"), never cut inside a phrase: when the clause is too
long, the reporting verb before it goes first, then the phrases after the fact, cut before a
preposition or a conjunction, so the statement still reads as a complete phrase (a long one
rather than a broken one).
Generic English only.
"""

from __future__ import annotations

import re

from monitor.analysis.document import Document
from monitor.analysis.lexicon import REPORTING_VERBS

_STRONG_BREAK = re.compile(r"[;()\[\]—–]|:(?!\d)|\s-\s|[.!?]\s")
# Words that open another clause: the clause before them is complete without them.
CLAUSE_OPENERS = frozenset(
    [
        "but",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "which",
        "who",
        "whom",
        "whose",
        "unless",
        "whereby",
        "amid",
        "despite",
    ]
)
# Connectives a statement does not start with.
_LEADING = frozenset(
    [
        "and",
        "but",
        "so",
        "that",
        "separately",
        "however",
        "meanwhile",
        "also",
        "moreover",
        "still",
        "yet",
        "then",
        "now",
        "with",
    ]
)
# Words that cannot open a statement on their own: a clause made of them before its verb
# lacks its subject.
_BARE = frozenset(
    ["not", "no", "never", "is", "are", "was", "were", "has", "have", "had", "been", "and", "but"]
)
# A phrase may be cut just before one of these (the rest is another phrase), never after.
_PHRASE_OPENERS = frozenset(
    [
        "in",
        "on",
        "at",
        "after",
        "before",
        "for",
        "from",
        "with",
        "by",
        "as",
        "and",
        "or",
        "since",
        "during",
        "under",
        "amid",
        "near",
        "into",
        "toward",
        "towards",
        "until",
        "than",
        "following",
        "including",
        "beyond",
        "because",
    ]
)
# Words a statement may not end with: a phrase ending in one of these was cut.
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "that",
        "and",
        "or",
        "but",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "about",
        "its",
        "their",
        "his",
        "her",
        "our",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "would",
        "will",
        "could",
        "had",
        "has",
        "have",
        "than",
        "into",
    ]
)
MAX_WORDS = 24
# Kinds of break that end a clause (`clause_span`).
CLAUSE = frozenset({"strong", "comma", "opener"})
PHRASE_GROUP = frozenset({"strong"})


def breaks_before(doc: Document, token: int) -> str:
    """What separates token `token` from the one before it: "strong", "comma", "opener"
    (the token opens another clause) or "" (the same clause). Worked out once per token."""
    known = doc.memo.get("breaks")
    if known is None:
        known = doc.memo["breaks"] = [None] * (len(doc.tokens) + 1)
    got = known[token]
    if got is None:
        got = known[token] = _break_before(doc, token)
    return got


def _break_before(doc: Document, token: int) -> str:
    if token <= 0:
        return "strong"
    gap = doc.text[doc.tokens.ends[token - 1] : doc.tokens.starts[token]]
    if _STRONG_BREAK.search(gap):
        return "strong"
    w = doc.word(token)
    if w in CLAUSE_OPENERS:
        return "opener"  # with or without a comma before it
    if w == "and" and token + 1 < len(doc.tokens) and doc.word(token + 1) == "that":
        return "opener"
    if "," in gap:
        return "comma"
    return ""


def same_clause(doc: Document, sentence: int, a: int, b: int) -> bool:
    """Whether tokens `a` and `b` of a sentence stand in one clause, commas aside (a comma
    often sets off only a phrase: "left the X site, in Y province, on Monday")."""
    key = ("clauses", sentence)
    ids = doc.memo.get(key)
    if ids is None:
        # The clauses of the sentence, numbered token by token (strong breaks and openers).
        first, last = doc.spans[sentence]
        ids, number = [], 0
        for j in range(first, last):
            if j > first and breaks_before(doc, j) in ("strong", "opener"):
                number += 1
            ids.append(number)
        doc.memo[key] = ids
    first = doc.spans[sentence][0]
    return ids[a - first] == ids[b - first]


def clause_span(
    doc: Document, sentence: int, first: int, last: int, *, ends: frozenset[str] = CLAUSE
) -> tuple[int, int]:
    """The token range [lo, hi) of the clause holding tokens [first, last) of a sentence,
    dateline excluded, without the word that opens it ("which", "but"). `ends` are the kinds
    of break (see `breaks_before`) that end it: with `PHRASE_GROUP`, only strong punctuation
    does, so that a subject and its verb stay together across the phrase or relative clause
    set off between them ("the transfer, which was planned for September, was delayed")."""
    s_first, s_last = doc.spans[sentence]
    lo = max(s_first, dateline_end(doc, sentence))
    start = min(first, max(lo, first))
    while start > lo and breaks_before(doc, start) not in ends:
        start -= 1
    if start < first and doc.word(start) in CLAUSE_OPENERS:
        start += 1
    elif start + 1 < first and doc.word(start) == "and" and doc.word(start + 1) == "that":
        start += 2
    end = last
    while end < s_last and breaks_before(doc, end) not in ends:
        end += 1
    return start, max(end, last)


def dateline_end(doc: Document, sentence: int) -> int:
    """The first token after a leading dateline ("LONDON —"), or the sentence's first."""
    s_first, s_last = doc.spans[sentence]
    key = ("dateline", sentence)
    got = doc.memo.get(key)
    if got is None:
        offset = doc.datelines[sentence] if doc.datelines else 0
        got = s_first
        while got < s_last and doc.tokens.starts[got] < offset:
            got += 1
        doc.memo[key] = got
    return got


def statement(doc: Document, sentence: int, first: int, last: int) -> str:
    """The clause around tokens [first, last) as a short, complete statement."""
    lo, hi = clause_span(doc, sentence, first, last)
    if all(doc.word(j) in _BARE for j in range(lo, first)):
        # "the units are repositioning, not leaving X": the clause's subject is in the
        # phrase before the comma.
        before, _ = clause_span(doc, sentence, max(lo - 1, doc.spans[sentence][0]), lo)
        lo = before if lo - before <= MAX_WORDS // 2 else lo
    lo = _after_complementiser(doc, sentence, lo, first)
    # "and that the programme ended": the clause proper starts after its connectives.
    while lo < first and doc.word(lo) in _LEADING:
        lo += 1
    if hi - lo > MAX_WORDS:
        lo = _after_reporting(doc, lo, first)
    if hi - lo > MAX_WORDS:
        hi = _cut_right(doc, lo, hi, last)
    while hi > last and doc.word(hi - 1) in _DANGLING:
        hi -= 1
    return " ".join(doc.text[doc.tokens.starts[lo] : _end_char(doc, hi)].split())


def _after_complementiser(doc: Document, sentence: int, lo: int, first: int) -> int:
    """Past "... that" when a reporting verb came before it in the sentence ("the ministry
    said late on Sunday that the operator had finished ..."): what was said is the fact."""
    s_first = doc.spans[sentence][0]
    for k in range(first - 1, lo - 1, -1):
        if doc.word(k) == "that" and k + 1 < first:
            if any(doc.word(j) in REPORTING_VERBS for j in range(max(s_first, k - 8), k)):
                return k + 1
            return lo
    return lo


def _end_char(doc: Document, hi: int) -> int:
    end = doc.tokens.ends[hi - 1]
    # Keep a closing quote or bracket that belongs to the last word.
    while end < len(doc.text) and doc.text[end] in "'’”\")":
        end += 1
    return end


def _after_reporting(doc: Document, lo: int, first: int) -> int:
    """Past "X said (that)" before the fact, when there is one."""
    for j in range(first - 1, lo - 1, -1):
        if doc.word(j) in REPORTING_VERBS:
            k = j + 1
            if doc.word(k) == "to" and doc.word(j) == "according":
                return lo  # "according to X, ..." is cut by its comma already
            if k < first and doc.word(k) == "that":
                k += 1
            return k if k <= first else lo
    return lo


def _cut_right(doc: Document, lo: int, hi: int, last: int) -> int:
    """The clause cut before the last phrase opener that keeps it within the limit."""
    best = hi
    for j in range(max(last, lo + 1), hi):
        if j - lo > MAX_WORDS:
            break
        if doc.word(j) in _PHRASE_OPENERS and j > last:
            best = j
    if best == hi:
        # No opener within the limit: the first one after the fact, however far.
        best = next((j for j in range(last, hi) if doc.word(j) in _PHRASE_OPENERS), hi)
    return best
