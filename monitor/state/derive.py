"""A milestone's state from its dated evidence (pure: the evidence and `now` are passed in).

The rules, applied to the events in the order of their evidence dates (never in the order the
articles arrived: a backfill gives the same answer as a live run):

- `completed`, `delayed`, `extended`, `reversed`: the milestone takes that state.
- `step` (part of the commitment carried out): `in_progress`, when nothing was reported yet,
  or the milestone was in progress or reversed. A step reported after a completion, a delay
  or an extension is history: it does not undo them.
- `denied` and `confirmed` are kept in the history and change nothing; so is any kind of
  report the analysis may add later without a rule here (a rumour, say).
- A *partial* completion, delay or extension (only part of the commitment: "a small unit
  stays beyond the deadline") counts as a step: the commitment is under way, its due date
  does not move.
- A delay or an extension that states a new date moves the effective due date to the last
  day that date covers (`monitor.due.last_day`).
- The calendar: with nothing reported, or only steps, the milestone is `pending` until its
  effective due date and `overdue` after it. A delay or an extension whose stated date has
  passed is `overdue` too; one without a date stays as reported.

Events of one day are ordered by kind (steps first, completions last), then by publication
time, URL and statement, so any arrival order gives one sequence. `since` is the date of the
event that set the current state: a repeat of the same state does not move it, so a completion
reported again a month later keeps the date of the first report (after any intervening state).
The evidence of a state is the reports of that kind from `since` on, one per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from monitor.due import last_day
from monitor.state.confirm import confirm
from monitor.state.model import Authority, Evidence, HistoryItem, MilestoneState, StateName
from monitor.types import EventKind, Milestone

# Same-day order: what a reader would tell last comes last.
_KIND_ORDER: dict[str, int] = {
    "step": 0,
    "confirmed": 1,
    "denied": 2,
    "delayed": 3,
    "extended": 4,
    "reversed": 5,
    "completed": 6,
}
_SETS_STATE: dict[str, StateName] = {
    "completed": "completed",
    "delayed": "delayed",
    "extended": "extended",
    "reversed": "reversed",
    "step": "in_progress",
}
# A step moves the milestone into progress only from these (None: nothing reported yet).
_STEP_FROM: frozenset[StateName | None] = frozenset({None, "in_progress", "reversed"})


@dataclass(frozen=True, slots=True)
class _Reading:
    """The reported part of the state, before the calendar and the confirmation."""

    state: StateName | None
    since: date | None
    due_text: str
    due_moved: bool
    history: tuple[HistoryItem, ...]
    support: tuple[Evidence, ...]


def effective_kind(item: Evidence) -> EventKind:
    """What an event counts as for the state: a partial change counts as a step."""
    if item.partial and item.kind in ("completed", "delayed", "extended"):
        return "step"
    return item.kind


def ordered(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The events in evidence-date order, ties broken without regard to arrival."""
    return sorted(
        evidence,
        key=lambda e: (
            e.on,
            _KIND_ORDER.get(effective_kind(e), 9),
            e.published.isoformat() if e.published else "",
            e.url,
            e.kind,
            e.statement,
            e.new_due or "",
        ),
    )


def read(milestone: Milestone, evidence: Iterable[Evidence], now: datetime) -> _Reading:
    """Apply the events of `milestone` in order, with the calendar's changes in between."""
    state: StateName | None = None
    since: date | None = None
    due_text, due_moved = milestone.due, False
    history: list[HistoryItem] = []
    support: list[Evidence] = []
    seen: set[tuple[int, str, str]] = set()
    marked: set[date] = set()  # due dates already marked as passed in the history

    def mark_passed(before: date) -> None:
        due = last_day(due_text)
        if due < before and due not in marked and _overdue_when_passed(state, due_moved):
            marked.add(due)
            history.append(
                HistoryItem(
                    on=due,
                    event=None,
                    state="overdue",
                    statement=f"due date passed ({due_text}) with no report of completion",
                )
            )

    for item in ordered(e for e in evidence if e.milestone == milestone.id):
        mark_passed(item.on)
        kind = effective_kind(item)
        new_state = _SETS_STATE.get(kind)
        if kind == "step" and state not in _STEP_FROM:
            new_state = None
        changed = new_state is not None and new_state != state
        if changed:
            state, since, support = new_state, item.on, []
        if new_state is not None and new_state == state:
            support.append(item)
        if kind in ("delayed", "extended") and item.new_due and _readable(item.new_due):
            due_text, due_moved = item.new_due, True
        key = (item.article_id, item.kind, item.statement)
        if key in seen and not changed:
            continue  # the same report read twice (two sentences say it) is one history line
        seen.add(key)
        history.append(
            HistoryItem(
                on=item.on,
                event=item.kind,
                state=new_state if changed else None,
                statement=item.statement,
                url=item.url,
                outlet=item.outlet,
                partial=item.partial,
                new_due=item.new_due,
            )
        )
    mark_passed(now.date())
    return _Reading(state, since, due_text, due_moved, tuple(history), _one_per_article(support))


def support_article_ids(
    milestone: Milestone, evidence: Iterable[Evidence], now: datetime
) -> frozenset[int]:
    """The articles whose reports stand behind the state at `now` (their texts are what the
    confirmation compares, see `derive`)."""
    reading = read(milestone, evidence, now)
    if _calendar_state(reading, now) is not None:
        return frozenset()
    return frozenset(e.article_id for e in reading.support)


def derive(
    milestone: Milestone,
    evidence: Sequence[Evidence],
    now: datetime,
    *,
    authorities: Mapping[str, Authority] | None = None,
    texts: Mapping[int, str] | None = None,
    last_mention: date | None = None,
) -> MilestoneState:
    """Where `milestone` stands at `now`, from `evidence` (events of other milestones are
    ignored). `authorities` maps feed names to their authority; `texts` maps article ids to
    their text, to recognise syndicated copies (`support_article_ids` says which are needed);
    `last_mention` is the newest date an article mentioned the milestone."""
    reading = read(milestone, evidence, now)
    effective = last_day(reading.due_text)
    state, since = reading.state, reading.since
    support = reading.support
    calendar = _calendar_state(reading, now)
    if calendar == "overdue":
        state, since, support = "overdue", effective, ()
    elif calendar == "pending":
        state = "pending"
        since = date.fromisoformat(milestone.announced) if milestone.announced else None
    assert state is not None
    if state in ("pending", "overdue"):
        official, outlets, confirmed = False, 0, True
    else:
        found = confirm(support, authorities or {}, texts)
        official, outlets, confirmed = found.official, found.outlets, found.confirmed
    # Every report of an event mentions the milestone, whatever the mentions query found.
    reports = [
        e.published.date() if e.published else e.on for e in evidence if e.milestone == milestone.id
    ]
    mentioned = max((d for d in (last_mention, *reports) if d is not None), default=None)
    history = reading.history
    reported = [h for h in history if h.event is not None]
    return MilestoneState(
        milestone=milestone.id,
        title=milestone.title,
        due=milestone.due,
        effective_due=effective,
        effective_due_text=reading.due_text,
        state=state,
        since=since,
        confirmed=confirmed,
        official=official,
        outlets=outlets,
        evidence=support,
        history=history,
        last_mention=mentioned,
        last_development=reported[-1] if reported else None,
    )


def derive_all(
    milestones: Sequence[Milestone],
    evidence: Sequence[Evidence],
    now: datetime,
    *,
    authorities: Mapping[str, Authority] | None = None,
    texts: Mapping[int, str] | None = None,
    last_mentions: Mapping[str, date] | None = None,
) -> dict[str, MilestoneState]:
    """`derive` for each milestone, by id, in configuration order."""
    mentions = last_mentions or {}
    return {
        m.id: derive(
            m,
            evidence,
            now,
            authorities=authorities,
            texts=texts,
            last_mention=mentions.get(m.id),
        )
        for m in milestones
    }


def _calendar_state(reading: _Reading, now: datetime) -> StateName | None:
    """`pending` or `overdue` when the calendar decides the state, else None."""
    passed = now.date() > last_day(reading.due_text)
    if passed and _overdue_when_passed(reading.state, reading.due_moved):
        return "overdue"
    return "pending" if reading.state is None else None


def _overdue_when_passed(state: StateName | None, due_moved: bool) -> bool:
    """Whether a milestone in `state` is overdue once its effective due date has passed:
    nothing or only steps reported, or a delay or an extension whose stated date passed."""
    return state in (None, "in_progress") or (state in ("delayed", "extended") and due_moved)


def _one_per_article(items: Sequence[Evidence]) -> tuple[Evidence, ...]:
    first: dict[int, Evidence] = {}
    for item in items:
        first.setdefault(item.article_id, item)
    return tuple(first.values())


def _readable(due: str) -> bool:
    try:
        last_day(due)
    except ValueError:
        return False
    return True
