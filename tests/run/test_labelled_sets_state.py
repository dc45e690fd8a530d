"""All the reporting of the labelled sets (the demo replay and the development set) replayed
through `monitor run --once`, on SQLite and PostgreSQL: where each commitment stands, the
alerts it raised, and that neither the next cycle nor `monitor reanalyse` changes them.

What the reporting shows: the first phase of the transition was declared complete around the
handover of Ain al-Asad (December 2025 to January 2026), months after its due date; the last
reports on the second phase are from February and March 2026, and its date (September 2026)
has passed with no report of its end. The run uses the real clock, which is past that date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from labelled_sets import build_site, monitor, statuses, write_config
from sqlalchemy import create_engine, select

from monitor.demo import serve_replay
from monitor.store.models import Delivery, Digest
from tests.conftest import fresh_postgres_database

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

IRAQ, SYRIA = "iraq-mission-end", "syria-support-end"
STATE_FIELDS = (
    "state",
    "state_since",
    "confirmed",
    "official",
    "outlets",
    "effective_due",
    "last_mention",
)


@dataclass
class Replay:
    runs: list[object]
    first: dict[str, dict[str, object]]
    after_reanalyse: dict[str, dict[str, object]]
    alerts: list[list[tuple[str, str]]]  # (subject, text) of every alert, after each step
    deliveries: list[int]
    reanalysed: object
    console: str


def alerts_in(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(Digest.subject, Digest.text)
                .where(Digest.kind == "alert")
                .order_by(Digest.id)
            ).all()
            return [(s, t) for s, t in rows]
    finally:
        engine.dispose()


def sent_deliveries(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Delivery.id).where(Delivery.state == "sent")).all()
            return len(rows)
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def replay(request, tmp_path_factory) -> Iterator[Replay]:
    folder = tmp_path_factory.mktemp(f"labelled-{request.param}")
    if request.param == "sqlite":
        yield replayed(folder, f"sqlite:///{folder / 'monitor.db'}")
        return
    with fresh_postgres_database() as url:
        yield replayed(folder, url)


def replayed(folder: Path, url: str) -> Replay:
    """Two cycles, a re-analysis, a third cycle; what each left behind."""
    site = build_site(folder / "site")
    with serve_replay(site) as feed_url:
        config = write_config(folder, url, feed_url)
        runs, alerts, deliveries = [], [], []
        runs.append(monitor(config, "run", "--once"))
        first = statuses(config)
        alerts.append(alerts_in(url))
        deliveries.append(sent_deliveries(url))
        runs.append(monitor(config, "run", "--once"))
        alerts.append(alerts_in(url))
        deliveries.append(sent_deliveries(url))
        reanalysed = monitor(config, "reanalyse")
        after = statuses(config)
        runs.append(monitor(config, "run", "--once"))
        alerts.append(alerts_in(url))
        deliveries.append(sent_deliveries(url))
    console = (folder / "console.txt").read_text(encoding="utf-8")
    return Replay(runs, first, after, alerts, deliveries, reanalysed, console)


def test_every_cycle_runs_cleanly(replay: Replay) -> None:
    for run in [*replay.runs, replay.reanalysed]:
        assert run.returncode == 0, run.stderr  # type: ignore[attr-defined]
        assert "Traceback" not in run.stderr  # type: ignore[attr-defined]
    assert "new entries 123" in replay.runs[0].stderr  # type: ignore[attr-defined]


def test_iraq_mission_end_is_completed_and_confirmed_on_the_handover_reporting(
    replay: Replay,
) -> None:
    iraq = replay.first[IRAQ]
    assert iraq["state"] == "completed"
    assert iraq["confirmed"] is True
    assert iraq["outlets"] >= 2  # type: ignore[operator]
    since = date.fromisoformat(str(iraq["state_since"]))
    assert date(2025, 11, 1) <= since <= date(2026, 1, 31), since
    assert len(iraq["evidence"]) >= 2  # type: ignore[arg-type]
    outlets = {e["outlet"] for e in iraq["evidence"]}  # type: ignore[union-attr]
    assert len(outlets) >= 2
    assert all(e["url"] and e["sentence"] for e in iraq["evidence"])  # type: ignore[union-attr]
    assert iraq["due"] == "2025-09" and iraq["effective_due"] == "2025-09-30"


def test_syria_support_end_is_overdue_with_its_last_mention_in_february_or_march_2026(
    replay: Replay,
) -> None:
    syria = replay.first[SYRIA]
    last = str(syria["last_mention"])
    assert last[:7] in ("2026-02", "2026-03"), last
    assert syria["state"] == "overdue"
    assert syria["state_since"] == "2026-09-30"


def test_syria_support_end_was_last_mentioned_in_february_or_march_2026(replay: Replay) -> None:
    last = str(replay.first[SYRIA]["last_mention"])
    assert last[:7] in ("2026-02", "2026-03"), last


def test_one_overdue_alert_went_out_and_is_not_repeated(replay: Replay) -> None:
    for step in replay.alerts:
        overdue = [s for s, _ in step if "overdue" in s.lower()]
        assert len(overdue) == 1, overdue
    subject, text = next((s, t) for s, t in replay.alerts[0] if "overdue" in s.lower())
    assert "Support to counter-ISIS operations in Syria" in subject
    assert "last development" in text


def test_alerts_go_out_once_and_neither_the_next_cycle_nor_reanalyse_repeats_them(
    replay: Replay,
) -> None:
    first, second, third = replay.alerts
    assert first, "the first cycle alerts at least the completion of iraq-mission-end"
    assert any("Coalition military mission in Iraq ends: completed" in s for s, _ in first)
    assert second == first
    assert third == first
    assert replay.deliveries[0] == replay.deliveries[1] == replay.deliveries[2]


def test_reanalyse_leaves_the_states_as_they_were(replay: Replay) -> None:
    for milestone in (IRAQ, SYRIA):
        before, after = replay.first[milestone], replay.after_reanalyse[milestone]
        assert {k: before[k] for k in STATE_FIELDS} == {k: after[k] for k in STATE_FIELDS}
        assert [e["url"] for e in before["evidence"]] == [  # type: ignore[union-attr]
            e["url"]
            for e in after["evidence"]  # type: ignore[union-attr]
        ]
    assert "0 state change(s)" in replay.reanalysed.stderr  # type: ignore[attr-defined]


def test_the_digest_opens_with_where_each_milestone_stands(replay: Replay) -> None:
    digest = replay.console.split("MILESTONE DIGEST", 1)[1]
    head = digest.split("== ", 1)[0]
    assert "Where things stand:" in head
    assert "- Coalition military mission in Iraq ends: Completed " in head
    assert "after its due date; confirmed by" in head
    assert "- Support to counter-ISIS operations in Syria from Iraq continues: " in head
