"""Resolve each written form of a date to the calendar span it names. Pure.

One function per form of `monitor.analysis.dates`' pattern ("30 September 2025", "next
September", "within 12 months", "fall 2025" ...), each returning the first and last day
covered, the precision and whether the resolution depended on the reference date; plus the
narrowing a part ("end of", "early", "mid-") applies, and the ISO rendering. Generic calendar
arithmetic only: no topic, no clock, no I/O.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

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

_FUTURE_BOUNDS = frozenset({"by", "until", "at_least", "through", "no_later_than", "before"})
_PAST_BOUNDS = frozenset({"since"})

Resolution = tuple[date, date, str, bool]


def month_span(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month; months past 12 roll into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_year_month(value: str) -> tuple[int, int]:
    """ "2025-09" -> (2025, 9); "2025-09-30" -> (2025, 9)."""
    year, month = value.split("-")[:2]
    return int(year), int(month)


def due_span(value: str) -> tuple[date, date, date]:
    """A deadline as configured ("2025-09" or "2025-09-30"): the first and last day of its
    month (what a date phrase must meet to point at it) and the deadline itself (the last
    day it allows)."""
    year, month = parse_year_month(value)
    first, last = month_span(year, month)
    parts = value.split("-")
    deadline = date(year, month, int(parts[2])) if len(parts) == 3 else last
    return first, last, deadline


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


def _rel_day(g: dict, ref: date, bound: str | None) -> Resolution | None:
    # "today", "tomorrow", "yesterday", "tonight": the day around the publication.
    word = g["rel_day"].lower()
    day = ref + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(word, 0))
    return day, day, "day", True


def _rel_week(g: dict, ref: date, bound: str | None) -> Resolution | None:
    # "next week", "this week", "last week" (Monday to Sunday).
    rel = " ".join(g["rw_rel"].lower().split())
    step = 0
    if rel in ("next", "coming", "the coming", "following", "the following"):
        step = 1
    elif rel in ("last", "past", "the past", "previous", "the previous"):
        step = -1
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
    return monday, monday + timedelta(days=6), "week", True


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


FORMS = {
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
    "rel_day": _rel_day,
    "rel_week": _rel_week,
    "year": _year,
    "bare_month": _bare_month,
}


def narrow(first: date, last: date, precision: str, part: str) -> tuple[date, date, str]:
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


def render(first: date, last: date, precision: str) -> str:
    if precision == "day":
        return first.isoformat()
    if precision == "week":
        return f"{first.isoformat()}/{last.isoformat()}"
    if precision == "year" and first.month == 1 and last.month == 12 and first.year == last.year:
        return str(first.year)
    if first.year == last.year and first.month == last.month:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
