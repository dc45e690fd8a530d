"""The words of a state, and which state alerts are due: tables of states, marks and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from test_state_derive import AUTHORITIES, MILESTONE, ev

from monitor.state.alerts import SentMarks, due_alerts, state_mark
from monitor.state.derive import derive
from monitor.state.describe import duration, headline, state_line

NOW = datetime(2026, 12, 7, 7, tzinfo=UTC)
SYRIA = MILESTONE.__class__(
    id="support-end", title="Support continues", description="", due="2026-09"
)


def sev(*args, **kwargs):
    """An event of the second milestone."""
    return ev(*args, milestone=SYRIA.id, **kwargs)


def state(evidence=(), now=NOW, milestone=MILESTONE, last_mention=None):
    return derive(
        milestone, list(evidence), now, authorities=AUTHORITIES, last_mention=last_mention
    )


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (1, "1 day"),
        (13, "13 days"),
        (14, "2 weeks"),
        (45, "6 weeks"),
        (60, "2 months"),
        (110, "3½ months"),
        (-110, "3½ months"),
        (365, "12 months"),
        (800, "2 years"),
    ],
)
def test_durations(days: int, said: str) -> None:
    assert duration(days) == said


def test_state_lines() -> None:
    completed = state(
        [
            ev("completed", "2026-01-18", "Tigris Wire"),
            ev("completed", "2026-01-19", "Gulf Ledger"),
            ev("completed", "2026-01-22", "Defense Wire"),
        ]
    )
    assert state_line(completed, NOW) == (
        "Completed 18 Jan 2026, 3½ months after its due date; confirmed by 3 outlets"
    )
    assert headline(completed) == "completed, confirmed by 3 outlets"
    official = state([ev("completed", "2025-09-30", "CENTCOM", feeds=("gov",))])
    assert state_line(official, NOW) == (
        "Completed 30 Sep 2025, on its due date; confirmed by an official source"
    )
    overdue = state([sev("step", "2026-02-23", "Tigris Wire")], milestone=SYRIA)
    assert state_line(overdue, NOW) == (
        "Overdue since 30 Sep 2026: no report of completion, delay or extension; "
        "last development 23 Feb 2026"
    )
    assert headline(overdue) == "overdue since 30 Sep 2026"
    early = datetime(2026, 9, 1, tzinfo=UTC)
    progress = state([sev("step", "2026-02-23", "Tigris Wire")], now=early, milestone=SYRIA)
    assert state_line(progress, early) == (
        "In progress since 23 Feb 2026: due end of September 2026, 29 days to go; "
        "unconfirmed (1 outlet: Tigris Wire)"
    )
    pending = state([], now=early, milestone=SYRIA, last_mention=date(2026, 8, 3))
    assert state_line(pending, early) == (
        "Pending: due end of September 2026, 29 days to go; last mention 3 Aug 2026"
    )
    delayed = state([sev("delayed", "2026-08-01", new_due="2027-03")], milestone=SYRIA)
    assert state_line(delayed, NOW) == (
        "Delayed since 1 Aug 2026: new due date end of March 2027, 114 days to go; "
        "unconfirmed (1 outlet: Gulf Ledger)"
    )
    reversed_ = state([ev("completed", "2026-01-17"), ev("reversed", "2026-03-01", "BBC")])
    assert state_line(reversed_, NOW) == ("Reversed 1 Mar 2026; unconfirmed (1 outlet: BBC)")


def test_a_new_state_is_alerted_once_and_a_confirmation_again() -> None:
    one = state([ev("completed", "2026-01-17", "Gulf Ledger")])
    first = due_alerts([one], {}, NOW, deadline_days=14, silence_days=30)
    assert [(a.milestone, a.words, a.state_mark) for a in first] == [
        ("mission-end", ("state",), "completed:unconfirmed")
    ]
    assert "Now completed since 17 Jan 2026" in first[0].reasons[0].text
    assert "unconfirmed" in first[0].reasons[0].text
    assert first[0].evidence_ids == tuple(e.finding_id for e in one.evidence)
    told = {"mission-end": SentMarks(last_state="completed:unconfirmed")}
    assert due_alerts([one], told, NOW, deadline_days=14, silence_days=30) == []
    two = state(
        [ev("completed", "2026-01-17", "Gulf Ledger"), ev("completed", "2026-01-18", "BBC")]
    )
    again = due_alerts([two], told, NOW, deadline_days=14, silence_days=30)
    assert [a.state_mark for a in again] == ["completed:confirmed"]
    assert again[0].reasons[0].text.startswith("Still completed since 17 Jan 2026, now confirmed")


def test_overdue_and_silence_go_out_together_once() -> None:
    overdue = state(
        [sev("step", "2026-02-23", "Tigris Wire")], milestone=SYRIA, last_mention=date(2026, 2, 25)
    )
    alerts = due_alerts([overdue], {}, NOW, deadline_days=14, silence_days=30)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.words == ("overdue", "silence")
    assert alert.state_mark == "overdue:confirmed"
    assert [r.mark for r in alert.reasons] == ["2026-09-30", "2026-02-25"]
    assert "Overdue since 30 Sep 2026" in alert.reasons[0].text
    assert "last development 23 Feb 2026" in alert.reasons[0].text
    assert "Overdue, and no article has mentioned it for 9½ months" in alert.reasons[1].text
    sent = {
        "support-end": SentMarks(
            last_state="overdue:confirmed",
            overdue=frozenset({"2026-09-30"}),
            silences=frozenset({"2026-02-25"}),
        )
    }
    assert due_alerts([overdue], sent, NOW, deadline_days=14, silence_days=30) == []
    # A new mention ends the silence; the next one is alerted again.
    later = state(
        [sev("step", "2026-02-23", "Tigris Wire")], milestone=SYRIA, last_mention=date(2026, 10, 1)
    )
    again = due_alerts([later], sent, NOW, deadline_days=14, silence_days=30)
    assert [a.words for a in again] == [("silence",)]


def test_the_deadline_is_alerted_in_its_window_and_once() -> None:
    progress = [sev("step", "2026-02-23", "Tigris Wire")]
    too_early = datetime(2026, 9, 15, tzinfo=UTC)
    window = datetime(2026, 9, 16, tzinfo=UTC)
    sent = {"support-end": SentMarks(last_state="in_progress:unconfirmed")}
    early = state(progress, too_early, SYRIA, date(2026, 9, 10))
    assert due_alerts([early], sent, too_early, deadline_days=14, silence_days=30) == []
    near = state(progress, window, SYRIA, date(2026, 9, 10))
    alerts = due_alerts([near], sent, window, deadline_days=14, silence_days=30)
    assert [(a.words, a.reasons[0].mark) for a in alerts] == [(("deadline",), "2026-09-30")]
    assert "Due 30 Sep 2026 (14 days to go), in progress" in alerts[0].reasons[0].text
    sent["support-end"] = SentMarks(
        last_state="in_progress:unconfirmed", deadlines=frozenset({"2026-09-30"})
    )
    assert due_alerts([near], sent, window, deadline_days=14, silence_days=30) == []
    assert due_alerts([near], {}, window, deadline_days=0, silence_days=0)[0].words == ("state",)


def test_nothing_to_say_for_a_first_pending_state_or_a_completed_silence() -> None:
    early = datetime(2026, 1, 1, tzinfo=UTC)
    pending = state([], early, SYRIA, date(2025, 1, 1))
    assert due_alerts([pending], {}, early, deadline_days=14, silence_days=0) == []
    done = state([ev("completed", "2025-01-17", "CENTCOM", feeds=("gov",))])
    sent = {"mission-end": SentMarks(last_state=state_mark(done))}
    assert done.last_mention == date(2025, 1, 17)
    assert due_alerts([done], sent, NOW, deadline_days=14, silence_days=30) == []
