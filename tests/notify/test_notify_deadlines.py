"""Delivery under slow and late servers, against real servers on 127.0.0.1: an SMTP server that
drips its banner, an SMTP server and a Slack webhook that take the message and answer after the
deadline. Every attempt ends at its deadline, a stuck channel does not hold up another, an
attempt whose outcome is unknown is tried once more and never again, with the same message,
and one message's trouble does not hold back the rest of its channel's queue."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from notify_samples import COMPLETED, NOW, pending, rich_findings
from notify_servers import SlackReply, dripping_smtp, slack_server, smtp_server
from notify_store import deliveries, known_facts, store_findings

from monitor.errors import DeliveryError
from monitor.logs import register_secret
from monitor.notify.attempt import GRACE_SECONDS
from monitor.notify.outbox import LEASE
from monitor.notify.service import compose_digest, compose_due_alerts, send_pending
from monitor.store import digests as store
from monitor.store.session import session_scope


def email(port: int, timeout: float) -> dict[str, object]:
    return {
        "enabled": True,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "security": "none",
        "sender": "Milestone Monitor <monitor@example.org>",
        "recipients": ["desk@example.org"],
        "timeout_seconds": timeout,
    }


def test_a_dripping_banner_ends_at_the_deadline_and_other_channels_go_on(
    notify_settings, engine, tmp_path
):
    console = tmp_path / "digests.txt"
    with dripping_smtp(every=0.3) as drip:
        settings = notify_settings(
            channels={
                "console": {"enabled": True, "path": str(console)},
                "email": email(drip.port, timeout=2),
            }
        )
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        started = time.time()
        report = send_pending(engine, settings, NOW)
        took = time.time() - started
    assert drip.connections == 1
    assert (report.sent, report.failed, report.unknown) == (1, 1, 0)
    rows = {row["channel"]: row for row in deliveries(engine)}
    assert rows["console"]["state"] == "sent"
    assert rows["email"]["state"] == "failed"
    assert "timed out: no answer within 2s" in rows["email"]["last_error"]
    # The whole attempt is bounded (a per-read timeout never fires on a dripping banner) ...
    assert took < 2 + GRACE_SECONDS + 1.5, f"took {took:.1f}s"
    # ... and the console did not wait for the email.
    assert console.stat().st_mtime - started < 1.5


def test_smtp_that_answers_after_the_deadline_gets_each_message_at_most_twice(
    notify_settings, engine
):
    with smtp_server("late", late_seconds=4) as server:
        settings = notify_settings(channels={"email": email(server.port, timeout=1)})
        completed = pending(900, title="Completed", facts=(COMPLETED,), status_change="completed")
        store_findings(engine, [completed, *rich_findings()])
        [alert] = compose_due_alerts(engine, settings, NOW)
        digest = compose_digest(engine, settings, NOW)

        first = send_pending(engine, settings, NOW)
        # Both messages were tried: the slow first one did not hold back the second.
        assert (first.sent, first.failed, first.unknown) == (0, 2, 2)
        assert [d for d, _, _ in first.errors] == [alert, digest]
        assert all("outcome unknown" in error for _, _, error in first.errors)
        assert {row["state"] for row in deliveries(engine)} == {"unknown"}
        assert len(server.messages) == 2

        second = send_pending(engine, settings, NOW + timedelta(minutes=5))
        assert (second.sent, second.unknown) == (0, 2)
        assert {row["state"] for row in deliveries(engine)} == {"unconfirmed"}
        assert len(server.messages) == 4

        # Never again, not even by hand; nothing is left pending.
        third = send_pending(engine, settings, NOW + timedelta(days=1), ignore_backoff=True)
        assert (third.sent, third.failed, third.pending) == (0, 0, 0)
        assert len(server.messages) == 4
    ids = [m["Message-ID"] for m in server.messages]
    assert ids[0] == ids[2] and ids[1] == ids[3] and ids[0] != ids[1]
    # Given up as unconfirmed, the digests count as delivered: their facts are known.
    assert ("iraq-mission-end", "troops:<2000") in known_facts(engine)


def test_an_unknown_outcome_then_an_answer_is_sent_once_more_only(notify_settings, engine):
    with smtp_server("late", late_seconds=3) as server:
        settings = notify_settings(channels={"email": email(server.port, timeout=1)})
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        assert send_pending(engine, settings, NOW).unknown == 1
        server.handler.mode = "accept"
        again = send_pending(engine, settings, NOW + timedelta(minutes=5))
        assert again.sent == 1
        assert (
            send_pending(engine, settings, NOW + timedelta(days=1), ignore_backoff=True).sent == 0
        )
    assert len(server.messages) == 2
    assert server.messages[0]["Message-ID"] == server.messages[1]["Message-ID"]
    assert deliveries(engine)[0]["state"] == "sent"


def test_slack_that_answers_after_the_deadline_posts_at_most_twice(notify_settings, engine):
    with slack_server() as server:
        server.default = SlackReply(200, "ok", delay=3, keep=True)
        settings = notify_settings(
            channels={"slack": {"enabled": True, "timeout_seconds": 1}},
            env={"MONITOR_CHANNELS__SLACK__WEBHOOK_URL": server.url},
        )
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        for hours in range(4):
            send_pending(engine, settings, NOW + timedelta(hours=hours), ignore_backoff=True)
        assert server.requests == 2 and len(server.accepted) == 2
    [row] = deliveries(engine)
    assert row["state"] == "unconfirmed" and row["attempts"] == 2
    assert "secretpart" not in (row["last_error"] or "")


def test_a_stop_ends_an_attempt_in_hand_at_once(notify_settings, engine):
    with dripping_smtp(every=0.5) as drip:
        settings = notify_settings(channels={"email": email(drip.port, timeout=60)})
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        stop = threading.Event()
        threading.Timer(0.5, stop.set).start()
        started = time.monotonic()
        report = send_pending(engine, settings, NOW, stop=stop)
        took = time.monotonic() - started
    assert took < 0.5 + GRACE_SECONDS + 1, f"took {took:.1f}s"
    assert report.failed == 1
    [row] = deliveries(engine)
    assert row["state"] == "failed"
    assert "stopped by a signal: the message was not sent" in row["last_error"]


def test_a_sender_that_died_mid_attempt_counts_as_an_unknown_outcome(
    notify_settings, any_engine, db_url
):
    engine = any_engine
    with smtp_server("accept") as server:
        settings = notify_settings(
            channels={"email": email(server.port, timeout=5)}, database_url=db_url
        )
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        [due] = _due(engine)
        # A process claims the delivery, then is killed before it could mark anything.
        with session_scope(engine) as session:
            assert store.claim_delivery(session, due.id, NOW, NOW + LEASE) is not None
        assert send_pending(engine, settings, NOW + timedelta(minutes=1)).sent == 0  # held
        # Its lease expires: that attempt's outcome is unknown; one more attempt goes out.
        after = send_pending(engine, settings, NOW + LEASE + timedelta(seconds=1))
        assert after.sent == 1 and len(server.messages) == 1
        assert deliveries(engine)[0]["state"] == "sent"


def test_two_attempts_of_unknown_outcome_end_the_retries(notify_settings, any_engine, db_url):
    engine = any_engine
    with smtp_server("late", late_seconds=3) as server:
        settings = notify_settings(
            channels={"email": email(server.port, timeout=1)}, database_url=db_url
        )
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        assert send_pending(engine, settings, NOW).unknown == 1
        [due] = _due(engine, NOW + timedelta(minutes=5))
        # The retry's sender dies mid-attempt: the second unknown outcome.
        later = NOW + timedelta(minutes=5)
        with session_scope(engine) as session:
            assert store.claim_delivery(session, due.id, later, later + LEASE) is not None
        server.handler.mode = "accept"
        report = send_pending(engine, settings, later + LEASE + timedelta(seconds=1))
        assert (report.sent, report.unknown) == (0, 1)
        assert len(server.messages) == 1
    assert deliveries(engine)[0]["state"] == "unconfirmed"


def test_a_channel_that_raises_something_unexpected_fails_alone_in_one_line(
    notify_settings, engine, tmp_path
):
    secret = "xoxb-unexpected-s3cr3t-value"
    register_secret(secret)

    class Broken:
        name = "email"

        def send(self, message, *, start_part=0, on_part=None):
            raise RuntimeError(f"library surprise with {secret}\nand a second line")

    settings = notify_settings(
        channels={
            "console": {"enabled": True, "path": str(tmp_path / "digests.txt")},
            "email": email(9, timeout=1),
        }
    )
    store_findings(engine, rich_findings())
    compose_digest(engine, settings, NOW)
    report = send_pending(engine, settings, NOW, channels={"email": Broken()})
    assert (report.sent, report.failed) == (1, 1)
    [(_, channel, error)] = report.errors
    assert channel == "email"
    assert error == "unexpected error: RuntimeError: library surprise with ***"
    assert (tmp_path / "digests.txt").exists()


def _due(engine, now=NOW):
    with session_scope(engine) as session:
        return store.due_deliveries(session, now, ignore_backoff=False)


@pytest.mark.parametrize("exc", [DeliveryError("refused", reached=True), OSError("reset")])
def test_errors_keep_their_kind(exc):
    # DeliveryError keeps `reached`; a bare OSError from a channel is "unexpected".
    from monitor.notify.attempt import run_attempt

    def send():
        raise exc

    with pytest.raises(DeliveryError) as caught:
        run_attempt(send, seconds=5)
    assert caught.value.reached is isinstance(exc, DeliveryError)
