"""Feed dates → aware UTC datetimes, or None when the date cannot be trusted. Pure.

We parse the raw date string ourselves first, because feedparser has known traps on real
feeds (see ../shared/fixtures/README.md): it reads "2020/1/10 14:33:00" as 1 November 2020 and
treats zone abbreviations it does not know ("BST") as UTC. Only when our parsers do not
recognise a format do we fall back to feedparser's parsed tuple (it knows many exotic
formats). A date without a zone, or with a zone name we do not know, is taken as UTC: it is then
right to within a day, which is what a news date needs.

Whatever the source, a date before 1990 or more than a day after `now` is not trusted: it
becomes None, and the entry keeps everything else.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta, timezone

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# Zone abbreviations seen in feeds, in hours east of UTC. Ambiguous ones (IST: India, Ireland
# or Israel; CST: US Central or China) take their most common meaning in news feeds.
_ZONES = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "IST": 5.5,
    "WEST": 1,
    "CET": 1,
    "MET": 1,
    "CEST": 2,
    "MEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "AST": -4,
    "ADT": -3,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "JST": 9,
    "KST": 9,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "ACST": 9.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
}

_RFC822 = re.compile(
    r"""^(?:[a-z]{2,9}\.?,?\s*)?               # weekday
        (?P<day>\d{1,2})[\s-]+(?P<mon>[a-z]{3,9})\.?[\s-]+(?P<year>\d{2,4})
        (?:[\sT]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?
        \s*(?P<zone>.*?)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_ISO = re.compile(
    r"""^(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})
        (?:[T\s]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?)?
        \s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|[a-z]{1,5})?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "2020/1/10 14:33:00" (Dvbbs and other forum software): year first, then month, then day.
_SLASHED = re.compile(
    r"""^(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})
        (?:\s+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?)?
        \s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[a-z]{1,5})?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_EPOCH = re.compile(r"^\d{9,10}$")
_NUMERIC_ZONE = re.compile(r"^(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?$", re.IGNORECASE)


def parse_date(raw: str | None) -> datetime | None:
    """Our reading of a date string, in UTC; None when no format here matches."""
    if not raw:
        return None
    value = " ".join(raw.split())
    if not value:
        return None
    if _EPOCH.match(value):
        return datetime.fromtimestamp(int(value), tz=UTC)
    for pattern in (_ISO, _SLASHED, _RFC822):
        match = pattern.match(value)
        if match:
            return _build(match)
    return None


def _build(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    month_text = parts["mon"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    if month is None:
        return None
    year = int(parts["year"])
    if year < 100:  # RFC 822 two-digit years
        year += 2000 if year < 70 else 1900
    offset = _zone_offset(parts.get("zone") or "")
    try:
        local = datetime(
            year,
            month,
            int(parts["day"]),
            int(parts["h"] or 0),
            int(parts["m"] or 0),
            int(parts["s"] or 0),
            tzinfo=timezone(offset),
        )
    except (ValueError, OverflowError):
        return None
    return local.astimezone(UTC)


def _zone_offset(zone: str) -> timedelta:
    zone = zone.strip().strip("()").strip()
    if not zone:
        return timedelta(0)
    numeric = _NUMERIC_ZONE.match(zone)
    if numeric:
        sign, hours, minutes = numeric.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta >= timedelta(hours=15):
            return timedelta(0)
        return -delta if sign == "-" else delta
    hours = _ZONES.get(zone.split()[0].upper())
    return timedelta(hours=hours) if hours is not None else timedelta(0)


def from_struct(parsed: time.struct_time | tuple[int, ...] | None) -> datetime | None:
    """A feedparser `*_parsed` tuple (UTC) as an aware datetime."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(tuple(parsed)[:9]), tz=UTC)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None


def trusted(value: datetime | None, now: datetime) -> datetime | None:
    """`value` when it is plausible for a news item published by `now`, else None."""
    if value is None:
        return None
    if value < EARLIEST or value > now + FUTURE_SLACK:
        return None
    return value


def entry_date(
    candidates: list[tuple[str | None, time.struct_time | None]], now: datetime
) -> datetime | None:
    """The first trustworthy date among (raw string, feedparser tuple) pairs, in order."""
    for raw, parsed in candidates:
        ours = parse_date(raw)
        value = ours if ours is not None else (from_struct(parsed) if raw or parsed else None)
        value = trusted(value, now)
        if value is not None:
            return value
    return None
