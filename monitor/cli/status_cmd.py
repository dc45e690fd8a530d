"""`monitor status [--json] [--milestone ID]`: where each commitment stands, and when the next
digest is due.

Read-only. With --json, one object per milestone per line (a contract other tools read):
id, title, due (as configured), effective_due (ISO date), state, state_since, confirmed,
outlets, evidence (url, title, outlet, published, sentence), last_mention, history (date,
state or event, url); plus official, line, last_development and, per item, a few more fields.
Without it, a short table and each milestone's state line; with --milestone, also its
evidence and history.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import click

from monitor.cli import cli
from monitor.cli.context import AppContext
from monitor.state.describe import day, label, state_line
from monitor.state.load import current_states
from monitor.state.model import Evidence, HistoryItem, MilestoneState
from monitor.store.session import session_scope


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()


def evidence_json(item: Evidence) -> dict[str, Any]:
    return {
        "url": item.url,
        "title": item.title,
        "outlet": item.outlet,
        "published": _iso(item.published),
        "sentence": item.sentence or item.statement,
        "statement": item.statement,
        "date": _iso(item.on),
    }


def history_json(item: HistoryItem) -> dict[str, Any]:
    return {
        "date": _iso(item.on),
        "state": item.state,
        "event": item.event,
        "statement": item.statement,
        "url": item.url,
        "outlet": item.outlet,
        "partial": item.partial,
        "new_due": item.new_due,
    }


def status_json(state: MilestoneState, now: datetime) -> dict[str, Any]:
    """The JSON contract of `status --json` for one milestone."""
    last = state.last_development
    return {
        "id": state.milestone,
        "title": state.title,
        "due": state.due,
        "effective_due": _iso(state.effective_due),
        "state": state.state,
        "state_since": _iso(state.since),
        "confirmed": state.confirmed,
        "official": state.official,
        "outlets": state.outlets,
        "line": state_line(state, now),
        "evidence": [evidence_json(e) for e in state.evidence],
        "last_mention": _iso(state.last_mention),
        "last_development": history_json(last) if last else None,
        "history": [history_json(h) for h in state.history],
    }


@cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per milestone per line.")
@click.option("--milestone", "milestone", metavar="ID", default=None, help="Only this milestone.")
@click.pass_obj
def status_command(app: AppContext, as_json: bool, milestone: str | None) -> None:
    """Show where each milestone stands: its state and since when, whether it is confirmed,
    the evidence, the last mention, and when the next digest is due."""
    settings = app.settings
    settings.milestone_ids(milestone)  # an unknown id is a usage error before anything else
    now = datetime.now(UTC)
    with session_scope(app.read_engine) as session:
        states = current_states(session, settings, now, only=milestone)
    if as_json:
        for state in states.values():
            click.echo(json.dumps(status_json(state, now), ensure_ascii=False))
        return
    click.echo(status_table(list(states.values()), now), nl=False)
    if milestone is not None:
        click.echo(details(states[milestone]), nl=False)
    click.echo(f"\nNext digest: {_next_digest(app, now)}")


def status_table(states: list[MilestoneState], now: datetime) -> str:
    """The table a person reads at a glance: one row per milestone, its state line below."""
    header = ("milestone", "state", "since", "due", "outlets", "last mention")
    rows = [header]
    for s in states:
        word = label(s.state).lower()
        if s.state not in ("pending", "overdue"):
            word += ", confirmed" if s.confirmed else ", unconfirmed"
        due = s.due if s.effective_due_text == s.due else f"{s.due} -> {s.effective_due_text}"
        rows.append(
            (
                s.milestone,
                word,
                _iso(s.since) or "-",
                due,
                str(s.outlets) if s.state not in ("pending", "overdue") else "-",
                _iso(s.last_mention) or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n:
            state = states[n - 1]
            lines.append(f"    {state.title}")
            lines.append(f"    {state_line(state, now)}")
    return "\n".join(lines) + "\n"


def details(state: MilestoneState) -> str:
    """The evidence and the history of one milestone."""
    out = ["", f"Evidence behind '{label(state.state).lower()}':"]
    if not state.evidence:
        out.append("  (none: the calendar decides this state)")
    for e in state.evidence:
        out.append(f"  {_iso(e.on)}  {e.outlet}: {e.title}")
        out.append(f"      {e.url}")
    out.append("")
    out.append("History:")
    if not state.history:
        out.append("  (nothing reported)")
    for h in state.history:
        what = h.event or "calendar"
        partial = " (partial)" if h.partial else ""
        source = f" [{h.outlet}]" if h.outlet else ""
        became = f"  => {h.state}" if h.state else ""
        out.append(f"  {_iso(h.on)}  {what}{partial}: {h.statement}{source}{became}")
    return "\n".join(out) + "\n"


def _next_digest(app: AppContext, now: datetime) -> str:
    from monitor.schedule import DIGEST_MARK, next_digest_at
    from monitor.store.locks import get_mark

    schedule = app.settings.schedule
    at = next_digest_at(
        schedule.digest_cron, schedule.timezone, get_mark(app.read_engine, DIGEST_MARK), now
    )
    when = "due now (with the next cycle)" if at <= now else f"{day(at)} {at:%H:%M} UTC"
    return f"{when}; schedule.digest_cron {schedule.digest_cron!r} ({schedule.timezone})"
