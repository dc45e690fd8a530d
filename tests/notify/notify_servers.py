"""Real servers on 127.0.0.1 for the delivery tests: an SMTP server (aiosmtpd) whose behaviour
can be switched during a test, and an HTTP server standing in for a Slack webhook."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpHandler:
    """Modes: accept, refuse_rcpt (550 for every recipient), drop (close the connection after
    the message was transmitted, before replying), tempfail (451 after DATA), late (keep the
    message, as a server that queued it, but answer only after `late_seconds`)."""

    def __init__(self, mode: str = "accept", late_seconds: float = 0.0) -> None:
        self.mode = mode
        self.late_seconds = late_seconds
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.mode == "refuse_rcpt":
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.mode == "drop":
            server.transport.close()
            return "421 closing"  # never reaches the client: the connection is gone
        if self.mode == "tempfail":
            return "451 4.3.0 Temporary failure, try again later"
        if self.mode == "late":
            self.messages.append(message_from_bytes(envelope.content))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            await asyncio.sleep(self.late_seconds)
            return f"250 2.0.0 Ok: queued as Q{len(self.messages)}"
        self.messages.append(message_from_bytes(envelope.content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return f"250 2.0.0 Ok: queued as Q{len(self.messages)}"


@dataclass
class SmtpServer:
    handler: SmtpHandler
    port: int
    controller: Controller

    @property
    def messages(self) -> list[Message]:
        return self.handler.messages


@contextmanager
def smtp_server(
    mode: str = "accept", late_seconds: float = 0.0, **kwargs: Any
) -> Iterator[SmtpServer]:
    handler = SmtpHandler(mode, late_seconds)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield SmtpServer(handler, port, controller)
    finally:
        controller.stop()


def password_authenticator(username: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == username
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False)

    return authenticate


def self_signed_cert(folder: Path) -> tuple[Path, Path] | None:
    """A certificate for 127.0.0.1/localhost and its key, made with openssl; None without it."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(key), "-out", str(cert),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return cert, key


def server_tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


# --- Slack ------------------------------------------------------------------------------------


@dataclass
class SlackReply:
    """`delay`: the answer comes that late. A slow reply stands for a server that gave up and
    posts nothing, unless `keep`: then it posted the message and only the answer is late."""

    status: int = 200
    body: str = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    keep: bool = False


class SlackServer:
    """Answers with `default` unless `script` holds replies for the next requests; records
    the JSON payload of every request it answered 200."""

    def __init__(self) -> None:
        self.default = SlackReply()
        self.script: list[SlackReply] = []
        self.accepted: list[dict[str, Any]] = []
        self.requests = 0
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/services/T000/B000/secretpart"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with server.lock:
                    server.requests += 1
                    reply = server.script.pop(0) if server.script else server.default
                if reply.keep:
                    with server.lock:
                        server.accepted.append(payload)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status == 200 and not reply.delay and not reply.keep:
                    # A slow reply stands for a server that gave up: it is not counted.
                    with server.lock:
                        server.accepted.append(payload)
                body = reply.body.encode()
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@contextmanager
def slack_server() -> Iterator[SlackServer]:
    server = SlackServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


# --- an SMTP server that drips ------------------------------------------------------------------


@dataclass
class DrippingServer:
    """Sends its SMTP banner one byte every `every` seconds, for ever; counts connections."""

    port: int
    connections: int = 0


@contextmanager
def dripping_smtp(every: float = 0.5) -> Iterator[DrippingServer]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    server = DrippingServer(listener.getsockname()[1])
    done = threading.Event()

    def drip(conn: socket.socket) -> None:
        banner = b"220 slow.example ESMTP at a snail's pace, one byte at a time for ever\r\n"
        with conn:
            for i in range(10_000):
                if done.is_set():
                    return
                try:
                    conn.sendall(banner[i % len(banner) : i % len(banner) + 1])
                except OSError:
                    return
                if done.wait(every):
                    return

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            server.connections += 1
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        done.set()
        thread.join(5)
        listener.close()
