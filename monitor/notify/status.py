"""A milestone's due date and standing relative to `now` (pure).

A milestone is due "YYYY-MM": it falls due at the end of that month, so "September 2025"
has passed from 1 October 2025 (UTC).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime


def due_date(due: str) -> date:
    """The last day of the month `due` ("YYYY-MM")."""
    year, month = (int(p) for p in due.split("-")[:2])
    return date(year, month, calendar.monthrange(year, month)[1])


def days_to_due(due: str, now: datetime) -> int:
    """Days from `now` (UTC date) to the due date: negative once it has passed."""
    return (due_date(due) - now.date()).days


def due_passed(due: str, now: datetime) -> bool:
    return days_to_due(due, now) < 0
