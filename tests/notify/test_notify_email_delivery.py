"""Email delivery through the outbox against a real SMTP server on 127.0.0.1 (aiosmtpd).

Every failure leaves the digest undelivered in the outbox; once the server recovers, the next
run delivers it, and exactly once: the server's own count of accepted messages is checked.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from notify_samples import NOW, rich_findings
from notify_servers import (
    password_authenticator,
    self_signed_cert,
    server_tls_context,
    smtp_server,
)
from notify_store import deliveries, digest_marks, known_facts, store_findings

from monitor.errors import DeliveryError
from monitor.notify.email import EmailChannel
from monitor.notify.message import Outgoing
from monitor.notify.service import compose_digest, send_pending

RECIPIENTS = ["ops@example.org", "desk@example.org"]


def email_settings(notify_settings, port: int, **extra):
    email = {
        "enabled": True,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "security": "none",
        "sender": "Milestone Monitor <monitor@example.org>",
        "recipients": RECIPIENTS,
        "timeout_seconds": 3,
        **extra.pop("email", {}),
    }
    return notify_settings(channels={"email": email}, **extra)


def test_digest_is_sent_once_as_multipart_with_a_stable_message_id(notify_settings, engine):
    with smtp_server("accept") as server:
        settings = email_settings(notify_settings, server.port)
        store_findings(engine, rich_findings())
        digest_id = compose_digest(engine, settings, NOW)
        assert digest_id is not None

        report = send_pending(engine, settings, NOW)
        assert (report.sent, report.failed, report.pending) == (1, 0, 0)
        assert report.answers[0][2].startswith("250 2.0.0 Ok: queued as Q1")

        # Repeating both steps sends nothing more.
        assert compose_digest(engine, settings, NOW + timedelta(minutes=1)) is None
        again = send_pending(engine, settings, NOW + timedelta(minutes=1), ignore_backoff=True)
        assert (again.sent, again.failed) == (0, 0)
        assert len(server.messages) == 1

    mail = server.messages[0]
    assert mail.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in mail.get_payload()] == ["text/plain", "text/html"]
    assert mail["Message-ID"].endswith("@example.org>")
    assert mail["Message-ID"].startswith("<digest-")
    assert mail["Auto-Submitted"] == "auto-generated"
    assert server.handler.envelopes[0] == ("monitor@example.org", RECIPIENTS)
    assert "2 new stories" in mail["Subject"]
    text = mail.get_payload()[0].get_payload(decode=True).decode()
    assert "troops: about 2,500 in the baseline → fewer than 2,000" in text
    # The findings are marked, and the facts they delivered are now known.
    assert all(d == digest_id for d, _ in digest_marks(engine).values())
    assert ("iraq-mission-end", "troops:<2000") in known_facts(engine)


@pytest.mark.parametrize(
    ("mode", "expected", "state"),
    [
        ("refuse_rcpt", "550 5.1.1", "failed"),
        # Closed after the data, before the answer: the server may have queued it.
        ("drop", "outcome unknown", "unknown"),
        ("tempfail", "451 4.3.0", "failed"),
    ],
)
def test_a_failure_keeps_the_digest_then_it_is_delivered_once(
    notify_settings, engine, mode, expected, state
):
    with smtp_server(mode) as server:
        settings = email_settings(notify_settings, server.port)
        store_findings(engine, rich_findings())
        digest_id = compose_digest(engine, settings, NOW)

        report = send_pending(engine, settings, NOW)
        assert (report.sent, report.failed, report.pending) == (0, 1, 1)
        assert expected in report.errors[0][2]
        [row] = deliveries(engine)
        assert row["state"] == state and row["attempts"] == 1
        assert row["next_attempt_at"] == NOW + timedelta(minutes=1)
        assert server.messages == []

        # Not due yet: the scheduler's run leaves it alone.
        early = send_pending(engine, settings, NOW + timedelta(seconds=30))
        assert (early.sent, early.failed) == (0, 0)

        server.handler.mode = "accept"
        later = send_pending(engine, settings, NOW + timedelta(minutes=2))
        assert (later.sent, later.failed, later.pending) == (1, 0, 0)
        send_pending(engine, settings, NOW + timedelta(hours=1), ignore_backoff=True)
        assert len(server.messages) == 1
        assert deliveries(engine)[0]["state"] == "sent"
        assert deliveries(engine)[0]["digest_id"] == digest_id


def test_server_down_then_up(notify_settings, engine):
    with smtp_server("accept") as server:
        port = server.port
    settings = email_settings(notify_settings, port)  # nothing listens there any more
    store_findings(engine, rich_findings())
    compose_digest(engine, settings, NOW)
    report = send_pending(engine, settings, NOW)
    assert report.failed == 1 and "unreachable" in report.errors[0][2]

    from aiosmtpd.controller import Controller
    from notify_servers import SmtpHandler

    handler = SmtpHandler("accept")
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        report = send_pending(engine, settings, NOW + timedelta(minutes=5))
    finally:
        controller.stop()
    assert report.sent == 1 and len(handler.messages) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_login_is_required_and_used(notify_settings, engine):
    auth = password_authenticator("monitor", "s3cret-pass")
    with smtp_server(
        "accept", authenticator=auth, auth_required=True, auth_require_tls=False
    ) as server:
        wrong = email_settings(
            notify_settings,
            server.port,
            email={"username": "monitor"},
            env={"MONITOR_CHANNELS__EMAIL__PASSWORD": "wrong"},
        )
        store_findings(engine, rich_findings())
        compose_digest(engine, wrong, NOW)
        report = send_pending(engine, wrong, NOW)
        assert report.failed == 1 and "535" in report.errors[0][2]
        assert "wrong" not in report.errors[0][2]

        right = email_settings(
            notify_settings,
            server.port,
            email={"username": "monitor"},
            env={"MONITOR_CHANNELS__EMAIL__PASSWORD": "s3cret-pass"},
        )
        report = send_pending(engine, right, NOW, ignore_backoff=True)
        assert report.sent == 1 and len(server.messages) == 1
        assert "s3cret" not in (deliveries(engine)[0]["last_error"] or "")


def _outgoing() -> Outgoing:
    return Outgoing(
        key="test-20251012",
        kind="test",
        created_at=NOW,
        subject="Test",
        text="hello\n",
        html="<p>hello</p>",
        slack=[],
    )


@pytest.fixture
def certificate(tmp_path):
    made = self_signed_cert(tmp_path)
    if made is None:
        pytest.skip("openssl is not available to make a test certificate")
    return made


def test_starttls_and_implicit_tls(notify_settings, certificate):
    import ssl

    cert, key = certificate
    client_context = ssl.create_default_context(cafile=str(cert))
    with smtp_server(
        "accept", tls_context=server_tls_context(cert, key), require_starttls=True
    ) as s:
        cfg = email_settings(notify_settings, s.port, email={"security": "starttls"})
        channel = EmailChannel(cfg.channels.email, ssl_context=client_context)
        assert channel.send(_outgoing()).startswith("250")
        # Without trusting the certificate, the channel refuses to go on.
        with pytest.raises(DeliveryError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
            EmailChannel(cfg.channels.email).send(_outgoing())
        # A server that does not offer STARTTLS is not used in clear.
    with smtp_server("accept") as plain:
        cfg = email_settings(notify_settings, plain.port, email={"security": "starttls"})
        with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
            EmailChannel(cfg.channels.email, ssl_context=client_context).send(_outgoing())
        assert plain.messages == []
    assert len(s.messages) == 1

    with smtp_server("accept", ssl_context=server_tls_context(cert, key)) as implicit:
        cfg = email_settings(notify_settings, implicit.port, email={"security": "ssl"})
        channel = EmailChannel(cfg.channels.email, ssl_context=client_context)
        assert channel.send(_outgoing()).startswith("250")
        assert len(implicit.messages) == 1
