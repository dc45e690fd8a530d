"""The words of a milestone's state, as the digest, the alerts and `monitor status` show them
(pure: `now` is passed in).

    Completed 18 Jan 2026, 3½ months after its due date; confirmed by 3 outlets
    Overdue since 30 Sep 2026: no report of completion, delay or extension; last development 23 Feb 2026
    In progress since 18 Aug 2025: due end of September 2025, 40 days to go; unconfirmed (1 outlet: Gulf Ledger)
"""

from __future__ import annotations

from datetime import date, datetime

from monitor.due import describe as describe_due
from monitor.due import last_day
from monitor.state.model import MilestoneState, StateName

LABELS: dict[StateName, str] = {
    "pending": "Pending",
    "in_progress": "In progress",
    "completed": "Completed",
    "delayed": "Delayed",
    "extended": "Extended",
    "reversed": "Reversed",
    "overdue": "Overdue",
}
_DAYS_PER_MONTH = 30.44


def label(state: StateName) -> str:
    """The state as a word a person reads: "In progress"."""
    return LABELS[state]


def day(value: date | None) -> str:
    """18 Jan 2026 ("" for None)."""
    return f"{value.day} {value:%b %Y}" if value else ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def duration(days: int) -> str:
    """A span of days as a reader says it: "5 days", "3 weeks", "3½ months", "1 year"."""
    days = abs(days)
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(round(days / 7), "week")
    halves = round(days / _DAYS_PER_MONTH * 2)
    if halves >= 48:
        years = round(days / 365.25)
        return plural(years, "year")
    whole, half = divmod(halves, 2)
    text = f"{whole}½" if half else str(whole)
    return f"{text} month" if halves == 2 else f"{text} months"


def confirmation(state: MilestoneState) -> str:
    """ "confirmed by an official source", "confirmed by 3 outlets", or "unconfirmed (…)"."""
    if state.official:
        extra = state.outlets - 1
        also = f" and {plural(extra, 'other outlet')}" if extra > 0 else ""
        return f"confirmed by an official source{also}"
    if state.confirmed:
        return f"confirmed by {plural(state.outlets, 'outlet')}"
    names = sorted({e.outlet for e in state.evidence})
    if len(names) == 1:
        return f"unconfirmed (1 outlet: {names[0]})"
    return f"unconfirmed ({plural(state.outlets, 'outlet')})"


def time_left(due: date, now: datetime) -> str:
    days = (due - now.date()).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"{plural(days, 'day')} to go"
    return f"passed {plural(-days, 'day')} ago"


def headline(state: MilestoneState) -> str:
    """A short form for subjects and tables: "completed, confirmed by 3 outlets"."""
    word = label(state.state).lower()
    if state.state == "overdue":
        return f"overdue since {day(state.since)}"
    if state.state == "pending":
        return "pending"
    return f"{word}, {confirmation(state)}"


def state_line(state: MilestoneState, now: datetime) -> str:
    """The sentence that opens a milestone's section (see the module docstring)."""
    name = state.state
    since = day(state.since)
    effective = describe_due(state.effective_due_text)
    remaining = time_left(state.effective_due, now)
    if name == "completed":
        return f"Completed {since}, {_timing(state)}; {confirmation(state)}"
    if name == "overdue":
        last = state.last_development
        tail = f"last development {day(last.on)}" if last else "nothing reported yet"
        return f"Overdue since {since}: no report of completion, delay or extension; {tail}"
    if name == "pending":
        mention = (
            f"last mention {day(state.last_mention)}"
            if state.last_mention
            else "nothing reported yet"
        )
        return f"Pending: due {effective}, {remaining}; {mention}"
    if name == "in_progress":
        return f"In progress since {since}: due {effective}, {remaining}; {confirmation(state)}"
    if name in ("delayed", "extended"):
        moved = state.effective_due_text != state.due
        target = f"new due date {effective}, {remaining}" if moved else "no new date given"
        return f"{label(name)} since {since}: {target}; {confirmation(state)}"
    return f"Reversed {since}; {confirmation(state)}"


def _timing(state: MilestoneState) -> str:
    """How the completion stands to the due date as configured."""
    if state.since is None:
        return "date unknown"
    due = last_day(state.due)
    days = (state.since - due).days
    if days == 0:
        return "on its due date"
    when = "after" if days > 0 else "before"
    return f"{duration(days)} {when} its due date"
