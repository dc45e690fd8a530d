"""A text read once for every rule: sentences, tokens, term hits and dates, per sentence. Pure.

`read_document` does the linear passes (sentence split, tokenisation, one phrase lookup for
all milestones' terms) and files their results under the sentence they fall in, so the rules
in `mentions` and `facts` only look at sentences that have something. Dates are read the first
time a rule asks for a sentence's dates (most sentences are never asked), and so are the
sentence's term hits grouped by milestone and category. It decides nothing about milestones.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from monitor.analysis.date_forms import MONTHS
from monitor.analysis.dates import DatePhrase, find_dates
from monitor.analysis.sentences import Sentence, paragraph_index, split_sentences
from monitor.analysis.terms import Hit, Tokens, stem, tokenize
from monitor.analysis.vocabulary import Term, Vocabulary

# An upper-case place name, optionally a region, date or agency, then a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{0,40}){0,2}(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}\s+"
)


_NO_CATEGORIES: dict[str, list[Hit[Term]]] = {}


# The stems of the words a date phrase is built around (besides numbers).
_ANCHOR_STEMS = frozenset(
    stem(w)
    for w in [
        *MONTHS,
        *("spring", "summer", "fall", "autumn", "winter"),
        *("year", "years", "month", "months", "week", "weeks", "weekend", "time"),
        *("today", "tomorrow", "yesterday", "tonight"),
    ]
)
_DIGIT = re.compile(r"\d")
_UNITS = frozenset(stem(w) for w in ("year", "years", "month", "months", "week", "weeks"))


class SentenceDates:
    """The date phrases of each sentence, found the first time a sentence's are asked for."""

    __slots__ = ("_text", "_reference", "_sentences", "_tokens", "_spans", "_found", "_event")

    def __init__(
        self,
        text: str,
        reference: date,
        sentences: list[Sentence],
        tokens: Tokens,
        spans: list[tuple[int, int]],
        event_anchor: date | None = None,
    ) -> None:
        self._text = text
        self._reference = reference
        self._event = event_anchor
        self._sentences = sentences
        self._tokens = tokens
        self._spans = spans
        self._found: list[list[DatePhrase] | None] = [None] * len(sentences)

    def __getitem__(self, index: int) -> list[DatePhrase]:
        got = self._found[index]
        if got is None:
            got = self._found[index] = self._find(index)
        return got

    def _find(self, index: int) -> list[DatePhrase]:
        sentence = self._sentences[index]
        first, last = self._spans[index]
        stems = self._tokens.stems
        has_digit = _DIGIT.search(self._text, sentence.start, sentence.end) is not None
        if not has_digit and _ANCHOR_STEMS.isdisjoint(stems[first:last]):
            return []
        starts = self._tokens.starts
        # Every date phrase holds a number, a month or season name, "year", "week" ...
        anchors = [
            starts[t]
            for t in range(first, last)
            if stems[t] in _ANCHOR_STEMS
            or (has_digit and _numeric(stems[t]) and _may_date(self._text, stems, t, starts))
        ]
        if not anchors:
            return []
        return find_dates(
            self._text,
            self._reference,
            lo=sentence.start,
            hi=sentence.end,
            anchors=anchors,
            event_anchor=self._event,
        )

    def __len__(self) -> int:
        return len(self._sentences)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self[i] for i in range(len(self._sentences)))


def _may_date(text: str, stems: list[str], t: int, starts: list[int]) -> bool:
    """Whether a number token can be part of a date: not a group of a larger number
    ("2,500"), and a year, a day of the month, or a count of years, months or weeks."""
    token = stems[t]
    start = starts[t]
    end = start + len(token)
    if text[end : end + 1] == "," and text[end + 1 : end + 2].isdigit():
        return False  # "2,500"
    if start >= 2 and text[start - 1] == "," and text[start - 2].isdigit():
        return False  # the "500" of "2,500"
    if not token.isdigit():
        return True  # "15th", "q3", "2025-09"
    if len(token) == 4:
        return True  # a year, or an ISO date
    if len(token) > 4:
        return False
    value = int(token)
    return value <= 31 or (t + 1 < len(stems) and stems[t + 1] in _UNITS)


def _numeric(token: str) -> bool:
    """A number ("2025", "15th") or a quarter ("q3")."""
    return token[0].isdigit() or (token[0] == "q" and token[1:].isdigit())


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
    dates: SentenceDates  # date phrases of each sentence, read when first asked for
    terms_seen: frozenset[tuple[int, str]]  # (milestone, category) present anywhere
    is_title: bool = False
    datelines: list[int] = field(default_factory=list)  # offset after each sentence's dateline
    lowered: list[str] = field(default_factory=list)  # each token as written, in lower case
    # Each sentence's hits by milestone, then by category.
    by_category: list[dict[int, dict[str, list[Hit[Term]]]]] = field(default_factory=list)
    # Results the rules compute once per document and reuse (facts of a sentence, its
    # clauses); filled as they are asked for.
    memo: dict = field(default_factory=dict)

    def word(self, index: int) -> str:
        """Token `index` as written, in lower case."""
        return self.lowered[index]

    def words(self) -> list[str]:
        """Every token as written, in lower case."""
        return self.lowered

    def categories(self, sentence: int, milestone: int) -> dict[str, list[Hit[Term]]]:
        """The sentence's hits of one milestone, by category."""
        return self.by_category[sentence].get(milestone, _NO_CATEGORIES)

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
    event_anchor: date | None = None,
) -> Document:
    """Read `text` once. Dates are found when a rule asks for a sentence's, or at once in
    every sentence with `all_dates`; a span counted from an event ("within 14 months of the
    agreement") resolves against `event_anchor` when given (see `dates.find_dates`)."""
    sentences = split_sentences(text)
    if is_title and text.strip() and not sentences:
        sentences = [Sentence(text, 0, len(text))]
    paragraphs = paragraph_index(text, sentences)
    tokens = tokenize(text)
    spans = _token_spans(tokens, sentences)
    hits: list[list[Hit[Term]]] = [[] for _ in sentences]
    by_category: list[dict[int, dict[str, list[Hit[Term]]]]] = [{} for _ in sentences]
    seen: set[tuple[int, str]] = set()
    datelines = [_dateline_end(s) for s in sentences]
    if sentences:
        firsts = [first for first, _ in spans]
        for hit in vocabulary.index.find(tokens):
            index = bisect_right(firsts, hit.first) - 1
            if index < 0 or hit.first >= spans[index][1] or hit.start < datelines[index]:
                continue  # "LONDON —" says where the story was filed, not what happened
            hits[index].append(hit)
            term = hit.payload
            seen.add((term.milestone, term.category))
            by_category[index].setdefault(term.milestone, {}).setdefault(term.category, []).append(
                hit
            )
    dates = SentenceDates(text, reference, sentences, tokens, spans, event_anchor)
    if all_dates:
        for index in range(len(sentences)):
            dates[index]
    lower = text.lower()
    starts, ends = tokens.starts, tokens.ends
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ")
        lowered = [text[a:b].lower() for a, b in zip(starts, ends, strict=True)]
    else:
        lowered = [lower[a:b] for a, b in zip(starts, ends, strict=True)]
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
        lowered=lowered,
        by_category=by_category,
    )


def _dateline_end(sentence: Sentence) -> int:
    """Offset just after a leading dateline ("LONDON —", "PARIS, Nov 8 (Reuters) —"), or 0."""
    match = _DATELINE.match(sentence.text)
    return sentence.start + match.end() if match else 0


def _token_spans(tokens: Tokens, sentences: list[Sentence]) -> list[tuple[int, int]]:
    starts = tokens.starts
    return [
        (bisect_left(starts, sentence.start), bisect_left(starts, sentence.end))
        for sentence in sentences
    ]
