"""The outbox on SQLite and PostgreSQL: one digest per set of findings, each delivery sent once,
failures retried with capped backoff, alerts not repeated, facts known once delivered."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from notify_samples import COMPLETED, NOW, TROOPS, pending, rich_findings
from notify_store import (
    deliveries,
    digest_count,
    digest_marks,
    known_facts,
    store_feed,
    store_finding,
    store_findings,
)

from monitor.errors import DeliveryError
from monitor.notify.message import Outgoing
from monitor.notify.outbox import LEASE, retry_delay
from monitor.notify.service import compose_digest, compose_due_alerts, preview, send_pending
from monitor.store import digests as store
from monitor.store.findings import save_finding
from monitor.store.session import session_scope


class Recorder:
    """A channel that records what it sent, or refuses while `down`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: list[Outgoing] = []
        self.down = False

    def send(self, message, *, start_part=0, on_part=None):
        if self.down:
            raise DeliveryError(f"{self.name} is down", retry_after=None)
        self.sent.append(message)
        if on_part:
            on_part(message.part_count)
        return f"{self.name} ok {len(self.sent)}"


def two_channels(notify_settings, db_url, tmp_path, **digest):
    settings = notify_settings(
        channels={
            "console": {"enabled": True, "path": str(tmp_path / "digests.txt")},
            "email": {"enabled": True, "smtp_host": "127.0.0.1", "recipients": ["a@example.org"]},
        },
        digest=digest or None,
        database_url=db_url,
    )
    return settings, {"console": Recorder("console"), "email": Recorder("email")}


@pytest.mark.parametrize(
    ("attempts", "cap", "retry_after", "minutes"),
    [
        (1, 360, None, 1),
        (2, 360, None, 2),
        (5, 360, None, 16),
        (9, 360, None, 256),
        (10, 360, None, 360),
        (400, 360, None, 360),
        (1, 360, 600, 10),
        (5, 360, 30, 16),
        (1, 60, 86400, 60),
    ],
)
def test_retry_delay_is_capped_exponential_and_honours_retry_after(
    attempts, cap, retry_after, minutes
):
    assert retry_delay(attempts, cap, retry_after) == timedelta(minutes=minutes)


def test_compose_and_send_are_idempotent(notify_settings, any_engine, db_url, tmp_path):
    engine = any_engine
    settings, channels = two_channels(notify_settings, db_url, tmp_path)
    store_findings(engine, rich_findings())
    first = compose_digest(engine, settings, NOW)
    assert first is not None
    assert compose_digest(engine, settings, NOW) is None
    assert compose_digest(engine, settings, NOW + timedelta(hours=1)) is None
    assert digest_count(engine) == 1
    assert [(d["channel"], d["state"]) for d in deliveries(engine)] == [
        ("email", "pending"),
        ("console", "pending"),
    ]
    for _ in range(3):
        send_pending(engine, settings, NOW, channels=channels)
        send_pending(
            engine, settings, NOW + timedelta(days=1), ignore_backoff=True, channels=channels
        )
    assert [len(c.sent) for c in channels.values()] == [1, 1]
    assert {d["state"] for d in deliveries(engine)} == {"sent"}
    # New findings later make a new digest for them alone.
    store_finding(engine, pending(9, title="Later news", facts=(COMPLETED,)))
    second = compose_digest(engine, settings, NOW + timedelta(days=1))
    assert second is not None and second != first
    assert digest_marks(engine)[max(digest_marks(engine))] == (second, None)


def test_a_channel_down_delays_only_itself_and_facts_wait_for_all(
    notify_settings, any_engine, db_url, tmp_path, caplog
):
    engine = any_engine
    settings, channels = two_channels(
        notify_settings, db_url, tmp_path, max_attempts_before_alarm=2
    )
    channels["email"].down = True
    store_findings(engine, rich_findings())
    compose_digest(engine, settings, NOW)
    report = send_pending(engine, settings, NOW, channels=channels)
    assert (report.sent, report.failed, report.pending) == (1, 1, 1)
    assert report.errors[0][1:] == ("email", "email is down")
    assert known_facts(engine) == set()  # not delivered everywhere yet

    caplog.set_level(logging.INFO, logger="monitor.notify.outbox")
    at = NOW
    for _ in range(3):
        at += timedelta(hours=7)
        send_pending(engine, settings, at, channels=channels)
    email = next(d for d in deliveries(engine) if d["channel"] == "email")
    assert email["attempts"] == 4 and email["state"] == "failed"
    assert email["next_attempt_at"] == at + timedelta(minutes=8)
    alarms = [r for r in caplog.records if "alarm=repeated_failures" in r.getMessage()]
    assert [r.levelno for r in alarms] == [logging.WARNING, logging.WARNING]

    channels["email"].down = False
    send_pending(engine, settings, at + timedelta(minutes=8), channels=channels)
    assert [len(c.sent) for c in channels.values()] == [1, 1]
    assert ("iraq-mission-end", "troops:<2000") in known_facts(engine)
    assert ("syria-support-end", "step:arrive:erbil") in known_facts(engine)


def test_a_claim_keeps_a_second_sender_away_until_its_lease_ends(
    notify_settings, any_engine, db_url, tmp_path
):
    engine = any_engine
    settings, channels = two_channels(notify_settings, db_url, tmp_path)
    store_findings(engine, rich_findings())
    compose_digest(engine, settings, NOW)
    with session_scope(engine) as session:
        due = store.due_deliveries(session, NOW, ignore_backoff=False)
    with session_scope(engine) as session:
        assert store.claim_delivery(session, due[0].id, NOW, NOW + LEASE) is not None
    with session_scope(engine) as session:
        assert store.claim_delivery(session, due[0].id, NOW, NOW + LEASE) is None
    # The first sender "died" holding the claim: a run by hand still leaves it alone …
    send_pending(
        engine, settings, NOW + timedelta(minutes=1), ignore_backoff=True, channels=channels
    )
    assert len(channels["email"].sent) == 0 and len(channels["console"].sent) == 1
    # … until the lease ends: then it is sent, once.
    send_pending(engine, settings, NOW + LEASE, channels=channels)
    send_pending(engine, settings, NOW + LEASE * 2, ignore_backoff=True, channels=channels)
    assert [len(c.sent) for c in channels.values()] == [1, 1]


def test_immediate_alert_then_digest_without_repeating_it(
    notify_settings, any_engine, db_url, tmp_path
):
    engine = any_engine
    settings, channels = two_channels(notify_settings, db_url, tmp_path)
    ids = store_findings(
        engine,
        [
            pending(
                1,
                title="Coalition says Iraq mission completed",
                facts=(COMPLETED,),
                status_change="completed",
            ),
            pending(2, title="Troop cut", facts=(TROOPS,)),
        ],
    )
    alerts = compose_due_alerts(engine, settings, NOW)
    assert len(alerts) == 1
    assert compose_due_alerts(engine, settings, NOW) == []
    assert digest_marks(engine)[ids[0]] == (None, alerts[0])
    send_pending(engine, settings, NOW, channels=channels)
    alert_message = channels["email"].sent[0]
    assert alert_message.kind == "alert" and alert_message.subject.startswith("Alert:")
    assert ("iraq-mission-end", "status:completed") in known_facts(engine)

    digest_id = compose_digest(engine, settings, NOW + timedelta(hours=1))
    send_pending(engine, settings, NOW + timedelta(hours=1), channels=channels)
    text = channels["email"].sent[1].text
    assert "Troop cut" in text
    assert "Sent earlier as alerts" in text and "1 new story" in text
    assert digest_marks(engine) == {ids[0]: (digest_id, alerts[0]), ids[1]: (digest_id, None)}


def test_alerts_can_be_switched_off(notify_settings, engine, sqlite_url, tmp_path):
    settings, _ = two_channels(notify_settings, sqlite_url, tmp_path, immediate_alerts=False)
    store_finding(
        engine, pending(1, title="Completed", facts=(COMPLETED,), status_change="completed")
    )
    assert compose_due_alerts(engine, settings, NOW) == []
    digest_id = compose_digest(engine, settings, NOW)
    assert digest_id is not None and digest_count(engine, "alert") == 0


def test_a_change_already_delivered_is_not_alerted_again(
    notify_settings, engine, sqlite_url, tmp_path
):
    settings, channels = two_channels(notify_settings, sqlite_url, tmp_path)
    store_finding(
        engine, pending(1, title="Completed", facts=(COMPLETED,), status_change="completed")
    )
    compose_due_alerts(engine, settings, NOW)
    send_pending(engine, settings, NOW, channels=channels)
    store_finding(
        engine, pending(2, title="Also completed", facts=(COMPLETED,), status_change="completed")
    )
    assert compose_due_alerts(engine, settings, NOW + timedelta(hours=1)) == []


def test_empty_periods(notify_settings, engine, sqlite_url, tmp_path):
    settings, channels = two_channels(notify_settings, sqlite_url, tmp_path)
    assert compose_digest(engine, settings, NOW) is None
    loud, _ = two_channels(notify_settings, sqlite_url, tmp_path, send_empty=True)
    first = compose_digest(engine, loud, NOW)
    assert first is not None
    assert compose_digest(engine, loud, NOW + timedelta(hours=2)) is None  # one a day
    assert compose_digest(engine, loud, NOW + timedelta(days=1)) is not None
    send_pending(engine, loud, NOW + timedelta(days=1), channels=channels)
    assert "nothing new" in channels["email"].sent[0].subject


def test_reanalysis_with_the_same_verdict_is_not_reported_again(
    notify_settings, engine, sqlite_url, tmp_path
):
    settings, channels = two_channels(notify_settings, sqlite_url, tmp_path)
    item = pending(1, title="Troop cut", facts=(TROOPS,))
    store_finding(engine, item)
    compose_digest(engine, settings, NOW)
    with session_scope(engine) as session:
        save_finding(session, 1, item.finding, NOW + timedelta(hours=1))
    assert compose_digest(engine, settings, NOW + timedelta(hours=2)) is None


def test_coverage_comes_from_poll_events(notify_settings, engine, sqlite_url, tmp_path):
    settings, channels = two_channels(notify_settings, sqlite_url, tmp_path)
    hour = timedelta(hours=1)
    store_feed(engine, "steady", NOW, [(NOW - hour * i, "ok", None) for i in range(1, 4)])
    store_feed(engine, "broken", NOW, [(NOW - hour * i, "failed", "HTTP 503") for i in range(1, 3)])
    store_feed(engine, "old", NOW, [(NOW - timedelta(days=30), "ok", None)])
    store_finding(engine, pending(1, title="Troop cut", facts=(TROOPS,)))
    compose_digest(engine, settings, NOW, period_start=NOW - timedelta(days=1))
    send_pending(engine, settings, NOW, channels=channels)
    text = channels["email"].sent[0].text
    assert "2 of 3 feeds polled this period." in text
    assert "- broken: failed 2 of 2 polls (HTTP 503); never succeeded" in text
    assert "Not polled this period: old" in text


def test_preview_stores_nothing(notify_settings, engine, sqlite_url, tmp_path):
    settings, _ = two_channels(notify_settings, sqlite_url, tmp_path)
    store_findings(
        engine,
        [
            pending(1, title="Completed", facts=(COMPLETED,), status_change="completed"),
            pending(2, title="Troop cut", facts=(TROOPS,)),
        ],
    )
    made = preview(engine, settings, NOW)
    assert [d.kind for d, _ in made] == ["alert", "digest"]
    periodic = made[1][0]
    assert periodic.alerted_count == 1 and periodic.story_count == 1
    assert digest_count(engine) == 0 and deliveries(engine) == []
    assert all(marks == (None, None) for marks in digest_marks(engine).values())
