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

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Northern-hemisphere seasons as (first month, last month); winter runs into the next year.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 14),
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty-four": 24, "several": 3, "a few": 3, "a couple of": 2,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

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
    (r"in", None),
    (r"on", None),
    (r"during", None),
    (r"of", None),
)
_FUTURE_BOUNDS = frozenset({"by", "until", "at_least", "through", "no_later_than", "before"})
_PAST_BOUNDS = frozenset({"since"})

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
      | (?P<year>\b(?P<y10>{_YEAR})\b(?![-/]\d|,\d|\s*%))
      | (?P<bare_month>\b(?P<m11>{_MONTH})(?![\w-]))
    )
    """,
    re.VERBOSE,
)


# Something every date phrase contains, and how far before it the phrase may start
# ("until at least the very end of" + spaces).
_ANCHOR = re.compile(rf"\d+|\b(?:{_MONTH}|{_SEASON}|(?i:years?|months?|weeks?|time))\b")
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


def month_span(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month; months past 12 roll into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_year_month(value: str) -> tuple[int, int]:
    """ "2025-09" -> (2025, 9)."""
    year, month = value.split("-")
    return int(year), int(month)


def find_dates(
    text: str,
    reference: date,
    *,
    lo: int = 0,
    hi: int | None = None,
    anchors: Iterable[int] | None = None,
) -> list[DatePhrase]:
    """Every date phrase in text[lo:hi], in order, resolved against `reference`, with offsets
    into `text`. `anchors` are the offsets of the words a phrase must contain (numbers, month
    and season names, "year", "month", "week", "time"); a caller that has tokenised the text
    already passes them (see `is_anchor`), otherwise a regular expression finds them."""
    hi = len(text) if hi is None else hi
    if anchors is None:
        anchors = [m.start() for m in _ANCHOR.finditer(text, lo, hi)]
    found: list[DatePhrase] = []
    for match in _matches(text, anchors, lo, hi):
        phrase = _resolve(match, reference)
        if phrase is not None:
            found.append(phrase)
    return found


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
        "time",
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
    """Where a phrase around the anchor at `at` may start: words in the window that can open
    one ("until", "the", "next", "two" ...), then the start of the anchor's own word."""
    starts = [m.start() for m in _WORD.finditer(text, lo, at) if m.group().lower() in _OPENERS]
    own = at
    while own > lo and (text[own - 1].isalnum()):
        own -= 1
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
    for kind in _FORMS:
        if groups.get(kind) is not None:
            break
    else:
        return None
    resolved = _FORMS[kind](groups, ref, bound)
    if resolved is None:
        return None
    first, last, precision, relative = resolved
    if kind == "next_span" and bound is None:
        bound = "by"  # "over the next 12 months"
    if part:
        first, last, precision = _narrow(first, last, precision, part)
    start, end = match.start(), match.end()
    # A preposition that is not a bound ("in", "on", "of") is not part of the phrase.
    if groups["bound"] and bound is None:
        start = match.start("part") if groups["part"] else match.start(kind)
    text = match.string[start:end].rstrip(" ,")
    end = start + len(text)
    return DatePhrase(
        text=text,
        start=start,
        end=end,
        resolved=_render(first, last, precision),
        precision=precision,
        first=first,
        last=last,
        bound=bound,
        relative=relative,
    )


Resolution = tuple[date, date, str, bool]


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def _day_span(year: int, month: int, day: int) -> Resolution | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d, "day", False


def _iso_day(g: dict, ref: date, bound: str | None) -> Resolution | None:
    return _day_span(int(g["iy"]), int(g["im"]), int(g["id"]))


def _iso_month(g: dict, ref: date, bound: str | None) -> Resolution | None:
    return (*month_span(int(g["iy2"]), int(g["im2"])), "month", False)


def _dmy(g: dict, ref: date, bound: str | None) -> Resolution | None:
    return _day_span(int(g["y1"]), _month(g["m1"]), _day(g["d1"]))


def _mdy(g: dict, ref: date, bound: str | None) -> Resolution | None:
    return _day_span(int(g["y2"]), _month(g["m2"]), _day(g["d2"]))


def _my(g: dict, ref: date, bound: str | None) -> Resolution | None:
    return (*month_span(int(g["y3"]), _month(g["m3"])), "month", False)


def _year_for_month(month: int, ref: date, bound: str | None, rel: str | None = None) -> int:
    """The year of a month named without one, seen from `ref`."""
    rel = " ".join(rel.lower().split()) if rel else None
    if rel in ("this",):
        return ref.year
    if rel in ("next", "coming", "the coming", "following", "the following"):
        return ref.year if month > ref.month else ref.year + 1
    if rel in ("last", "past", "the past", "previous", "the previous"):
        return ref.year if month < ref.month else ref.year - 1
    if bound in _FUTURE_BOUNDS and month == ref.month:
        # "by September" written late in September means the next one.
        return ref.year if ref.day <= 15 else ref.year + 1
    if bound in _PAST_BOUNDS:
        return ref.year if month <= ref.month else ref.year - 1
    # The nearest occurrence; half a year either way stays in the reference year.
    delta = month - ref.month
    if delta > 6:
        return ref.year - 1
    if delta < -6:
        return ref.year + 1
    return ref.year


def _md(g: dict, ref: date, bound: str | None) -> Resolution | None:
    month = _month(g["m4"])
    resolved = _day_span(_year_for_month(month, ref, bound), month, _day(g["d4"]))
    return None if resolved is None else (*resolved[:3], True)


def _dm(g: dict, ref: date, bound: str | None) -> Resolution | None:
    month = _month(g["m5"])
    resolved = _day_span(_year_for_month(month, ref, bound), month, _day(g["d5"]))
    return None if resolved is None else (*resolved[:3], True)


def _rel_month(g: dict, ref: date, bound: str | None) -> Resolution | None:
    month = _month(g["m6"])
    year = _year_for_month(month, ref, bound, g["rm_rel"])
    return (*month_span(year, month), "month", True)


def _season_span(name: str, year: int) -> tuple[date, date]:
    first_month, last_month = SEASONS[name.lower()]
    first, _ = month_span(year, first_month)
    _, last = month_span(year, last_month)
    return first, last


def _season_year(g: dict, ref: date, bound: str | None) -> Resolution | None:
    return (*_season_span(g["s1"], int(g["y7"])), "season", False)


def _rel_season(g: dict, ref: date, bound: str | None) -> Resolution | None:
    name = g["s2"].lower()
    rel = " ".join(g["rs_rel"].lower().split())
    first_month = SEASONS[name][0]
    # "this fall" is the one of the reference year; "next"/"last" step a year when needed.
    year = ref.year
    if rel in ("next", "coming", "the coming", "following", "the following"):
        year = ref.year if first_month > ref.month else ref.year + 1
    elif rel in ("last", "past", "the past", "previous", "the previous"):
        year = ref.year if SEASONS[name][1] < ref.month else ref.year - 1
    return (*_season_span(name, year), "season", True)


def _quarter(g: dict, ref: date, bound: str | None) -> Resolution | None:
    if g["q1"]:
        number, year = int(g["q1"]), int(g["y8"])
    else:
        number, year = ORDINALS[g["q2"].lower()], int(g["y9"])
    first, _ = month_span(year, 3 * number - 2)
    _, last = month_span(year, 3 * number)
    return first, last, "season", False


def _add_months(day: date, months: int) -> date:
    first, last = month_span(day.year, day.month + months)
    return first.replace(day=min(day.day, last.day))


def _this_time(g: dict, ref: date, bound: str | None) -> Resolution | None:
    target = _add_months(ref, 12)
    return (*month_span(target.year, target.month), "month", True)


def _count(value: str) -> int:
    flat = " ".join(value.lower().split())
    return int(flat) if flat.isdigit() else NUMBER_WORDS.get(flat, 0)


def _months_in(unit: str, n: int) -> int | None:
    unit = unit.lower()
    if unit.startswith("year"):
        return 12 * n
    if unit.startswith("month"):
        return n
    return None  # weeks: resolved to the month they land in


def _offset(ref: date, n: int, unit: str) -> date:
    months = _months_in(unit, n)
    if months is None:
        from datetime import timedelta

        return ref + timedelta(weeks=n)
    return _add_months(ref, months)


def _span(g: dict, ref: date, bound: str | None) -> Resolution | None:
    # "within 12 months", "in a year's time", "two years from now". Without "in", "within"
    # or "from now" a duration ("for two years") is not a date.
    raw = g["span"].lower()
    if bound is None and not g["bound"] and "from now" not in raw and "time" not in raw:
        return None
    if g["bound"] and g["bound"].lower().strip() not in ("in", "within") and "from now" not in raw:
        return None
    n = _count(g["sp_n"])
    if n <= 0:
        return None
    target = _offset(ref, n, g["sp_unit"])
    return (*month_span(target.year, target.month), "month", True)


def _next_span(g: dict, ref: date, bound: str | None) -> Resolution | None:
    n = _count(g["ns_n"])
    if n <= 0:
        return None
    target = _offset(ref, n, g["ns_unit"])
    return (*month_span(target.year, target.month), "month", True)


def _rel_year(g: dict, ref: date, bound: str | None) -> Resolution | None:
    rel = " ".join(g["ry_rel"].lower().split())
    if rel in ("next", "coming", "the coming", "following", "the following"):
        year = ref.year + 1
    elif rel in ("last", "past", "the past", "previous", "the previous"):
        year = ref.year - 1
    else:
        year = ref.year
    return date(year, 1, 1), date(year, 12, 31), "year", True


def _the_year(g: dict, ref: date, bound: str | None) -> Resolution | None:
    # "the end of the year", "later in the year": only with a part, else "the year" is
    # any year ("the year the group rose").
    if not g["part"]:
        return None
    return date(ref.year, 1, 1), date(ref.year, 12, 31), "year", True


def _rel_month_unit(g: dict, ref: date, bound: str | None) -> Resolution | None:
    rel = " ".join(g["ru_rel"].lower().split())
    step = 0
    if rel in ("next", "coming", "the coming", "following", "the following"):
        step = 1
    elif rel in ("last", "past", "the past", "previous", "the previous"):
        step = -1
    first, last = month_span(ref.year, ref.month + step)
    return first, last, "month", True


def _year(g: dict, ref: date, bound: str | None) -> Resolution | None:
    # A bare year counts only after a preposition or a part ("in 2026", "by the end of 2026",
    # "mid-2026"): otherwise "2025" is as likely a number or an adjective ("the 2024 deal").
    if not g["bound"] and not g["part"]:
        return None
    year = int(g["y10"])
    return date(year, 1, 1), date(year, 12, 31), "year", False


def _bare_month(g: dict, ref: date, bound: str | None) -> Resolution | None:
    # "in September", "by September", "since May": a month name alone needs a preposition;
    # "May" and "March" alone are too often a verb or a noun.
    raw = g["bound"]
    if not raw and not g["part"]:
        return None
    month = _month(g["m11"])
    year = _year_for_month(month, ref, bound)
    return (*month_span(year, month), "month", True)


_FORMS = {
    "iso_day": _iso_day,
    "iso_month": _iso_month,
    "dmy": _dmy,
    "mdy": _mdy,
    "my": _my,
    "md": _md,
    "dm": _dm,
    "rel_month": _rel_month,
    "season_year": _season_year,
    "rel_season": _rel_season,
    "quarter": _quarter,
    "this_time": _this_time,
    "span": _span,
    "next_span": _next_span,
    "rel_year": _rel_year,
    "the_year": _the_year,
    "rel_month_unit": _rel_month_unit,
    "year": _year,
    "bare_month": _bare_month,
}


def _narrow(first: date, last: date, precision: str, part: str) -> tuple[date, date, str]:
    """Apply "end of", "early", "mid-", "first half of" to a span of at least a month."""
    part = part.rstrip("-")
    if precision == "day":
        return first, last, precision
    days = (last - first).days + 1
    if precision == "month":
        if part.startswith(("the end", "end", "the close", "close", "the very end", "late")):
            return first.replace(day=max(first.day, last.day - 9)), last, "month"
        if part.startswith(("early", "the beginning", "beginning", "the start", "start")):
            return first, first.replace(day=min(10, last.day)), "month"
        return first, last, precision
    # Year or season: narrow by months.
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if part.startswith(("the end", "end", "the close", "close", "the very end")):
        lo = month_span(last.year, last.month)[0]
        return lo, last, "month"
    if part.startswith(("late", "later in")):
        lo = month_span(first.year, first.month + months - max(1, months // 3))[0]
        return lo, last, "season" if months > 3 else precision
    if part.startswith(("early", "earlier in", "the beginning", "beginning", "the start", "start")):
        if part.startswith(("early", "earlier")) or months > 3:
            hi = month_span(first.year, first.month + max(1, months // 3) - 1)[1]
            return first, hi, "season" if months > 3 else precision
        return first, month_span(first.year, first.month)[1], "month"
    if part.startswith(("mid", "the middle", "middle")):
        third = max(1, months // 3)
        lo = month_span(first.year, first.month + third)[0]
        hi = month_span(first.year, first.month + months - third - 1)[1]
        return lo, hi, "season" if months > 3 else precision
    if "first half" in part:
        hi = month_span(first.year, first.month + months // 2 - 1)[1]
        return first, hi, "season"
    if "second half" in part:
        lo = month_span(first.year, first.month + months // 2)[0]
        return lo, last, "season"
    del days
    return first, last, precision


def _render(first: date, last: date, precision: str) -> str:
    if precision == "day":
        return first.isoformat()
    if precision == "year" and first.month == 1 and last.month == 12 and first.year == last.year:
        return str(first.year)
    if first.year == last.year and first.month == last.month:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
