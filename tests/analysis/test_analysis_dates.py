"""Date phrases and their resolution against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.analysis.dates import find_dates

PUBLISHED = date(2024, 9, 27)

# text, expected phrase, resolved, precision, bound
CASES = [
    ("September 2025", "September 2025", "2025-09", "month", None),
    ("Sept. 2025", "Sept. 2025", "2025-09", "month", None),
    ("Sep 2025", "Sep 2025", "2025-09", "month", None),
    ("SEPTEMBER 2025", "SEPTEMBER 2025", "2025-09", "month", None),
    ("end of September 2025", "end of September 2025", "2025-09", "month", None),
    ("by the end of September 2025", "by the end of September 2025", "2025-09", "month", "by"),
    ("30 September 2025", "30 September 2025", "2025-09-30", "day", None),
    ("30th of September 2025", "30th of September 2025", "2025-09-30", "day", None),
    ("September 30, 2025", "September 30, 2025", "2025-09-30", "day", None),
    ("Sept. 30, 2025", "Sept. 30, 2025", "2025-09-30", "day", None),
    ("September of 2025", "September of 2025", "2025-09", "month", None),
    ("2025-09", "2025-09", "2025-09", "month", None),
    ("2025-09-15", "2025-09-15", "2025-09-15", "day", None),
    ("next September", "next September", "2025-09", "month", None),
    ("this September", "this September", "2024-09", "month", None),
    ("last December", "last December", "2023-12", "month", None),
    ("within 12 months", "within 12 months", "2025-09", "month", "by"),
    ("within two years", "within two years", "2026-09", "month", "by"),
    ("by this time next year", "by this time next year", "2025-09", "month", "by"),
    ("in a year's time", "a year's time", "2025-09", "month", None),
    ("in a year’s time", "a year’s time", "2025-09", "month", None),
    ("over the next 12 months", "the next 12 months", "2025-09", "month", "by"),
    ("next year", "next year", "2025", "year", None),
    ("end of next year", "end of next year", "2025-12", "month", None),
    ("by the end of next year", "by the end of next year", "2025-12", "month", "by"),
    ("by the end of the year", "by the end of the year", "2024-12", "month", "by"),
    ("through September 2026", "through September 2026", "2026-09", "month", "through"),
    ("throughout 2026", "throughout 2026", "2026", "year", "through"),
    (
        "until at least September 2026",
        "until at least September 2026",
        "2026-09",
        "month",
        "at_least",
    ),
    (
        "at least until September 2026",
        "at least until September 2026",
        "2026-09",
        "month",
        "at_least",
    ),
    ("until September 2026", "until September 2026", "2026-09", "month", "until"),
    (
        "no later than September 2025",
        "no later than September 2025",
        "2025-09",
        "month",
        "no_later_than",
    ),
    (
        "not later than 30 September 2025",
        "not later than 30 September 2025",
        "2025-09-30",
        "day",
        "no_later_than",
    ),
    ("before January 2026", "before January 2026", "2026-01", "month", "before"),
    ("fall 2025", "fall 2025", "2025-09/2025-11", "season", None),
    ("autumn 2025", "autumn 2025", "2025-09/2025-11", "season", None),
    ("the summer of 2026", "summer of 2026", "2026-06/2026-08", "season", None),
    ("next spring", "next spring", "2025-03/2025-05", "season", None),
    ("Q3 2025", "Q3 2025", "2025-07/2025-09", "season", None),
    ("the third quarter of 2025", "third quarter of 2025", "2025-07/2025-09", "season", None),
    ("by the end of 2026", "by the end of 2026", "2026-12", "month", "by"),
    ("January 2026", "January 2026", "2026-01", "month", None),
    ("in 2026", "2026", "2026", "year", None),
    ("early 2026", "early 2026", "2026-01/2026-04", "season", None),
    ("mid-2026", "mid-2026", "2026-05/2026-08", "season", None),
    ("the first half of 2026", "the first half of 2026", "2026-01/2026-06", "season", None),
    ("since 2014", "since 2014", "2014", "year", "since"),
    ("by September", "by September", "2025-09", "month", "by"),
    ("in August", "August", "2024-08", "month", None),
    ("on Sept. 30", "Sept. 30", "2024-09-30", "day", None),
    ("Dec. 31", "Dec. 31", "2024-12-31", "day", None),
    ("later this year", "later this year", "2024-09/2024-12", "season", None),
]


@pytest.mark.parametrize(("text", "phrase", "resolved", "precision", "bound"), CASES)
def test_date_phrase_resolves(text, phrase, resolved, precision, bound):
    found = find_dates(f"The plan says {text}, officials said.", PUBLISHED)
    assert len(found) == 1, found
    got = found[0]
    assert (got.text, got.resolved, got.precision, got.bound) == (
        phrase,
        resolved,
        precision,
        bound,
    )
    assert got.first <= got.last


@pytest.mark.parametrize(
    "text",
    [
        "They may leave soon.",  # the verb, not the month
        "Troops will march on.",
        "about 2,500 troops",
        "the 2024 agreement",  # an adjective year is not a date phrase
        "for two years",  # a duration, not a date
        "the year the group rose",
        "the fall of Mosul",
        "",
    ],
)
def test_not_a_date(text):
    assert find_dates(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("published", "text", "resolved"),
    [
        (date(2025, 3, 1), "next September", "2025-09"),
        (date(2025, 10, 1), "next September", "2026-09"),
        (date(2025, 9, 10), "next September", "2026-09"),
        (date(2025, 10, 1), "this September", "2025-09"),
        (date(2025, 10, 1), "last September", "2025-09"),
        (date(2025, 10, 1), "by September", "2025-09"),
        (date(2025, 3, 1), "by September", "2025-09"),
        (date(2025, 9, 20), "by September", "2026-09"),
        (date(2026, 2, 1), "in September", "2025-09"),
        (date(2025, 10, 1), "within 12 months", "2026-10"),
        (date(2025, 1, 31), "in a month's time", "2025-02"),
        (date(2025, 12, 1), "next year", "2026"),
    ],
)
def test_relative_dates_depend_on_publication(published, text, resolved):
    (got,) = find_dates(text, published)
    assert got.resolved == resolved
    assert got.relative


def test_offsets_point_into_the_text():
    text = "Forces left on Jan. 12, 2026; the rest stay until at least September 2026."
    found = find_dates(text, PUBLISHED)
    assert [text[d.start : d.end] for d in found] == [d.text for d in found]
    assert [d.resolved for d in found] == ["2026-01-12", "2026-09"]


def test_many_dates_in_one_sentence():
    text = "The mission ends in September 2025, and support continues until September 2026."
    assert [d.resolved for d in find_dates(text, PUBLISHED)] == ["2025-09", "2026-09"]


def test_overlap_and_months():
    (season,) = find_dates("fall 2025", PUBLISHED)
    assert season.months == 3
    assert season.overlaps(date(2025, 9, 1), date(2025, 9, 30))
    assert not season.overlaps(date(2026, 9, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # A span counted from the commitment resolves against the day it was made ...
        ("Troops will leave within 14 months of the agreement.", date(2024, 9, 27), "2025-11"),
        ("The plant closes within two years of the announcement.", date(2023, 3, 1), "2025-03"),
        # ... without an anchor, against the publication; a plain span always does.
        ("Troops will leave within 14 months of the agreement.", None, "2026-10"),
        ("Troops will leave within 12 months.", date(2024, 9, 27), "2026-08"),
    ],
)
def test_spans_counted_from_the_commitment(text, anchor, expected):
    found = find_dates(text, date(2025, 8, 1), event_anchor=anchor)
    assert [d.resolved for d in found] == [expected]
