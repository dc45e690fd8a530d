"""Digests open with where each milestone stands, and alerts follow the milestones' states:
a new state (and its confirmation), a deadline near, a milestone overdue or silent, each sent
once through the outbox, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notify_samples import COMPLETED, MILESTONES, feeds_with_failures, mention, pending
from notify_store import digest_marks, store_finding
from sqlalchemy import select

from monitor.notify.compose import compose
from monitor.notify.render import Renderer
from monitor.notify.service import compose_digest, compose_due_alerts, preview, send_pending
from monitor.state.derive import derive
from monitor.state.model import Evidence
from monitor.store.models import Digest, MilestoneAlert
from monitor.store.session import session_scope
from tests.conftest import REPO

LATE = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
IRAQ, SYRIA = "iraq-mission-end", "syria-support-end"


class Recorder:
    name = "console"

    def __init__(self) -> None:
        self.sent = []

    def send(self, message, *, start_part=0, on_part=None):
        self.sent.append(message)
        return "ok"


def settings_for(notify_settings, db_url, **digest):
    return notify_settings(
        channels={"console": {"enabled": True}}, digest=digest or None, database_url=db_url
    )


def alerts_in(engine) -> list[tuple[str, str]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(Digest.subject, Digest.text).where(Digest.kind == "alert").order_by(Digest.id)
        ).all()
        return [(subject, text) for subject, text in rows]


def marks_in(engine) -> list[tuple[str, str, str]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(MilestoneAlert.milestone, MilestoneAlert.kind, MilestoneAlert.mark).order_by(
                MilestoneAlert.id
            )
        ).all()
        return [tuple(row) for row in rows]


# Two reports of one event in two outlets' own words (shared wording would make them copies).
TEXTS = (
    "Iraqi troops took full control of the air base after the last American soldiers left "
    "on Saturday, the defence ministry in Baghdad announced.",
    "The US-led coalition has finished its mission in federal Iraq, a Pentagon spokesman told "
    "reporters, calling the handover orderly and complete.",
)


def completion(finding_id: int, outlet: str, published: datetime, title: str | None = None):
    return pending(
        finding_id,
        title=title or f"{outlet}: the coalition's mission in Iraq has ended",
        outlet=outlet,
        facts=(COMPLETED,),
        status_change="completed",
        published=published,
        mentions=(mention(IRAQ, "The coalition's mission in Iraq has ended."),),
        text=TEXTS[finding_id % len(TEXTS)],
    )


def test_the_digest_opens_with_each_milestone_state_in_every_channel() -> None:
    evidence = [
        Evidence(
            milestone=IRAQ,
            kind="completed",
            on=datetime(2026, 1, 18).date(),
            statement="the last troops left",
            article_id=n,
            finding_id=n,
            url=f"https://news.example/{n}",
            title="Last troops leave",
            outlet=outlet,
            published=datetime(2026, 1, 18, 9, tzinfo=UTC),
        )
        for n, outlet in ((1, "Gulf Ledger"), (2, "BBC"), (3, "Defense Wire"))
    ]
    states = {m.id: derive(m, evidence, LATE) for m in MILESTONES}
    items = [pending(9, title="Troop cut", mentions=(mention(IRAQ, "Troops are cut."),))]
    digest = compose(items, MILESTONES, feeds_with_failures(), LATE, states=states)
    iraq_line = "Completed 18 Jan 2026, 3½ months after its due date; confirmed by 3 outlets"
    syria_line = (
        "Overdue since 30 Sep 2026: no report of completion, delay or extension; "
        "nothing reported yet"
    )
    assert [s.line for s in digest.states] == [iraq_line, syria_line]
    assert [s.state.state for s in digest.sections] == ["completed", "overdue"]
    rendered = Renderer(REPO / "alerts").render(digest)
    text = rendered.text
    assert text.index(iraq_line) < text.index(syria_line) < text.index("== ")
    assert "passed" not in text  # no red "passed N days ago" above a completed story
    html = rendered.html
    assert "Completed 18 Jan 2026, 3½ months after its due date" in html
    assert html.index(syria_line) < html.index("<h2")
    first = rendered.slack[0]["blocks"][1]["text"]["text"]
    assert "*Where things stand*" in first and iraq_line in first and syria_line in first


def test_overdue_and_silence_are_alerted_once(notify_settings, any_engine, db_url) -> None:
    engine = any_engine
    settings = settings_for(notify_settings, db_url)
    store_finding(
        engine,
        pending(
            1,
            title="Convoys leave Syria for the Kurdistan Region",
            milestones=(SYRIA,),
            novelty="background",
            mentions=(mention(SYRIA, "Support from Erbil continues."),),
            published=datetime(2026, 2, 23, 19, tzinfo=UTC),
        ),
    )
    first = compose_due_alerts(engine, settings, LATE)
    assert len(first) == 2  # both milestones passed their dates with no report
    subjects = [subject for subject, _ in alerts_in(engine)]
    syria = next(s for s in subjects if "Syria" in s)
    assert "overdue since 30 Sep 2026" in syria and "no mention for 9½ months" in syria
    text = next(t for s, t in alerts_in(engine) if s == syria)
    assert "Overdue, and no article has mentioned it for 9½ months (last mention 23 Feb 2026)" in (
        text
    )
    assert (SYRIA, "overdue", "2026-09-30") in marks_in(engine)
    assert (SYRIA, "silence", "2026-02-23") in marks_in(engine)
    assert (SYRIA, "state", "overdue:confirmed") in marks_in(engine)
    assert compose_due_alerts(engine, settings, LATE) == []
    assert compose_due_alerts(engine, settings, LATE + timedelta(days=3)) == []
    channel = Recorder()
    report = send_pending(engine, settings, LATE, channels={"console": channel})
    assert report.sent == 2 and len(channel.sent) == 2
    assert compose_due_alerts(engine, settings, LATE + timedelta(days=1)) == []


def test_a_new_state_travels_with_its_reports_and_a_confirmation_is_news(
    notify_settings, any_engine, db_url
) -> None:
    engine = any_engine
    settings = settings_for(notify_settings, db_url, silence_alert_days=0)
    now = datetime(2026, 1, 20, 7, 0, tzinfo=UTC)
    first_id = store_finding(engine, completion(1, "Gulf Ledger", now - timedelta(days=2)))
    made = compose_due_alerts(engine, settings, now)
    assert len(made) == 1
    subject, text = alerts_in(engine)[0]
    assert subject.startswith("Alert: Coalition military mission in Iraq ends: completed")
    assert "unconfirmed (1 outlet: Gulf Ledger)" in text
    assert "Gulf Ledger: the coalition's mission in Iraq has ended" in text  # its report
    assert digest_marks(engine)[first_id] == (None, made[0])

    second_id = store_finding(engine, completion(2, "Defense Wire", now - timedelta(days=1)))
    again = compose_due_alerts(engine, settings, now + timedelta(hours=1))
    assert len(again) == 1
    subject, text = alerts_in(engine)[1]
    assert "completed, confirmed by 2 outlets" in subject
    assert "Still completed since 18 Jan 2026, now confirmed by 2 outlets." in text
    assert digest_marks(engine)[second_id] == (None, again[0])
    assert compose_due_alerts(engine, settings, now + timedelta(hours=2)) == []

    digest_id = compose_digest(engine, settings, now + timedelta(hours=3))
    with session_scope(engine) as session:
        digest_text = session.get(Digest, digest_id).text
    assert "Sent earlier as alerts" in digest_text
    assert "Completed 18 Jan 2026, 3½ months after its due date; confirmed by 2 outlets" in (
        digest_text
    )


def test_the_deadline_is_alerted_before_it_passes(notify_settings, engine, sqlite_url) -> None:
    settings = settings_for(notify_settings, sqlite_url, deadline_alert_days=14)
    now = datetime(2025, 9, 20, 7, 0, tzinfo=UTC)
    store_finding(
        engine,
        pending(
            1,
            title="First convoy leaves Ain al-Asad",
            status_change="step",
            published=now - timedelta(days=20),
            mentions=(mention(IRAQ, "A convoy left Ain al-Asad."),),
        ),
    )
    shown = preview(engine, settings, now)
    assert [d.kind for d, _ in shown] == ["alert", "digest"]
    assert shown[0][1].subject == (
        "Alert: Coalition military mission in Iraq ends: in progress, unconfirmed "
        "(1 outlet: Example News); due in 10 days"
    )
    assert marks_in(engine) == []  # a preview stores nothing
    made = compose_due_alerts(engine, settings, now)
    assert len(made) == 1
    assert (IRAQ, "deadline", "2025-09-30") in marks_in(engine)
    assert compose_due_alerts(engine, settings, now + timedelta(days=2)) == []
    # Past the date with only a step reported: overdue, alerted once more.
    later = compose_due_alerts(engine, settings, datetime(2025, 10, 2, tzinfo=UTC))
    assert len(later) == 1
    assert "overdue since 30 Sep 2025" in alerts_in(engine)[-1][0]
