"""A text read once for every rule: sentences, tokens, term hits and dates, per sentence. Pure.

`read_document` does the linear passes (sentence split, tokenisation, one phrase lookup for
all milestones' terms, one date scan) and files their results under the sentence they fall
in, so the rules in `mentions` and `facts` only look at sentences that have something. It
decides nothing about milestones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from monitor.analysis.dates import DatePhrase, find_dates, is_anchor
from monitor.analysis.sentences import Sentence, paragraph_index, split_sentences
from monitor.analysis.terms import Hit, Tokens, tokenize
from monitor.analysis.vocabulary import Term, Vocabulary

# An upper-case place name, optionally a region, date or agency, then a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{0,40}){0,2}(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}\s+"
)


@dataclass(frozen=True, slots=True)
class Document:
    """A text with everything the rules need, indexed by sentence."""

    text: str
    reference: date
    sentences: list[Sentence]
    paragraphs: list[int]  # paragraph number of each sentence
    tokens: Tokens
    spans: list[tuple[int, int]]  # token range [first, last) of each sentence
    hits: list[list[Hit[Term]]]  # term hits of each sentence
    dates: list[list[DatePhrase]]  # date phrases of each sentence
    terms_seen: frozenset[tuple[int, str]]  # (milestone, category) present anywhere
    is_title: bool = False
    datelines: list[int] = field(default_factory=list)  # offset after each sentence's dateline
    # Results the rules compute once per document and reuse (lower-case words, facts of a
    # sentence); filled as they are asked for.
    memo: dict = field(default_factory=dict)

    def word(self, index: int) -> str:
        """Token `index` as written, in lower case."""
        key = ("w", index)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self.text[
                self.tokens.starts[index] : self.tokens.ends[index]
            ].lower()
        return got

    def window(self, index: int, radius: int = 1) -> range:
        """Sentence indexes around `index` within the same paragraph."""
        lo, hi = index, index
        para = self.paragraphs[index]
        while lo > 0 and index - lo < radius and self.paragraphs[lo - 1] == para:
            lo -= 1
        while (
            hi < len(self.sentences) - 1 and hi - index < radius and self.paragraphs[hi + 1] == para
        ):
            hi += 1
        return range(lo, hi + 1)

    def context(self, index: int) -> str:
        """The sentence with its neighbours in the same paragraph, as evidence."""
        window = self.window(index)
        return self.text[self.sentences[window[0]].start : self.sentences[window[-1]].end]


def read_document(
    text: str,
    reference: date,
    vocabulary: Vocabulary,
    *,
    is_title: bool = False,
    all_dates: bool = False,
) -> Document:
    """Read `text` once. Dates are looked for only in sentences with a term hit (the only
    ones the rules read), unless `all_dates` asks for every sentence."""
    sentences = split_sentences(text)
    if is_title and text.strip() and not sentences:
        sentences = [Sentence(text, 0, len(text))]
    paragraphs = paragraph_index(text, sentences)
    tokens = tokenize(text)
    spans = _token_spans(tokens, sentences)
    hits: list[list[Hit[Term]]] = [[] for _ in sentences]
    seen: set[tuple[int, str]] = set()
    datelines = [_dateline_end(s) for s in sentences]
    if sentences:
        all_hits = vocabulary.index.find(tokens)
        sentence_of = _sentence_of_tokens(spans, len(tokens))
        for hit in all_hits:
            index = sentence_of[hit.first]
            if index < 0 or hit.start < datelines[index]:
                continue  # "BAGHDAD —" says where the story was filed, not what happened
            hits[index].append(hit)
            seen.add((hit.payload.milestone, hit.payload.category))
    dates: list[list[DatePhrase]] = [[] for _ in sentences]
    starts, ends = tokens.starts, tokens.ends
    for index, sentence in enumerate(sentences):
        if all_dates or is_title or hits[index]:
            first, last = spans[index]
            anchors = [
                starts[t] for t in range(first, last) if is_anchor(text[starts[t] : ends[t]])
            ]
            if anchors:
                dates[index] = find_dates(
                    text, reference, lo=sentence.start, hi=sentence.end, anchors=anchors
                )
    return Document(
        text=text,
        reference=reference,
        sentences=sentences,
        paragraphs=paragraphs,
        tokens=tokens,
        spans=spans,
        hits=hits,
        dates=dates,
        terms_seen=frozenset(seen),
        is_title=is_title,
        datelines=datelines,
    )


def _dateline_end(sentence: Sentence) -> int:
    """Offset just after a leading dateline ("ERBIL —", "BAGHDAD, Nov 8 (Reuters) —"), or 0."""
    match = _DATELINE.match(sentence.text)
    return sentence.start + match.end() if match else 0


def _token_spans(tokens: Tokens, sentences: list[Sentence]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    t, n = 0, len(tokens)
    for sentence in sentences:
        while t < n and tokens.starts[t] < sentence.start:
            t += 1
        first = t
        while t < n and tokens.starts[t] < sentence.end:
            t += 1
        spans.append((first, t))
    return spans


def _sentence_of_tokens(spans: list[tuple[int, int]], count: int) -> list[int]:
    out = [-1] * count
    for index, (first, last) in enumerate(spans):
        for t in range(first, last):
            out[t] = index
    return out
