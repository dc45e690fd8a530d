"""A milestone's due date: the text a configuration or a report gives, and the last day it
covers (pure).

Due dates are written "YYYY-MM" (due at the end of that month: "September 2025" has passed
from 1 October 2025, UTC), "YYYY-MM-DD" (that day) or "YYYY" (the end of the year). Every
use of a due date goes through `last_day`, so a new way of writing one is added here alone.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_FORMS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def last_day(due: str) -> date:
    """The last day `due` covers: "2025-09" -> 2025-09-30, "2026-01-15" -> 2026-01-15,
    "2026" -> 2026-12-31. Raises ValueError for any other text."""
    match = _FORMS.match(due.strip())
    if not match:
        raise ValueError(f"not a due date (YYYY-MM, YYYY-MM-DD or YYYY): {due!r}")
    year, month, day = match.groups()
    if day is not None:
        return date(int(year), int(month), int(day))
    if month is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        return date(int(year), int(month), last)
    return date(int(year), 12, 31)


def is_due_text(value: str) -> bool:
    """Whether `value` is a due date `last_day` reads."""
    try:
        last_day(value)
    except ValueError:
        return False
    return True


def describe(due: str) -> str:
    """The due date as a reader says it: "end of September 2025", "15 Jan 2026", "end of 2026"."""
    day = last_day(due)
    parts = due.strip().split("-")
    if len(parts) == 3:
        return f"{day.day} {day:%b %Y}"
    if len(parts) == 2:
        return f"end of {day:%B %Y}"
    return f"end of {day.year}"


def days_to_due(due: str, now: datetime) -> int:
    """Days from `now` (its UTC date) to the last day `due` covers: negative once it passed."""
    return (last_day(due) - now.date()).days
