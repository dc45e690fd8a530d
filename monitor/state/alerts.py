"""Which state alerts are due (pure: the states, what was sent and `now` are passed in).

Four reasons, each sent once (`SentMarks` is what went out before, as the store recorded it):

- `state`: the state changed since the last state an alert told (a first state other than
  `pending` or `overdue` counts too), or the same state became confirmed or lost its
  confirmation. Marked "<state>:confirmed" or "<state>:unconfirmed".
- `deadline`: an open milestone (not completed, not yet overdue) whose effective due date is
  `deadline_days` away or nearer. Marked with that due date: a new date brings a new alert.
- `overdue`: the milestone became overdue; marked with the due date it passed, and it also
  records the state (the reader was told). A milestone overdue again after a change of its
  due date is alerted again; overdue again for the same date is a state change.
- `silence`: an open milestone no article has mentioned for `silence_days` days or more.
  Marked with the date of that last mention: a new mention ends the silence, and the next
  silence is alerted again. A milestone never mentioned has nothing to count from.

The reasons of one milestone found in one pass go out as one alert.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from monitor.state.describe import (
    LABELS,
    confirmation,
    day,
    duration,
    headline,
    label,
    plural,
    time_left,
)
from monitor.state.model import MilestoneState

ReasonKind = Literal["state", "deadline", "overdue", "silence"]


@dataclass(frozen=True, slots=True)
class SentMarks:
    """What the alerts sent for one milestone said: the last state told, and the marks of
    the deadline, overdue and silence alerts."""

    last_state: str | None = None
    deadlines: frozenset[str] = frozenset()
    overdue: frozenset[str] = frozenset()
    silences: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason to alert, with the line the alert shows for it and a short form for its
    subject ("overdue since 30 Sep 2026", "due in 14 days")."""

    kind: ReasonKind
    mark: str
    text: str
    short: str = ""


@dataclass(frozen=True, slots=True)
class DueAlert:
    """An alert to send for one milestone: its reasons, and the state mark it records (None
    when it tells no state). `previous` is the last state told before, part of its identity."""

    milestone: str
    reasons: tuple[Reason, ...]
    state_mark: str | None
    previous: str | None = None
    evidence_ids: tuple[int, ...] = field(default=())

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(r.kind for r in self.reasons)


def state_mark(state: MilestoneState) -> str:
    return f"{state.state}:{'confirmed' if state.confirmed else 'unconfirmed'}"


def due_alerts(
    states: Sequence[MilestoneState],
    sent: Mapping[str, SentMarks],
    now: datetime,
    *,
    deadline_days: int,
    silence_days: int,
) -> list[DueAlert]:
    """The alerts to send now, one per milestone that has a reason (see the module docstring)."""
    alerts = []
    for state in states:
        marks = sent.get(state.milestone, SentMarks())
        reasons: list[Reason] = []
        mark = state_mark(state)
        told_state = False
        due_mark = state.effective_due.isoformat()
        if state.state == "overdue" and due_mark not in marks.overdue:
            reasons.append(Reason("overdue", due_mark, _overdue_text(state), headline(state)))
            told_state = True
        elif mark != marks.last_state and (
            marks.last_state is not None or state.state not in ("pending", "overdue")
        ):
            text = _state_text(state, marks.last_state)
            reasons.append(Reason("state", mark, text, headline(state)))
            told_state = True
        if (
            deadline_days > 0
            and state.is_open
            and state.state != "overdue"
            and 0 <= (state.effective_due - now.date()).days <= deadline_days
            and due_mark not in marks.deadlines
        ):
            left = (state.effective_due - now.date()).days
            short = "due today" if left == 0 else f"due in {plural(left, 'day')}"
            reasons.append(Reason("deadline", due_mark, _deadline_text(state, now), short))
        if (
            silence_days > 0
            and state.is_open
            and state.last_mention is not None
            and (now.date() - state.last_mention).days >= silence_days
            and state.last_mention.isoformat() not in marks.silences
        ):
            quiet = duration((now.date() - state.last_mention).days)
            reasons.append(
                Reason(
                    "silence",
                    state.last_mention.isoformat(),
                    _silence_text(state, now),
                    f"no mention for {quiet}",
                )
            )
        if reasons:
            alerts.append(
                DueAlert(
                    milestone=state.milestone,
                    reasons=tuple(reasons),
                    state_mark=mark if told_state else None,
                    previous=marks.last_state,
                    evidence_ids=tuple(e.finding_id for e in state.evidence) if told_state else (),
                )
            )
    return alerts


def _state_text(state: MilestoneState, previous: str | None) -> str:
    word = label(state.state).lower()
    before = previous.split(":", 1)[0] if previous else None
    since = f" since {day(state.since)}" if state.since else ""
    if before == state.state:
        return f"Still {word}{since}, now {confirmation(state)}."
    was = f" (was {LABELS.get(before, before).lower()})" if before else ""  # type: ignore[call-overload]
    if state.state in ("pending", "overdue"):
        return f"Now {word}{since}{was}."
    return f"Now {word}{since}{was}: {confirmation(state)}."


def _overdue_text(state: MilestoneState) -> str:
    last = state.last_development
    development = (
        f"last development {day(last.on)}: {last.statement}" if last else "nothing reported yet"
    )
    return (
        f"Overdue since {day(state.since)}: no report of completion, delay or extension; "
        f"{development}."
    )


def _deadline_text(state: MilestoneState, now: datetime) -> str:
    return (
        f"Due {day(state.effective_due)} ({time_left(state.effective_due, now)}), "
        f"{label(state.state).lower()}: no report of completion yet."
    )


def _silence_text(state: MilestoneState, now: datetime) -> str:
    assert state.last_mention is not None
    quiet = duration((now.date() - state.last_mention).days)
    return (
        f"{label(state.state)}, and no article has mentioned it for {quiet} "
        f"(last mention {day(state.last_mention)})."
    )
