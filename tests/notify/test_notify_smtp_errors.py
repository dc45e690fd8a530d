"""SMTP failures say what happened (`monitor notify test email`, a real subprocess against real
servers on 127.0.0.1): no AUTH offered, the login refused, the connection refused, no answer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from notify_servers import free_port, password_authenticator, smtp_server

from tests.conftest import REPO


def notify_test(make_config, port: int, *, username: str | None, timeout: float = 5):
    email = {
        "enabled": True,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "security": "none",
        "sender": "monitor@example.org",
        "recipients": ["reader@example.org"],
        "timeout_seconds": timeout,
    }
    if username:
        email["username"] = username
    config: Path = make_config(channels={"email": email})
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["MONITOR_CHANNELS__EMAIL__PASSWORD"] = "pa55-w0rd-not-shown"
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "notify", "test", "email"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert "Traceback" not in result.stderr and "pa55" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    prefix = f"email (127.0.0.1:{port}, none, to reader@example.org): not sent: "
    assert lines[0].startswith(prefix), lines[0]
    return result.returncode, lines[0][len(prefix) :]


def test_a_server_without_auth_is_named_as_such(make_config) -> None:
    with smtp_server() as server:  # AUTH is offered only over TLS: not here
        code, message = notify_test(make_config, server.port, username="monitor")
    assert code == 1
    assert message.startswith(
        f"SMTP server 127.0.0.1:{server.port} offers no AUTH, so it cannot log in as monitor"
    )


def test_a_refused_login_says_so(make_config) -> None:
    with smtp_server(
        authenticator=password_authenticator("monitor", "other"), auth_require_tls=False
    ) as server:
        code, message = notify_test(make_config, server.port, username="monitor")
    assert code == 1
    assert message.startswith(
        f"SMTP server 127.0.0.1:{server.port} refused the login of monitor: 535"
    )


def test_a_refused_connection_says_so(make_config) -> None:
    port = free_port()
    code, message = notify_test(make_config, port, username=None)
    assert code == 1
    assert message == (
        f"SMTP server 127.0.0.1:{port} refused the connection (unreachable: nothing listens "
        "there; check smtp_host and smtp_port)"
    )


@contextmanager
def silent_server() -> Iterator[int]:
    """Accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()


def test_a_silent_server_times_out(make_config) -> None:
    with silent_server() as port:
        code, message = notify_test(make_config, port, username=None, timeout=1)
    assert code == 1
    assert message == (
        f"SMTP server 127.0.0.1:{port} timed out: no answer within 1s "
        "(channels.email.timeout_seconds)"
    )
