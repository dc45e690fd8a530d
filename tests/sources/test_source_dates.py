"""Feed dates: our parser on the formats real feeds use, the known traps, and trust."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from monitor.sources.dates import entry_date, parse_date, trusted

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sun, 08 Mar 2020 10:32:07 GMT", utc(2020, 3, 8, 10, 32, 7)),
        ("Mon, 16 Oct 2017 15:10:00 -0000", utc(2017, 10, 16, 15, 10)),
        ("Tue, 10 Jun 2003 04:00:00 +0200", utc(2003, 6, 10, 2, 0)),
        ("Thu, 1 Jan 2004 19:48:21 EST", utc(2004, 1, 2, 0, 48, 21)),
        # Trap (fixtures README, feed-test-xsl.xml): feedparser reads BST as UTC.
        ("Sat, 18 May 2019 23:21:44 BST", utc(2019, 5, 18, 22, 21, 44)),
        # Trap (kc0011.rss): feedparser reads this as 2020-11-01.
        ("2020/1/10 14:33:00", utc(2020, 1, 10, 14, 33)),
        # aif.ru: ISO-like with a space before the offset.
        ("2019-05-18 10:58:46 +0300", utc(2019, 5, 18, 7, 58, 46)),
        ("2003-12-31T10:14:55Z", utc(2003, 12, 31, 10, 14, 55)),
        ("2003-12-31T10:14:55.123-08:00", utc(2003, 12, 31, 18, 14, 55)),
        ("2024-09-27", utc(2024, 9, 27)),
        ("27 Sep 2024", utc(2024, 9, 27)),
        ("1518478934", utc(2018, 2, 12, 23, 42, 14)),  # epoch seconds (InvalidDateFormat.xml)
        ("Sun, 08 Mar 2020 10:32:07 XYZT", utc(2020, 3, 8, 10, 32, 7)),  # unknown zone: UTC
        ("not a date", None),
        ("", None),
        (None, None),
        ("31 Foo 2020", None),
        ("Sun, 31 Feb 2020 10:00:00 GMT", None),
    ],
)
def test_parse_date(raw: str | None, expected: datetime | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        (utc(2026, 11, 21, 12), True),
        (utc(2026, 11, 22, 11, 59), True),  # within a day ahead: time zones, clock skew
        (utc(2026, 11, 22, 12, 1), False),  # further ahead: not a publication date
        (utc(2099, 1, 1), False),
        (utc(1990, 1, 1), True),
        (utc(1989, 12, 31), False),
        (utc(1970, 1, 1), False),  # epoch zero: a missing date in disguise
        (None, False),
    ],
)
def test_trusted(value: datetime | None, kept: bool) -> None:
    assert (trusted(value, NOW) is not None) is kept


def test_entry_date_takes_the_first_trustworthy_candidate() -> None:
    future = ("Fri, 01 Jan 2100 00:00:00 GMT", None)
    good = ("Mon, 16 Oct 2017 15:10:00 GMT", None)
    assert entry_date([future, good], NOW) == utc(2017, 10, 16, 15, 10)
    assert entry_date([future], NOW) is None
    # Our reading wins over feedparser's tuple (the kc0011 trap) ...
    wrong = time.struct_time((2020, 11, 1, 0, 0, 0, 6, 306, 0))
    assert entry_date([("2020/1/10 14:33:00", wrong)], NOW) == utc(2020, 1, 10, 14, 33)
    # ... and feedparser's tuple is used for formats we do not read.
    greek = time.struct_time((2004, 1, 1, 19, 48, 21, 3, 1, 0))
    assert entry_date([("Πεμ, 01 Ιαν 2004 21:48:21 EET", greek)], NOW) == utc(
        2004, 1, 1, 19, 48, 21
    )
    assert entry_date([(None, None)], NOW) is None
