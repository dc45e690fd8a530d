"""The records of the milestone state: the evidence it is derived from, the state and its
history. Frozen dataclasses, no I/O; `evidence_date` is the one rule about dates that the
store applies when it writes an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from monitor.due import last_day
from monitor.types import EventKind

StateName = Literal[
    "pending", "in_progress", "completed", "delayed", "extended", "reversed", "overdue"
]
STATES: tuple[StateName, ...] = (
    "pending",
    "in_progress",
    "completed",
    "delayed",
    "extended",
    "reversed",
    "overdue",
)
Authority = Literal["official", "press", "aggregator"]


def evidence_date(happened_on: str | None, published: datetime | None, seen: datetime) -> date:
    """The date an event counts from: the date the text gives for it, else the article's
    publication date, else the day we first read it (`seen`).

    A report cannot tell of a realised event after its own publication, so a later date is
    taken as the publication date; a month ("2026-01") or a span ("2025-08-18/2025-08-24",
    last week) counts as its last day, or the publication date when that comes first.
    """
    reported = (published or seen).date()
    if not happened_on:
        return reported
    text = happened_on.strip().split("/")[-1]
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
        elif len(text) == 7:
            day = last_day(text)
        else:
            return reported
    except ValueError:
        return reported
    return min(day, reported)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One development of one milestone, with the article that reports it.

    `on` is the evidence date (see `evidence_date`); `feeds` the names of the feeds that listed
    the article (their configured authority decides whether it is official); `outlet` the
    publisher's display name (see `monitor.outlets`).
    """

    milestone: str
    kind: EventKind
    on: date
    statement: str
    article_id: int
    finding_id: int
    url: str
    title: str
    outlet: str
    published: datetime | None
    sentence: str = ""
    new_due: str | None = None
    partial: bool = False
    feeds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One dated line of a milestone's history: an event reported (`event`, with the state it
    set, or None when it changed nothing), or a change the calendar made (`event` None, e.g.
    becoming overdue on the due date)."""

    on: date
    event: EventKind | None
    state: StateName | None
    statement: str
    url: str | None = None
    outlet: str | None = None
    partial: bool = False
    new_due: str | None = None


@dataclass(frozen=True, slots=True)
class MilestoneState:
    """Where one milestone stands at `now`.

    `due` is the due date as configured, `effective_due` the last day it covers once the
    delays and extensions that state a new date are applied (`effective_due_text` as written).
    `since` is the date of the evidence that set the state (for `overdue`, the due date it
    passed; for `pending`, the announcement, when configured). `evidence` holds the reports
    behind the state, one per article, oldest first; `outlets` counts the independent outlets
    among them and `official` says whether an official source is one of them. `confirmed` is
    true when an official source or two independent outlets report the state, and for the
    states the calendar decides (`pending`, `overdue`), which need no report.
    """

    milestone: str
    title: str
    due: str
    effective_due: date
    effective_due_text: str
    state: StateName
    since: date | None
    confirmed: bool
    official: bool
    outlets: int
    evidence: tuple[Evidence, ...]
    history: tuple[HistoryItem, ...]
    last_mention: date | None
    last_development: HistoryItem | None

    @property
    def is_open(self) -> bool:
        """Not completed: deadlines and silence still matter."""
        return self.state != "completed"
