"""Due dates: the text a configuration or a report gives, and the last day it covers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from monitor.due import days_to_due, describe, is_due_text, last_day


@pytest.mark.parametrize(
    ("text", "day", "said"),
    [
        ("2025-09", date(2025, 9, 30), "end of September 2025"),
        ("2024-02", date(2024, 2, 29), "end of February 2024"),
        ("2026-02", date(2026, 2, 28), "end of February 2026"),
        ("2025-12", date(2025, 12, 31), "end of December 2025"),
        ("2026-01-15", date(2026, 1, 15), "15 Jan 2026"),
        ("2026", date(2026, 12, 31), "end of 2026"),
        (" 2025-09 ", date(2025, 9, 30), "end of September 2025"),
    ],
)
def test_last_day_and_description(text: str, day: date, said: str) -> None:
    assert last_day(text) == day
    assert describe(text) == said
    assert is_due_text(text)


@pytest.mark.parametrize(
    "text", ["", "September 2025", "2025-13", "2025-02-30", "25-09", "2025/09"]
)
def test_other_texts_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        last_day(text)
    assert not is_due_text(text)


def test_days_to_due_counts_from_the_utc_date() -> None:
    assert days_to_due("2025-09", datetime(2025, 9, 30, 23, 59, tzinfo=UTC)) == 0
    assert days_to_due("2025-09", datetime(2025, 10, 1, 0, 0, tzinfo=UTC)) == -1
    assert days_to_due("2025-09", datetime(2025, 9, 16, 12, 0, tzinfo=UTC)) == 14
