"""Find date phrases in English text and resolve them to calendar spans. Pure.

`find_dates(text, reference)` returns every date phrase with its resolution: the span of days
it covers (`first`..`last`), an ISO rendering (`resolved`: "2025-09-30", "2025-09", "2026", or
"2025-09/2025-11" for a season or part of a year), its `precision` ("day", "month", "season",
"year") and the `bound` a preposition puts on it ("by", "until", "at_least", "through",
"no_later_than", "before", "after", "since", "from", or None).

Relative phrases ("next September", "within 12 months", "by this time next year", "next year")
resolve against `reference`, the article's publication date (the caller passes `now` when the
date is unknown). Month names must be capitalised, so the verb "may" or "to march" are not
dates. Only generic English calendar words live here; this module must not know any topic,
read a clock or do I/O. It runs one precompiled regular expression over the text, so its time
is linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from monitor.analysis.date_forms import FORMS, MONTHS, narrow, render

# Bounds, longest first (the alternation takes the first that matches).
_BOUND_WORDS: tuple[tuple[str, str], ...] = (
    (r"until\s+at\s+least", "at_least"),
    (r"till\s+at\s+least", "at_least"),
    (r"through\s+at\s+least", "at_least"),
    (r"at\s+least\s+(?:until|till|through)", "at_least"),
    (r"(?:no|not)\s+later\s+than", "no_later_than"),
    (r"no\s+sooner\s+than", "after"),
    (r"not\s+before", "after"),
    (r"throughout", "through"),
    (r"through", "through"),
    (r"thru", "through"),
    (r"until", "until"),
    (r"till", "until"),
    (r"by", "by"),
    (r"before", "before"),
    (r"ahead\s+of", "before"),
    (r"after", "after"),
    (r"beyond", "after"),
    (r"past", "after"),
    (r"since", "since"),
    (r"from", "from"),
    (r"starting(?:\s+in)?", "from"),
    (r"as\s+(?:early|soon)\s+as", None),
    (r"as\s+late\s+as", None),
    (r"within", "by"),
    (r"into", None),
    (r"in", None),
    (r"to", None),
    (r"on", None),
    (r"during", None),
    (r"of", None),
)

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
# Capitalised or upper case, optional period after an abbreviation.
_MONTH = r"(?:" + "|".join(f"{n}|{n.upper()}" for n in _MONTH_NAMES.split("|")) + r")\b\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_SEASON = r"(?i:spring|summer|fall|autumn|winter)"
_NUM = r"(?i:\d{1,3}|a\s+couple\s+of|a\s+few|twenty-four|eighteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one|several|an?)"
_REL = r"(?i:this|next|last|coming|past|the\s+coming|the\s+following|following|the\s+past|previous|the\s+previous)"
_PART = (
    r"(?i:(?:the\s+)?(?:very\s+)?(?:end|close|beginning|start|middle|first\s+half|second\s+half)"
    r"\s+of(?:\s+the)?|end-|early|late|mid-?|earl(?:y|ier)\s+in|later(?:\s+in)?)"
)

_BOUND_RE = "|".join(f"(?:{pattern})" for pattern, _ in _BOUND_WORDS)

_PATTERN = re.compile(
    rf"""
    (?:\b(?P<bound>(?i:{_BOUND_RE}))\s+(?:(?i:the)\s+)?)?
    (?:(?P<part>{_PART})\s*)?
    (?:
        (?P<iso_day>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
      | (?P<iso_month>\b(?P<iy2>{_YEAR})-(?P<im2>0[1-9]|1[0-2])\b(?!-\d))
      | (?P<dmy>\b(?P<d1>{_DAY})\s+(?:(?i:of)\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b)
      | (?P<mdy>\b(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b)
      | (?P<my>\b(?P<m3>{_MONTH}),?\s+(?:(?i:of)\s+)?(?P<y3>{_YEAR})\b)
      | (?P<md>\b(?P<m4>{_MONTH})\s+(?P<d4>{_DAY})\b(?!\s*[,:]?\s*\d))
      | (?P<dm>\b(?P<d5>{_DAY})\s+(?:(?i:of)\s+)?(?P<m5>{_MONTH})(?!\s*,?\s*\d))
      | (?P<rel_month>\b(?P<rm_rel>{_REL})\s+(?P<m6>{_MONTH}))
      | (?P<season_year>\b(?P<s1>{_SEASON})\s+(?:(?i:of)\s+)?(?P<y7>{_YEAR})\b)
      | (?P<rel_season>\b(?P<rs_rel>{_REL})\s+(?P<s2>{_SEASON})\b)
      | (?P<quarter>\b(?:(?i:q)(?P<q1>[1-4])\s+(?P<y8>{_YEAR})|(?P<q2>(?i:first|second|third|fourth|1st|2nd|3rd|4th))\s+(?i:quarter)\s+(?:(?i:of)\s+)?(?P<y9>{_YEAR}))\b)
      | (?P<this_time>\b(?i:this\s+time\s+next\s+year)\b)
      | (?P<span>\b(?P<sp_n>{_NUM})\s+(?P<sp_unit>(?i:years?|months?|weeks?))(?:['’]s?)?(?:\s+(?i:time|from\s+now))?\b)
      | (?P<next_span>\b(?i:the\s+(?:next|coming))\s+(?P<ns_n>{_NUM})\s+(?P<ns_unit>(?i:years?|months?|weeks?))\b)
      | (?P<rel_year>\b(?P<ry_rel>{_REL})\s+(?i:year)\b)
      | (?P<the_year>\b(?i:the\s+year)\b)
      | (?P<rel_month_unit>\b(?P<ru_rel>{_REL})\s+(?i:month)\b)
      | (?P<rel_day>\b(?i:today|tomorrow|yesterday|tonight)\b)
      | (?P<rel_week>\b(?P<rw_rel>{_REL})\s+(?i:week|weekend)\b)
      | (?P<year>\b(?P<y10>{_YEAR})\b(?![-/]\d|,\d|\s*%))
      | (?P<bare_month>\b(?P<m11>{_MONTH})(?![\w-]))
    )
    """,
    re.VERBOSE,
)


# Something every date phrase contains, and how far before it the phrase may start
# ("until at least the very end of" + spaces).
_ANCHOR = re.compile(
    rf"\d+|\b(?:{_MONTH}|{_SEASON}|(?i:years?|months?|weeks?|weekend|time|today|tomorrow|yesterday|tonight))\b"
)
_PREFIX_REACH = 48
_WORD = re.compile(r"\w+")
# Words a date phrase can open with, before its anchor: bounds, parts, relative words,
# number words ("until", "end", "next", "two", "a" ...).
_OPENERS = frozenset(
    [
        "until",
        "till",
        "through",
        "throughout",
        "thru",
        "at",
        "by",
        "before",
        "ahead",
        "after",
        "beyond",
        "past",
        "since",
        "from",
        "starting",
        "as",
        "within",
        "in",
        "into",
        "to",
        "on",
        "during",
        "of",
        "no",
        "not",
        "the",
        "very",
        "end",
        "close",
        "beginning",
        "start",
        "middle",
        "first",
        "second",
        "half",
        "early",
        "late",
        "mid",
        "earlier",
        "later",
        "this",
        "next",
        "last",
        "coming",
        "following",
        "previous",
        "third",
        "fourth",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "eighteen",
        "twenty",
        "several",
        "few",
        "couple",
        "q",
    ]
)


# Words a date phrase can hold before its anchor: every word the pattern names (a few more
# taken from its syntax, such as "d" or "s", are harmless).
_INSIDE = _OPENERS | frozenset(re.findall(r"[a-z]+", _PATTERN.pattern.lower()))


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date phrase as written, with its resolution."""

    text: str
    start: int
    end: int
    resolved: str
    precision: str
    first: date
    last: date
    bound: str | None = None
    relative: bool = False

    def overlaps(self, first: date, last: date) -> bool:
        return self.first <= last and first <= self.last

    @property
    def months(self) -> int:
        """How many calendar months the phrase spans (1 for a day or a month)."""
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1


def find_dates(
    text: str,
    reference: date,
    *,
    lo: int = 0,
    hi: int | None = None,
    anchors: Iterable[int] | None = None,
    event_anchor: date | None = None,
) -> list[DatePhrase]:
    """Every date phrase in text[lo:hi], in order, resolved against `reference`, with offsets
    into `text`. `anchors` are the offsets of the words a phrase must contain (numbers, month
    and season names, "year", "month", "week", "time"); a caller that has tokenised the text
    already passes them (see `is_anchor`), otherwise a regular expression finds them.

    A span counted from an event ("within 14 months of the agreement", "two years after the
    announcement") resolves against `event_anchor`, the day the commitment was made, when the
    caller gives it; against `reference` otherwise."""
    hi = len(text) if hi is None else hi
    if anchors is None:
        anchors = [m.start() for m in _ANCHOR.finditer(text, lo, hi)]
    found: list[DatePhrase] = []
    for match in _matches(text, anchors, lo, hi):
        phrase = _resolve(match, reference)
        if phrase is None:
            continue
        if event_anchor is not None and phrase.relative:
            counted = _COUNTED_FROM.match(text, phrase.end, hi)
            if counted and counted.group(1).lower() in EVENT_NOUNS:
                again = _resolve(match, event_anchor)
                if again is not None:
                    phrase = replace(
                        again, text=text[again.start : counted.end()], end=counted.end()
                    )
        found.append(phrase)
    return found


# "... of the agreement", "... after its announcement": what a span is counted from.
_COUNTED_FROM = re.compile(
    r"\s+(?:of|after|from|following)\s+(?:the\s+|its\s+|their\s+|this\s+|that\s+)?(\w+)",
    re.IGNORECASE,
)
# Nouns of the event a commitment was made at (generic English).
EVENT_NOUNS = frozenset(
    ["agreement", "announcement", "deal", "accord", "decision", "signing", "statement",
     "pact", "treaty", "commitment", "pledge", "vote", "adoption", "law", "act"]
)  # fmt: skip


_ANCHOR_WORDS = frozenset(
    [
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "weekend",
        "time",
        "today",
        "tomorrow",
        "yesterday",
        "tonight",
    ]
)


_ANCHOR_CACHE: dict[str, bool] = {}


def is_anchor(word: str) -> bool:
    """Whether a token (as written) can anchor a date phrase."""
    got = _ANCHOR_CACHE.get(word)
    if got is None:
        got = _is_anchor(word)
        if len(_ANCHOR_CACHE) < 200_000:
            _ANCHOR_CACHE[word] = got
    return got


def _is_anchor(word: str) -> bool:
    if word[0].isdigit():
        return True
    lower = word.lower()
    if lower in _ANCHOR_WORDS:
        return True
    if (word[0] in "Qq") and word[1:].isdigit():
        return True
    return word[0].isupper() and lower in MONTHS and (lower != "may" or word == "May")


def _matches(text: str, anchors: Iterable[int], lo: int, hi: int) -> list[re.Match[str]]:
    """The leftmost non-overlapping matches of the date pattern.

    Trying the pattern at every character is slow (it has some fifty branches); every date
    phrase contains an anchor (a number, a month or season name, "year", "month", "week"), so
    the pattern is tried only at the word starts shortly before each anchor: the same
    matches, several times faster.
    """
    out: list[re.Match[str]] = []
    done = lo  # no match may start before this offset
    for at in anchors:
        if at < done:
            continue
        for start in _starts(text, max(done, at - _PREFIX_REACH), at):
            match = _PATTERN.match(text, start, hi)
            if match is not None and match.end() > at:
                out.append(match)
                done = match.end()
                break
    return out


def _starts(text: str, lo: int, at: int) -> list[int]:
    """Where a phrase around the anchor at `at` may start: words that can open one ("until",
    "the", "next", "two" ...) in the run of words before the anchor that a phrase can hold
    (a word no phrase holds, or punctuation, ends the run: "once the pull-out is finished
    fewer than 2,000" tries no start before "2,000"), then the start of the anchor's own word."""
    own = at
    while own > lo and (text[own - 1].isalnum()):
        own -= 1
    words = list(_WORD.finditer(text, lo, own))
    starts: list[int] = []
    end = own
    for match in reversed(words):
        if text[match.end() : end].strip(" -") or match.group().lower() not in _INSIDE:
            break
        if match.group().lower() in _OPENERS:
            starts.append(match.start())
        end = match.start()
    starts.reverse()
    starts.append(own)
    return starts


_BOUND_CACHE: dict[str, str | None] = {}


def _bound_of(raw: str | None) -> str | None:
    if not raw:
        return None
    flat = " ".join(raw.lower().split())
    if flat not in _BOUND_CACHE:
        _BOUND_CACHE[flat] = next(
            (bound for pattern, bound in _BOUND_WORDS if re.fullmatch(pattern, flat)), None
        )
    return _BOUND_CACHE[flat]


def _resolve(match: re.Match[str], ref: date) -> DatePhrase | None:
    groups = match.groupdict()
    bound = _bound_of(groups["bound"])
    part = " ".join((groups["part"] or "").lower().split()) or None
    # The form groups are exclusive: the first that matched decides the form.
    for kind in FORMS:
        if groups.get(kind) is not None:
            break
    else:
        return None
    resolved = FORMS[kind](groups, ref, bound)
    if resolved is None:
        return None
    first, last, precision, relative = resolved
    if kind == "next_span" and bound is None:
        bound = "by"  # "over the next 12 months"
    if part:
        first, last, precision = narrow(first, last, precision, part)
    start, end = match.start(), match.end()
    # A preposition that is not a bound ("in", "on", "of") is not part of the phrase.
    if groups["bound"] and bound is None:
        start = match.start("part") if groups["part"] else match.start(kind)
    text = match.string[start:end].rstrip(" ,")
    if text.endswith(".") and len(text.rsplit(None, 1)[-1]) > 5:
        text = text[:-1]  # "by September." ends a sentence; "Sept." is an abbreviation
    end = start + len(text)
    return DatePhrase(
        text=text,
        start=start,
        end=end,
        resolved=render(first, last, precision),
        precision=precision,
        first=first,
        last=last,
        bound=bound,
        relative=relative,
    )
