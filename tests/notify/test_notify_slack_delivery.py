"""Slack delivery through the outbox against a local HTTP server standing in for the webhook:
200 "ok", 500, 429 with Retry-After (short: waited out; long: left to the outbox), and an
answer slower than the timeout. Each failure keeps the digest; recovery delivers it once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from notify_samples import NOW, pending, rich_findings
from notify_servers import SlackReply, slack_server
from notify_store import deliveries, store_findings

from monitor.notify.service import compose_digest, send_pending
from monitor.notify.slack import SlackChannel, retry_after_seconds


def slack_settings(notify_settings, url: str, timeout: float = 2):
    return notify_settings(
        channels={"slack": {"enabled": True, "timeout_seconds": timeout}},
        env={"MONITOR_CHANNELS__SLACK__WEBHOOK_URL": url},
    )


def test_digest_posted_once_as_block_kit(notify_settings, engine):
    with slack_server() as server:
        settings = slack_settings(notify_settings, server.url)
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        report = send_pending(engine, settings, NOW)
        assert (report.sent, report.failed, report.pending) == (1, 0, 0)
        assert report.answers[0][2] == "200 ok"
        send_pending(engine, settings, NOW + timedelta(hours=1), ignore_backoff=True)
        assert compose_digest(engine, settings, NOW + timedelta(hours=1)) is None
    [payload] = server.accepted
    assert payload["unfurl_links"] is False
    assert payload["text"].startswith("Milestone digest")
    texts = [b["text"]["text"] for b in payload["blocks"] if b["type"] == "section"]
    assert any("troops: about 2,500 in the baseline → fewer than 2,000" in t for t in texts)
    assert any("<https://news.example/1|US to cut troops" in t for t in texts)


@pytest.mark.parametrize(
    ("reply", "expected", "state"),
    [
        (SlackReply(500, "internal_error"), "Slack answered 500 internal_error", "failed"),
        (SlackReply(404, "no_service"), "Slack answered 404 no_service", "failed"),
        # The body left, the answer came too late: it may have been posted.
        (SlackReply(200, "ok", delay=2.5), "no answer within 1 s", "unknown"),
    ],
    ids=["500", "404", "slow"],
)
def test_failure_then_recovery_delivers_once(notify_settings, engine, reply, expected, state):
    with slack_server() as server:
        settings = slack_settings(notify_settings, server.url, timeout=1)
        server.default = reply
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        report = send_pending(engine, settings, NOW)
        assert (report.sent, report.failed, report.pending) == (0, 1, 1)
        assert expected in report.errors[0][2]
        assert "secretpart" not in report.errors[0][2]
        assert deliveries(engine)[0]["state"] == state
        assert server.accepted == []

        server.default = SlackReply()
        report = send_pending(engine, settings, NOW + timedelta(minutes=1))
        assert (report.sent, report.pending) == (1, 0)
        send_pending(engine, settings, NOW + timedelta(minutes=2), ignore_backoff=True)
        assert len(server.accepted) == 1


def test_short_retry_after_is_waited_out_in_place(notify_settings, engine):
    with slack_server() as server:
        settings = slack_settings(notify_settings, server.url)
        server.script = [SlackReply(429, "rate_limited", {"Retry-After": "1"})]
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        report = send_pending(engine, settings, NOW)
        assert (report.sent, report.failed) == (1, 0)
        assert server.requests == 2 and len(server.accepted) == 1


def test_long_retry_after_is_honoured_by_the_outbox(notify_settings, engine):
    with slack_server() as server:
        settings = slack_settings(notify_settings, server.url)
        server.default = SlackReply(429, "rate_limited", {"Retry-After": "600"})
        store_findings(engine, rich_findings())
        compose_digest(engine, settings, NOW)
        report = send_pending(engine, settings, NOW)
        assert report.failed == 1 and "429 rate_limited" in report.errors[0][2]
        # Backoff alone would allow a retry after one minute; the server asked for ten.
        assert deliveries(engine)[0]["next_attempt_at"] == NOW + timedelta(minutes=10)
        server.default = SlackReply()
        assert send_pending(engine, settings, NOW + timedelta(minutes=9)).sent == 0
        assert send_pending(engine, settings, NOW + timedelta(minutes=10)).sent == 1
        assert len(server.accepted) == 1


def test_a_long_digest_resumes_after_the_parts_already_posted(notify_settings, engine):
    many = [
        pending(
            100 + i,
            title=f"Distinct development number {i} in province {i * 7}",
            text=f"Unrelated report {i} " + " ".join(f"word{i}x{j}" for j in range(30)),
        )
        for i in range(70)
    ]
    with slack_server() as server:
        settings = slack_settings(notify_settings, server.url)
        store_findings(engine, many)
        compose_digest(engine, settings, NOW)
        channel = SlackChannel(settings.channels.slack, min_gap_seconds=0)
        server.script = [SlackReply(), SlackReply(500, "internal_error")]
        report = send_pending(engine, settings, NOW, channels={"slack": channel})
        assert report.failed == 1 and "(part 2/" in report.errors[0][2]
        assert deliveries(engine)[0]["parts_sent"] == 1
        assert len(server.accepted) == 1

        report = send_pending(
            engine, settings, NOW + timedelta(minutes=5), channels={"slack": channel}
        )
        assert report.sent == 1
    total = len(server.accepted)
    assert total >= 2
    labels = [p["text"].rsplit("(part ", 1)[1] for p in server.accepted]
    assert labels == [f"{n}/{total})" for n in range(1, total + 1)]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), (" 5 ", 5.0), ("-3", 0.0), ("soon", None), (None, None)],
)
def test_retry_after_header(header, seconds):
    assert retry_after_seconds(header, NOW) == seconds


def test_retry_after_as_http_date():
    assert retry_after_seconds("Sun, 12 Oct 2025 07:02:00 GMT", NOW) == 120.0
