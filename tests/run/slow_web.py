"""A slow local web for the stop and outage tests: one feed of N items on 127.0.0.1 whose
pages come after a delay, or stream slowly, built from the bundled replay's real pages.

Runs in a thread of the test process (stdlib ThreadingHTTPServer); every page is a real
news page of the demo replay with its own title, so each one is a distinct article."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

REPLAY = Path(__file__).resolve().parents[2] / "monitor" / "demo" / "replay" / "articles"


@dataclass
class SlowWeb:
    items: int = 20
    page_delay: float = 0.0  # seconds before a page's answer
    stream_seconds: float = 0.0  # a page's body trickles out over this long
    feed_stream_seconds: float = 0.0  # the feed's own body trickles out over this long
    served: list[str] = field(default_factory=list)
    served_at: list[tuple[float, str]] = field(default_factory=list)  # (monotonic, path)
    port: int = 0
    big_page: bytes | None = None  # served as item 0 when set

    @property
    def feed_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.xml"

    def feed_requests_after(self, moment: float) -> list[float]:
        """When the feed was asked for after `moment` (monotonic)."""
        return [at for at, path in self.served_at if path == "/feed.xml" and at > moment]

    def feed(self) -> bytes:
        entries = []
        for i in range(self.items):
            link = f"http://127.0.0.1:{self.port}/a/{i}"
            entries.append(
                f"<item><title>Story {i}</title><link>{escape(link)}</link>"
                f"<guid>{escape(link)}</guid><description>Summary {i}</description>"
                f"<pubDate>Mon, 06 Oct 2025 10:{i % 60:02d}:00 GMT</pubDate></item>"
            )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>'
            f"<link>http://127.0.0.1:{self.port}/</link>{''.join(entries)}</channel></rss>"
        ).encode()

    def page(self, number: int) -> bytes:
        if number == 0 and self.big_page is not None:
            return self.big_page
        pages = sorted(REPLAY.glob("*.html"))
        html = pages[number % len(pages)].read_text(encoding="utf-8")
        return html.replace("<title>", f"<title>[{number}] ", 1).encode()


def _send(handler: BaseHTTPRequestHandler, body: bytes, content_type: str, spread: float) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if spread <= 0:
        handler.wfile.write(body)
        return
    steps = 20
    size = max(1, len(body) // steps)
    for start in range(0, len(body), size):
        handler.wfile.write(body[start : start + size])
        handler.wfile.flush()
        time.sleep(spread / steps)


@contextmanager
def slow_web(**options: object) -> Iterator[SlowWeb]:
    web = SlowWeb(**options)  # type: ignore[arg-type]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            web.served.append(self.path)
            web.served_at.append((time.monotonic(), self.path))
            try:
                if self.path == "/feed.xml":
                    _send(self, web.feed(), "application/rss+xml", web.feed_stream_seconds)
                elif self.path.startswith("/a/"):
                    time.sleep(web.page_delay)
                    body = web.page(int(self.path.rsplit("/", 1)[1]))
                    _send(self, body, "text/html; charset=utf-8", web.stream_seconds)
                else:
                    self.send_error(404)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (stopped): nothing to answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    web.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
