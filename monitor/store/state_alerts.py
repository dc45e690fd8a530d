"""The state alerts already sent, per milestone: what each told (see `monitor.state.alerts`).

Callers hold the session; nothing here commits. `record_alert` is called in the transaction
that stores the alert's digest, so an alert and its marks are written together or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.state.alerts import Reason, SentMarks
from monitor.store.models import MilestoneAlert


def sent_marks(session: Session) -> dict[str, SentMarks]:
    """Per milestone, the last state an alert told and the marks of its other alerts."""
    rows = session.execute(
        select(MilestoneAlert.milestone, MilestoneAlert.kind, MilestoneAlert.mark).order_by(
            MilestoneAlert.id
        )
    ).all()
    last_state: dict[str, str] = {}
    marks: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for milestone, kind, mark in rows:
        if kind == "state":
            last_state[milestone] = mark
        else:
            marks[milestone][kind].add(mark)
    return {
        milestone: SentMarks(
            last_state=last_state.get(milestone),
            deadlines=frozenset(marks[milestone]["deadline"]),
            overdue=frozenset(marks[milestone]["overdue"]),
            silences=frozenset(marks[milestone]["silence"]),
        )
        for milestone in set(last_state) | set(marks)
    }


def record_alert(
    session: Session,
    digest_id: int,
    milestone: str,
    reasons: Iterable[Reason],
    state_mark: str | None,
    now: datetime,
) -> None:
    """Record the reasons an alert carried; a state it told is recorded as the last one."""
    rows = [(r.kind, r.mark) for r in reasons if r.kind != "state"]
    if state_mark is not None:
        rows.append(("state", state_mark))
    for kind, mark in rows:
        session.add(
            MilestoneAlert(
                milestone=milestone, kind=kind, mark=mark[:200], digest_id=digest_id, created_at=now
            )
        )
    session.flush()
